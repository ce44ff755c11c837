"""Where the local Neo4j lives and what the environment sets for it: home folder, ports, password,
memory, and the Neo4j version the bundled pom.xml asks for.

Every value is read from the environment at each call, so a test or a shell can point one process
at another home or other ports by setting the variables before it calls ``start()``.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from graphkit.config import BOLT_PORT_ENV, DEFAULT_BOLT_PORT
from graphkit.errors import Neo4jServerError

PACKAGE_DIR = Path(__file__).resolve().parent
POM = PACKAGE_DIR / "pom.xml"
USER = "neo4j"
DEFAULT_PASSWORD = "graphkit-local"
DEFAULT_HTTP_PORT = 7474
HTTP_PORT_ENV = "GRAPHKIT_NEO4J_HTTP_PORT"
DEFAULT_HEAP = "1g"
DEFAULT_PAGECACHE = "512m"


def graphkit_home() -> Path:
    """GRAPHKIT_HOME, else ``$XDG_DATA_HOME/graphkit`` (default ``~/.local/share/graphkit``)."""
    env = os.environ.get("GRAPHKIT_HOME")
    if env:
        return Path(env).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return (base / "graphkit").resolve()


def neo4j_home() -> Path:
    """The one folder that holds the jars, conf, data, logs and pid file."""
    return graphkit_home() / "neo4j"


def lib_dir() -> Path:
    """The folder of the server's jars, inside ``neo4j_home()``."""
    return neo4j_home() / "lib"


def neo4j_version() -> str:
    """The Neo4j version the bundled pom.xml asks for (its ``neo4j.version`` property).

    Raises:
        Neo4jServerError: the pom cannot be read or names no version.
    """
    try:
        root = ET.parse(POM).getroot()
    except (OSError, ET.ParseError) as e:
        raise Neo4jServerError(f"cannot read {POM}: {e}") from None
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = root.find("m:properties/m:neo4j.version", ns)
    if node is None or not (node.text or "").strip():
        raise Neo4jServerError(f"{POM} has no neo4j.version property")
    return (node.text or "").strip()


def _env_port(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise Neo4jServerError(f"{name}={raw!r} is not a TCP port (1-65535)")
    return int(raw)


def _env_size(name: str, default: str) -> str:
    raw = os.environ.get(name, "").strip() or default
    if not re.fullmatch(r"\d+[kKmMgG]", raw):
        raise Neo4jServerError(f"{name}={raw!r} is not a memory size like 512m or 1g")
    return raw.lower()


def bolt_port() -> int:
    """GRAPHKIT_NEO4J_BOLT_PORT (default 7687).

    graphkit.config.default_neo4j_uri() reads the same variable, so the stores dial the port the
    server listens on.

    Raises:
        Neo4jServerError: the variable is not a TCP port.
    """
    return _env_port(BOLT_PORT_ENV, DEFAULT_BOLT_PORT)


def http_port() -> int:
    """GRAPHKIT_NEO4J_HTTP_PORT (default 7474), where the HTTP API and the Browser listen.

    Raises:
        Neo4jServerError: the variable is not a TCP port.
    """
    return _env_port(HTTP_PORT_ENV, DEFAULT_HTTP_PORT)


def password() -> str:
    """GRAPHKIT_NEO4J_PASSWORD (default ``graphkit-local``): set as the initial password only."""
    return os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or DEFAULT_PASSWORD


def heap_size() -> str:
    """GRAPHKIT_NEO4J_HEAP (default 1g), the JVM's initial and maximum heap.

    Raises:
        Neo4jServerError: the variable is not a size like 512m or 1g.
    """
    return _env_size("GRAPHKIT_NEO4J_HEAP", DEFAULT_HEAP)


def pagecache_size() -> str:
    """GRAPHKIT_NEO4J_PAGECACHE (default 512m), Neo4j's page cache.

    Raises:
        Neo4jServerError: the variable is not a size like 512m or 1g.
    """
    return _env_size("GRAPHKIT_NEO4J_PAGECACHE", DEFAULT_PAGECACHE)


def uris(bolt: int, http: int) -> tuple[str, str, str]:
    """The Bolt URI, the HTTP URL and the Browser URL of a server on these ports of 127.0.0.1."""
    http_url = f"http://127.0.0.1:{http}"
    return f"bolt://127.0.0.1:{bolt}", http_url, f"{http_url}/browser/"
