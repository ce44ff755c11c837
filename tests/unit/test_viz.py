"""The HTML views without a browser: both stores' answer shapes, the cap, escaping, offline-ness."""

from __future__ import annotations

import json
import re

import pytest

from graphkit.errors import QueryError
from graphkit.present.viz import render, result_graph
from graphkit.present.viz_graph import VizGraph

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> "quoted" \'q\' </script>'


def _lb_node(table: int, offset: int, label: str, **props: object) -> dict[str, object]:
    return {"_ID": {"table": table, "offset": offset}, "_LABEL": label, **props}


def _lb_rel(src: dict[str, object], dst: dict[str, object], label: str) -> dict[str, object]:
    return {"_SRC": src["_ID"], "_DST": dst["_ID"], "_LABEL": label, "_ID": {"table": 99, "offset": 0}}


def test_ladybug_shapes() -> None:
    u = _lb_node(1, 0, "Unit", id="u-1", name="东河县委")
    m = _lb_node(4, 0, "Measure", id="m-1", text="完善制度", deadline=None)
    i = _lb_node(3, 1, "Issue", id="i-1", title="问题")
    path = {"_NODES": [u, m, i], "_RELS": [_lb_rel(u, m, "TOOK"), _lb_rel(m, i, "ADDRESSES")]}
    g = VizGraph()
    g.add_result(["u", "r", "m"], [[u, _lb_rel(u, m, "TOOK"), m]])
    g.add_result(["p"], [[path]])
    assert set(g.nodes) == {"u-1", "m-1", "i-1"}
    assert set(g.edges) == {("u-1", "TOOK", "m-1"), ("m-1", "ADDRESSES", "i-1")}
    assert "deadline" not in g.nodes["m-1"].props  # nulls dropped


def test_neo4j_shapes_are_placed_and_turned_by_the_schema() -> None:
    u = {"_label": "Unit", "id": "u-1", "name": "东河县委"}
    m = {"_label": "Measure", "id": "m-1", "text": "完善制度"}
    i = {"_label": "Issue", "id": "i-1", "title": "问题", "parent_id": "i-0"}
    c = {"_label": "Issue", "id": "i-0", "title": "类别"}
    g = VizGraph()
    # columns in the "wrong" order: the schema says Unit-[:TOOK]->Measure
    g.add_result(["m", "r", "u"], [[m, {"_type": "TOOK"}, u]])
    g.add_result(["p"], [[{"nodes": [i, c], "rels": [{"_type": "HAS_SUBISSUE"}]}]])
    g.add_result(["x"], [[[m, {"_type": "ADDRESSES"}, i]]])  # inside a list
    assert set(g.edges) == {
        ("u-1", "TOOK", "m-1"),
        ("i-0", "HAS_SUBISSUE", "i-1"),
        ("m-1", "ADDRESSES", "i-1"),
    }
    g.add_result(["r"], [[{"_type": "TOOK"}]])
    assert g.dangling == 1


def test_tabular_answer_is_a_clear_error() -> None:
    with pytest.raises(QueryError, match="no nodes, relationships or paths"):
        result_graph(["unit", "n"], [["东河县委", 3]], "template x")


def _data(page_html: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page_html, re.S)
    assert m
    return json.loads(m.group(1))


def test_hostile_text_stays_data() -> None:
    g = VizGraph()
    g.add_result(["m"], [[{"_label": "Measure", "id": "m-x", "text": HOSTILE}]])
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
    g.add_result(["u"], [[{"_label": "Unit", "id": "u-1", "name": "东河县委"}]])
    page = render(g, "t").html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "sourceMappingURL" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "unsafe-inline" not in csp.group(1).split(";")[1]


def test_cap_keeps_the_most_connected_and_says_what_is_left_out() -> None:
    g = VizGraph()
    rows = []
    for k in range(30):
        u = {"_label": "Unit", "id": f"u-{k}", "name": f"单位{k}"}
        for j in range(k % 5):
            rows.append([u, {"_type": "TOOK"}, {"_label": "Measure", "id": f"m-{k}-{j}", "text": "x"}])
        rows.append([u])
    g.add_result(["u", "r", "m"], rows)
    page = render(g, "t", max_nodes=20)
    assert page.nodes == 20
    assert sum(page.left_out_nodes.values()) == len(g.nodes) - 20
    assert any("left out" in n for n in page.notes)
    assert any("left out" in n for n in _data(page.html)["notes"])  # type: ignore[union-attr]
