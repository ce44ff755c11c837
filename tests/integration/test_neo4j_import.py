"""`graphkit neo4j import`: a first load through Neo4j's offline importer leaves the graph a
transactional load of the same inputs leaves (every node and edge with its properties, the
families included), and refuses, in one line, a database that holds data.

The importer needs its server stopped, so the import runs against a Neo4j of this module's own
(tests/integration/private_neo4j.py); the transactional load runs on the session's server.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from private_neo4j import private_home

from graphkit import neo4j_server, service
from graphkit.records import NoticeRecord
from graphkit.stores.neo4j_store import Neo4jStore
from graphkit.testing import synth

pytestmark = pytest.mark.neo4j

SAMPLES = Path(__file__).resolve().parents[2] / "graphkit" / "samples"


@pytest.fixture(scope="module")
def private(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A GRAPHKIT_HOME of this module's own (its server stopped at the end)."""
    import os

    if os.environ.get("GRAPHKIT_TEST_NEO4J_URI"):
        pytest.skip("GRAPHKIT_TEST_NEO4J_URI is set: the importer needs a local server it may stop")
    with private_home(tmp_path_factory.mktemp("import-home")) as env:
        yield env


def _import(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`graphkit neo4j import …` in a process of its own, pointed at the private home."""
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", "neo4j", "import", "--home", env["GRAPHKIT_HOME"], *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _private_store() -> Neo4jStore:
    st = neo4j_server.status()
    return Neo4jStore(st.uri, neo4j_server.USER, neo4j_server.DEFAULT_PASSWORD)


def _wipe_private_database() -> None:
    """Stop the private server and remove its database: empty again for the next import."""
    neo4j_server.stop()
    data = neo4j_server.neo4j_home() / "data"
    for sub in ("databases", "transactions"):
        shutil.rmtree(data / sub / "neo4j", ignore_errors=True)


def _graph(store: Neo4jStore) -> tuple[list[str], list[str]]:
    """Every node (label, properties) and edge (type, ends, properties), as sorted JSON lines;
    graphkit's own record of the store left out."""
    nodes = store.query("MATCH (n) WHERE NOT n:GraphkitState RETURN labels(n), properties(n)").rows
    edges = store.query(
        "MATCH (a)-[e]->(b) RETURN type(e), labels(a), a.id, labels(b), b.id, properties(e)"
    ).rows
    return sorted(_dump(r) for r in nodes), sorted(_dump(r) for r in edges)


def _dump(row: list[Any]) -> str:
    """A row as JSON, each list property sorted: the families' writer lists a template's units
    (`unit_ids`) in the order detection met them, which follows how the store hands out its
    measures, and that differs between an imported and a transactionally written store."""
    props = {k: sorted(v) if isinstance(v, list) else v for k, v in row[-1].items()}
    return json.dumps([*row[:-1], props], sort_keys=True, ensure_ascii=False)


def _state(store: Neo4jStore) -> tuple[Any, ...]:
    from graphkit.stores.state import read_state

    s = read_state(store)
    return (s.store_format, s.load_state, s.families_current)


def _same_as_transactional(neo4j_store: Any, loaded: Any) -> None:
    """The private server's graph equals the session's after `loaded` ran there."""
    assert loaded.summary.written
    want_counts = neo4j_store.counts()
    want = _graph(neo4j_store)
    with _private_store() as got_store:
        assert got_store.counts() == want_counts
        got = _graph(got_store)
        assert _state(got_store) == _state(neo4j_store)
        assert service.stats(got_store).warning is None
    for kind, g, w in (("nodes", got[0], want[0]), ("edges", got[1], want[1])):
        only_import, only_load = sorted(set(g) - set(w)), sorted(set(w) - set(g))
        assert not only_import and not only_load, (kind, only_import[:3], only_load[:3])
        assert g == w
    assert want_counts["nodes"]["MeasureTemplate"] > 0  # families were detected on both


def test_import_of_the_samples_equals_ingest_then_a_second_import_is_refused(
    private: dict[str, str], neo4j_store: Any
) -> None:
    loaded = service.ingest(neo4j_store, [str(SAMPLES)])
    proc = _import(private, str(SAMPLES))
    assert proc.returncode == 0, proc.stderr
    assert "neo4j import: 3 notices (3 written" in proc.stdout
    _same_as_transactional(neo4j_store, loaded)

    with _private_store() as store:
        before = _graph(store)
    again = _import(private, str(SAMPLES))
    assert again.returncode == 2
    lines = again.stderr.strip().splitlines()
    assert len(lines) == 1 and "not empty" in lines[0] and "Traceback" not in again.stderr, again.stderr
    assert neo4j_server.is_running()
    with _private_store() as store:
        assert _graph(store) == before


def test_import_of_generated_records_equals_load(
    private: dict[str, str], neo4j_store: Any, tmp_path: Path
) -> None:
    corpus = synth.generate(n_units=30, n_families=25, seed=11)
    records: list[NoticeRecord] = corpus.records
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    loaded = service.load(neo4j_store, [path])
    _wipe_private_database()
    # small batches: shared nodes (units, persons) reach several batches, the last one's row wins
    proc = _import(private, "--records", "--batch", "7", str(path))
    assert proc.returncode == 0, proc.stderr
    _same_as_transactional(neo4j_store, loaded)


def test_another_server_is_refused_in_one_line(private: dict[str, str]) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphkit.cli.app",
            "--neo4j-uri",
            "bolt://127.0.0.1:1",
            "neo4j",
            "import",
            str(SAMPLES),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "only graphkit's local Neo4j" in lines[0], proc.stderr
