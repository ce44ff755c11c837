"""Graph values in query answers: one shape for nodes, relationships and paths on both stores.

Each store converts what its driver gives (Neo4j's `Node`/`Relationship`/`Path`, LadybugDB's
`_LABEL`/`_ID`/`_SRC`/`_DST` dicts) into these types in its query path, so no caller sees a
store's internals. A node is known by its label and its key, the `id` property every label of the
schema has; a relationship by its type and the keys (and labels) of the nodes it goes from and
to, in the direction it is stored. Properties hold what is set: a property whose value is null is
left out (Neo4j stores no nulls; LadybugDB answers every column of a table).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from graphkit.fields import field_dict


@dataclass(frozen=True)
class GraphNode:
    """A node: its label, its key (the `id` property; None for a node without one) and its
    properties (the key among them)."""

    label: str
    key: str | None
    properties: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def to_json(self) -> dict[str, Any]:
        """`{"label": …, "key": …, "properties": {…}}`, JSON-ready."""
        return field_dict(self, "label key", properties=json_value(dict(self.properties)))

    def __str__(self) -> str:
        return (
            f"(:{self.label} {_cypher_map(self.properties)})"
            if self.label
            else f"({_cypher_map(self.properties)})"
        )


@dataclass(frozen=True)
class GraphRel:
    """A relationship: its type, the keys and labels of its start and end nodes (the way it is
    stored, whatever way the query matched it) and its properties."""

    type: str
    start: str | None
    end: str | None
    start_label: str = ""
    end_label: str = ""
    properties: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def to_json(self) -> dict[str, Any]:
        """`{"type": …, "start": …, "end": …, "start_label": …, "end_label": …, "properties": {…}}`."""
        return field_dict(
            self, "type start end start_label end_label", properties=json_value(dict(self.properties))
        )

    def __str__(self) -> str:
        rel = f"[:{self.type}{' ' + _cypher_map(self.properties) if self.properties else ''}]"
        return f"{_end(self.start_label, self.start)}-{rel}->{_end(self.end_label, self.end)}"


@dataclass(frozen=True)
class GraphPath:
    """A path: its nodes in order and the relationships between them (`relationships[i]` joins
    `nodes[i]` and `nodes[i + 1]`, stored in either direction)."""

    nodes: tuple[GraphNode, ...]
    relationships: tuple[GraphRel, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """`{"nodes": [node…], "relationships": [relationship…]}`."""
        return {
            "nodes": [n.to_json() for n in self.nodes],
            "relationships": [r.to_json() for r in self.relationships],
        }

    def steps(self) -> Iterator[tuple[GraphRel, GraphNode, bool]]:
        """``(relationship, the node it leads to, forward)`` along the path after its first
        node; ``forward`` when the relationship is stored from the node before to that node."""
        for prev, rel, node in zip(self.nodes, self.relationships, self.nodes[1:], strict=False):
            yield rel, node, rel.start == prev.key and rel.start_label == prev.label

    def render(
        self,
        node: Callable[[GraphNode], str],
        arrows: tuple[str, str],
        *,
        empty: str,
        sep: str = "",
    ) -> str:
        """The path written node, arrow, node, …: each node by `node`, each relationship by
        `arrows` (forward, backward) formatted with its `type`; `empty` for a path of no node."""
        if not self.nodes:
            return empty
        out = [node(self.nodes[0])]
        for rel, to, forward in self.steps():
            out += (arrows[0 if forward else 1].format(type=rel.type), node(to))
        return sep.join(out)

    def __str__(self) -> str:
        return self.render(str, ("-[:{type}]->", "<-[:{type}]-"), empty="()")


GraphValue = GraphNode | GraphRel | GraphPath


def json_value(v: Any) -> Any:
    """An answer value as JSON-ready Python: graph values by their `to_json()`, lists and maps
    walked, Decimal as int or float, anything else that JSON has no type for (dates) as text."""
    if v is None or isinstance(v, str | bool | int | float):
        return v
    if isinstance(v, GraphNode | GraphRel | GraphPath):
        return v.to_json()
    if isinstance(v, list | tuple):
        return [json_value(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): json_value(x) for k, x in v.items()}
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return str(v)


def _cypher_map(props: Mapping[str, Any]) -> str:
    inner = ", ".join(f"{k}: {json.dumps(json_value(v), ensure_ascii=False)}" for k, v in props.items())
    return "{" + inner + "}"


def _end(label: str, key: str | None) -> str:
    ident = "{id: " + json.dumps(key, ensure_ascii=False) + "}" if key is not None else ""
    return f"(:{label} {ident})" if label and ident else f"(:{label})" if label else f"({ident})"
