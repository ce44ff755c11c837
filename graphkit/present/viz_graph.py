"""Query answers → a small graph model for the HTML views.

Both stores answer nodes, relationships and paths as GraphNode, GraphRel and GraphPath
(graphkit.stores.values). A node is known by its key (the ``id`` property every label of the
schema has); a relationship is drawn from its start node to its end node as stored, when both are
in the answer.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any

from graphkit.stores.values import GraphNode, GraphPath, GraphRel


@dataclass
class VizNode:
    """A node as drawn: its key, label and properties."""

    key: str
    label: str
    props: dict[str, Any]


@dataclass
class VizEdge:
    """A relationship as drawn, from its start node's key to its end node's."""

    src: str
    dst: str
    type: str
    props: dict[str, Any]


@dataclass
class VizGraph:
    """The nodes and edges of one view, each once (nodes by key, edges by start, type, end)."""

    nodes: dict[str, VizNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], VizEdge] = field(default_factory=dict)
    dangling: int = 0  # relationships whose ends were not in the answer
    focus: str | None = None  # the node the view is about (the unit of `viz unit`)

    # -- building ---------------------------------------------------------------------------------
    def add_node(self, node: GraphNode) -> VizNode:
        """Add a node, or complete the one with its key by the properties it lacks."""
        props = dict(node.properties)
        key = _node_key(node)
        viz = self.nodes.get(key)
        if viz is None:
            viz = self.nodes[key] = VizNode(key, node.label or "?", props)
        else:
            for k, v in props.items():
                viz.props.setdefault(k, v)
        return viz

    def add_edge(self, src: str, dst: str, etype: str, props: dict[str, Any]) -> None:
        """Add an edge between two node keys (once per start, type and end)."""
        k = (src, etype, dst)
        if k not in self.edges:
            self.edges[k] = VizEdge(src, dst, etype, props)

    def add_result(self, columns: list[str], rows: list[list[Any]]) -> None:
        """Every node, relationship and path of a query answer (also inside lists and maps).

        Relationships are placed once every node of the answer is known: one whose start or end
        is not in the answer is counted in `dangling`, not drawn.
        """
        rels: list[GraphRel] = []
        for row in rows:
            for v in row:
                self._collect(v, rels)
        for r in rels:
            if r.start is None or r.end is None or r.start not in self.nodes or r.end not in self.nodes:
                self.dangling += 1
                continue
            self.add_edge(r.start, r.end, r.type, dict(r.properties))

    def _collect(self, v: Any, rels: list[GraphRel]) -> None:
        if isinstance(v, GraphNode):
            self.add_node(v)
        elif isinstance(v, GraphRel):
            rels.append(v)
        elif isinstance(v, GraphPath):
            for n in v.nodes:
                self.add_node(n)
            rels.extend(v.relationships)
        elif isinstance(v, dict):
            for x in v.values():
                self._collect(x, rels)
        elif isinstance(v, list | tuple):
            for x in v:
                self._collect(x, rels)

    # -- shaping ----------------------------------------------------------------------------------
    def degrees(self) -> dict[str, int]:
        """Edges per node key."""
        deg = dict.fromkeys(self.nodes, 0)
        for e in self.edges.values():
            deg[e.src] = deg.get(e.src, 0) + 1
            deg[e.dst] = deg.get(e.dst, 0) + 1
        return deg

    def cap(self, max_nodes: int) -> tuple[VizGraph, dict[str, int], int]:
        """At most `max_nodes` nodes, the most connected first (units and families before others
        on a tie); returns the kept graph, the left-out nodes per label and the left-out edges."""
        if max_nodes <= 0 or len(self.nodes) <= max_nodes:
            return self, {}, 0
        deg = self.degrees()
        # units and families count double: they are what the views are about
        order = sorted(
            self.nodes.values(),
            key=lambda n: (
                -deg[n.key] * (2 if _PRIORITY.get(n.label, 99) < 2 else 1),
                _PRIORITY.get(n.label, 99),
                n.key,
            ),
        )
        keep = {n.key for n in order[:max_nodes]}
        out = VizGraph(dangling=self.dangling, focus=self.focus)
        left: dict[str, int] = {}
        for n in order:
            if n.key in keep:
                out.nodes[n.key] = n
            else:
                left[n.label] = left.get(n.label, 0) + 1
        dropped = 0
        for k, e in self.edges.items():
            if e.src in keep and e.dst in keep:
                out.edges[k] = e
            else:
                dropped += 1
        return out, left, dropped


_PRIORITY = {"Unit": 0, "MeasureTemplate": 1, "Notice": 2, "Issue": 3, "Measure": 4}


def _node_key(node: GraphNode) -> str:
    """The node's key; a node without one (not of the schema) by a hash of what it holds."""
    if node.key is not None:
        return node.key
    blob = json.dumps([node.label, dict(node.properties)], sort_keys=True, default=str, ensure_ascii=False)
    return "_" + hashlib.sha1(blob.encode()).hexdigest()[:16]


