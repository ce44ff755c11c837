"""`graphkit query …` and `graphkit cypher …` on a real store: answers, and bad input refused.

Every bad input — unknown template, unknown or missing parameter, a value of the wrong type, a
Cypher syntax error, a write without --write, a query past its time limit — must give one line
on stderr, exit code 2, and leave the graph exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from template_data import build
from typer.testing import CliRunner

from graphkit.cli.app import app

runner = CliRunner()


class Target:
    """CLI flags that select one store, and a way to count its nodes and edges."""

    def __init__(self, name: str, flags: list[str], counts: Callable[[], dict[str, Any]]) -> None:
        self.name, self.flags, self.counts = name, flags, counts

    def invoke(self, *args: str) -> Any:
        return runner.invoke(app, [*self.flags, *args])


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    if request.param == "embedded":
        from graphkit.stores.embedded_store import EmbeddedStore

        folder = tmp_path / "db"
        with EmbeddedStore(folder) as s:
            build(s)

        def counts() -> dict[str, Any]:
            with EmbeddedStore(folder, read_only=True) as s:
                return s.counts()

        yield Target("embedded", ["--store", "embedded", "--db", str(folder)], counts)
    else:
        store = request.getfixturevalue("neo4j_store")
        settings = request.getfixturevalue("neo4j_settings")
        build(store)
        flags = ["--store", "neo4j", "--neo4j-uri", settings["uri"], "--neo4j-user", settings["user"]]
        flags += ["--neo4j-password", settings["password"]]
        yield Target("neo4j", flags, store.counts)


def _one_error_line(res: Any, *fragments: str) -> None:
    assert res.exit_code == 2, (res.exit_code, res.stdout, res.stderr)
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: ")
    for f in fragments:
        assert f in lines[0], lines[0]
    assert "Traceback" not in res.stdout + res.stderr


def test_run_template_formats(target: Target) -> None:
    res = target.invoke("query", "run", "units/profile", "-p", "unit=东河县委", "--format", "json")
    assert res.exit_code == 0, res.stderr
    (row,) = json.loads(res.stdout)
    assert (row["unit"], row["measures"], row["done"]) == ("东河县委", 6, 3)

    res = target.invoke("query", "run", "units/status_shares", "-f", "csv")
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["unit"] for r in rows] == ["东河县委", "省商务厅党组", "西山区委"]
    assert rows[0]["measures"] == "6"

    res = target.invoke("query", "run", "roles/leader_not_top")
    assert res.exit_code == 0 and "区委副书记、区长" in res.stdout


def test_list_and_show() -> None:
    res = runner.invoke(app, ["query", "list", "--format", "json"])
    assert res.exit_code == 0
    names = [t["name"] for t in json.loads(res.stdout)]
    assert "units/profile" in names and "measures/overdue" in names
    res = runner.invoke(app, ["query", "show", "measures/overdue"])
    assert res.exit_code == 0 and res.stdout.startswith("// name: measures/overdue")
    _one_error_line(runner.invoke(app, ["query", "show", "nope/nothing"]), "unknown template")
    _one_error_line(runner.invoke(app, ["query", "list", "--format", "xml"]), "unknown format")


def test_adhoc_cypher_reads(target: Target) -> None:
    res = target.invoke(
        "cypher",
        "MATCH (u:Unit) WHERE u.name = $n RETURN u.name AS n, $k AS k",
        "-p",
        "n=西山区委",
        "-p",
        "k=3",
        "-f",
        "json",
    )
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout) == [{"n": "西山区委", "k": 3}]


BAD: list[tuple[list[str], tuple[str, ...]]] = [
    (["query", "run", "units/profil", "-p", "unit=x"], ("unknown template", "did you mean units/profile")),
    (["query", "run", "units/profile", "-p", "unit=x", "-p", "lim=3"], ("unknown parameter 'lim'",)),
    (["query", "run", "units/profile"], ("missing parameter unit",)),
    (["query", "run", "roles/leaders", "-p", "limit=many"], ("expected an integer",)),
    (["query", "run", "roles/leaders", "-p", "limit"], ("write -p name=value",)),
    (["query", "run", "roles/leaders", "--format", "xml"], ("unknown format",)),
    (["cypher", "MATCH (u:Unit RETURN u"], ()),
    (["cypher", "MATCH (u:Unit) RETURN u.nosuchfunction(1)"], ()),
    (["cypher", "CREATE (:Unit {id: 'u-new', name: '新单位'})"], ("--write",)),
    (["cypher", "MATCH (u:Unit) SET u.name = 'renamed'"], ("--write",)),
    (["cypher", "MATCH (m:Measure) DETACH DELETE m"], ("--write",)),
    (["cypher", "MERGE (d:Document {id: 'd-new'})"], ("--write",)),
    (
        [
            "cypher",
            "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x, y "
            "WHERE (x * y) % 7 = 3 RETURN count(*) AS c",
            "--timeout",
            "0.5",
        ],
        ("time limit",),
    ),
    (["cypher", "   "], ("empty query",)),
]


@pytest.mark.parametrize(("args", "fragments"), BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    target: Target, args: list[str], fragments: tuple[str, ...]
) -> None:
    before = target.counts()
    _one_error_line(target.invoke(*args), *fragments)
    assert target.counts() == before


def test_write_with_the_flag_writes(target: Target) -> None:
    before = target.counts()
    res = target.invoke(
        "cypher", "--write", "CREATE (d:Document {id: 'd-new', title: '新文件'}) RETURN d.title AS t"
    )
    assert res.exit_code == 0, res.stderr
    after = target.counts()
    assert after["nodes"]["Document"] == before["nodes"]["Document"] + 1
