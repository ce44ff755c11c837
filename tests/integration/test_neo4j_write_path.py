"""Neo4j's write path (graphkit/stores/neo4j_store.py): rows sent as lists in the schema's
property order, statements sent without waiting for each one's end. The same graph as the
shared statements, and a failure anywhere in a batch still rolls the whole batch back."""

from __future__ import annotations

import pytest

from graphkit.errors import StoreError
from graphkit.records import NoticeRecord
from loaders import records_to_graph
from loaders.graph import GraphBatch

pytestmark = [pytest.mark.neo4j, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def _props(store, label: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    res = store.query(f"MATCH (n:{label}) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    return {r[0]: r[1] for r in res.rows}


def test_a_failure_before_the_last_statement_rolls_the_batch_back(  # type: ignore[no-untyped-def]
    neo4j_store, two_records: list[NoticeRecord]
) -> None:
    g = records_to_graph(two_records)
    stmts = neo4j_store.write_statements(g, [])
    assert len(stmts) > 3
    # fails at run time (a division by zero), with statements after it still to send
    bad = ("UNWIND [0] AS z CREATE (:Unit {id: 'boom', name: toString(1 / z)})", {})
    with pytest.raises(StoreError):
        neo4j_store.run_transaction([*stmts[:2], bad, *stmts[2:]])
    assert sum(neo4j_store.counts()["nodes"].values()) == 0
    assert sum(neo4j_store.counts()["edges"].values()) == 0


def test_list_rows_write_what_the_shared_statements_write(  # type: ignore[no-untyped-def]
    neo4j_store, two_records: list[NoticeRecord]
) -> None:
    g = records_to_graph(two_records)
    neo4j_store.run_transaction(neo4j_store.write_statements(g, []))
    ours = {label: _props(neo4j_store, label) for label in g.nodes}
    ours_counts = neo4j_store.counts()
    edges = neo4j_store.query(
        "MATCH (a)-[e]->(b) RETURN a.id, type(e), b.id, properties(e) ORDER BY a.id, type(e), b.id"
    ).rows
    neo4j_store.clear()
    # the shared statements of graphkit.stores.base.Store, rows as maps
    from graphkit.stores.base import Store

    neo4j_store.run_transaction(Store.write_statements(neo4j_store, g, []))
    assert {label: _props(neo4j_store, label) for label in g.nodes} == ours
    assert neo4j_store.counts() == ours_counts
    assert (
        neo4j_store.query(
            "MATCH (a)-[e]->(b) RETURN a.id, type(e), b.id, properties(e) ORDER BY a.id, type(e), b.id"
        ).rows
        == edges
    )


def test_a_shared_node_written_again_loses_a_property_its_row_lacks(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    first, second = GraphBatch(), GraphBatch()
    first.nodes["Unit"]["u-1"] = {"id": "u-1", "name": "东河县委", "province": "辽宁省"}
    second.nodes["Unit"]["u-1"] = {"id": "u-1", "name": "东河县委"}
    neo4j_store.run_transaction(neo4j_store.write_statements(first, []))
    assert _props(neo4j_store, "Unit") == {"u-1": {"id": "u-1", "name": "东河县委", "province": "辽宁省"}}
    neo4j_store.run_transaction(neo4j_store.write_statements(second, []))
    assert _props(neo4j_store, "Unit") == {"u-1": {"id": "u-1", "name": "东河县委"}}
