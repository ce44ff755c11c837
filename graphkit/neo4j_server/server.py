"""The life cycle of the local Neo4j: ``start``, ``stop``, ``status``, made of the rooms beside it
(settings, tools, jars, conf, process).

Every failure meant for a person is a ``Neo4jServerError`` with a one-line message.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from graphkit.config import BOLT_PORT_ENV
from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server import ports, process
from graphkit.neo4j_server.conf import first_start, prepare_home, set_initial_password
from graphkit.neo4j_server.jars import ensure_jars, jars_ready
from graphkit.neo4j_server.settings import (
    HTTP_PORT_ENV,
    USER,
    bolt_port,
    heap_size,
    http_port,
    neo4j_home,
    neo4j_version,
    pagecache_size,
    password,
    uris,
)
from graphkit.neo4j_server.tools import find_java

# Where the server lives and on which ports are exported with the life cycle: callers of start()
# and status() need them to find its files and its Browser.
__all__ = [
    "START_TIMEOUT",
    "STOP_TIMEOUT",
    "ServerInfo",
    "ServerStatus",
    "bolt_port",
    "http_port",
    "info_dict",
    "is_running",
    "neo4j_home",
    "start",
    "status",
    "stop",
]

START_TIMEOUT = 120.0
STOP_TIMEOUT = process.STOP_TIMEOUT


@dataclass(frozen=True)
class ServerInfo:
    """A running server, as ``start()`` returns it."""

    uri: str  # bolt://127.0.0.1:7687
    http_url: str  # http://127.0.0.1:7474
    pid: int
    user: str
    password: str
    browser_url: str  # http://127.0.0.1:7474/browser/
    bolt_port: int
    http_port: int
    version: str
    home: Path
    started: bool  # True when this call launched the server, False when it was already running

    @property
    def auth(self) -> tuple[str, str]:
        """(user, password), as the neo4j driver takes it."""
        return (self.user, self.password)


@dataclass(frozen=True)
class ServerStatus:
    """What ``status()`` sees; ``ready`` means the Bolt port accepts connections."""

    running: bool
    ready: bool
    pid: int | None
    uri: str
    http_url: str
    browser_url: str
    home: Path
    version: str
    jars: bool  # the jars are assembled in home/lib


def start(*, wait: bool = True, timeout: float = START_TIMEOUT) -> ServerInfo:
    """Start the local Neo4j server, or return the one already running (same pid, ``started=False``).

    A server already running keeps the ports it was started with; the returned URIs say which.

    Fetches the jars first when needed (minutes, once). With ``wait`` (the default) it returns only
    when Bolt answers ``verify_connectivity`` with the user and password; a server that exits or
    does not answer within ``timeout`` seconds is stopped and reported as a Neo4jServerError.

    Raises:
        Neo4jServerError: a setting is malformed, a port is taken, Java or Maven is missing, or
            the server did not come up.
    """
    home = neo4j_home()
    secret = password()
    version = neo4j_version()
    home.mkdir(parents=True, exist_ok=True)
    with process.locked(home):
        pid = process.live_pid(home)
        if pid is not None:
            b, h = process.running_ports(home, pid)
            info = _info(home, pid, b, h, secret, version, started=False)
            if wait:
                process.wait_ready(info.uri, info.auth, pid, home, timeout)
            return info
        process.pid_path(home).unlink(missing_ok=True)

        bolt, http = bolt_port(), http_port()
        if bolt == http:
            raise Neo4jServerError(f"the Bolt and HTTP ports are both {bolt}: give them different ports")
        for name, port in ((BOLT_PORT_ENV, bolt), (HTTP_PORT_ENV, http)):
            if not ports.port_free(port):
                raise Neo4jServerError(
                    f"port {port} on 127.0.0.1 is taken by {ports.port_owner(port)}: free it or set {name}"
                )
        heap = heap_size()
        pagecache = pagecache_size()
        java = find_java()
        ensure_jars()
        prepare_home(home, bolt, http, heap, pagecache)
        if first_start(home):
            set_initial_password(java, home, secret)

        pid = process.launch(java, home, bolt=bolt, http=http, heap=heap, version=version)
        info = _info(home, pid, bolt, http, secret, version, started=True)
        if wait:
            try:
                process.wait_ready(info.uri, info.auth, pid, home, timeout)
            except Neo4jServerError:
                process.terminate(pid, STOP_TIMEOUT)
                process.pid_path(home).unlink(missing_ok=True)
                raise
        return info


def stop(*, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the server: SIGTERM, then SIGKILL after ``timeout`` s; wait until the process is gone.

    Returns:
        True when a server was stopped, False when none was running.

    Raises:
        Neo4jServerError: the process could not be ended.
    """
    home = neo4j_home()
    if not home.exists():
        return False
    with process.locked(home):
        pid = process.live_pid(home)
        if pid is None:
            process.pid_path(home).unlink(missing_ok=True)
            return False
        process.terminate(pid, timeout)
        process.pid_path(home).unlink(missing_ok=True)
        return True


def status() -> ServerStatus:
    """Running or not, ready or not, pid, URIs, home, version and whether the jars are there.

    Raises:
        Neo4jServerError: a port setting is malformed (only read when no server is running).
    """
    home = neo4j_home()
    version = neo4j_version()
    pid = process.live_pid(home) if home.exists() else None
    b, h = process.running_ports(home, pid) if pid is not None else (bolt_port(), http_port())
    uri, http_url, browser = uris(b, h)
    return ServerStatus(
        running=pid is not None,
        ready=pid is not None and ports.port_open(b),
        pid=pid,
        uri=uri,
        http_url=http_url,
        browser_url=browser,
        home=home,
        version=version,
        jars=jars_ready(),
    )


def is_running() -> bool:
    """True when the server of ``neo4j_home()`` runs (ready or not)."""
    home = neo4j_home()
    return home.exists() and process.live_pid(home) is not None


def info_dict(info: ServerInfo | ServerStatus) -> dict[str, object]:
    """A JSON-ready dict (the password left out)."""
    d = asdict(info)
    d.pop("password", None)
    d["home"] = str(d["home"])
    return d


def _info(
    home: Path, pid: int, bolt: int, http: int, secret: str, version: str, *, started: bool
) -> ServerInfo:
    uri, http_url, browser = uris(bolt, http)
    return ServerInfo(
        uri=uri,
        http_url=http_url,
        pid=pid,
        user=USER,
        password=secret,
        browser_url=browser,
        bolt_port=bolt,
        http_port=http,
        version=version,
        home=home,
        started=started,
    )
