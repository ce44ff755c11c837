"""The server's JVM process: the per-home lock, the pid file, finding the process, its ports,
launching it, waiting until Bolt answers, and ending it.

A server is recognised by its command line (``CommunityEntryPoint --home-dir=<home>``), so a stale
pid file, or a pid reused by another program, is never taken for the server; the ports it was
started with are carried on that command line as ``-Dgraphkit.bolt_port`` / ``-Dgraphkit.http_port``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server.conf import JVM_ADDITIONAL, run_java
from graphkit.neo4j_server.settings import bolt_port, http_port

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
PID_FILE = "graphkit-neo4j.pid"
LOCK_FILE = "graphkit-neo4j.lock"
STOP_TIMEOUT = 60.0
AUTH_RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"

# Popen objects of the servers this process started, polled so that they are reaped (no zombies).
_children: dict[int, subprocess.Popen[bytes]] = {}
# The lock is re-entrant within a process: start() holds it while it fetches the jars, which
# takes it too.
_lock_depth: dict[Path, int] = {}
_thread_lock = threading.RLock()


@contextlib.contextmanager
def locked(home: Path) -> Iterator[None]:
    """One start, stop or fetch at a time per home folder, across processes (flock) and threads."""
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
        with (run / LOCK_FILE).open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            _lock_depth[home] = 1
            try:
                yield
            finally:
                _lock_depth.pop(home, None)
                fcntl.flock(fh, fcntl.LOCK_UN)


def pid_path(home: Path) -> Path:
    """The pid file of the home's server (JSON: pid, ports, version, home, start time)."""
    return home / "run" / PID_FILE


def _read_pid_file(home: Path) -> dict[str, object] | None:
    try:
        data = json.loads(pid_path(home).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("pid"), int) else None


def cmdline(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [a.decode(errors="replace") for a in raw.split(b"\0") if a]


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie; reaps this process's own children."""
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
    if not alive(pid):
        return False
    args = cmdline(pid)
    if args is None:  # no /proc: trust the pid file
        return sys.platform != "linux"
    return MAIN_CLASS in args and f"--home-dir={home}" in args


def _scan_for_server(home: Path) -> int | None:
    """Find the server by its command line when the pid file is missing or stale (Linux)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    want = f"--home-dir={home}"
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        args = cmdline(int(entry.name))
        if args and MAIN_CLASS in args and want in args and alive(int(entry.name)):
            return int(entry.name)
    return None


def live_pid(home: Path) -> int | None:
    """The pid of the server running for this home folder, or None."""
    data = _read_pid_file(home)
    if data is not None:
        pid = data["pid"]
        if isinstance(pid, int) and _is_our_server(pid, home):
            return pid
    return _scan_for_server(home)


def _ports_of(pid: int) -> tuple[int, int] | None:
    """The ports a running server was started with: from its -Dgraphkit.* flags."""
    args = cmdline(pid) or []
    found: dict[str, int] = {}
    for a in args:
        m = re.fullmatch(r"-Dgraphkit\.(bolt|http)_port=(\d+)", a)
        if m:
            found[m.group(1)] = int(m.group(2))
    if "bolt" in found and "http" in found:
        return found["bolt"], found["http"]
    return None


def running_ports(home: Path, pid: int) -> tuple[int, int]:
    """(Bolt, HTTP) of a running server: its command line, else its pid file, else the settings."""
    ports = _ports_of(pid)
    if ports:
        return ports
    data = _read_pid_file(home) or {}
    b, h = data.get("bolt_port"), data.get("http_port")
    if isinstance(b, int) and isinstance(h, int):
        return b, h
    return bolt_port(), http_port()


def launch(java: str, home: Path, *, bolt: int, http: int, heap: str, version: str) -> int:
    """Launch the server's JVM in its own session and write the pid file; return the pid.

    The JVM's stdout and stderr go to ``logs/console.log`` (the previous one is kept as
    ``console.log.1``). It does not wait for the server to answer: see ``wait_ready``.

    Raises:
        Neo4jServerError: java cannot be run.
    """
    jvm = [
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_ADDITIONAL,
        "-Dfile.encoding=UTF-8",
        f"-Dgraphkit.bolt_port={bolt}",
        f"-Dgraphkit.http_port={http}",
    ]
    args = [f"--home-dir={home}", f"--config-dir={home / 'conf'}", "--console-mode"]
    console = home / "logs" / "console.log"
    if console.exists():
        console.replace(console.with_name("console.log.1"))
    try:
        with console.open("ab") as out:
            proc = run_java(java, home, MAIN_CLASS, args, jvm=jvm, out=out, detach=True)
    except OSError as e:
        raise Neo4jServerError(f"cannot run {java}: {e}") from None
    _children[proc.pid] = proc
    pid_path(home).write_text(
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
    return proc.pid


def wait_ready(uri: str, auth: tuple[str, str], pid: int, home: Path, timeout: float) -> None:
    """Poll Bolt with the driver's verify_connectivity until it answers.

    Raises:
        Neo4jServerError: the JVM exited, the password was refused, or ``timeout`` seconds passed.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError

    deadline = time.monotonic() + timeout
    last = "no answer yet"
    driver = GraphDatabase.driver(uri, auth=auth, connection_timeout=5.0)
    try:
        while True:
            if not alive(pid):
                raise Neo4jServerError(
                    f"Neo4j (pid {pid}) exited while starting: {_log_hint(home)} "
                    f"(see {home / 'logs' / 'console.log'})"
                )
            try:
                driver.verify_connectivity()
                return
            except AuthError:
                raise Neo4jServerError(
                    f"Neo4j at {uri} refused user {auth[0]!r} with the password from "
                    "GRAPHKIT_NEO4J_PASSWORD (default 'graphkit-local'); the stored one was set at the "
                    f"first start: use it, or stop the server and delete {home / 'data'} to reset"
                ) from None
            except ClientError as e:
                if e.code == AUTH_RATE_LIMIT:
                    raise Neo4jServerError(
                        f"Neo4j at {uri} refuses logins for now: too many wrong passwords in a row; wait "
                        "a few seconds, then start again with the right GRAPHKIT_NEO4J_PASSWORD"
                    ) from None
                last = f"{e.code}: {e.message}"[:200]
            except (DriverError, Neo4jError, OSError) as e:
                last = f"{type(e).__name__}: {e}".splitlines()[0][:200]
            if time.monotonic() >= deadline:
                raise Neo4jServerError(
                    f"Neo4j (pid {pid}) did not answer on {uri} within {timeout:.0f} s "
                    f"({last}); see {home / 'logs'}"
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


def terminate(pid: int, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM, wait up to ``timeout`` s, then SIGKILL and wait up to 15 s.

    Raises:
        Neo4jServerError: not allowed to signal it, or it still lives after SIGKILL.
    """
    for sig, wait_s in ((signal.SIGTERM, timeout), (signal.SIGKILL, 15.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        except PermissionError:
            raise Neo4jServerError(f"not allowed to stop Neo4j (pid {pid})") from None
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if not alive(pid):
                _children.pop(pid, None)
                return
            time.sleep(0.2)
    raise Neo4jServerError(f"Neo4j (pid {pid}) did not exit after SIGTERM and SIGKILL")
