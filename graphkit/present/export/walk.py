"""The store read as neutral rows, in pages: what every export format is made from.

Every label is read in pages of nodes (`Store.node_page`, keyset paging on the id), and each edge
type is read for one page of the nodes on its low-degree side (`Store.edge_rows`), so the
store's graph is never held in memory as a whole. The store writes the Cypher from
schema/graph.yaml alone: labels, property names and edge types never come from user input.
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
# Extra columns some edges need for derived output, as (end, property) of the edge's ends a and
# b: the person's unit and the role's name make an org:Membership.
EDGE_EXTRA: dict[str, dict[str, tuple[str, str]]] = {
    "HOLDS": {"unit": ("a", "unit_id"), "role": ("b", "role")}
}


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
    for label in schema.nodes:
        after = ""
        while True:
            rows = store.node_page(label, after, page)
            if not rows:
                break
            ids = []
            for d in rows:
                ids.append(d["id"])
                yield NodeRow(label, d)
            for etype, a, b, side in keyed.get(label, []):
                for src, dst, props in store.edge_rows(
                    etype, a, b, ids, by=side, extra=EDGE_EXTRA.get(etype)
                ):
                    yield EdgeRow(etype, a, b, src, dst, props)
            if len(rows) < page:
                break
            after = ids[-1]
