"""A real local Neo4j Community server, assembled from Maven Central jars and run with Java 17+.

    from graphkit import neo4j_server
    info = neo4j_server.start()   # ServerInfo(uri='bolt://127.0.0.1:7687', http_url=..., pid=..., ...)
    ...
    neo4j_server.stop()

From a shell: ``graphkit neo4j fetch|start|stop|status [--json]`` (graphkit/cli/neo4j_cmd.py).

Rooms:

    settings.py  the home folder, ports, password and memory from the environment; the pom's version
    tools.py     finding Java 17+ and Maven
    jars.py      fetching the jars with Maven into home/lib, once per pom.xml
    conf.py      the home's folders, neo4j.conf (LOAD CSV and URL settings), log4j2 files, password,
                 and how Neo4j's Java programs are run
    process.py   the JVM: lock, pid file, ports, launching, waiting for Bolt, ending it
    ports.py     free or open, who listens there, and whether it answers Bolt (the stores ask too)
    server.py    start, stop, status: the life cycle, made of the rooms above

Everything lives under one folder, ``neo4j_home()``: ``$GRAPHKIT_HOME/neo4j`` when GRAPHKIT_HOME is
set, else ``$XDG_DATA_HOME/graphkit/neo4j`` (default ``~/.local/share/graphkit/neo4j``)::

    lib/      the jars, copied there by Maven from the pom.xml beside this file
    conf/     neo4j.conf (rewritten at every start) and the two log4j2 files
    data/     the databases (kept across stops)
    import/   the only folder LOAD CSV reads files from
    logs/     neo4j.log, debug.log, ... and console.log (the JVM's stdout and stderr)
    run/      graphkit-neo4j.pid (JSON) and the lock that makes start/stop safe to run at once
    build/    the copy of pom.xml that Maven runs on, and fetch.log

The server listens on 127.0.0.1 only: Bolt on GRAPHKIT_NEO4J_BOLT_PORT (7687), HTTP on
GRAPHKIT_NEO4J_HTTP_PORT (7474), with the Neo4j Browser at http://127.0.0.1:7474/browser/.

Auth is on. The user is ``neo4j``; its password is set from GRAPHKIT_NEO4J_PASSWORD (default
``graphkit-local``, at least 8 characters) before the very first start, with Neo4j's own
``neo4j-admin dbms set-initial-password``. Changing the variable later does not change the stored
password: stop the server and delete ``data/`` to start afresh with a new one.

LOAD CSV reads files only in ``import/`` and fetches no URL (every address is blocked); set
GRAPHKIT_NEO4J_URL_BLOCKLIST to CIDR blocks of your own, or ``none``, before a start to change that.

Other knobs: GRAPHKIT_NEO4J_HEAP (1g: initial and max heap), GRAPHKIT_NEO4J_PAGECACHE (512m),
GRAPHKIT_JAVA (else $JAVA_HOME/bin/java, else java on PATH), GRAPHKIT_MVN (else mvn on PATH).

Every failure meant for a person is a ``Neo4jServerError`` with a one-line message.
"""

from __future__ import annotations

from graphkit.neo4j_server.jars import ensure_jars, jars_ready
from graphkit.neo4j_server.server import (
    ServerInfo,
    ServerStatus,
    info_dict,
    is_running,
    start,
    status,
    stop,
)
from graphkit.neo4j_server.settings import (
    DEFAULT_PASSWORD,
    USER,
    bolt_port,
    http_port,
    lib_dir,
    neo4j_home,
    neo4j_version,
)

__all__ = [
    "DEFAULT_PASSWORD",
    "USER",
    "ServerInfo",
    "ServerStatus",
    "bolt_port",
    "ensure_jars",
    "http_port",
    "info_dict",
    "is_running",
    "jars_ready",
    "lib_dir",
    "neo4j_home",
    "neo4j_version",
    "start",
    "status",
    "stop",
]
