"""The researchers' templates of issue 15 (item 4), counted by hand on the small graph of
template_data.py: paper-only issues, reuse by year, measures taken from earlier notices.
Parity with the other store is test_templates_parity.py's."""

from __future__ import annotations

from typing import Any

import pytest
from template_data import build, measure_ids

from graphkit.analysis.figures import refresh_figures
from graphkit.templates import load_templates
from loaders import GraphBatch

TEMPLATES = load_templates()


def run(store: Any, name: str, **values: Any) -> list[dict[str, Any]]:
    t = TEMPLATES[name]
    return store.query(t.cypher, t.bind(values)).records()


def test_paper_only_issues_per_unit(store: Any) -> None:
    build(store)
    # 东河: 理论学习 (document + training) and 推动高质量发展 (document) are paper only, the
    # category 全面从严治党 (inspection) and 耕地保护 (two fixes) are not; 西山: 理论学习 (document +
    # meeting) is, 耕地保护 (fix) is not; 商务厅: its one issue has one training measure.
    rows = [(r["unit"], r["answered"], r["paper_only"]) for r in run(store, "issues/paper_only")]
    assert rows == [("东河县委", 4, 2), ("省商务厅党组", 1, 1), ("西山区委", 2, 1)]
    shares = [r["paper_only_share"] for r in run(store, "issues/paper_only")]
    assert shares == pytest.approx([0.5, 1.0, 0.5])
    assert [r["unit"] for r in run(store, "issues/paper_only", unit="中共西山区委")] == ["西山区委"]

    listed = run(store, "issues/paper_only_issues", unit="东河县委")
    assert [(r["issue"], r["measures"], r["meeting"], r["document"], r["training"]) for r in listed] == [
        ("理论学习不够深入", 2, 0, 1, 1),
        ("推动高质量发展办法不多", 1, 0, 1, 0),
    ]
    assert {r["notice"] for r in listed} == {"n-test-a"}
    assert run(store, "issues/paper_only_issues", unit="nobody") == []


def test_reuse_by_year(store: Any) -> None:
    build(store)
    # planted: t-1 across units (东河 a 2023, 西山 2023), t-2 across units (东河 b 2024, 西山
    # 2023), t-3 within 东河 a (2023, two members)
    rows = [
        (r["year"], r["notices"], r["measures"], r["across_units"], r["within_unit"], r["across_notices"])
        for r in run(store, "recycled/by_year")
    ]
    assert rows == [("2020", 1, 1, 0, 0, 0), ("2023", 2, 7, 3, 2, 0), ("2024", 1, 2, 1, 0, 0)]
    y2023 = run(store, "recycled/by_year")[1]
    assert y2023["across_units_share"] == pytest.approx(3 / 7)
    assert y2023["within_unit_share"] == pytest.approx(2 / 7)
    assert [r["measures"] for r in run(store, "recycled/by_year", kind="headline")] == [1, 7, 2]
    assert {r["across_units"] for r in run(store, "recycled/by_year", kind="headline")} == {0}


def test_units_taking_measures_from_earlier_notices(store: Any) -> None:
    recs = build(store)
    ids = measure_ids(recs)
    a1 = ids[("n-test-a", recs[0].issues[0].children[0].measures[0].text)]
    a2 = ids[("n-test-a", recs[0].issues[0].children[0].measures[1].text)]
    b2 = ids[("n-test-b", recs[1].issues[0].measures[1].text)]
    g = GraphBatch()
    g.node(
        "MeasureTemplate",
        {"id": "t-9", "kind": "measure", "scope": "across-notices", "text": "x", "size": 3, "n_units": 1},
    )
    for m in (a1, a2, b2):  # a1 and a2 share the earliest date: neither is taken; b2 (2024) is
        g.edge("INSTANCE_OF", ("Measure", m), ("MeasureTemplate", "t-9"), text="x")
    store.run_transaction(store.write_statements(g, []))
    refresh_figures(store)  # as rebuild_families does after writing families

    (r,) = run(store, "units/from_earlier_notices")
    assert (r["unit"], r["taken"], r["families"], r["notices"], r["measures"]) == ("东河县委", 1, 1, 1, 6)
    assert r["taken_share"] == pytest.approx(1 / 6)
    assert run(store, "units/from_earlier_notices", unit="西山区委") == []


PLACES = {  # unit → (level, body_kind), written over what the loaders read
    "东河县委": ("county", "party_committee"),
    "西山区委": ("county", "party_committee"),
    "省商务厅党组": ("provincial", "department"),
}


def _with_levels(store: Any) -> dict[str, str]:
    """The graph of `build` with each unit's level and kind of body set; unit name → id."""
    from loaders import records_to_graph

    recs = build(store)
    units = records_to_graph(recs).nodes["Unit"]
    g = GraphBatch()
    for row in units.values():
        level, kind = PLACES[row["name"]]
        g.node("Unit", {**row, "level": level, "body_kind": kind})
    store.run_transaction(store.write_statements(g, []))
    refresh_figures(store)  # a unit written anew has no figures until they are counted again
    return {row["name"]: uid for uid, row in units.items()}


def test_reuse_by_level_and_kind_of_body(store: Any) -> None:
    _with_levels(store)
    # copied: the members of t-1 and t-2 (two in 东河, two in 西山); 商务厅's one measure is not
    rows = [
        (r["level"], r["body_kind"], r["units"], r["measures"], r["copied"])
        for r in run(store, "recycled/by_level")
    ]
    assert rows == [("provincial", "department", 1, 1, 0), ("county", "party_committee", 2, 9, 4)]
    assert run(store, "recycled/by_level")[1]["copied_share"] == pytest.approx(4 / 9)


def test_reuse_between_levels(store: Any) -> None:
    ids = _with_levels(store)
    g = GraphBatch()
    for a, b, fam, direction in (
        ("西山区委", "东河县委", "t-1", "horizontal"),
        ("东河县委", "西山区委", "t-2", "horizontal"),
        ("东河县委", "省商务厅党组", "t-9", "vertical"),
    ):
        g.edge(
            "REUSED_FROM",
            ("Unit", ids[a]),
            ("Unit", ids[b]),
            family=fam,
            days=10,
            score=1.0,
            direction=direction,
            tie=False,
        )
    store.run_transaction(store.write_statements(g, []))
    rows = [
        (
            r["source_level"],
            r["source_kind"],
            r["level"],
            r["direction"],
            r["edges"],
            r["units"],
            r["sources"],
        )
        for r in run(store, "recycled/level_pairs")
    ]
    assert rows == [
        ("county", "party_committee", "county", "horizontal", 2, 2, 2),
        ("provincial", "department", "county", "vertical", 1, 1, 1),
    ]
