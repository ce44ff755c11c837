"""A real local Neo4j Community server for graphkit, assembled from Maven Central jars.

    from graphkit.neo4j_server import start, stop
    info = start()          # ServerInfo(uri='bolt://127.0.0.1:7687', http_url=..., pid=..., user, password)
    ...
    stop()

From a shell: ``python -m graphkit.neo4j_server fetch|start|stop|status`` or ``graphkit neo4j ...``.
See server.py for the folder layout, the ports, auth and the environment variables.
"""

from __future__ import annotations

from graphkit.neo4j_server.server import (
    DEFAULT_PASSWORD,
    USER,
    ServerInfo,
    ServerStatus,
    ensure_jars,
    is_running,
    jars_ready,
    neo4j_home,
    neo4j_version,
    start,
    status,
    stop,
)

__all__ = [
    "DEFAULT_PASSWORD",
    "USER",
    "ServerInfo",
    "ServerStatus",
    "ensure_jars",
    "is_running",
    "jars_ready",
    "neo4j_home",
    "neo4j_version",
    "start",
    "status",
    "stop",
]
