"""An empty store for a benchmark run: embedded in a fresh temporary folder, or the local Neo4j
(started if needed) emptied and given the schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

from graphkit.stores.base import Store


def empty_store(name: str, prefix: str = "gk-bench-") -> Store:
    if name == "embedded":
        from graphkit.stores.embedded_store import EmbeddedStore

        return EmbeddedStore(Path(tempfile.mkdtemp(prefix=prefix)) / "db")
    from graphkit.neo4j_server import server
    from graphkit.stores.neo4j_store import Neo4jStore

    info = server.start()
    store = Neo4jStore(info.uri, info.user, info.password)
    store.clear()
    store.apply_schema()
    return store
