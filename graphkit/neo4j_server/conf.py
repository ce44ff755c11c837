"""What the home folder holds before a start: its folders, ``conf/neo4j.conf`` (written anew at
every start, so it always says what the server runs with), the two log4j2 files, and the initial
password.

The server listens on 127.0.0.1 only, with auth on. LOAD CSV reads files only in ``import/`` and
fetches no URL unless GRAPHKIT_NEO4J_URL_BLOCKLIST says otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import IO

from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server.settings import PACKAGE_DIR, neo4j_version

ADMIN_CLASS = "org.neo4j.cli.AdminTool"
DEFAULT_URL_BLOCKLIST = "0.0.0.0/0,::/0"
LOG_CONFIGS = ("server-logs.xml", "user-logs.xml")

# The JVM flags of the stock neo4j.conf (server.jvm.additional) of Neo4j 5.26. There is no
# bin/neo4j launcher here to read them from the conf, so the server is launched with them
# directly; they are written into neo4j.conf too, so the file shows what the JVM got.
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


def url_blocklist() -> str:
    """The addresses LOAD CSV (and APOC's load procedures) may not fetch from, as CIDR blocks.

    GRAPHKIT_NEO4J_URL_BLOCKLIST, default every address (``0.0.0.0/0,::/0``): the local server
    fetches no URL. ``none`` lifts the block (an empty string). Neo4j 5 reads it as
    ``internal.dbms.cypher_ip_blocklist``.

    Raises:
        Neo4jServerError: an entry is not a CIDR block.
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


def conf_text(home: Path, bolt: int, http: int, heap: str, pagecache: str) -> str:
    """The neo4j.conf of a server in ``home`` on these ports with this heap and page cache.

    Raises:
        Neo4jServerError: GRAPHKIT_NEO4J_URL_BLOCKLIST is malformed, or the pom names no version.
    """
    blocklist = url_blocklist()
    lines = [
        "# Written by graphkit (graphkit/neo4j_server/conf.py) at every start; edits are lost.",
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


def prepare_home(home: Path, bolt: int, http: int, heap: str, pagecache: str) -> None:
    """Create the home's folders and write its conf: neo4j.conf and the two log4j2 files.

    Raises:
        Neo4jServerError: as ``conf_text``.
    """
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    for name in LOG_CONFIGS:
        shutil.copyfile(PACKAGE_DIR / name, home / "conf" / name)
    (home / "conf" / "neo4j.conf").write_text(conf_text(home, bolt, http, heap, pagecache))


def child_env(home: Path) -> dict[str, str]:
    """The environment Neo4j's own programs run with: this home and its conf, no NEO4J_AUTH."""
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(home)
    env["NEO4J_CONF"] = str(home / "conf")
    env.pop("NEO4J_AUTH", None)
    return env


def run_java(
    java: str,
    home: Path,
    main_class: str,
    args: list[str],
    *,
    jvm: list[str],
    out: IO[bytes] | int,
    detach: bool = False,
) -> subprocess.Popen[bytes]:
    """One of Neo4j's Java programs (the server, the admin tool) on the home's jars: run in the home
    with ``child_env``, no stdin, stdout and stderr both to ``out``; ``detach`` gives it a session
    of its own (Ctrl-C in a shell does not reach it).

    Raises:
        OSError: java cannot be run.
    """
    return subprocess.Popen(
        [java, *jvm, "-cp", str(home / "lib" / "*"), main_class, *args],
        cwd=home,
        env=child_env(home),
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=detach,
        close_fds=True,
    )


def first_start(home: Path) -> bool:
    """True while the home has no system database and no auth file: no password is set yet."""
    data = home / "data"
    return not (data / "databases" / "system").exists() and not (data / "dbms" / "auth.ini").exists()


def set_initial_password(java: str, home: Path, secret: str) -> None:
    """Before the first start: Neo4j's own ``neo4j-admin dbms set-initial-password``.

    Raises:
        Neo4jServerError: the password is shorter than 8 characters, or the admin tool failed.
    """
    if len(secret) < 8:
        raise Neo4jServerError("GRAPHKIT_NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum)")
    args = ["dbms", "set-initial-password", secret]
    try:
        proc = run_java(java, home, ADMIN_CLASS, args, jvm=["-Xmx256m"], out=subprocess.PIPE)
    except OSError as e:
        raise Neo4jServerError(f"cannot set the initial Neo4j password: cannot run {java}: {e}") from None
    try:
        output, _ = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise Neo4jServerError(
            "cannot set the initial Neo4j password: the admin tool took over 180 s"
        ) from None
    if proc.returncode != 0:
        msg = output.decode(errors="replace").strip().splitlines()
        raise Neo4jServerError(
            f"cannot set the initial Neo4j password: {msg[-1] if msg else proc.returncode}"
        )
