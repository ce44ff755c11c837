"""graphkit.open, the notebook API: on the bundled samples in an embedded store (and Neo4j), its
DataFrames hold what the CLI's --format json prints, for templates, families, ad-hoc Cypher and
compare; `import graphkit` stays light and a missing pandas is one clear line."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import graphkit
from graphkit import service
from graphkit.api import PandasMissing
from graphkit.cli.app import app
from graphkit.config import Settings
from graphkit.errors import GraphkitError, QueryError, StoreError
from graphkit.paths import samples_dir
from graphkit.stores.base import Store

pd = pytest.importorskip("pandas")  # the [pandas] extra; in the dev extra, so CI has it

SAMPLES = str(samples_dir())


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("api") / "db"
    with service.open_store(Settings(store="embedded", db=db)) as store:
        service.ingest(store, [SAMPLES])
    return db


def cli_json(db: Path, *args: str) -> Any:
    done = CliRunner().invoke(app, ["--store", "embedded", "--db", str(db), *args])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def rows(frame: Any) -> list[dict[str, Any]]:
    """A DataFrame's rows as JSON would hold them (pandas' NaN for a missing value → None)."""

    def plain(v: Any) -> Any:
        return None if isinstance(v, float) and math.isnan(v) else v

    return [{k: plain(v) for k, v in r.items()} for r in frame.to_dict("records")]


def test_a_template_gives_what_the_cli_prints(samples_db: Path) -> None:
    with graphkit.open(db=samples_db) as g:
        profile = g.query("units/profile", unit="东河县委")
        spread = g.query("recycled/families_by_spread", limit=5)
    assert isinstance(profile, pd.DataFrame) and len(profile) == 1
    assert rows(profile) == cli_json(
        samples_db, "query", "run", "units/profile", "-p", "unit=东河县委", "-f", "json"
    )
    assert rows(spread) == cli_json(
        samples_db, "query", "run", "recycled/families_by_spread", "-p", "limit=5", "-f", "json"
    )
    assert profile.loc[0, "unit"] == "东河县委" and int(profile.loc[0, "notices"]) == 2


def test_families_give_what_the_cli_prints(samples_db: Path) -> None:
    with graphkit.open(db=samples_db) as g:
        across = g.families(limit=50)
        everything = g.families(scope="all")
        documents = g.families(kind="document", scope="all", min_units=2)
    assert list(across.columns) == ["id", "kind", "scope", "text", "units", "size", "measures"]
    assert len(across) > 0 and rows(across) == cli_json(samples_db, "recycled", "--format", "json")
    assert rows(everything) == cli_json(
        samples_db, "recycled", "--scope", "all", "--limit", "0", "--format", "json"
    )
    assert len(everything) > len(across)
    assert rows(documents) == cli_json(
        samples_db, "recycled", "--kind", "document", "--scope", "all", "--min-units", "2", "--format", "json"
    )


def test_cypher_notices_and_compare(samples_db: Path) -> None:
    text = "MATCH (u:Unit) RETURN u.name AS unit, u AS node ORDER BY unit"
    with graphkit.open(db=samples_db) as g:
        units = g.cypher(text)
        counted = g.cypher("MATCH (m:Measure) WHERE m.notice_id = $n RETURN count(m) AS n", n="x")
        measures = g.cypher("MATCH (m:Measure) RETURN count(m) AS n")
        notices = g.notices()
        comparison = g.compare(unit="东河县委")
        by_name = g.compare("sample-donghe-county-2023.txt", "sample-donghe-county-2024-huitoukan.txt")
    assert rows(units) == cli_json(samples_db, "cypher", text, "-f", "json")
    assert units["node"][0]["label"] == "Unit"
    assert rows(counted) == [{"n": 0}]
    assert list(notices.columns) == ["id", "unit", "title", "published", "source", "issues", "measures"]
    assert sorted(notices["unit"]) == ["东河县委", "东河县委", "西山区委"]
    assert sorted(notices["published"]) == ["2023-11-30", "2023-12-08", "2024-12-10"]
    assert int(notices["measures"].sum()) == int(measures["n"][0]) == 19 + 11 + 18
    assert (
        comparison.as_dict()
        == by_name.as_dict()
        == cli_json(samples_db, "compare", "--unit", "东河县委", "-f", "json")
    )


def test_mistakes_are_graphkit_errors(samples_db: Path, tmp_path: Path) -> None:
    with graphkit.open(db=samples_db) as g:
        with pytest.raises(QueryError, match="closest: 东河县委"):
            g.query("units/profile", unit="东河")
        with pytest.raises(QueryError, match="writes"):
            g.cypher("MATCH (u:Unit) SET u.name = 'x'")
        with pytest.raises(QueryError, match="give two notices"):
            g.compare("sample-donghe-county-2023.txt")
    with pytest.raises(StoreError, match="unknown store"):
        graphkit.open(store="sqlite")
    with pytest.raises(StoreError):
        graphkit.open(db=tmp_path / "nothing-here")


def test_import_graphkit_is_light_and_a_missing_pandas_is_one_line(samples_db: Path) -> None:
    light = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, graphkit; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('graphkit', 'pandas', 'neo4j', 'ladybug', 'typer', 'rich')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert light.stdout.strip() == "['graphkit']"
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import graphkit\n"
        f"g = graphkit.open(db={str(samples_db)!r})\n"
        "try:\n"
        "    g.notices()\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, '|', e)\n"
        "finally:\n"
        "    g.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == (
        "PandasMissing | pandas is not installed: pip install 'graphkit[pandas]' (or pandas) for DataFrames"
    )
    assert issubclass(PandasMissing, GraphkitError) and issubclass(PandasMissing, ImportError)


@pytest.mark.neo4j
def test_neo4j_through_the_api_gives_the_embedded_answers(
    samples_db: Path, neo4j_store: Store, neo4j_settings: dict[str, str]
) -> None:
    service.ingest(neo4j_store, [SAMPLES])
    kwargs = {
        "uri": neo4j_settings["uri"],
        "user": neo4j_settings["user"],
        "password": neo4j_settings["password"],
    }
    with graphkit.open(store="neo4j", **kwargs) as g, graphkit.open(db=samples_db) as e:
        assert rows(g.families(scope="all")) == rows(e.families(scope="all"))
        assert rows(g.query("units/profile", unit="西山区委")) == rows(
            e.query("units/profile", unit="西山区委")
        )
        assert rows(g.notices()) == rows(e.notices())
        assert g.compare(unit="东河县委").as_dict() == e.compare(unit="东河县委").as_dict()
