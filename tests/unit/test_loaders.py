"""Loaders: record → nodes and edges, with stable ids and one node per unit."""

from __future__ import annotations

from graphkit.parse.derived import complete_record
from graphkit.parse.documents import issued_documents
from graphkit.records import NoticeRecord
from loaders import record_to_graph, records_to_graph
from loaders.ids import normalise_unit
from loaders.notice import document_edges


def test_counts_of_one_record(two_records: list[NoticeRecord]) -> None:
    # the fixture was written before measures carried kinds and issued documents; every load
    # completes such a record before the loader sees it (graphkit.ingest.load_records)
    g = record_to_graph(complete_record(two_records[0]))
    c = g.counts()
    assert c["nodes"] == {
        "Document": 2,
        "Inspection": 1,
        "Issue": 4,
        "Measure": 4,
        "Notice": 1,
        "Person": 1,
        "Role": 3,
        "Unit": 1,
    }
    assert c["edges"]["HAS_ISSUE"] == 2
    assert c["edges"]["HAS_SUBISSUE"] == 2
    assert c["edges"]["ADDRESSES"] == 4
    assert c["edges"]["TOOK"] == 4
    assert c["edges"]["ISSUED"] == 1  # 制定《…学习计划》
    assert c["edges"]["CITES"] == 1  # 依据《…条例》
    assert c["edges"]["HOLDS"] == 2  # 周立衡 holds 组长 and 第一责任人


def test_ids_are_stable(two_records: list[NoticeRecord]) -> None:
    a = record_to_graph(two_records[0])
    b = record_to_graph(NoticeRecord.model_validate(two_records[0].model_dump()))
    for label in a.nodes:
        assert set(a.nodes[label]) == set(b.nodes[label])


def test_changed_measure_text_keeps_ids(two_records: list[NoticeRecord]) -> None:
    rec = two_records[0]
    before = record_to_graph(rec)
    rec.issues[0].children[0].measures[1].text = "改写后的措施"
    after = record_to_graph(rec)
    assert set(before.nodes["Measure"]) == set(after.nodes["Measure"])
    changed = [k for k in before.nodes["Measure"] if before.nodes["Measure"][k] != after.nodes["Measure"][k]]
    assert len(changed) == 1


def test_one_unit_node_for_two_spellings(two_records: list[NoticeRecord]) -> None:
    g = records_to_graph(two_records)
    assert len(g.nodes["Unit"]) == 1
    unit = next(iter(g.nodes["Unit"].values()))
    assert unit["name"] == "东河县委"
    # the same person in the same unit is one node across notices
    assert len(g.nodes["Person"]) == 1


def test_unit_normalisation() -> None:
    assert normalise_unit("中共东河县委员会") == "东河县委"
    assert normalise_unit("中共 泰州市姜堰区委") == "泰州市姜堰区委"
    assert normalise_unit("中国共产党辽宁省商务厅党组") == "辽宁省商务厅党组"
    assert normalise_unit("省商务厅党组") == "省商务厅党组"
    assert normalise_unit("中共辽宁省应急管理厅委员会") == "辽宁省应急管理厅委员会"
    assert normalise_unit("中共天津市滨海新区城市管理委员会委员会") == "天津市滨海新区城市管理委员会党委"
    assert normalise_unit("中共天津市静海区委员会") == "天津市静海区委"


def test_issued_or_cited_is_decided_by_the_parser_and_copied_by_the_loader() -> None:
    text = "研究制定了《整改方案》，并依据《问责条例》处理。印发《实施意见》。"
    docs = ["整改方案", "问责条例", "实施意见"]
    assert issued_documents(text, docs) == ["整改方案", "实施意见"]
    assert document_edges(["整改方案", "实施意见"], docs) == [
        ("ISSUED", "整改方案"),
        ("CITES", "问责条例"),
        ("ISSUED", "实施意见"),
    ]


def test_a_record_made_before_kinds_gets_them_completed(two_records: list[NoticeRecord]) -> None:
    rec = two_records[0]
    measures = [m for i in rec.issues for c in [i, *i.children] for m in c.measures]
    assert measures and all(m.kind is None for m in measures)  # the fixture predates kinds
    complete_record(rec)
    assert all(m.kind is not None for m in measures)
    g = record_to_graph(rec)
    assert all(r["kind"] for r in g.nodes["Measure"].values())


def test_provenance_on_issue_and_measure(two_records: list[NoticeRecord]) -> None:
    rec = two_records[0]
    rec.issues[0].span = (10, 40)
    rec.issues[0].children[0].measures[0].span = (50, 90)
    g = record_to_graph(rec)
    issue = next(r for r in g.nodes["Issue"].values() if r["path"] == "1")
    assert (issue["notice_id"], issue["span_start"], issue["span_end"]) == (rec.id, 10, 40)
    m = next(r for r in g.nodes["Measure"].values() if r["span_start"] == 50)
    assert (m["notice_id"], m["span_end"]) == (rec.id, 90)
