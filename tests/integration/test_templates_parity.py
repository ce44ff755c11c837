"""Every template gives the same answer on LadybugDB and Neo4j, and the right one by hand count.

Parity: the same records (the test records, the bundled sample notices parsed, and — when
../shared is present — the parsed shared corpus) are loaded into both stores and their
recycled-measure families made by detection, as ingest does; each template runs with several
parameter sets and the answers must be equal: floats to 1e-9, nodes by label, key and
properties, relationships by type, start and end (key and label) and properties. Hand counts: on
the small graph of template_data.py (with planted families), answers counted by reading the
records.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from template_data import build, build_detected, planted_families, records

from graphkit.stores.values import GraphNode, GraphPath, GraphRel
from graphkit.templates import load_templates

TEMPLATES = load_templates()

# Parameter sets per template (defaults apart); required params always given.
REQUIRED: dict[str, list[str]] = {
    "unit": ["东河县委", "中共西山区委", "西山区委", "nobody"],
    "issue": ["理论学习", "落实党中央", "重点项目"],
    "text": ["读书班", "耕地保护", "。"],
    "today": ["2024-06-01", "2026-01-01", "2023-12-31"],
}
OPTIONAL: dict[str, list[Any]] = {
    "unit": ["东河县委"],
    "contains": ["理论", "不存在"],
    "min_units": [2],
    "min_shared": [2],
    "min_pairs": [2],
    "limit": [1],
    "kind": ["document", "headline"],
    "scope": ["within-unit", "across-units"],
    "round": ["第二轮"],
}


def param_sets(name: str) -> list[dict[str, Any]]:
    t = TEMPLATES[name]
    required = [p for p in t.params if p.required]
    base: list[dict[str, Any]] = [{}]
    for p in required:
        base = [{**b, p.name: v} for b in base for v in REQUIRED[p.name]]
    out = list(base)
    for p in t.params:
        if not p.required:
            out += [{**base[0], p.name: v} for v in OPTIONAL.get(p.name, [])]
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, GraphNode) and isinstance(b, GraphNode):
        return (a.label, a.key) == (b.label, b.key) and _same(dict(a.properties), dict(b.properties))
    if isinstance(a, GraphRel) and isinstance(b, GraphRel):
        ends = (a.type, a.start, a.end, a.start_label, a.end_label)
        return ends == (b.type, b.start, b.end, b.start_label, b.end_label) and _same(
            dict(a.properties), dict(b.properties)
        )
    if isinstance(a, GraphPath) and isinstance(b, GraphPath):
        return _same(list(a.nodes), list(b.nodes)) and _same(list(a.relationships), list(b.relationships))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _rels(v: Any) -> int:
    """How many relationships an answer value holds (to show the parity compared some)."""
    if isinstance(v, GraphRel):
        return 1
    if isinstance(v, GraphPath):
        return len(v.relationships)
    if isinstance(v, list):
        return sum(_rels(x) for x in v)
    if isinstance(v, dict):
        return sum(_rels(x) for x in v.values())
    return 0


def _extra_records() -> list[Any]:
    """The sample notices (and the shared corpus when present), parsed."""
    from conftest import SHARED

    from graphkit.errors import InputError
    from graphkit.paths import samples_dir
    from graphkit.pipeline import parse_paths

    paths = [str(samples_dir())]
    if (SHARED / "corpus" / "notices").is_dir():
        paths.append(str(SHARED / "corpus" / "notices"))
    return [r for r in parse_paths(paths) if not isinstance(r, InputError)]


@pytest.fixture(scope="module")
def extra_records() -> list[Any]:
    return _extra_records()


FAMILIES = (
    "MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(x) "
    "RETURN t.id AS id, t.kind AS kind, t.scope AS scope, t.size AS size, t.n_units AS units, "
    "count(x) AS members ORDER BY id"
)


@pytest.mark.neo4j
def test_every_template_answers_alike_on_both_stores(
    embedded_store: Any, neo4j_store: Any, extra_records: list[Any]
) -> None:
    reports = [build_detected(store, extra_records) for store in (embedded_store, neo4j_store)]
    # families made by detection, of every scope, the same on both stores: else the recycled
    # templates would compare empty answers
    assert reports[0].families == reports[1].families
    scopes = {key.split("/")[1] for key, n in reports[0].families.items() if n}
    assert scopes == {"across-units", "within-unit", "across-notices"}, reports[0].families
    fams = embedded_store.query(FAMILIES)
    assert len(fams.rows) == reports[0].total() > 0
    assert _same(fams.rows, neo4j_store.query(FAMILIES).rows)
    assert embedded_store.counts() == neo4j_store.counts()
    assert embedded_store.counts()["edges"]["SIMILAR_TO"] > 0

    checked, answered, rels = 0, set(), 0
    for name, t in TEMPLATES.items():
        for values in param_sets(name):
            params = t.bind(values)
            a = embedded_store.query(t.cypher, params)
            b = neo4j_store.query(t.cypher, params)
            assert a.columns == b.columns, name
            assert len(a.rows) == len(b.rows), (name, values, a.rows[:3], b.rows[:3])
            for ra, rb in zip(a.rows, b.rows, strict=True):
                assert _same(ra, rb), (name, values, ra, rb)
            checked += 1
            if a.rows:
                answered.add(name)
            rels += sum(_rels(v) for r in a.rows for v in r)
    assert checked >= 3 * len(TEMPLATES)
    # every family template and the graph templates had something to compare
    assert {n for n in TEMPLATES if n.startswith(("recycled/", "graphs/"))} <= answered
    assert rels > 0


def test_planted_families_agree_with_detection(embedded_store: Any) -> None:
    """The hand counts' planted across-units families are the ones detection finds."""
    report = build_detected(embedded_store)
    assert report.families.get("measure/across-units") == 2
    detected = {
        frozenset(ids)
        for (ids,) in embedded_store.query(
            "MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(m:Measure) "
            "WHERE t.kind = 'measure' AND t.scope = 'across-units' WITH t, collect(m.id) AS ids RETURN ids"
        ).rows
    }
    planted = planted_families(records())
    members: dict[str, set[str]] = {}
    for mid, tid in planted.edges[("INSTANCE_OF", "Measure", "MeasureTemplate")]:
        members.setdefault(tid, set()).add(mid)
    assert {frozenset(members["t-1"]), frozenset(members["t-2"])} == detected


