"""The HTML views without a browser: graph values to edges, the cap, escaping, offline-ness."""

from __future__ import annotations

import json
import re

import pytest

from graphkit.errors import QueryError
from graphkit.present.viz import render, result_graph
from graphkit.present.viz_graph import VizGraph
from graphkit.stores.values import GraphNode, GraphPath, GraphRel

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> "quoted" \'q\' </script>'


def _node(label: str, key: str, **props: object) -> GraphNode:
    return GraphNode(label, key, {"id": key, **props})


def _rel(etype: str, a: GraphNode, b: GraphNode, **props: object) -> GraphRel:
    return GraphRel(etype, a.key, b.key, a.label, b.label, props)


U = _node("Unit", "u-1", name="东河县委")
M = _node("Measure", "m-1", text="完善制度")
ISSUE = _node("Issue", "i-1", title="问题", parent_id="i-0")
CAT = _node("Issue", "i-0", title="类别")


def test_edges_go_from_start_to_end_whatever_the_column_order() -> None:
    g = VizGraph()
    g.add_result(["m", "r", "u"], [[M, _rel("TOOK", U, M), U]])
    # a path walked against a relationship's direction: the edge keeps the stored direction
    g.add_result(["p"], [[GraphPath((ISSUE, CAT), (_rel("HAS_SUBISSUE", CAT, ISSUE),))]])
    g.add_result(["x"], [[[M, _rel("ADDRESSES", M, ISSUE), ISSUE]]])  # inside a list
    g.add_result(["x"], [[{"a": M, "b": [_rel("SIMILAR_TO", M, M, score=0.9)]}]])  # inside a map
    assert set(g.edges) == {
        ("u-1", "TOOK", "m-1"),
        ("i-0", "HAS_SUBISSUE", "i-1"),
        ("m-1", "ADDRESSES", "i-1"),
        ("m-1", "SIMILAR_TO", "m-1"),
    }
    assert g.edges[("m-1", "SIMILAR_TO", "m-1")].props == {"score": 0.9}
    assert g.dangling == 0


def test_relationships_whose_ends_are_not_in_the_answer_are_counted_not_drawn() -> None:
    g = VizGraph()
    g.add_result(["r"], [[_rel("TOOK", U, M)]])
    assert g.edges == {} and g.dangling == 1
    # the end comes in a later row of the same answer: drawn
    g = VizGraph()
    g.add_result(["r", "n"], [[_rel("TOOK", U, M), U], [None, M]])
    assert set(g.edges) == {("u-1", "TOOK", "m-1")} and g.dangling == 0


def test_nodes_merge_by_key_and_keyless_nodes_get_one() -> None:
    g = VizGraph()
    g.add_result(["a", "b"], [[_node("Unit", "u-1"), U], [GraphNode("Probe", None, {"x": 1}), None]])
    assert g.nodes["u-1"].props == {"id": "u-1", "name": "东河县委"}
    (probe,) = [n for n in g.nodes.values() if n.label == "Probe"]
    assert probe.key.startswith("_")


def test_tabular_answer_is_a_clear_error() -> None:
    with pytest.raises(QueryError, match="no nodes, relationships or paths"):
        result_graph(["unit", "n"], [["东河县委", 3]], "template x")


def _data(page_html: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page_html, re.S)
    assert m
    return json.loads(m.group(1))


def test_hostile_text_stays_data() -> None:
    g = VizGraph()
    g.add_result(["m"], [[_node("Measure", "m-x", text=HOSTILE)]])
    page = render(g, HOSTILE)
    # no tag from the text survives anywhere: the data block holds no "<" at all
    block = page.html.split('id="gk-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    assert page.html.count("</script>") == 3
    assert "<img" not in page.html
    assert "<title>&lt;script&gt;" in page.html
    assert 'onerror="window' not in page.html
    data = _data(page.html)
    assert data["title"] == HOSTILE
    assert HOSTILE in data["nodes"][0]["t"]  # the full text, as text, in the tooltip


def test_offline_and_csp() -> None:
    g = VizGraph()
    g.add_result(["u"], [[U]])
    page = render(g, "t").html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "sourceMappingURL" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "unsafe-inline" not in csp.group(1).split(";")[1]


def test_cap_keeps_the_most_connected_and_says_what_is_left_out() -> None:
    g = VizGraph()
    rows = []
    for k in range(30):
        u = _node("Unit", f"u-{k}", name=f"单位{k}")
        for j in range(k % 5):
            m = _node("Measure", f"m-{k}-{j}", text="x")
            rows.append([u, _rel("TOOK", u, m), m])
        rows.append([u])
    g.add_result(["u", "r", "m"], rows)
    page = render(g, "t", max_nodes=20)
    assert page.nodes == 20
    assert sum(page.left_out_nodes.values()) == len(g.nodes) - 20
    assert any("left out" in n for n in page.notes)
    assert any("left out" in n for n in _data(page.html)["notes"])  # type: ignore[union-attr]


def test_reuse_counts_the_families_two_units_share() -> None:
    from graphkit.present.viz_graph import reuse

    a, b, c = (_node("Unit", f"u-{k}", name=k) for k in "abc")
    rows = []
    for t, units in (("t-1", (a, b)), ("t-2", (a, b, c)), ("t-3", (c,))):
        fam = _node("MeasureTemplate", t, text=t, size=len(units))
        for u in units:
            m = _node("Measure", f"m-{t}-{u.key}", text="x")
            rows.append([u, _rel("TOOK", u, m), m, _rel("INSTANCE_OF", m, fam), fam])
    g = VizGraph()
    g.add_result(["u", "r", "m", "i", "t"], rows)
    r = reuse(g)
    assert r.pairs == {("u-a", "u-b"): ["t-1", "t-2"], ("u-a", "u-c"): ["t-2"], ("u-b", "u-c"): ["t-2"]}
    assert r.families["t-3"] == ["u-c"]
    page = render(g, "reuse", view="reuse")
    data = _data(page.html)
    assert (page.nodes, page.edges) == (3, 3)
    assert sorted(e["w"] for e in data["edges"]) == [1, 1, 2]  # type: ignore[union-attr]


def test_tree_levels_put_the_issue_tree_left_to_right() -> None:
    from graphkit.present.viz_graph import tree_levels

    n = _node("Notice", "n-1", title="通报")
    cat, issue = _node("Issue", "i-0", title="类别", depth=1), _node("Issue", "i-1", title="问题", depth=2)
    fam = _node("MeasureTemplate", "t-1", text="x")
    g = VizGraph(focus="u-1")
    g.add_result(
        ["x"],
        [[[U, n, cat, issue, M, fam, _rel("REPORTED", U, n), _rel("HAS_ISSUE", n, cat),
           _rel("HAS_SUBISSUE", cat, issue), _rel("ADDRESSES", M, issue), _rel("TOOK", U, M),
           _rel("INSTANCE_OF", M, fam)]]],
    )  # fmt: skip
    lv = tree_levels(g)
    assert lv["u-1"] < lv["n-1"] < lv["i-0"] < lv["i-1"] < lv["m-1"] < lv["t-1"]
