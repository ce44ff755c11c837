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
            current(s)

        def counts() -> dict[str, Any]:
            with EmbeddedStore(folder, read_only=True) as s:
                return s.counts()

        yield Target("embedded", ["--store", "embedded", "--db", str(folder)], counts)
    else:
        store = request.getfixturevalue("neo4j_store")
        settings = request.getfixturevalue("neo4j_settings")
        build(store)
        current(store)
        flags = ["--store", "neo4j", "--neo4j-uri", settings["uri"], "--neo4j-user", settings["user"]]
        flags += ["--neo4j-password", settings["password"]]
        yield Target("neo4j", flags, store.counts)


def current(store: Any) -> None:
    """Say the store is in this graphkit's format with its families current, as a load does
    (`build` writes its batches directly; a store without the record reads as an older one)."""
    from graphkit.stores import state

    state.write_state(store, state.idle(families_current=True))


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
    # no silent empties: a name the graph does not hold, a $param never given
    (["query", "run", "units/profile", "-p", "unit=东和县委"], ("no unit '东和县委'", "closest: 东河县委")),
    (["query", "run", "roles/leaders", "-p", "unit=西山区"], ("no unit '西山区'", "西山区委")),
    (["query", "run", "units/profile", "-p", "unit=zzz"], ("no unit 'zzz'", "none close")),
    (["cypher", "MATCH (u:Unit) WHERE u.name = $name RETURN u.name"], ("$name", "-p name=")),
    (["cypher", "MATCH (u:Unit) RETURN u.name, $a, $b", "-p", "a=1"], ("$b", "no value")),
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


def test_an_empty_unit_is_still_every_unit(target: Target) -> None:
    """`unit=''` is the templates' "any unit": not refused as a unit that does not exist."""
    res = target.invoke("query", "run", "roles/leaders", "-p", "unit=", "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert {r["unit"] for r in json.loads(res.stdout)} >= {"东河县委", "西山区委"}
    res = target.invoke("query", "run", "units/profile", "-p", "unit=中共东河县委", "-f", "json")
    assert res.exit_code == 0, res.stderr  # an alias is a known name


INTERNALS = ("_ID", "_LABEL", "offset", '"table"', "properties")


def test_graph_values_print_as_summaries(target: Target) -> None:
    """Nodes, relationships and paths in a table: label and name or key, never store internals;
    in JSON: objects with label, key and properties."""
    q = (
        "MATCH p = (u:Unit)-[r:TOOK]->(m:Measure) WHERE u.name = '东河县委' "
        "RETURN u, r, m, p ORDER BY m.id LIMIT 1"
    )
    res = target.invoke("cypher", q)
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    assert not [x for x in INTERNALS if x in out], out
    assert "Unit 东河县委" in out and "-TOOK->" in out and "Measure " in out
    assert out.rstrip().endswith("1 row")
    assert all(len(line) <= 80 for line in out.splitlines())
    res = target.invoke("cypher", q, "-f", "json")
    (row,) = json.loads(res.stdout)
    assert row["u"]["label"] == "Unit" and row["u"]["properties"]["name"] == "东河县委"
    assert row["r"]["type"] == "TOOK" and row["r"]["start"] == row["u"]["key"]
    assert [n["label"] for n in row["p"]["nodes"]] == ["Unit", "Measure"]
    res = target.invoke("cypher", q, "-f", "csv")
    (line,) = list(csv.DictReader(io.StringIO(res.stdout)))
    assert json.loads(line["u"])["key"] == row["u"]["key"]


def test_row_counts_in_english(target: Target) -> None:
    one = target.invoke("cypher", "MATCH (u:Unit) WHERE u.name = '东河县委' RETURN u.name AS n")
    assert one.exit_code == 0 and one.stdout.rstrip().endswith("1 row"), one.stdout
    many = target.invoke("cypher", "MATCH (u:Unit) RETURN u.name AS n")
    assert many.stdout.rstrip().endswith("3 rows"), many.stdout
    none = target.invoke("cypher", "MATCH (u:Unit) WHERE u.name = 'x' RETURN u.name AS n")
    assert none.stdout.rstrip().endswith("0 rows"), none.stdout


def test_viz_refuses_what_names_nothing(target: Target, tmp_path: Path) -> None:
    """The viz commands too: a unit that is not there, a $param never given — one line, exit 2."""
    out = str(tmp_path / "v.html")
    res = target.invoke("viz", "query", "graphs/unit_rectification", "-p", "unit=东和县委", "-o", out)
    _one_error_line(res, "no unit '东和县委'", "东河县委")
    res = target.invoke("viz", "cypher", "MATCH (u:Unit) WHERE u.name = $n RETURN u", "-o", out)
    _one_error_line(res, "$n")
    assert not Path(out).exists()