# -- hand-counted answers (each store in turn) ------------------------------------------------


def run(store: Any, name: str, **values: Any) -> list[dict[str, Any]]:
    t = TEMPLATES[name]
    return store.query(t.cypher, t.bind(values)).records()


def test_hand_counted_answers(store: Any) -> None:
    build(store)

    (p,) = run(store, "units/profile", unit="中共东河县委")  # an alias finds the unit
    assert (p["unit"], p["notices"], p["inspections"], p["categories"], p["problems"]) == (
        "东河县委",
        2,
        2,
        3,
        4,
    )
    assert (p["measures"], p["done"], p["in_progress"], p["long_term"], p["no_status"]) == (6, 3, 2, 1, 0)
    assert p["done_share"] == pytest.approx(0.5) and p["long_term_share"] == pytest.approx(1 / 6)
    assert (p["roles"], p["named_people"]) == (3, 1)
    assert (p["group_leader_position"], p["group_leader"]) == ("县委书记", "周立衡")
    assert run(store, "units/profile", unit="nobody") == []

    shares = {r["unit"]: r for r in run(store, "units/status_shares")}
    assert list(shares) == ["东河县委", "省商务厅党组", "西山区委"]  # by code point, both stores
    x = shares["西山区委"]
    assert (x["measures"], x["done"], x["in_progress"], x["no_status"]) == (3, 1, 1, 1)

    cats = [(r["category"], r["units"], r["problems"]) for r in run(store, "issues/by_category")]
    assert cats[0] == ("理论学习不够深入", 2, 2)  # 西山 1. and 商务厅 （一） are categories of their own
    assert cats[1] == ("耕地保护责任落实不到位", 2, 2)
    assert ("落实党中央决策部署不够有力", 1, 2) in cats and len(cats) == 4

    words = run(store, "issues/frequent_wordings")
    assert (words[0]["wording"], words[0]["issues"], words[0]["units"]) == ("理论学习不够深入", 3, 3)
    assert (words[1]["wording"], words[1]["issues"], words[1]["units"]) == ("耕地保护责任落实不到位", 2, 2)
    assert len(run(store, "issues/frequent_wordings", min_units=2)) == 2

    ms = run(store, "issues/measures", issue="落实党中央", unit="东河县委")
    assert [m["label"] for m in ms] == ["一是", "二是", "(1)"]
    ms = run(store, "issues/measures", issue="理论学习")
    assert sorted({(m["unit"], m["measure"][:6]) for m in ms}) == [
        ("东河县委", "完善理论学习"),
        ("东河县委", "开展专题读书"),
        ("省商务厅党组", "开展专题读书"),
        ("西山区委", "召开专题会议"),
        ("西山区委", "完善理论学习"),
    ]

    ans = run(store, "measures/issues_answered", text="签订责任书")
    assert [(a["unit"], a["notice"], a["category"]) for a in ans] == [
        ("东河县委", "n-test-b", "耕地保护责任落实不到位"),
        ("西山区委", "n-test-c", "耕地保护责任落实不到位"),
    ]

    late = run(store, "measures/overdue", today="2024-06-01")
    assert [(r["notice"], r["deadline"], r["status"]) for r in late] == [
        ("n-test-a", "2023-12", "in_progress"),  # 2023-12 ends on 2023-12-31
        ("n-test-c", "2024-03", None),  # no stated status is not done
    ]
    assert len(run(store, "measures/overdue", today="2023-12-31")) == 0  # the last day is not late
    assert len(run(store, "measures/overdue", today="2026-01-01")) == 3  # 2025 (year only) too
    assert len(run(store, "measures/overdue", today="2026-01-01", unit="西山区委")) == 1

    leaders = [
        (r["role"], r["position"], r["person"], r["notices"])
        for r in run(store, "roles/leaders", unit="东河县委")
    ]
    assert leaders == [
        ("副组长", "县委副书记、县长", None, 1),
        ("第一责任人", "县委书记", "周立衡", 1),
        ("组长", "县委书记", "周立衡", 2),
    ]
    not_top = run(store, "roles/leader_not_top")
    assert [(r["unit"], r["position"]) for r in not_top] == [("西山区委", "区委副书记、区长")]

    docs = [(d["document"], d["units"], d["issued"], d["cited"]) for d in run(store, "documents/most_issued")]
    assert docs == [
        ("中共东河县委理论学习中心组学习计划", 1, 1, 0),
        ("中共西山区委理论学习中心组学习计划", 1, 1, 0),
        ("党政领导干部选拔任用工作条例", 1, 0, 1),
    ]

    fams = [
        (f["family"], f["units"], f["notices"], f["members"])
        for f in run(store, "recycled/families_by_spread")
    ]
    assert fams == [("t-1", 2, 2, 2), ("t-2", 2, 2, 2), ("t-3", 1, 1, 2)]
    assert [f["family"] for f in run(store, "recycled/families_by_spread", scope="within-unit")] == ["t-3"]
    (w,) = run(store, "recycled/within_unit")
    assert (w["unit"], w["family"], w["issues"], w["measures"]) == ("东河县委", "t-3", 2, 2)

    (pair,) = run(store, "units/shared_measures")
    assert {pair["unit_a"], pair["unit_b"]} == {"东河县委", "西山区委"} and pair["shared_families"] == 2
    (sim,) = run(store, "units/similar_pairs")
    assert sim["pairs"] == 2 and sim["best_score"] == pytest.approx(1.0)

    orig = [(r["unit"], r["measures"], r["copied"]) for r in run(store, "units/originality")]
    assert orig == [("省商务厅党组", 1, 0), ("东河县委", 6, 2), ("西山区委", 3, 2)]
    (rk,) = run(store, "units/originality_rank", unit="东河县委")
    assert (rk["rank"], rk["units"], rk["copied"]) == (2, 3, 2)
    assert run(store, "units/originality_rank", unit="西山区委")[0]["rank"] == 3

    kinds = {r["unit"]: r for r in run(store, "units/measure_kinds")}
    d = kinds["东河县委"]  # 制定《…》, 读书班, 建立…制度, 自查, 签订责任书, 拆除
    assert (d["document"], d["training"], d["inspection"], d["fix"], d["paper"]) == (2, 1, 1, 2, 3)
    assert d["paper_share"] == pytest.approx(0.5)

    teams = [(r["round"], r["team"], r["unit"]) for r in run(store, "inspections/teams_by_round")]
    assert teams == [
        ("十三届省委第二轮", "省委第三巡视组", "东河县委"),
        ("十三届省委第二轮", "省委第五巡视组", "西山区委"),
        ("十二届省委第九轮", "省委第八巡视组", "省商务厅党组"),
        (None, "省委第三巡视组", "东河县委"),  # 回头看 states no round: nulls sort last
    ]
    assert len(run(store, "inspections/teams_by_round", round="第二轮")) == 2