def radial_seed(graph: VizGraph, spacing: float = 70.0) -> dict[str, tuple[float, float]]:
    """Starting positions in O(n): each connected part as a radial tree around its best-connected
    node (a wedge per subtree, sized by its leaves), the parts side by side, largest first. The
    physics then only has to polish, which keeps a 2,000-node page quick to settle."""
    adj: dict[str, list[str]] = {k: [] for k in graph.nodes}
    for e in graph.edges.values():
        if e.src in adj and e.dst in adj and e.src != e.dst:
            adj[e.src].append(e.dst)
            adj[e.dst].append(e.src)
    deg = {k: len(v) for k, v in adj.items()}
    seen: set[str] = set()
    parts: list[tuple[str, dict[str, list[str]], list[str]]] = []
    for root in sorted(adj, key=lambda k: (-deg[k], k)):
        if root in seen:
            continue
        seen.add(root)
        order, children = [root], {root: []}  # type: ignore[var-annotated]
        for v in order:  # breadth first: order grows while we walk it
            for w in sorted(adj[v], key=lambda k: -deg[k]):
                if w not in seen:
                    seen.add(w)
                    children[v].append(w)
                    children[w] = []
                    order.append(w)
        parts.append((root, children, order))
    pos: dict[str, tuple[float, float]] = {}
    cursor_x, row_y, row_h = 0.0, 0.0, 0.0
    row_w = spacing * 4 * math.sqrt(max(len(adj), 1))
    for root, children, order in sorted(parts, key=lambda p: -len(p[2])):
        leaves: dict[str, int] = {}
        depth = {root: 0}
        for v in order:
            for w in children[v]:
                depth[w] = depth[v] + 1
        for v in reversed(order):
            leaves[v] = sum(leaves[w] for w in children[v]) or 1
        local: dict[str, tuple[float, float]] = {}
        wedge = {root: (0.0, 2 * math.pi)}
        for v in order:
            a0, a1 = wedge[v]
            mid = (a0 + a1) / 2
            r = depth[v] * spacing * 1.6
            local[v] = (r * math.cos(mid), r * math.sin(mid))
            start = a0
            for w in children[v]:
                span = (a1 - a0) * leaves[w] / leaves[v]
                wedge[w] = (start, start + span)
                start += span
        radius = max((math.hypot(x, y) for x, y in local.values()), default=0.0) + spacing
        if cursor_x > 0 and cursor_x + 2 * radius > row_w:
            cursor_x, row_y, row_h = 0.0, row_y + row_h, 0.0
        cx, cy = cursor_x + radius, row_y + radius
        for v, (x, y) in local.items():
            pos[v] = (round(cx + x, 1), round(cy + y, 1))
        cursor_x += 2 * radius
        row_h = max(row_h, 2 * radius)
    return pos


# -- the issue tree (viz unit) ---------------------------------------------------------------------

# Columns of the tree, left to right: the unit; its notices, inspections and roles; persons; the
# issue tree by depth; measures; then what stands beside a measure (documents, families, other units).
_LEVEL = {"Unit": 0, "Notice": 1, "Inspection": 1, "Role": 1, "Person": 2}


def tree_levels(graph: VizGraph) -> dict[str, int]:
    """A column for each node of a unit's graph: unit → notices → categories → issues → measures,
    with documents, families and other units in one column beside the measures (side markers)."""
    issue_lv = {
        k: 2 + max(int(n.props.get("depth") or 1), 1) - 1
        for k, n in graph.nodes.items()
        if n.label == "Issue"
    }
    measure_lv = max(issue_lv.values(), default=2) + 1
    out: dict[str, int] = {}
    for k, n in graph.nodes.items():
        if k in issue_lv:
            out[k] = issue_lv[k]
        elif n.label == "Measure":
            out[k] = measure_lv
        elif n.label in _LEVEL and (n.label != "Unit" or k == graph.focus or graph.focus is None):
            out[k] = _LEVEL[n.label]
        else:  # documents, families, near-copies' measures and units: beside the measures
            out[k] = measure_lv + 1
    if graph.focus is not None:  # a measure of another unit (a near-copy) stands beside ours
        took = {e.dst for e in graph.edges.values() if e.type == "TOOK" and e.src == graph.focus}
        for k, n in graph.nodes.items():
            if n.label == "Measure" and k not in took:
                out[k] = measure_lv + 1
    return out


# -- the reuse network (viz recycled) --------------------------------------------------------------


@dataclass
class Reuse:
    """Units joined by the families they share, and each family's own part of the graph.

    Attributes:
        families: family key → the keys of the units that use it.
        members: family key → the keys of the nodes its drill-down shows (the family, its members,
            their units and issues, the measures naming a member document).
        pairs: (unit key, unit key) → the keys of the families both use (keys in order).
    """

    families: dict[str, list[str]]
    members: dict[str, list[str]]
    pairs: dict[tuple[str, str], list[str]]


def reuse(graph: VizGraph) -> Reuse:
    """The reuse network of a families graph (`families_graph`): which units each family spans."""
    into: dict[str, list[tuple[str, str]]] = {}
    out_of: dict[str, list[tuple[str, str]]] = {}
    for e in graph.edges.values():
        into.setdefault(e.dst, []).append((e.src, e.type))
        out_of.setdefault(e.src, []).append((e.dst, e.type))
    label = {k: n.label for k, n in graph.nodes.items()}
    families: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    for t, n in graph.nodes.items():
        if n.label != "MeasureTemplate":
            continue
        shown = {t}
        units: set[str] = set()
        for x, etype in into.get(t, ()):
            if etype != "INSTANCE_OF":
                continue
            shown.add(x)
            shown.update(d for d, ty in out_of.get(x, ()) if ty in ("ADDRESSES", "SIMILAR_TO"))
            for s, _ty in into.get(x, ()):
                if label.get(s) == "Unit":
                    units.add(s)
                elif label.get(s) == "Measure":  # x is a document: the measures naming it
                    shown.add(s)
                    units.update(u for u, _ in into.get(s, ()) if label.get(u) == "Unit")
        shown |= units
        families[t] = sorted(units)
        members[t] = sorted(shown)
    pairs: dict[tuple[str, str], list[str]] = {}
    for t, spread in families.items():
        for i, a in enumerate(spread):
            for b in spread[i + 1 :]:
                pairs.setdefault((a, b), []).append(t)
    return Reuse(families, members, pairs)
