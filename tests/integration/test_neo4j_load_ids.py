"""Neo4j's batch write in two steps of one transaction (graphkit/stores/neo4j_store.py,
`Neo4jStore.write_batch`): the nodes, each statement returning the internal ids of the nodes it
wrote, then the edges between them matched by those ids. The graph is the one the statements by
key write, a replaced notice included; an edge whose end is not in the batch is still written;
and a failure, or a kill -9, between the two steps leaves nothing of the batch."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from graphkit.errors import StoreError
from graphkit.ingest import load_records
from graphkit.records import NoticeRecord
from graphkit.stores.base import Store
from loaders import records_to_graph
from loaders.graph import GraphBatch

pytestmark = [pytest.mark.neo4j, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture(autouse=True)
def _left_empty(neo4j_store: Any) -> Iterator[None]:
    """The session's server is left empty: a store holding notices without graphkit's record
    of it would be taken for one written by an earlier graphkit by the tests after these."""
    yield
    _empty(neo4j_store)


def _empty(store: Any) -> None:
    """Empty the store and give it graphkit's record again (`apply_schema` stamps a new store)."""
    store.clear()
    store.apply_schema()


def _graph(store: Any) -> tuple[dict[str, dict[str, dict[str, Any]]], list[list[Any]]]:
    """Every node's properties by label and id, and every edge (ends, type, properties)."""
    nodes = {
        label: {
            r[0]: r[1]
            for r in store.query(f"MATCH (n:{label}) RETURN n.id AS id, properties(n) AS p ORDER BY id").rows
        }
        for label in store.schema.nodes
    }
    edges = store.query(
        "MATCH (a)-[e]->(b) RETURN labels(a), a.id, type(e), labels(b), b.id, properties(e) "
        "ORDER BY a.id, type(e), b.id"
    ).rows
    return nodes, edges


def _by_key(store: Any) -> Any:
    """`store.write_batch` as the base store writes it: every statement by key, one list."""
    return functools.partial(Store.write_batch, store)


def _changed(rec: NoticeRecord) -> NoticeRecord:
    """`rec` read again with another measure text: the same source, another notice id."""
    new = rec.model_copy(deep=True)
    new.id = rec.id + "-v2"
    leaf = new.issues[0]
    while not leaf.measures and leaf.children:
        leaf = leaf.children[0]
    leaf.measures[0].text += "（已改）"
    return new


