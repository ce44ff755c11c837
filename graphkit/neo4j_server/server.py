"""A real local Neo4j Community server, assembled from Maven Central jars and run with Java 17+.

Everything lives under one folder, ``neo4j_home()``: ``$GRAPHKIT_HOME/neo4j`` when GRAPHKIT_HOME is
set, else ``$XDG_DATA_HOME/graphkit/neo4j`` (default ``~/.local/share/graphkit/neo4j``)::

    lib/      the jars, copied there by Maven from the pom.xml beside this file
    conf/     neo4j.conf (rewritten at every start) and the two log4j2 files
    data/     the databases (kept across stops)
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

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from graphkit.config import BOLT_PORT_ENV, DEFAULT_BOLT_PORT
from graphkit.errors import Neo4jServerError

_PKG = Path(__file__).resolve().parent
POM = _PKG / "pom.xml"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
USER = "neo4j"
DEFAULT_PASSWORD = "graphkit-local"
DEFAULT_HTTP_PORT = 7474
DEFAULT_URL_BLOCKLIST = "0.0.0.0/0,::/0"
DEFAULT_HEAP = "1g"
DEFAULT_PAGECACHE = "512m"
START_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0
FETCH_TIMEOUT = 1800.0
_JARS_MARKER = ".graphkit-jars"
_PID_FILE = "graphkit-neo4j.pid"

# The JVM flags of the stock neo4j.conf (server.jvm.additional) of Neo4j 5.26. The server is
# launched with these directly (there is no bin/neo4j launcher here), and they are written into
# neo4j.conf too, so the file shows what the JVM got.
JVM_ADDITIONAL: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
)

# Popen objects of servers started by this process, so they can be reaped (no zombies).
_children: dict[int, subprocess.Popen[bytes]] = {}
# The file lock is re-entrant within this process (start() holds it while it calls ensure_jars()).
_lock_depth: dict[Path, int] = {}
_thread_lock = threading.RLock()


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


# ---------------------------------------------------------------- settings and paths


def graphkit_home() -> Path:
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
    return neo4j_home() / "lib"


def neo4j_version() -> str:
    """The Neo4j version the bundled pom.xml asks for (its ``neo4j.version`` property)."""
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
    # the setting graphkit.config.default_neo4j_uri() reads too, so the stores dial this port
    return _env_port(BOLT_PORT_ENV, DEFAULT_BOLT_PORT)


def http_port() -> int:
    return _env_port("GRAPHKIT_NEO4J_HTTP_PORT", DEFAULT_HTTP_PORT)


def password() -> str:
    return os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or DEFAULT_PASSWORD


def _uris(bolt: int, http: int) -> tuple[str, str, str]:
    http_url = f"http://127.0.0.1:{http}"
    return f"bolt://127.0.0.1:{bolt}", http_url, f"{http_url}/browser/"


# ---------------------------------------------------------------- tools: Java and Maven


def find_java() -> str:
    """The java to run Neo4j with.

    GRAPHKIT_JAVA when set (any Java 17+). Otherwise the first Java 17 or 21 (the versions Neo4j
    5.26 supports) among $JAVA_HOME/bin/java, java on PATH and /usr/lib/jvm/*/bin/java; failing
    that, the first of them that is 17 or newer.
    """
    explicit = os.environ.get("GRAPHKIT_JAVA")
    if explicit:
        java = shutil.which(explicit)
        if not java:
            raise Neo4jServerError(f"GRAPHKIT_JAVA={explicit!r} is not an executable java")
        major = java_major(java)
        if major < 17:
            raise Neo4jServerError(f"Neo4j {neo4j_version()} needs Java 17 or 21, but {java} is Java {major}")
        return java
    cands: list[str] = []
    if os.environ.get("JAVA_HOME"):
        cands.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    cands.append("java")
    cands += [str(p) for p in sorted(Path("/usr/lib/jvm").glob("*/bin/java"))]
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    for cand in cands:
        java = shutil.which(cand)
        if not java or os.path.realpath(java) in seen:
            continue
        seen.add(os.path.realpath(java))
        try:
            major = java_major(java)
        except Neo4jServerError:
            continue
        if major in (17, 21):
            return java
        found.append((java, major))
    newer = [j for j, m in found if m > 17]
    if newer:
        return newer[0]
    if found:
        java, major = found[0]
        raise Neo4jServerError(f"Neo4j {neo4j_version()} needs Java 17 or 21, but {java} is Java {major}")
    raise Neo4jServerError(
        "Java 17 or 21 is needed to run Neo4j and none was found "
        "(install openjdk-17-jre-headless, or set GRAPHKIT_JAVA or JAVA_HOME)"
    )


