"""The one graph schema (schema/graph.yaml): node labels, edge types, typed properties, indexes.

Each store makes its DDL from it (`graphkit.stores.ddl`, which also writes schema/constraints.cypher
and schema/embedded.cypher); the RDF mapping and shapes are checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graphkit.paths import schema_dir


@dataclass(frozen=True)
class NodeType:
    """A node label: its typed properties, which of them are indexed, and whether a notice owns it."""

    label: str
    properties: dict[str, str]
    indexes: tuple[str, ...] = ()
    text_indexes: tuple[str, ...] = ()  # Neo4j TEXT indexes (CONTAINS filters); LadybugDB scans
    # Neo4j range indexes on several properties, in their order: a query giving a range of the
    # first and `IS NOT NULL` of the others reads them in that order (ORDER BY … LIMIT stops early)
    composite_indexes: tuple[tuple[str, ...], ...] = ()
    owned: bool = False
    doc: str = ""


@dataclass(frozen=True)
class EdgeType:
    """A relationship type: the (from label, to label) pairs it may join and its typed properties."""

    type: str
    pairs: tuple[tuple[str, str], ...]
    properties: dict[str, str] = field(default_factory=dict)
    doc: str = ""


@dataclass(frozen=True)
class GraphSchema:
    """The graph's node labels and relationship types, with the DDL each store needs for them.

    Attributes:
        nodes: the graph's node labels (what stats, exports and loads see).
        edges: the graph's relationship types.
        meta: graphkit's own bookkeeping labels (GraphkitState): in the DDL, not in the graph.
        version: the store format (graph.yaml's `version`).
    """

    nodes: dict[str, NodeType]
    edges: dict[str, EdgeType]
    meta: dict[str, NodeType] = field(default_factory=dict)
    version: int = 1

    def tables(self) -> list[NodeType]:
        """Every node label a store holds: the graph's, then the meta labels."""
        return [*self.nodes.values(), *self.meta.values()]


def _as_list(v: str | list[str]) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


def load_schema(path: Path | None = None) -> GraphSchema:
    """Read and check the schema YAML (default `schema/graph.yaml`).

    Raises ValueError when an edge names an unknown label, a node lacks an `id: string` key or
    indexes a property it does not have.
    """
    raw = yaml.safe_load((path or schema_dir() / "graph.yaml").read_text(encoding="utf-8"))
    nodes = _node_types(raw["nodes"])
    meta = _node_types(raw.get("meta") or {})
    edges = {}
    for etype, spec in raw["edges"].items():
        pairs = tuple((a, b) for a in _as_list(spec["from"]) for b in _as_list(spec["to"]))
        for a, b in pairs:
            if a not in nodes or b not in nodes:
                raise ValueError(f"edge {etype} names an unknown node label ({a} → {b})")
        edges[etype] = EdgeType(etype, pairs, dict(spec.get("properties") or {}), spec.get("doc", ""))
    for n in [*nodes.values(), *meta.values()]:
        if n.properties.get("id") != "string":
            raise ValueError(f"node {n.label} needs an `id: string` key")
        indexed = {*n.indexes, *n.text_indexes, *(p for props in n.composite_indexes for p in props)}
        if unknown := sorted(indexed - set(n.properties)):
            raise ValueError(f"node {n.label} indexes properties it does not have: {', '.join(unknown)}")
    return GraphSchema(nodes, edges, meta, int(raw.get("version", 1)))


def _node_types(raw: dict[str, Any]) -> dict[str, NodeType]:
    return {
        label: NodeType(
            label=label,
            properties=dict(spec["properties"]),
            indexes=tuple(spec.get("indexes", ())),
            text_indexes=tuple(spec.get("text_indexes", ())),
            composite_indexes=tuple(tuple(props) for props in spec.get("composite_indexes", ())),
            owned=bool(spec.get("owned", False)),
            doc=spec.get("doc", ""),
        )
        for label, spec in raw.items()
    }


@cache
def schema() -> GraphSchema:
    """The project's schema, loaded once."""
    return load_schema()
