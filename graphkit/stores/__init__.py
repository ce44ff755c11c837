"""Stores behind one interface: `open_store(settings)` gives the embedded LadybugDB or Neo4j.

Answers carry graph values as GraphNode, GraphRel and GraphPath on both stores.
"""

from __future__ import annotations

from graphkit.config import Settings
from graphkit.errors import StoreError
from graphkit.stores.base import QueryResult, Store
from graphkit.stores.values import GraphNode, GraphPath, GraphRel, GraphValue, json_value


def open_store(settings: Settings | None = None, *, read_only: bool = False) -> Store:
    """The store the settings name. `read_only` opens the embedded store read-only."""
    s = settings or Settings()
    if s.store == "embedded":
        from graphkit.stores.embedded_store import EmbeddedStore

        return EmbeddedStore(s.db, read_only=read_only)
    if s.store == "neo4j":
        from graphkit.stores.neo4j_store import Neo4jStore

        store = Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
        if not read_only:
            store.apply_schema()
        return store
    raise StoreError(f"unknown store {s.store!r}: choose embedded or neo4j")


__all__ = [
    "GraphNode",
    "GraphPath",
    "GraphRel",
    "GraphValue",
    "QueryResult",
    "Store",
    "json_value",
    "open_store",
]