def test_a_load_writes_the_graph_of_the_statements_by_key(  # type: ignore[no-untyped-def]
    neo4j_store, two_records: list[NoticeRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = [_changed(two_records[0])]
    load_records(neo4j_store, two_records, pipeline=False)
    first = _graph(neo4j_store)
    summary = load_records(neo4j_store, changed, pipeline=False)
    assert summary.replaced == 1
    replaced = _graph(neo4j_store)

    _empty(neo4j_store)
    monkeypatch.setattr(neo4j_store, "write_batch", _by_key(neo4j_store))
    load_records(neo4j_store, two_records, pipeline=False)
    assert _graph(neo4j_store) == first
    load_records(neo4j_store, changed, pipeline=False)
    assert _graph(neo4j_store) == replaced
    assert sum(len(v) for v in first[0].values()) > 20 and len(first[1]) > 20


def test_edges_between_the_batch_nodes_are_matched_by_node_id(  # type: ignore[no-untyped-def]
    neo4j_store, two_records: list[NoticeRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    import neo4j

    sent: list[str] = []
    run = neo4j.ManagedTransaction.run

    def spy(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(query)
        return run(self, query, *args, **kwargs)

    monkeypatch.setattr(neo4j.ManagedTransaction, "run", spy)
    g = records_to_graph(two_records)
    neo4j_store.write_batch(g, [])
    edge_statements = [q for q in sent if "]->(b)" in q]
    assert len(edge_statements) == len(g.edges)
    assert all("WHERE id(a) = r[0]" in q for q in edge_statements)
    with neo4j_store._driver.session() as s:
        plan = s.run("EXPLAIN " + edge_statements[0], rows=[]).consume().plan
    ops: list[str] = []
    stack = [plan]
    while stack:
        op = stack.pop()
        ops.append(str(op["operatorType"]).split("@")[0])
        stack.extend(op.get("children", []))
    assert "NodeByIdSeek" in ops and not any("IndexSeek" in op for op in ops), ops


def test_an_edge_whose_end_is_outside_the_batch_is_matched_by_key(  # type: ignore[no-untyped-def]
    neo4j_store, two_records: list[NoticeRecord]
) -> None:
    neo4j_store.write_batch(records_to_graph(two_records), [])
    measures = sorted(neo4j_store.query("MATCH (m:Measure) RETURN m.id").rows)[:3]
    family = GraphBatch()
    family.nodes["MeasureTemplate"]["t-1"] = {
        "id": "t-1",
        "kind": "measure",
        "text": "建立长效机制",
        "size": 3,
    }
    for (mid,) in measures:
        family.edges[("INSTANCE_OF", "Measure", "MeasureTemplate")][(mid, "t-1")] = {
            "src": mid,
            "dst": "t-1",
            "text": f"文本{mid}",
        }
    neo4j_store.write_batch(family, [], all_new=True)
    res = neo4j_store.query(
        "MATCH (m:Measure)-[e:INSTANCE_OF]->(t:MeasureTemplate {id: 't-1'}) RETURN m.id, e.text ORDER BY m.id"
    )
    assert res.rows == [[mid, f"文本{mid}"] for (mid,) in measures]


def test_a_failure_among_the_edges_rolls_the_nodes_back(  # type: ignore[no-untyped-def]
    neo4j_store, two_records: list[NoticeRecord]
) -> None:
    g = records_to_graph(two_records)
    a, b = sorted(g.nodes["Measure"])[:2]
    # a map is no property value: the server refuses it while writing the edges, after the nodes
    g.edges[("SIMILAR_TO", "Measure", "Measure")][(a, b)] = {"src": a, "dst": b, "score": {"no": 1}}
    with pytest.raises(StoreError):
        neo4j_store.write_batch(g, [])
    assert sum(neo4j_store.counts()["nodes"].values()) == 0
    assert sum(neo4j_store.counts()["edges"].values()) == 0


# A load killed (SIGKILL) once the nodes' ids are read, as the first edge statement is sent.
KILLED_BETWEEN_STEPS = """
import os, signal, sys
import neo4j
from graphkit.ingest import load_records
from graphkit.stores.neo4j_store import Neo4jStore
from graphkit.records import iter_jsonl

run = neo4j.ManagedTransaction.run

def killing(self, query, *args, **kwargs):
    if "WHERE id(a) = r[0]" in query:
        os.kill(os.getpid(), signal.SIGKILL)
    return run(self, query, *args, **kwargs)

neo4j.ManagedTransaction.run = killing
store = Neo4jStore(sys.argv[1], sys.argv[2], sys.argv[3])
load_records(store, [rec for _, rec in iter_jsonl(sys.argv[4])], pipeline=False)
"""


def test_a_load_killed_between_nodes_and_edges_leaves_nothing_and_runs_again(  # type: ignore[no-untyped-def]
    neo4j_store, neo4j_settings: dict[str, str], two_records: list[NoticeRecord], tmp_path
) -> None:
    load_records(neo4j_store, two_records, pipeline=False)
    clean = _graph(neo4j_store)
    _empty(neo4j_store)
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in two_records), encoding="utf-8")
    creds = [neo4j_settings["uri"], neo4j_settings["user"], neo4j_settings["password"]]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BETWEEN_STEPS, *creds, str(path)],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert sum(neo4j_store.counts()["nodes"].values()) == 0
    load_records(neo4j_store, two_records, pipeline=False)
    assert _graph(neo4j_store) == clean


def test_the_driver_encodes_in_rust() -> None:
    # neo4j-rust-ext (pyproject.toml): the rows of a load are encoded by the Rust extension
    from neo4j._codec.packstream import v1

    assert v1._rust_pack is not None and v1._rust_unpack is not None
