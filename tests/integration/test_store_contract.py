"""One contract, both stores: same records → same counts; re-load changes nothing; a changed
record updates only what changed; a bad batch leaves nothing half-written; nodes, relationships
(with their ends) and paths come back as the same values."""

from __future__ import annotations

import copy
import json

import pytest

from graphkit.errors import StoreError
from graphkit.ingest import load_records
from graphkit.records import NoticeRecord
from graphkit.stores.values import GraphNode, GraphPath, GraphRel
from loaders import records_to_graph
from loaders.graph import GraphBatch

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _dump(store) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    out = {}
    for label in ("Notice", "Issue", "Measure", "Unit", "Role", "Document"):
        props = sorted(store.schema.nodes[label].properties)
        cols = ", ".join(f"n.{p} AS {p}" for p in props)
        res = store.query(f"MATCH (n:{label}) RETURN {cols} ORDER BY n.id")
        out[label] = {r["id"]: r for r in res.records()}
    return out


def test_counts_match_the_loader(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    load_records(store, two_records)
    expected = records_to_graph(two_records).counts()
    got = store.counts()
    assert {k: v for k, v in got["nodes"].items() if v} == expected["nodes"]
    assert {k: v for k, v in got["edges"].items() if v} == expected["edges"]
    res = store.query("MATCH (u:Unit) RETURN u.name AS name, u.aliases AS aliases")
    assert res.records() == [{"name": "东河县委", "aliases": ["中共东河县委", "中共东河县委员会"]}]


def test_reload_three_times_changes_nothing(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    load_records(store, two_records)
    first, dump = store.counts(), _dump(store)
    for _ in range(3):
        summary = load_records(store, two_records)
        assert summary.unchanged == 2 and summary.written == 0
    assert store.counts() == first
    assert _dump(store) == dump


def test_changed_measure_updates_only_that(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    load_records(store, two_records)
    before, counts = _dump(store), store.counts()
    changed = copy.deepcopy(two_records)
    changed[0].issues[0].children[0].measures[1].text = "组织县级领导干部参加专题读书班4期。"
    summary = load_records(store, changed)
    assert (summary.written, summary.replaced, summary.unchanged) == (1, 1, 1)
    after = _dump(store)
    assert store.counts() == counts
    for label in before:
        assert set(before[label]) == set(after[label]), label
    diff = [(lbl, k) for lbl in before for k in before[lbl] if before[lbl][k] != after[lbl][k]]
    # the measure's text, and the notice's content hash
    assert sorted(lbl for lbl, _ in diff) == ["Measure", "Notice"]


def test_same_source_new_text_replaces_old_notice(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    load_records(store, two_records)
    newer = two_records[1].model_copy(deep=True)
    newer.id = "n-test-b-v2"
    newer.issues[0].measures.pop()
    load_records(store, [newer])
    res = store.query("MATCH (n:Notice) RETURN n.id AS id ORDER BY id")
    assert [r[0] for r in res.rows] == ["n-test-a", "n-test-b-v2"]
    expected = records_to_graph([two_records[0], newer]).counts()
    assert {k: v for k, v in store.counts()["nodes"].items() if v} == expected["nodes"]


def test_failed_batch_writes_nothing(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    load_records(store, two_records[:1])
    before = store.counts()
    g = records_to_graph(two_records[1:])
    stmts = store.write_statements(g, [])
    stmts.append(("MATCH (n:Notice) RETURN n.nonexistent_fn(1)", {}))  # fails inside the transaction
    with pytest.raises(StoreError):
        store.run_transaction(stmts)
    assert store.counts() == before


def test_pipelined_load_writes_what_a_sequential_load_writes(  # type: ignore[no-untyped-def]
    store, two_records: list[NoticeRecord], tmp_path
) -> None:
    """Batches built in a worker process (one notice per batch, so every batch but the first is
    built ahead) give the same graph as building here; a batch holding a notice stored unchanged
    is built again without it; a changed one replaces the stored one."""
    third = two_records[1].model_copy(deep=True)
    third.id, third.source = "n-test-c", "c.txt"
    third.issues[0].measures[0].text = "建立问题清单、任务清单、责任清单。"
    records = [*two_records, third]
    from graphkit.stores.embedded_store import EmbeddedStore

    reference = EmbeddedStore(tmp_path / "reference")
    load_records(reference, records, pipeline=False)
    summary = load_records(store, records, notices_per_batch=1, pipeline=True)
    assert (summary.written, summary.unchanged, summary.replaced) == (3, 0, 0)
    assert _dump(store) == _dump(reference) and store.counts() == reference.counts()

    changed = copy.deepcopy(records)
    changed[2].issues[0].measures[0].text = "建立问题清单、任务清单、责任清单和时限清单。"
    for target in (store, reference):
        summary = load_records(target, changed, notices_per_batch=1, pipeline=target is store)
        assert (summary.written, summary.unchanged, summary.replaced) == (1, 2, 1)
    assert _dump(store) == _dump(reference) and store.counts() == reference.counts()
    reference.close()


def test_bulk_rows_quoted_only_late_in_the_file_load(embedded_store) -> None:  # type: ignore[no-untyped-def]
    """LadybugDB sniffs a CSV's dialect from its first lines: when the first ~1 500 rows need no
    quotes, it read a later quoted field with a comma as two fields (found with the generated
    notice texts at 50k measures). The COPY names its dialect instead."""
    from loaders.graph import GraphBatch

    g = GraphBatch()
    rows = [f"第{i}号文件" for i in range(3000)] + [
        '根据省委统一部署,2019年5月25日至12月12日,"省委"巡视组进行了巡视。'
    ]
    for i, text in enumerate(rows):
        g.node(
            "MeasureTemplate",
            {
                "id": f"t{i}",
                "kind": "document",
                "scope": "across-units",
                "text": text,
                "size": 2,
                "n_units": 2,
            },
        )
    embedded_store.write_batch(g, [], all_new=True)
    res = embedded_store.query("MATCH (t:MeasureTemplate) WHERE t.id = 't3000' RETURN t.text, t.size")
    assert res.rows == [[rows[-1], 2]]


# -- graph values: one shape on both stores ---------------------------------------------------


def _expected_node(g: GraphBatch, label: str, key: str) -> GraphNode:
    props = {p: v for p, v in g.nodes[label][key].items() if v is not None}
    return GraphNode(label, key, props)


def _graph_of(two_records: list[NoticeRecord]) -> GraphBatch:
    from graphkit.ingest import build_batch

    g, _hashes = build_batch(two_records)  # as loaded: with what analysis adds (unit places)
    a, b = sorted(g.nodes["Measure"])[:2]
    g.edge("SIMILAR_TO", ("Measure", a), ("Measure", b), score=0.875, scope="across-units")
    return g


def _load_with_similar(store, two_records: list[NoticeRecord]) -> GraphBatch:  # type: ignore[no-untyped-def]
    load_records(store, two_records)
    g = _graph_of(two_records)
    extra = GraphBatch()
    for (src, dst), row in g.edges[("SIMILAR_TO", "Measure", "Measure")].items():
        extra.edge("SIMILAR_TO", ("Measure", src), ("Measure", dst), score=row["score"], scope=row["scope"])
    store.run_transaction(store.write_statements(extra, []))
    return g


def test_nodes_and_relationships_carry_their_ends(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    g = _load_with_similar(store, two_records)
    res = store.query("MATCH (u:Unit)-[r:TOOK]->(m:Measure) RETURN u, r, m ORDER BY m.id")
    took = sorted(g.edges[("TOOK", "Unit", "Measure")])
    assert len(res.rows) == len(took) > 0
    for (uid, mid), (u, r, m) in zip(took, res.rows, strict=True):
        assert u == _expected_node(g, "Unit", uid)
        assert m == _expected_node(g, "Measure", mid)
        assert r == GraphRel("TOOK", uid, mid, "Unit", "Measure", {})
    # matched against its direction, returned without its ends: still the stored direction
    res = store.query("MATCH (m:Measure)<-[r:TOOK]-(:Unit) RETURN r ORDER BY m.id")
    assert [(r.start, r.end) for (r,) in res.rows] == took
    assert {(r.start_label, r.end_label) for (r,) in res.rows} == {("Unit", "Measure")}
    # properties, a float among them
    ((sim,),) = store.query("MATCH ()-[s:SIMILAR_TO]->() RETURN s").rows
    ((src, dst),) = g.edges[("SIMILAR_TO", "Measure", "Measure")]
    assert sim == GraphRel(
        "SIMILAR_TO", src, dst, "Measure", "Measure", {"score": 0.875, "scope": "across-units"}
    )


def test_paths_and_variable_length_relationships(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    g = _load_with_similar(store, two_records)
    addresses = sorted(g.edges[("ADDRESSES", "Measure", "Issue")])
    mid, iid = addresses[0]
    nid = g.nodes["Issue"][iid]["notice_id"]
    res = store.query(
        "MATCH p = (:Notice)-[:HAS_ISSUE|HAS_SUBISSUE*1..3]->(i:Issue)<-[:ADDRESSES]-(m:Measure) "
        "WHERE m.id = $m RETURN p",
        {"m": mid},
    )
    ((p,),) = res.rows
    assert isinstance(p, GraphPath)
    assert (p.nodes[0].label, p.nodes[0].key) == ("Notice", nid)
    assert p.nodes[-2:] == (_expected_node(g, "Issue", iid), _expected_node(g, "Measure", mid))
    assert len(p.relationships) == len(p.nodes) - 1
    assert p.relationships[-1] == GraphRel("ADDRESSES", mid, iid, "Measure", "Issue", {})  # stored way
    for a, r, b in zip(p.nodes, p.relationships, p.nodes[1:], strict=False):
        assert {r.start, r.end} == {a.key, b.key}
    assert "-[:HAS_ISSUE]->" in str(p) and "<-[:ADDRESSES]-" in str(p)

    # a variable-length relationship is the list of its relationships, on both stores
    sub = sorted(g.edges[("HAS_SUBISSUE", "Issue", "Issue")])
    parent, child = sub[0]
    res = store.query(
        "MATCH (n:Notice)-[r:HAS_ISSUE|HAS_SUBISSUE*2..2]->(i:Issue) WHERE i.id = $i RETURN r", {"i": child}
    )
    ((rels,),) = res.rows
    assert [(r.type, r.start, r.end) for r in rels] == [
        ("HAS_ISSUE", g.nodes["Issue"][parent]["notice_id"], parent),
        ("HAS_SUBISSUE", parent, child),
    ]


def test_graph_values_inside_lists_and_maps_and_as_json(store, two_records: list[NoticeRecord]) -> None:  # type: ignore[no-untyped-def]
    g = _load_with_similar(store, two_records)
    (uid,) = g.nodes["Unit"]
    res = store.query("MATCH (u:Unit)-[r:TOOK]->(m:Measure) RETURN {unit: u} AS unit, collect(r) AS rels")
    ((unit, rels),) = res.rows
    assert unit == {"unit": _expected_node(g, "Unit", uid)}
    rels = sorted(rels, key=lambda r: str(r.end))
    assert [(r.start, r.end) for r in rels] == sorted(g.edges[("TOOK", "Unit", "Measure")])
    (rec,) = res.json_records()
    json.dumps(rec)  # JSON-ready
    props = dict(_expected_node(g, "Unit", uid).properties)  # a null property is not stored
    assert rec["unit"]["unit"] == {"label": "Unit", "key": uid, "properties": props}
    assert rec["rels"][0] == {
        "type": "TOOK",
        "start": uid,
        "end": res.rows[0][1][0].end,
        "start_label": "Unit",
        "end_label": "Measure",
        "properties": {},
    }
    # scalar answers are left as they are
    assert store.query("MATCH (u:Unit) RETURN u.id AS id").records() == [{"id": uid}]
