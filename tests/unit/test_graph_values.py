"""Graph values without a server: their JSON and text, and LadybugDB's answer dicts converted.

The same values from a real LadybugDB and a real Neo4j are checked in
tests/integration/test_store_contract.py.
"""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from typing import Any

from graphkit.stores.embedded_store import _convert, _scan
from graphkit.stores.values import GraphNode, GraphPath, GraphRel, json_value

U = GraphNode("Unit", "u-1", {"id": "u-1", "name": "东河县委", "aliases": ["中共东河县委"]})
M = GraphNode("Measure", "m-1", {"id": "m-1", "text": "完善制度", "ord": 1})
TOOK = GraphRel("TOOK", "u-1", "m-1", "Unit", "Measure")
SIM = GraphRel("SIMILAR_TO", "m-1", "m-2", "Measure", "Measure", {"score": 0.9, "scope": "across-units"})


def test_json_is_readable_and_complete() -> None:
    assert U.to_json() == {
        "label": "Unit",
        "key": "u-1",
        "properties": {"id": "u-1", "name": "东河县委", "aliases": ["中共东河县委"]},
    }
    assert SIM.to_json() == {
        "type": "SIMILAR_TO",
        "start": "m-1",
        "end": "m-2",
        "start_label": "Measure",
        "end_label": "Measure",
        "properties": {"score": 0.9, "scope": "across-units"},
    }
    path = GraphPath((U, M), (TOOK,))
    assert path.to_json() == {"nodes": [U.to_json(), M.to_json()], "relationships": [TOOK.to_json()]}
    row = {"p": path, "n": [U, None], "m": {"x": M}, "d": Decimal("2"), "f": Decimal("0.5")}
    out = json_value(row)
    assert out["n"] == [U.to_json(), None] and out["m"] == {"x": M.to_json()}
    assert (out["d"], out["f"]) == (2, 0.5)
    json.dumps(out)


def test_text_reads_like_cypher() -> None:
    assert str(U) == '(:Unit {id: "u-1", name: "东河县委", aliases: ["中共东河县委"]})'
    assert str(TOOK) == '(:Unit {id: "u-1"})-[:TOOK]->(:Measure {id: "m-1"})'
    assert str(SIM).startswith('(:Measure {id: "m-1"})-[:SIMILAR_TO {score: 0.9, scope: "across-units"}]->')
    i = GraphNode("Issue", "i-1", {"id": "i-1"})
    walked = GraphPath((U, M, i), (TOOK, GraphRel("ADDRESSES", "m-1", "i-1", "Measure", "Issue")))
    assert str(walked).count("-[:TOOK]->") == 1 and "-[:ADDRESSES]->" in str(walked)
    back = GraphPath((i, M), (GraphRel("ADDRESSES", "m-1", "i-1", "Measure", "Issue"),))
    assert "<-[:ADDRESSES]-" in str(back)


def test_values_are_frozen_hashable_comparable_and_picklable() -> None:
    assert GraphNode("Unit", "u-1", dict(U.properties)) == U
    assert GraphNode("Unit", "u-1", {"id": "u-1"}) != U  # properties count
    assert len({U, M, TOOK, SIM, GraphPath((U, M), (TOOK,))}) == 5
    assert pickle.loads(pickle.dumps(SIM)) == SIM


# -- LadybugDB's answers ---------------------------------------------------------------------------


def _lb_node(table: int, offset: int, label: str, **props: object) -> dict[str, Any]:
    return {"_ID": {"table": table, "offset": offset}, "_LABEL": label, **props}


def _lb_rel(src: dict[str, Any], dst: dict[str, Any], label: str, **props: object) -> dict[str, Any]:
    return {
        "_SRC": src["_ID"],
        "_DST": dst["_ID"],
        "_LABEL": label,
        "_ID": {"table": 99, "offset": 0},
        **props,
    }


def _converted(
    rows: list[list[Any]], lookup: dict[tuple[int, int], tuple[str, str | None]] | None = None
) -> Any:
    known: dict[tuple[int, int], tuple[str, str | None]] = {}
    wanted: set[tuple[int, int]] = set()
    for row in rows:
        for v in row:
            _scan(v, known, wanted)
    known.update(lookup or {})
    return [[_convert(v, known, {1: "Unit", 3: "Issue", 4: "Measure"}) for v in row] for row in rows]


def test_ladybug_nodes_relationships_and_paths() -> None:
    u = _lb_node(1, 0, "Unit", id="u-1", name="东河县委", text=None)  # a path's nodes hold every column
    m = _lb_node(4, 0, "Measure", id="m-1", text="完善制度", deadline=None)
    i = _lb_node(3, 1, "Issue", id="i-1", title="问题")
    ((gu, gr, gm),) = _converted([[u, _lb_rel(u, m, "TOOK"), m]])
    assert gu == GraphNode("Unit", "u-1", {"id": "u-1", "name": "东河县委"})  # nulls and internals gone
    assert gm == GraphNode("Measure", "m-1", {"id": "m-1", "text": "完善制度"})
    assert gr == GraphRel("TOOK", "u-1", "m-1", "Unit", "Measure", {})

    path = {"_NODES": [u, m, i], "_RELS": [_lb_rel(u, m, "TOOK"), _lb_rel(m, i, "ADDRESSES")]}
    ((p,),) = _converted([[path]])
    assert isinstance(p, GraphPath) and [n.key for n in p.nodes] == ["u-1", "m-1", "i-1"]
    assert [(r.type, r.start, r.end) for r in p.relationships] == [
        ("TOOK", "u-1", "m-1"),
        ("ADDRESSES", "m-1", "i-1"),
    ]


def test_ladybug_variable_length_relationship_is_a_list_and_ends_come_from_the_lookup() -> None:
    u = _lb_node(1, 0, "Unit", id="u-1")
    m = _lb_node(4, 0, "Measure", id="m-1")
    i = _lb_node(3, 1, "Issue", id="i-1")
    # `[r*2..2]`: only the node between its ends
    recursive = {"_NODES": [m], "_RELS": [_lb_rel(u, m, "TOOK"), _lb_rel(m, i, "ADDRESSES")]}
    known: dict[tuple[int, int], tuple[str, str | None]] = {}
    wanted: set[tuple[int, int]] = set()
    _scan(recursive, known, wanted)
    assert wanted - known.keys() == {(1, 0), (3, 1)}  # what the store looks up
    ((rels,),) = _converted([[recursive]], {(1, 0): ("Unit", "u-1"), (3, 1): ("Issue", "i-1")})
    assert rels == [
        GraphRel("TOOK", "u-1", "m-1", "Unit", "Measure", {}),
        GraphRel("ADDRESSES", "m-1", "i-1", "Measure", "Issue", {}),
    ]
    # a map is walked, not taken for a node
    ((mp,),) = _converted([[{"unit": u, "n": 3}]])
    assert mp == {"unit": GraphNode("Unit", "u-1", {"id": "u-1"}), "n": 3}