def java_major(java: str) -> int:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        ).stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Neo4jServerError(f"cannot run {java} -version: {e}") from None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        raise Neo4jServerError(f"cannot tell the Java version of {java}: {out.strip()[:200]!r}")
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def find_mvn() -> str:
    mvn = shutil.which(os.environ.get("GRAPHKIT_MVN") or "mvn")
    if not mvn:
        raise Neo4jServerError(
            "Maven (mvn) is needed to fetch the Neo4j jars from Maven Central and none was found "
            "(install maven, or set GRAPHKIT_MVN)"
        )
    return mvn


# ---------------------------------------------------------------- jars


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def jars_ready() -> bool:
    """True when home/lib holds the complete set of jars for the current pom.xml."""
    marker = lib_dir() / _JARS_MARKER
    try:
        return bool(json.loads(marker.read_text()).get("pom_sha256") == _pom_digest())
    except (OSError, ValueError, AttributeError):
        return False


def ensure_jars(*, timeout: float = FETCH_TIMEOUT, force: bool = False) -> Path:
    """Fetch the server's jars into ``neo4j_home()/lib`` with Maven, once; return that folder.

    Runs ``mvn -B -q dependency:copy-dependencies`` on a copy of the bundled pom.xml into lib.tmp,
    then swaps it in whole, so an interrupted fetch never leaves a half folder behind. Maven
    keeps its own cache in ~/.m2, so a second fetch copies without downloading.
    """
    lib = lib_dir()
    if jars_ready() and not force:
        return lib
    home = neo4j_home()
    with _locked(home):
        if jars_ready() and not force:
            return lib
        if _live_pid(home) is not None:
            raise Neo4jServerError(
                f"the Neo4j jars in {lib} are out of date but the server is running: stop it first"
            )
        mvn = find_mvn()
        build = home / "build"
        build.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(POM, build / "pom.xml")
        tmp = home / "lib.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        log = build / "fetch.log"
        cmd = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(build / "pom.xml"),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={tmp}",
        ]
        t0 = time.monotonic()
        try:
            with log.open("wb") as out:
                proc = subprocess.run(
                    cmd,
                    cwd=build,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    timeout=timeout,
                    check=False,
                )
        except subprocess.TimeoutExpired:
            shutil.rmtree(tmp, ignore_errors=True)
            raise Neo4jServerError(
                f"fetching the Neo4j jars with Maven timed out after {timeout:.0f} s (see {log}); "
                "run it again, Maven resumes from its cache"
            ) from None
        except OSError as e:
            raise Neo4jServerError(f"cannot run {mvn}: {e}") from None
        jars = sorted(tmp.glob("*.jar")) if tmp.is_dir() else []
        if proc.returncode != 0 or not jars:
            shutil.rmtree(tmp, ignore_errors=True)
            raise Neo4jServerError(
                f"fetching the Neo4j jars with Maven failed (exit {proc.returncode}): "
                f"{_first_error(log)} (see {log})"
            )
        if not any(j.name.startswith("neo4j-server-") for j in jars):
            raise Neo4jServerError(f"Maven fetched {len(jars)} jars but no neo4j-server jar (see {log})")
        (tmp / _JARS_MARKER).write_text(
            json.dumps(
                {
                    "pom_sha256": _pom_digest(),
                    "neo4j_version": neo4j_version(),
                    "jars": len(jars),
                    "seconds": round(time.monotonic() - t0, 1),
                },
                indent=1,
            )
        )
        old = home / "lib.old"
        shutil.rmtree(old, ignore_errors=True)
        if lib.exists():
            lib.rename(old)
        tmp.rename(lib)
        shutil.rmtree(old, ignore_errors=True)
        return lib


