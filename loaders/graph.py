"""Nodes and edges in plain Python, the shape loaders produce and stores write."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]
EdgeKey = tuple[str, str, str]  # (type, from label, to label)


@dataclass
class GraphBatch:
    """Nodes by label and edges by (type, from label, to label); rows carry `id` / `src`, `dst`."""

    nodes: dict[str, dict[str, Row]] = field(default_factory=lambda: defaultdict(dict))
    edges: dict[EdgeKey, dict[tuple[str, ...], Row]] = field(default_factory=lambda: defaultdict(dict))

    def node(self, label: str, row: Row) -> str:
        """Add (or update) a node; the last write of a property wins. Returns its id.

        An empty string is stored as null, as a CSV bulk load would read it, so both stores agree.
        """
        values = {k: (None if v == "" else v) for k, v in row.items()} if "" in row.values() else dict(row)
        rows = self.nodes[label]
        node = rows.get(row["id"])
        if node is None:
            rows[row["id"]] = values
        else:
            node.update(values)
        return str(row["id"])

    def edge(
        self, etype: str, src: tuple[str, str], dst: tuple[str, str], *, key: str | None = None, **props: Any
    ) -> None:
        """Add an edge between (label, id) pairs; one edge per type and pair, or per type, pair
        and `key` when given (REUSED_FROM: one per family between the same two units)."""
        ends = (src[1], dst[1]) if key is None else (src[1], dst[1], key)
        self.edges[(etype, src[0], dst[0])][ends] = {"src": src[1], "dst": dst[1], **props}

    def size(self) -> int:
        """The number of nodes and edges in the batch."""
        return sum(len(r) for r in self.nodes.values()) + sum(len(r) for r in self.edges.values())

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts by label and edge counts by type, sorted; labels without nodes left out."""
        edges: dict[str, int] = defaultdict(int)
        for (etype, _, _), rows in self.edges.items():
            edges[etype] += len(rows)
        return {
            "nodes": {k: len(v) for k, v in sorted(self.nodes.items()) if v},
            "edges": dict(sorted(edges.items())),
        }
