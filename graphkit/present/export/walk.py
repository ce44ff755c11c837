"""The store read as neutral rows, in pages: what every export format is made from.

Only `Store.query` is used, with read Cypher in the subset LadybugDB and Neo4j share. Every label
is read in pages (`WHERE n.id > $after ORDER BY n.id LIMIT $limit`, keyset paging: the order of
SKIP/LIMIT without re-reading the skipped rows), and each edge type is read for one page of the
nodes on its low-degree side (`WHERE x.id IN $ids`), so the store's graph is never held in
memory as a whole. Labels, property names and edge types come from schema/graph.yaml, never from
user input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphkit.stores.base import Store

__all__ = ["EDGE_EXTRA", "KEY_BY_DST", "PAGE", "EdgeRow", "NodeRow", "Row", "walk"]

PAGE = 2000
"""Nodes per page (and edges are read for one page of nodes at a time)."""

# Edge types read from their destination's pages (the destination has one such edge, the source
# many): the rest are read from their source's pages.
KEY_BY_DST = frozenset({"REPORTED", "HAS_ISSUE", "HAS_SUBISSUE", "TOOK", "HAS_ROLE", "HOLDS"})
# Extra columns some edges need for derived output, as Cypher expressions over a and b: the
# person's unit and the role's name make an org:Membership.
EDGE_EXTRA: dict[str, dict[str, str]] = {"HOLDS": {"unit": "a.unit_id", "role": "b.role"}}


@dataclass
class NodeRow:
    """One node: its label and every schema property (None where unset)."""

    label: str
    props: dict[str, Any]


@dataclass
class EdgeRow:
    """One edge: its type, the labels and ids of its ends, its properties (and EDGE_EXTRA's)."""

    type: str
    src_label: str
    dst_label: str
    src: str
    dst: str
    props: dict[str, Any]


Row = NodeRow | EdgeRow


def walk(store: Store, page: int = PAGE) -> Iterator[Row]:
    """Every node (label by label, in id order) and every edge, read in pages of `page` nodes.

    Each page of nodes is followed by the edges keyed on those nodes, so every edge comes once.
    """
    schema = store.schema
    keyed: dict[str, list[tuple[str, str, str, str]]] = {}
    for etype, e in schema.edges.items():
        for a, b in e.pairs:
            side = "b" if etype in KEY_BY_DST else "a"
            keyed.setdefault(b if side == "b" else a, []).append((etype, a, b, side))
    for label, node in schema.nodes.items():
        props = list(node.properties)
        cols = ", ".join(f"n.{p} AS c{i}" for i, p in enumerate(props))
        q = f"MATCH (n:{label}) WHERE n.id > $after RETURN {cols} ORDER BY n.id LIMIT $limit"
        after = ""
        while True:
            rows = store.query(q, {"after": after, "limit": page}).rows
            if not rows:
                break
            ids = []
            for r in rows:
                d = dict(zip(props, r, strict=True))
                ids.append(d["id"])
                yield NodeRow(label, d)
            for etype, a, b, side in keyed.get(label, []):
                yield from _edges(store, etype, a, b, side, ids)
            if len(rows) < page:
                break
            after = ids[-1]


def _edges(store: Store, etype: str, a: str, b: str, side: str, ids: list[str]) -> Iterator[EdgeRow]:
    eprops = list(store.schema.edges[etype].properties)
    extra = EDGE_EXTRA.get(etype, {})
    cols = ["a.id AS s", "b.id AS d"]
    cols += [f"e.{p} AS c{i}" for i, p in enumerate(eprops)]
    cols += [f"{expr} AS x{i}" for i, expr in enumerate(extra.values())]
    q = (
        f"MATCH (a:{a})-[e:{etype}]->(b:{b}) WHERE {side}.id IN $ids "
        f"RETURN {', '.join(cols)} ORDER BY a.id, b.id"
    )
    for r in store.query(q, {"ids": ids}).rows:
        props = dict(zip(eprops, r[2 : 2 + len(eprops)], strict=True))
        props.update(zip(extra, r[2 + len(eprops) :], strict=True))
        yield EdgeRow(etype, a, b, r[0], r[1], props)
