"""Query answers → a small graph model for the HTML views (both stores' shapes, normalised).

LadybugDB answers nodes as ``{"_ID": {"table", "offset"}, "_LABEL": …, props}``, relationships
as ``{"_ID", "_SRC", "_DST", "_LABEL", props}`` and paths as ``{"_NODES": […], "_RELS": […]}``.
Neo4j (through ``Neo4jStore``) answers nodes as ``{"_label": …, props}``, relationships as
``{"_type": …, props}`` without their ends, and paths as ``{"nodes": […], "rels": […]}``.

A node is known by its ``id`` property (every label of the schema has one). A Neo4j
relationship is placed between the nearest nodes before and after it in its row (or path), and
turned the way the schema declares (``HAS_SUBISSUE`` by ``parent_id``, ``SIMILAR_TO`` a < b).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any


@dataclass
class VizNode:
    key: str
    label: str
    props: dict[str, Any]


@dataclass
class VizEdge:
    src: str
    dst: str
    type: str
    props: dict[str, Any]


@dataclass
class VizGraph:
    nodes: dict[str, VizNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], VizEdge] = field(default_factory=dict)
    dangling: int = 0  # relationships whose ends were not in the answer

    # -- building ---------------------------------------------------------------------------------
    def add_node(self, raw: dict[str, Any]) -> VizNode:
        label = str(raw.get("_LABEL") or raw.get("_label") or "?")
        props = _props(raw)
        key = _node_key(raw, props)
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = VizNode(key, label, props)
        else:
            for k, v in props.items():
                node.props.setdefault(k, v)
        return node

    def add_edge(self, src: str, dst: str, etype: str, props: dict[str, Any]) -> None:
        k = (src, etype, dst)
        if k not in self.edges:
            self.edges[k] = VizEdge(src, dst, etype, props)

    def add_result(self, columns: list[str], rows: list[list[Any]]) -> None:
        """Every node, relationship and path of a query answer (also inside lists and maps)."""
        internal: dict[str, str] = {}  # LadybugDB internal id → node key
        pending: list[dict[str, Any]] = []  # LadybugDB relationships, placed once all nodes are known
        for row in rows:
            items: list[tuple[str, Any]] = []
            for v in row:
                _flatten(v, items)
            seq: list[tuple[str, Any]] = []  # ("n", VizNode) | ("r", raw Neo4j rel)
            for kind, v in items:
                if kind == "node":
                    node = self.add_node(v)
                    if "_ID" in v:
                        internal[_iid(v["_ID"])] = node.key
                    seq.append(("n", node))
                elif kind == "rel":
                    if "_SRC" in v:
                        pending.append(v)
                    else:
                        seq.append(("r", v))
                elif kind == "path":
                    self._add_path(v, internal, pending)
            self._place_rels(seq)
        for r in pending:
            a, b = internal.get(_iid(r["_SRC"])), internal.get(_iid(r["_DST"]))
            if a is None or b is None:
                self.dangling += 1
                continue
            self.add_edge(a, b, str(r.get("_LABEL") or "?"), _props(r))

    def _add_path(self, p: dict[str, Any], internal: dict[str, str], pending: list[dict[str, Any]]) -> None:
        if "_NODES" in p:
            for n in p.get("_NODES") or []:
                node = self.add_node(n)
                if "_ID" in n:
                    internal[_iid(n["_ID"])] = node.key
            pending.extend(p.get("_RELS") or [])
            return
        nodes = [self.add_node(n) for n in p.get("nodes") or []]
        seq: list[tuple[str, Any]] = []
        for i, n in enumerate(nodes):
            seq.append(("n", n))
            rels = p.get("rels") or []
            if i < len(rels):
                seq.append(("r", rels[i]))
        self._place_rels(seq)

    def _place_rels(self, seq: list[tuple[str, Any]]) -> None:
        """Neo4j relationships without ends: between the nearest nodes before and after them."""
        for i, (kind, r) in enumerate(seq):
            if kind != "r":
                continue
            before = next((v for k, v in reversed(seq[:i]) if k == "n"), None)
            after = next((v for k, v in seq[i + 1 :] if k == "n"), None)
            if before is None or after is None:
                self.dangling += 1
                continue
            etype = str(r.get("_type") or "?")
            a, b = _orient(etype, before, after)
            self.add_edge(a.key, b.key, etype, _props(r))

    # -- shaping ----------------------------------------------------------------------------------
    def degrees(self) -> dict[str, int]:
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
        out = VizGraph(dangling=self.dangling)
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

# Which way each relationship type points (from the schema), for Neo4j answers.
_PAIRS: dict[str, set[tuple[str, str]]] | None = None


def _pairs() -> dict[str, set[tuple[str, str]]]:
    global _PAIRS
    if _PAIRS is None:
        from graphkit.schema import schema

        _PAIRS = {t: {tuple(p) for p in e.pairs} for t, e in schema().edges.items()}  # type: ignore[misc]
    return _PAIRS


def _orient(etype: str, a: VizNode, b: VizNode) -> tuple[VizNode, VizNode]:
    if etype == "HAS_SUBISSUE":
        return (b, a) if a.props.get("parent_id") == b.props.get("id") else (a, b)
    if etype == "SIMILAR_TO":
        return (a, b) if str(a.props.get("id", "")) <= str(b.props.get("id", "")) else (b, a)
    pairs = _pairs().get(etype, set())
    if (a.label, b.label) not in pairs and (b.label, a.label) in pairs:
        return b, a
    return a, b


def _flatten(v: Any, out: list[tuple[str, Any]]) -> None:
    if isinstance(v, dict):
        if "_NODES" in v or "_RELS" in v or (set(v) == {"nodes", "rels"}):
            out.append(("path", v))
        elif ("_SRC" in v and "_DST" in v) or "_type" in v:
            out.append(("rel", v))
        elif "_LABEL" in v or "_label" in v:
            out.append(("node", v))
        else:
            for x in v.values():
                _flatten(x, out)
    elif isinstance(v, list | tuple):
        for x in v:
            _flatten(x, out)


def _iid(v: Any) -> str:
    if isinstance(v, dict):
        return f"{v.get('table')}:{v.get('offset')}"
    return str(v)


def _props(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if not k.startswith("_") and v is not None}


def _node_key(raw: dict[str, Any], props: dict[str, Any]) -> str:
    if props.get("id") is not None:
        return str(props["id"])
    if "_ID" in raw:
        return "_" + _iid(raw["_ID"])
    blob = json.dumps([raw.get("_label"), props], sort_keys=True, default=str, ensure_ascii=False)
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
