"""Stores behind one interface: `open_store(settings)` gives the embedded LadybugDB or Neo4j.

Answers carry graph values as GraphNode, GraphRel and GraphPath on both stores.
"""

from __future__ import annotations

import logging

from graphkit.config import Settings
from graphkit.errors import StoreError
from graphkit.stores.base import QueryResult, Store
from graphkit.stores.state import StoreState, check_format, read_state
from graphkit.stores.values import GraphNode, GraphPath, GraphRel, GraphValue, json_value

log = logging.getLogger("graphkit.store")
"""Where a read hears that the store is being loaded, or that a load died (one line each; with
no logging configured, Python prints it on stderr as it is)."""


def open_store(
    settings: Settings | None = None, *, read_only: bool = False, migrating: bool = False
) -> Store:
    """The store the settings name, its GraphkitState read and its format checked.

    Args:
        settings: which store and where (default: from the environment).
        read_only: open the embedded store read-only; a read warns (`log`) when a load,
            rebuild or migration is under way or died, or the families are stale.
        migrating: open a store of an earlier format (for `graphkit migrate`).

    Raises:
        StoreError: the store cannot be opened, or was written in another store format
            (an earlier one names `graphkit migrate`).
    """
    s = settings or Settings()
    if s.store == "embedded":
        from graphkit.stores.embedded_store import EmbeddedStore

        store: Store = EmbeddedStore(s.db, read_only=read_only)
    elif s.store == "neo4j":
        from graphkit.stores.neo4j_store import Neo4jStore

        store = Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
        if not read_only:
            store.apply_schema()
    else:
        raise StoreError(f"unknown store {s.store!r}: choose embedded or neo4j")
    try:
        found = read_state(store)
        if not migrating:
            check_format(store, found)
    except BaseException:
        store.close()
        raise
    warning = found.warning() if read_only else None
    if warning:
        log.warning("warning: %s", warning)
    return store


__all__ = [
    "GraphNode",
    "GraphPath",
    "GraphRel",
    "GraphValue",
    "QueryResult",
    "Store",
    "StoreState",
    "json_value",
    "open_store",
]
