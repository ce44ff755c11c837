"""A small graph for the template tests, built from records.

Records: the two test notices of 东河县委 (tests/data/records/two-notices.jsonl) and two more
written here — 西山区委 (whose 组长 is not its 书记, a verbatim copy of one 东河 measure, an
undone measure with a 2024-03 deadline) and 省商务厅党组 (组长 厅党组书记、厅长).

Families come two ways. `build_detected` runs recycled-measure detection on what was loaded
(the parity suite). `build` adds planted families instead, so the hand-counted answers have a
within-unit family to count: detection finds the two across-units ones itself (a test checks
they agree) but no within-unit one in these few texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphkit.analysis.figures import refresh_figures
from graphkit.analysis.store_families import FamilyReport
from graphkit.records import NoticeRecord
from loaders import GraphBatch, records_to_graph

DATA = Path(__file__).parents[1] / "data"

XISHAN: dict[str, Any] = {
    "id": "n-test-c",
    "source": "tests/c.txt",
    "title": "中共西山区委关于巡视整改进展情况的通报",
    "unit": "西山区委",
    "publisher": "中共西山区委",
    "published": "2023-12-08",
    "inspection": {
        "team": "省委第五巡视组",
        "kind": "常规巡视",
        "round": "十三届省委第二轮",
        "start": "2023-03-08",
    },
    "issues": [
        {
            "label": "1.",
            "title": "理论学习不够深入",
            "measures": [
                {
                    "label": "①",
                    "text": "完善理论学习制度。制定《中共西山区委理论学习中心组学习计划》，全年开展集中学习10次。",
                    "status": "done",
                    "documents": ["中共西山区委理论学习中心组学习计划"],
                },
                {
                    "label": "②",
                    "text": "召开专题会议研究部署理论学习工作。",
                    "status": None,
                    "deadline": "2024-03",
                },
            ],
        },
        {
            "label": "2.",
            "title": "耕地保护责任落实不到位",
            "measures": [
                {"label": "①", "text": "落实耕地保护党政同责，签订责任书18份。", "status": "in_progress"}
            ],
        },
    ],
    "roles": [
        {"role": "组长", "position": "区委副书记、区长", "person": "罗一鸣"},
        {"role": "第一责任人", "position": "区委书记", "person": "严书楷"},
    ],
}

COMMERCE: dict[str, Any] = {
    "id": "n-test-d",
    "source": "tests/d.txt",
    "unit": "省商务厅党组",
    "publisher": "中共辽宁省商务厅党组",
    "published": "2020-07-01",
    "inspection": {"team": "省委第八巡视组", "round": "十二届省委第九轮"},
    "issues": [
        {
            "label": "（一）",
            "title": "理论学习不够深入",
            "measures": [{"label": "一是", "text": "开展专题读书班。", "status": "done"}],
        }
    ],
    "roles": [{"role": "组长", "position": "厅党组书记、厅长", "person": "张某"}],
}


def records() -> list[NoticeRecord]:
    from graphkit.records import iter_jsonl

    out = [r for _, r in iter_jsonl(str(DATA / "records" / "two-notices.jsonl"))]
    assert all(isinstance(r, NoticeRecord) for r in out)
    return [*out, NoticeRecord.model_validate(XISHAN), NoticeRecord.model_validate(COMMERCE)]


def measure_ids(recs: list[NoticeRecord]) -> dict[tuple[str, str], str]:
    """(notice id, measure text) → measure node id, as the loaders make them."""
    g = records_to_graph(recs)
    return {(r["notice_id"], r["text"]): mid for mid, r in g.nodes["Measure"].items()}


def planted_families(recs: list[NoticeRecord]) -> GraphBatch:
    """Three families, in the shape detection writes them: t-1 and t-2 across 东河 and 西山 (the
    ones detection finds), t-3 within 东河 (two issues; planted, not a near-copy)."""
    ids = measure_ids(recs)
    member_text = {mid: t for (_, t), mid in ids.items()}
    a1 = ids[("n-test-a", recs[0].issues[0].children[0].measures[0].text)]
    a3 = ids[("n-test-a", recs[0].issues[0].children[1].measures[0].text)]
    a4 = ids[("n-test-a", recs[0].issues[1].measures[0].text)]
    b1 = ids[("n-test-b", recs[1].issues[0].measures[0].text)]
    c1 = ids[("n-test-c", recs[2].issues[0].measures[0].text)]
    c3 = ids[("n-test-c", recs[2].issues[1].measures[0].text)]
    g = GraphBatch()
    for tid, scope, text, members in (
        ("t-1", "across-units", "完善理论学习制度", (a1, c1)),
        ("t-2", "across-units", "落实耕地保护党政同责", (b1, c3)),
        ("t-3", "within-unit", "建立制度", (a3, a4)),
    ):
        g.node(
            "MeasureTemplate",
            {"id": tid, "kind": "measure", "scope": scope, "text": text, "size": 2, "n_units": 1},
        )
        for m in members:
            g.edge("INSTANCE_OF", ("Measure", m), ("MeasureTemplate", tid), text=member_text[m])
    for x, y, score in ((a1, c1, 0.9), (b1, c3, 1.0)):
        lo, hi = sorted((x, y))
        g.edge("SIMILAR_TO", ("Measure", lo), ("Measure", hi), score=score, scope="across-units")
    return g


def build(store: Any, extra: list[NoticeRecord] | None = None) -> list[NoticeRecord]:
    """Load the records (and `extra`) and the planted families into an empty store."""
    from graphkit.ingest import load_records

    recs = records()
    load_records(store, [*recs, *(extra or [])])
    store.run_transaction(store.write_statements(planted_families(recs), []))
    refresh_figures(store)  # as rebuild_families does after writing families
    return recs


def build_detected(store: Any, extra: list[NoticeRecord] | None = None) -> FamilyReport:
    """Load the records (and `extra`) into an empty store as ingest does, then rebuild the
    families by detection; returns what detection found."""
    from graphkit import service

    report = service.load_records(store, [*records(), *(extra or [])], families="always").families
    assert report is not None
    return report
