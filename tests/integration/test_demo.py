"""`graphkit demo`, the README's first command: the bundled samples into a fresh store, and what it
prints — the samples' units, the recycled-measure families found, who leads the rectification."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from graphkit import service
from graphkit.stores.base import Store

# Opening words of planted families (graphkit/samples/README.md) and the samples' leaders.
PLANTED_ACROSS_UNITS = ["完善理论学习制度", "开展农村集体", "紧盯元旦", "严格执行干部选拔任用"]
LEADERS = [("东河县委", "组长", "周立衡"), ("西山区委", "组长", "严书楷")]


def graphkit(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "1000", **env},  # no wrapping: one row, one line
        timeout=600,
    )


def demo(db: Path) -> subprocess.CompletedProcess[str]:
    return graphkit("--db", str(db), "demo")


def test_demo_prints_units_families_and_leaders(tmp_path: Path) -> None:
    db = tmp_path / "db"
    res = demo(db)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stdout.splitlines()

    # what went where: three notices of two units into the store named by --db
    head = lines[0]
    assert head.startswith(f"3 sample notices → embedded ({db}): 3 Notice, 2 Unit, ")
    assert re.search(r"\b\d+ MeasureTemplate\b", head)

    # the families line adds up, and names each kind/scope it found
    m = re.fullmatch(r"recycled-measure families: (\d+) \((.*)\)", lines[1])
    assert m, lines[1]
    parts = {key: int(n) for n, key in (p.split(" ", 1) for p in m.group(2).split(", "))}
    assert sum(parts.values()) == int(m.group(1)) > 0
    assert {"measure/across-units", "measure/across-notices", "measure/within-unit"} <= set(parts)

    out = res.stdout
    assert "recycled measures (all scopes)" in out
    for words in PLANTED_ACROSS_UNITS:
        row = next(ln for ln in lines if words in ln)
        assert "across-units" in row and "东河县委、西山区委" in row
    assert "who leads the rectification" in out
    for unit, role, person in LEADERS:
        assert any(unit in ln and role in ln and person in ln for ln in lines), (unit, role, person)
    assert lines[-1].startswith(f"next: graphkit --db {db} query list")


def test_demo_twice_shows_the_same_graph(tmp_path: Path) -> None:
    """A second demo on the same store changes nothing and still shows the families."""
    db = tmp_path / "db"
    first, again = demo(db), demo(db)
    assert first.returncode == again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_demo_keeps_out_of_the_users_store(tmp_path: Path) -> None:
    """GRAPHKIT_DB and GRAPHKIT_STORE name the user's store: the fictional sample units stay out of
    it. Without --db or --store the demo uses its own store, and says where it is."""
    user_db = tmp_path / "user-db"
    with socket.socket() as s:  # a Neo4j address nothing answers at: the demo must not dial it
        s.bind(("127.0.0.1", 0))
        nowhere = f"bolt://127.0.0.1:{s.getsockname()[1]}"
    env = {"GRAPHKIT_DB": str(user_db), "GRAPHKIT_STORE": "neo4j", "GRAPHKIT_NEO4J_URI": nowhere}
    res = graphkit("demo", cwd=tmp_path, **env)
    assert res.returncode == 0, res.stderr
    assert not user_db.exists()
    own = Path(".graphkit") / "demo"
    lines = res.stdout.splitlines()
    assert lines[0].startswith(f"3 sample notices → embedded ({own}): 3 Notice, 2 Unit, ")
    assert (tmp_path / own).is_dir()

    # the next steps name the demo's store, and reach it
    assert lines[-1].startswith(f"next: graphkit --store embedded --db {own} query list · ")
    again = graphkit(
        "--store", "embedded", "--db", str(own), "stats", "--format", "json", cwd=tmp_path, **env
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["nodes"]["Unit"] == 2
    assert not user_db.exists()


def test_demo_function_on_each_store(store: Store) -> None:
    """The service's demo, on the embedded store and on Neo4j: the same answer."""
    result = service.demo(store)
    assert not result.ingest.errors and not result.ingest.failed
    assert result.ingest.summary.notices == 3
    assert result.ingest.families is not None and result.ingest.families.total() > 0
    assert (result.stats.nodes["Notice"], result.stats.nodes["Unit"]) == (3, 2)
    units = {u for f in result.families for u in f.units}
    assert units == {"东河县委", "西山区委"}
    assert {f.scope for f in result.families} == {"across-units", "within-unit", "across-notices"}
    assert {(x.unit, x.role, x.person) for x in result.leaders} >= set(LEADERS)
    assert {x.role for x in result.leaders} <= set(service.LEADING_ROLES)
