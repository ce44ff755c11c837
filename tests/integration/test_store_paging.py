"""The store's paging reads, on both stores: `node_page` (keyset pages of one label) and
`edge_rows` (one edge type for a page of ids), whose Cypher the store writes from the schema."""

from __future__ import annotations

import pytest

from graphkit.ingest import load_records
from graphkit.records import NoticeRecord
from graphkit.stores.base import Store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_node_pages_follow_the_ids_and_carry_every_schema_property(
    store: Store, two_records: list[NoticeRecord]
) -> None:
    load_records(store, two_records)
    props = list(store.schema.nodes["Measure"].properties)
    expected = store.query("MATCH (n:Measure) RETURN n.id AS id ORDER BY id").rows
    pages, after = [], ""
    while page := store.node_page("Measure", after, 3):
        assert len(page) <= 3
        pages.append(page)
        after = page[-1]["id"]
    rows = [r for p in pages for r in p]
    assert [r["id"] for r in rows] == [r[0] for r in expected]
    assert all(list(r) == props for r in rows)
    assert store.node_page("Measure", rows[-1]["id"], 3) == []


def test_edge_rows_by_either_end_with_end_properties(store: Store, two_records: list[NoticeRecord]) -> None:
    load_records(store, two_records)
    persons = store.query("MATCH (p:Person)-[:HOLDS]->(:Role) RETURN DISTINCT p.id AS id ORDER BY id").rows
    assert persons
    ids = [r[0] for r in persons]
    extra = {"unit": ("a", "unit_id"), "role": ("b", "role")}
    rows = store.edge_rows("HOLDS", "Person", "Role", ids, by="a", extra=extra)
    expected = store.query(
        "MATCH (a:Person)-[:HOLDS]->(b:Role) WHERE a.id IN $ids "
        "RETURN a.id, b.id, a.unit_id, b.role ORDER BY a.id, b.id",
        {"ids": ids},
    ).rows
    assert [(s, d, p) for s, d, p in rows] == [(s, d, {"unit": u, "role": r}) for s, d, u, r in expected]
    roles = [d for _, d, _ in rows]
    by_b = store.edge_rows("HOLDS", "Person", "Role", roles, by="b")
    assert sorted((s, d) for s, d, _ in by_b) == sorted((s, d) for s, d, _ in rows)
    assert all(p == {} for _, _, p in by_b)


def test_edge_rows_carry_the_edge_properties(store: Store, two_records: list[NoticeRecord]) -> None:
    load_records(store, two_records)
    ids = [r[0] for r in store.query("MATCH (m:Measure) RETURN m.id AS id ORDER BY id").rows]
    rows = store.edge_rows("ADDRESSES", "Measure", "Issue", ids)
    assert rows and [(s, d) for s, d, _ in rows] == sorted((s, d) for s, d, _ in rows)
    assert all(list(p) == list(store.schema.edges["ADDRESSES"].properties) for _, _, p in rows)


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.node_page("Nope", "", 10),
        lambda s: s.node_page("Unit) DETACH DELETE (n", "", 10),
        lambda s: s.edge_rows("HOLDS", "Unit", "Role", []),
        lambda s: s.edge_rows("NOPE", "Person", "Role", []),
        lambda s: s.edge_rows("HOLDS", "Person", "Role", [], by="c"),
        lambda s: s.edge_rows("HOLDS", "Person", "Role", [], extra={"x": ("a", "role")}),
        lambda s: s.edge_rows("HOLDS", "Person", "Role", [], extra={"x": ("b", "id) RETURN 1 //")}),
    ],
    ids=["label", "label-text", "pair", "type", "side", "end-property", "property-text"],
)
def test_names_outside_the_schema_are_refused_before_any_cypher(embedded_store: Store, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        call(embedded_store)
