"""Ports: whether one is free or open, who listens on it, and whether what listens speaks Bolt.

``bolt_problem`` serves the stores too: a program that accepts connections but never answers
Bolt's handshake (a wrong port, another service) would otherwise hold the driver for its whole
connection-acquisition timeout (60 s) before it says anything.
"""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

from graphkit.neo4j_server.process import MAIN_CLASS, cmdline

# Bolt's handshake: the magic preamble, then four protocol versions the client proposes (5.0 with
# a range down to 4.4, 4.3, 4.2, 3.0). A Bolt server answers with the 4 bytes of the one it
# picks (zeros for none) before anything else.
BOLT_HANDSHAKE = (
    b"\x60\x60\xb0\x17"
    + b"\x00\x08\x08\x05"
    + b"\x00\x00\x03\x04"
    + b"\x00\x00\x02\x04"
    + b"\x00\x00\x00\x03"
)
HANDSHAKE_TIMEOUT = 5.0
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def port_free(port: int) -> bool:
    """True when a server could listen on this port of 127.0.0.1 now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_open(port: int, timeout: float = 1.0) -> bool:
    """True when something accepts connections on this port of 127.0.0.1."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def bolt_problem(host: str, port: int, timeout: float = HANDSHAKE_TIMEOUT) -> str | None:
    """Send Bolt's handshake to ``host:port``; say what is wrong when nothing answers in time.

    Returns:
        None when the peer answered, or no connection could be made at all (the driver then says
        what it was: refused, unknown host, not Bolt); else what went wrong, as words that follow
        the peer's name ("accepted the connection but ...", "closed the connection ...").
    """
    try:
        conn = socket.create_connection((host.strip("[]"), port), timeout=timeout)
    except TimeoutError:
        return f"did not accept the connection within {timeout:.0f} s"
    except OSError:
        return None
    with conn:
        try:
            conn.sendall(BOLT_HANDSHAKE)
            answer = conn.recv(4)
        except TimeoutError:
            return f"accepted the connection but did not answer Bolt's handshake within {timeout:.0f} s"
        except OSError:  # reset
            answer = b""
    # Neo4j always answers (zeros when it speaks none of the versions) before it hangs up
    return None if answer else "closed the connection without answering Bolt's handshake"


def listener(port: int) -> str | None:
    """The program listening on this TCP port of this machine, as ``pid N (command line)``, when
    /proc tells (Linux, a process this user may inspect); else None."""
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in (entry / "fd").iterdir():
                with contextlib.suppress(OSError):
                    if fd.readlink().name in inodes:  # "socket:[12345]"
                        args = " ".join(" ".join(cmdline(int(entry.name)) or ["?"]).split())
                        return f"pid {entry.name} ({args[:100]})"
    return None


def _listening_inodes(port: int) -> set[str]:
    """The inodes of the LISTEN sockets on a TCP port, as ``socket:[inode]`` names."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                found.add(f"socket:[{fields[9]}]")
    return found


def port_owner(port: int) -> str:
    """Who holds a port, as far as graphkit can tell: another graphkit Neo4j, or another program."""
    proc = Path("/proc")
    if proc.is_dir():
        for entry in proc.iterdir():
            if not entry.name.isdigit():
                continue
            args = cmdline(int(entry.name)) or []
            if MAIN_CLASS in args and (
                f"-Dgraphkit.bolt_port={port}" in args or f"-Dgraphkit.http_port={port}" in args
            ):
                other = next((a.split("=", 1)[1] for a in args if a.startswith("--home-dir=")), "?")
                return f"graphkit's Neo4j of another home, {other} (pid {entry.name})"
    who = listener(port)
    return f"another program, {who}" if who else "another program"