def _first_error(log: Path) -> str:
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return "no output"
    errors = [ln.removeprefix("[ERROR]").strip() for ln in lines if ln.startswith("[ERROR]")]
    errors = [e for e in errors if e and not e.startswith(("->", "Re-run", "To see", "For more"))]
    text = errors[0] if errors else (lines[-1].strip() if lines else "no output")
    return text[:300]


# ---------------------------------------------------------------- process bookkeeping


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    """One start/stop/fetch at a time per home folder, across processes (flock) and threads."""
    with _thread_lock:
        if _lock_depth.get(home):
            _lock_depth[home] += 1
            try:
                yield
            finally:
                _lock_depth[home] -= 1
            return
        run = home / "run"
        run.mkdir(parents=True, exist_ok=True)
        with (run / "graphkit-neo4j.lock").open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            _lock_depth[home] = 1
            try:
                yield
            finally:
                _lock_depth.pop(home, None)
                fcntl.flock(fh, fcntl.LOCK_UN)


def _pid_path(home: Path) -> Path:
    return home / "run" / _PID_FILE


def _read_pid_file(home: Path) -> dict[str, object] | None:
    try:
        data = json.loads(_pid_path(home).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("pid"), int) else None


def _cmdline(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [a.decode(errors="replace") for a in raw.split(b"\0") if a]


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie; reaps our own children."""
    child = _children.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        _children.pop(pid, None)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return sys.platform != "linux"  # no /proc (macOS): os.kill said it exists
    state = stat.rsplit(")", 1)[-1].split()[0]
    if state in ("Z", "X"):
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)
        return False
    return True


def _is_our_server(pid: int, home: Path) -> bool:
    """The process is a Neo4j CommunityEntryPoint started for this home folder."""
    if not _alive(pid):
        return False
    args = _cmdline(pid)
    if args is None:  # no /proc: trust the pid file
        return sys.platform != "linux"
    return MAIN_CLASS in args and f"--home-dir={home}" in args


def _scan_for_server(home: Path) -> int | None:
    """Find our server by its command line when the pid file is missing or stale (Linux)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    want = f"--home-dir={home}"
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        args = _cmdline(int(entry.name))
        if args and MAIN_CLASS in args and want in args and _alive(int(entry.name)):
            return int(entry.name)
    return None


def _live_pid(home: Path) -> int | None:
    data = _read_pid_file(home)
    if data is not None:
        pid = data["pid"]
        if isinstance(pid, int) and _is_our_server(pid, home):
            return pid
    return _scan_for_server(home)


def _ports_of(pid: int) -> tuple[int, int] | None:
    """The ports a running server was started with: from its -Dgraphkit.* flags."""
    args = _cmdline(pid) or []
    found: dict[str, int] = {}
    for a in args:
        m = re.fullmatch(r"-Dgraphkit\.(bolt|http)_port=(\d+)", a)
        if m:
            found[m.group(1)] = int(m.group(2))
    if "bolt" in found and "http" in found:
        return found["bolt"], found["http"]
    return None


def _running_ports(home: Path, pid: int) -> tuple[int, int]:
    ports = _ports_of(pid)
    if ports:
        return ports
    data = _read_pid_file(home) or {}
    b, h = data.get("bolt_port"), data.get("http_port")
    if isinstance(b, int) and isinstance(h, int):
        return b, h
    return bolt_port(), http_port()


def _port_owner(port: int) -> str:
    """Who holds a port, as far as graphkit can tell: another graphkit Neo4j, or another program."""
    proc = Path("/proc")
    if proc.is_dir():
        for entry in proc.iterdir():
            if not entry.name.isdigit():
                continue
            args = _cmdline(int(entry.name)) or []
            if MAIN_CLASS in args and (
                f"-Dgraphkit.bolt_port={port}" in args or f"-Dgraphkit.http_port={port}" in args
            ):
                other = next((a.split("=", 1)[1] for a in args if a.startswith("--home-dir=")), "?")
                return f"graphkit's Neo4j of another home, {other} (pid {entry.name})"
    return "another program"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _port_open(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------- configuration


def url_blocklist() -> str:
    """The addresses LOAD CSV (and APOC's load procedures) may not fetch from, as CIDR blocks.

    GRAPHKIT_NEO4J_URL_BLOCKLIST, default every address (`0.0.0.0/0,::/0`): the local server
    fetches no URL. `none` lifts the block. (Neo4j 5's `internal.dbms.cypher_ip_blocklist`.)
    """
    raw = os.environ.get("GRAPHKIT_NEO4J_URL_BLOCKLIST", "").strip()
    if not raw:
        return DEFAULT_URL_BLOCKLIST
    if raw.lower() == "none":
        return ""
    blocks = [b.strip() for b in raw.split(",") if b.strip()]
    for b in blocks:
        if not re.fullmatch(r"[0-9A-Fa-f:.]+/\d{1,3}", b):
            raise Neo4jServerError(
                f"GRAPHKIT_NEO4J_URL_BLOCKLIST: {b!r} is not a CIDR block like 10.0.0.0/8 (or say none)"
            )
    return ",".join(blocks)


def _conf_text(home: Path, bolt: int, http: int, heap: str, pagecache: str) -> str:
    blocklist = url_blocklist()
    lines = [
        "# Written by graphkit (graphkit/neo4j_server/server.py) at every start; edits are lost.",
        f"# Neo4j Community {neo4j_version()}, local use only: it listens on 127.0.0.1.",
        f"server.directories.data={home / 'data'}",
        f"server.directories.logs={home / 'logs'}",
        f"server.directories.run={home / 'run'}",
        f"server.directories.lib={home / 'lib'}",
        f"server.directories.plugins={home / 'plugins'}",
        f"server.directories.import={home / 'import'}",
        f"server.logs.config={home / 'conf' / 'server-logs.xml'}",
        f"server.logs.user.config={home / 'conf' / 'user-logs.xml'}",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{bolt}",
        f"server.bolt.advertised_address=127.0.0.1:{bolt}",
        "server.http.enabled=true",
        f"server.http.listen_address=127.0.0.1:{http}",
        f"server.http.advertised_address=127.0.0.1:{http}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        # LOAD CSV reads files only under server.directories.import (above), and no URL: every
        # address is blocked unless GRAPHKIT_NEO4J_URL_BLOCKLIST says otherwise (`none`).
        "dbms.security.allow_csv_import_from_file_urls=true",
        *([f"internal.dbms.cypher_ip_blocklist={blocklist}"] if blocklist else []),
        f"server.memory.heap.initial_size={heap}",
        f"server.memory.heap.max_size={heap}",
        f"server.memory.pagecache.size={pagecache}",
        "db.tx_log.rotation.retention_policy=2 days 512M",
        "db.tx_log.rotation.size=64M",
        "db.tx_log.preallocate=false",  # an empty database would take 2 x 256 MB otherwise
        "server.windows_service_name=neo4j",
    ]
    lines += [f"server.jvm.additional={flag}" for flag in JVM_ADDITIONAL]
    return "\n".join(lines) + "\n"


def _prepare_home(home: Path, bolt: int, http: int, heap: str, pagecache: str) -> None:
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    for name in ("server-logs.xml", "user-logs.xml"):
        shutil.copyfile(_PKG / name, home / "conf" / name)
    (home / "conf" / "neo4j.conf").write_text(_conf_text(home, bolt, http, heap, pagecache))


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(home)
    env["NEO4J_CONF"] = str(home / "conf")
    env.pop("NEO4J_AUTH", None)
    return env


def _set_initial_password(java: str, home: Path, secret: str) -> None:
    """Before the first start: Neo4j's own `neo4j-admin dbms set-initial-password`."""
    if len(secret) < 8:
        raise Neo4jServerError("GRAPHKIT_NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum)")
    cmd = [java, "-Xmx256m", "-cp", str(home / "lib" / "*"), ADMIN_CLASS]
    cmd += ["dbms", "set-initial-password", secret]
    try:
        proc = subprocess.run(
            cmd,
            cwd=home,
            env=_child_env(home),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Neo4jServerError(f"cannot set the initial Neo4j password: {e}") from None
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout).strip().splitlines()
        raise Neo4jServerError(
            f"cannot set the initial Neo4j password: {msg[-1] if msg else proc.returncode}"
        )


def _first_start(home: Path) -> bool:
    data = home / "data"
    return not (data / "databases" / "system").exists() and not (data / "dbms" / "auth.ini").exists()


# ---------------------------------------------------------------- public API


def start(*, wait: bool = True, timeout: float = START_TIMEOUT) -> ServerInfo:
    """Start the local Neo4j server, or return the one already running (same pid, ``started=False``).

    A server already running keeps the ports it was started with; the returned URIs say which.

    Fetches the jars first when needed (minutes, once). With ``wait`` (the default) it returns only
    when Bolt answers ``verify_connectivity`` with the user and password; a server that exits or
    does not answer within ``timeout`` seconds is stopped and reported as a Neo4jServerError.
    """
    home = neo4j_home()
    secret = password()
    version = neo4j_version()
    home.mkdir(parents=True, exist_ok=True)
    with _locked(home):
        pid = _live_pid(home)
        if pid is not None:
            b, h = _running_ports(home, pid)
            info = _info(home, pid, b, h, secret, version, started=False)
            if wait:
                _wait_ready(info, timeout)
            return info
        _pid_path(home).unlink(missing_ok=True)

        bolt, http = bolt_port(), http_port()
        if bolt == http:
            raise Neo4jServerError(f"the Bolt and HTTP ports are both {bolt}: give them different ports")
        for name, port in (("GRAPHKIT_NEO4J_BOLT_PORT", bolt), ("GRAPHKIT_NEO4J_HTTP_PORT", http)):
            if not _port_free(port):
                raise Neo4jServerError(
                    f"port {port} on 127.0.0.1 is taken by {_port_owner(port)}: free it or set {name}"
                )
        heap = _env_size("GRAPHKIT_NEO4J_HEAP", DEFAULT_HEAP)
        pagecache = _env_size("GRAPHKIT_NEO4J_PAGECACHE", DEFAULT_PAGECACHE)
        java = find_java()
        ensure_jars()
        _prepare_home(home, bolt, http, heap, pagecache)
        if _first_start(home):
            _set_initial_password(java, home, secret)

        cmd = [
            java,
            f"-Xms{heap}",
            f"-Xmx{heap}",
            *JVM_ADDITIONAL,
            "-Dfile.encoding=UTF-8",
            f"-Dgraphkit.bolt_port={bolt}",
            f"-Dgraphkit.http_port={http}",
            "-cp",
            str(home / "lib" / "*"),
            MAIN_CLASS,
            f"--home-dir={home}",
            f"--config-dir={home / 'conf'}",
            "--console-mode",
        ]
        console = home / "logs" / "console.log"
        if console.exists():
            console.replace(console.with_name("console.log.1"))
        try:
            with console.open("ab") as out:
                proc = subprocess.Popen(
                    cmd,
                    cwd=home,
                    env=_child_env(home),
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own session: Ctrl-C in a shell does not reach it
                    close_fds=True,
                )
        except OSError as e:
            raise Neo4jServerError(f"cannot run {java}: {e}") from None
        _children[proc.pid] = proc
        _pid_path(home).write_text(
            json.dumps(
                {
                    "pid": proc.pid,
                    "bolt_port": bolt,
                    "http_port": http,
                    "version": version,
                    "home": str(home),
                    "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                }
            )
        )
        info = _info(home, proc.pid, bolt, http, secret, version, started=True)
        if wait:
            try:
                _wait_ready(info, timeout)
            except Neo4jServerError:
                _terminate(proc.pid, STOP_TIMEOUT)
                _pid_path(home).unlink(missing_ok=True)
                raise
        return info


def stop(*, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the server: SIGTERM, then SIGKILL after ``timeout`` s; wait until the process is gone.

    Returns True when a server was stopped, False when none was running.
    """
    home = neo4j_home()
    if not home.exists():
        return False
    with _locked(home):
        pid = _live_pid(home)
        if pid is None:
            _pid_path(home).unlink(missing_ok=True)
            return False
        _terminate(pid, timeout)
        _pid_path(home).unlink(missing_ok=True)
        return True


def status() -> ServerStatus:
    home = neo4j_home()
    version = neo4j_version()
    pid = _live_pid(home) if home.exists() else None
    b, h = _running_ports(home, pid) if pid is not None else (bolt_port(), http_port())
    uri, http_url, browser = _uris(b, h)
    return ServerStatus(
        running=pid is not None,
        ready=pid is not None and _port_open(b),
        pid=pid,
        uri=uri,
        http_url=http_url,
        browser_url=browser,
        home=home,
        version=version,
        jars=jars_ready(),
    )


def is_running() -> bool:
    home = neo4j_home()
    return home.exists() and _live_pid(home) is not None


def info_dict(info: ServerInfo | ServerStatus) -> dict[str, object]:
    """A JSON-ready dict (the password left out)."""
    d = asdict(info)
    d.pop("password", None)
    d["home"] = str(d["home"])
    return d


# ---------------------------------------------------------------- helpers


def _info(
    home: Path, pid: int, bolt: int, http: int, secret: str, version: str, *, started: bool
) -> ServerInfo:
    uri, http_url, browser = _uris(bolt, http)
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


def _wait_ready(info: ServerInfo, timeout: float) -> None:
    """Poll Bolt with the driver's verify_connectivity until it answers, the JVM dies, or time runs out."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    deadline = time.monotonic() + timeout
    last = "no answer yet"
    driver = GraphDatabase.driver(info.uri, auth=info.auth, connection_timeout=5.0)
    try:
        while True:
            if not _alive(info.pid):
                raise Neo4jServerError(
                    f"Neo4j (pid {info.pid}) exited while starting: {_log_hint(info.home)} "
                    f"(see {info.home / 'logs' / 'console.log'})"
                )
            try:
                driver.verify_connectivity()
                return
            except AuthError:
                raise Neo4jServerError(
                    f"Neo4j at {info.uri} refused user {info.user!r} with the password from "
                    "GRAPHKIT_NEO4J_PASSWORD (default 'graphkit-local'); the stored one was set at the "
                    f"first start: use it, or stop the server and delete {info.home / 'data'} to reset"
                ) from None
            except (DriverError, Neo4jError, OSError) as e:
                last = f"{type(e).__name__}: {e}".splitlines()[0][:200]
            if time.monotonic() >= deadline:
                raise Neo4jServerError(
                    f"Neo4j (pid {info.pid}) did not answer on {info.uri} within {timeout:.0f} s "
                    f"({last}); see {info.home / 'logs'}"
                )
            time.sleep(0.5)
    finally:
        driver.close()


def _log_hint(home: Path) -> str:
    """The most telling line of the console log: the last ERROR, else the last line."""
    try:
        lines = (home / "logs" / "console.log").read_text(errors="replace").splitlines()
    except OSError:
        return "no console output"
    lines = [ln.strip() for ln in lines if ln.strip()]
    errors = [ln for ln in lines if " ERROR " in ln or "Exception" in ln or ln.startswith("Error")]
    text = (errors or lines or ["no console output"])[-1]
    return text[:300]


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM, wait up to ``timeout`` s, then SIGKILL and wait; raise if it still lives."""
    for sig, wait_s in ((signal.SIGTERM, timeout), (signal.SIGKILL, 15.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        except PermissionError:
            raise Neo4jServerError(f"not allowed to stop Neo4j (pid {pid})") from None
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                _children.pop(pid, None)
                return
            time.sleep(0.2)
    raise Neo4jServerError(f"Neo4j (pid {pid}) did not exit after SIGTERM and SIGKILL")
