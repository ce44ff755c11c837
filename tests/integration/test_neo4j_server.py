"""The project's own local Neo4j server (graphkit.neo4j_server), for real: no mocks.

The life-cycle tests run a server of their own (private_neo4j.py: a fresh GRAPHKIT_HOME on free
ports, the jars of the user's home): they stop it and start it again, which the session's server,
used by the other tests, must never see. The first tests talk to the session's server (or to
GRAPHKIT_TEST_NEO4J_URI when set; the life cycle is then not tested), and check that it is not
the user's: the suite never reads or writes the user's Neo4j.

Under CI=true a server that cannot be started fails the tests; elsewhere they are skipped when
Java or Maven is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import USER_NEO4J_HOME, USER_NEO4J_URI
from private_neo4j import IN_CI, private_home

from graphkit import neo4j_server
from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server.jars import jars_ready
from graphkit.neo4j_server.tools import find_java, find_mvn

pytestmark = pytest.mark.neo4j

EXTERNAL_URI = os.environ.get("GRAPHKIT_TEST_NEO4J_URI")


def _fail_or_skip(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


def _tools_missing() -> str | None:
    try:
        find_java()
    except Neo4jServerError as exc:
        return str(exc)
    if not jars_ready():
        try:
            find_mvn()
        except Neo4jServerError as exc:
            return str(exc)
    return None


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[neo4j_server.ServerInfo]:
    """A server of this module's own, started by graphkit.neo4j_server.start()."""
    if EXTERNAL_URI:
        pytest.skip("GRAPHKIT_TEST_NEO4J_URI is set: the local server's life cycle is not tested")
    missing = _tools_missing()
    if missing:
        _fail_or_skip(missing)
    with private_home(tmp_path_factory.mktemp("graphkit-home")):
        try:
            info = neo4j_server.start(timeout=180)
        except Neo4jServerError as exc:
            pytest.fail(f"a private Neo4j server could not be started: {exc}")
        yield info


def _query(uri: str, auth: tuple[str, str], cypher: str, **params: object) -> list[dict[str, object]]:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(cypher, params, database_="neo4j")
        return [r.data() for r in records]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`graphkit neo4j …` in a process of its own, with this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", "neo4j", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _listening_addresses(port: int) -> list[str]:
    """Local addresses of the LISTEN sockets on a TCP port, read from /proc/net (no traffic)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, port_hex = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(port_hex, 16) == port:
                found.append(addr)
    return found


def _pid_gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] in ("Z", "X")  # a zombie is no process


# ---------------------------------------------------------------- the session's server


def test_cypher_return_1(neo4j_settings: dict[str, str]) -> None:
    auth = (neo4j_settings["user"], neo4j_settings["password"])
    assert _query(neo4j_settings["uri"], auth, "RETURN 1 AS one") == [{"one": 1}]


def test_the_suite_never_uses_the_users_neo4j(neo4j_settings: dict[str, str], tmp_path: Path) -> None:
    """Issue 14, item 14: the tests clear and fill their database, so it is never the user's; and a
    `graphkit --store neo4j` child with the suite's environment dials the session's server too."""
    if EXTERNAL_URI:
        assert neo4j_settings["uri"] == EXTERNAL_URI == os.environ["GRAPHKIT_NEO4J_URI"]
    else:
        assert neo4j_settings["uri"] != USER_NEO4J_URI
        home = Path(neo4j_settings["home"])
        assert home == neo4j_server.neo4j_home() != USER_NEO4J_HOME
        assert USER_NEO4J_HOME not in home.parents and home not in USER_NEO4J_HOME.parents
    assert neo4j_server.neo4j_home() != USER_NEO4J_HOME  # a test's `graphkit neo4j stop` is not the user's

    token = f"session-{os.getpid()}-{time.monotonic_ns()}"
    auth = (neo4j_settings["user"], neo4j_settings["password"])
    _query(neo4j_settings["uri"], auth, "CREATE (:GraphkitSessionMarker {token: $t})", t=token)
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "graphkit.cli.app",
                "--store",
                "neo4j",
                "cypher",
                "--format",
                "json",
                "MATCH (m:GraphkitSessionMarker {token: $t}) RETURN m.token AS token",
                "-p",
                f"t={token}",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=tmp_path,
        )
    finally:
        _query(neo4j_settings["uri"], auth, "MATCH (m:GraphkitSessionMarker) DELETE m")
    assert proc.returncode == 0, proc.stderr
    assert token in proc.stdout


# ---------------------------------------------------------------- a server of this module's own


def test_it_is_neo4j_community_5_26(local: neo4j_server.ServerInfo) -> None:
    rows = _query(local.uri, local.auth, "CALL dbms.components() YIELD name, versions, edition RETURN *")
    assert rows[0]["edition"] == "community"
    version = rows[0]["versions"][0]  # type: ignore[index]
    assert version == local.version == neo4j_server.neo4j_version()
    assert version.startswith("5.26.")


def test_start_is_idempotent(local: neo4j_server.ServerInfo) -> None:
    again = neo4j_server.start()
    assert again.pid == local.pid
    assert again.started is False
    assert again.uri == local.uri
    assert neo4j_server.is_running()
    st = neo4j_server.status()
    assert st.running and st.ready and st.pid == local.pid
    assert st.uri == local.uri and st.browser_url == local.browser_url


def test_everything_lives_under_the_home_folder(local: neo4j_server.ServerInfo) -> None:
    home = neo4j_server.neo4j_home()
    assert local.home == home
    for sub in ("lib", "conf", "data", "import", "logs", "run"):
        assert (home / sub).is_dir(), sub
    assert (home / "lib" / f"neo4j-server-{local.version}.jar").is_file()
    assert any((home / "lib").glob("neo4j-browser-*.jar"))
    pid_file = json.loads((home / "run" / "graphkit-neo4j.pid").read_text())
    assert pid_file["pid"] == local.pid
    conf = (home / "conf" / "neo4j.conf").read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{local.bolt_port}" in conf
    assert "server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED" in conf


def test_browser_is_served(local: neo4j_server.ServerInfo) -> None:
    assert local.browser_url == f"http://127.0.0.1:{local.http_port}/browser/"
    with urllib.request.urlopen(local.browser_url, timeout=30) as resp:
        assert resp.status == 200
        page = resp.read().decode("utf-8", "replace")
    assert "<html" in page.lower() and "neo4j" in page.lower()
    with urllib.request.urlopen(local.http_url + "/", timeout=30) as resp:
        discovery = json.loads(resp.read())
    assert discovery["bolt_direct"] == local.uri
    assert discovery["neo4j_version"] == local.version


def test_listens_on_loopback_only(local: neo4j_server.ServerInfo) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net to read listening sockets from")
    loopback = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
    for port in (local.bolt_port, local.http_port):
        addrs = _listening_addresses(port)
        assert addrs, f"nothing listens on port {port}"
        assert set(addrs) <= loopback, f"port {port} listens on {addrs}"


def test_wrong_password_is_one_clear_error(
    local: neo4j_server.ServerInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRAPHKIT_NEO4J_PASSWORD", "not-the-password")
    with pytest.raises(Neo4jServerError) as exc:
        neo4j_server.start(timeout=30)
    message = str(exc.value)
    assert "\n" not in message and "GRAPHKIT_NEO4J_PASSWORD" in message
    monkeypatch.undo()
    time.sleep(1)
    assert neo4j_server.start().pid == local.pid  # still the same, healthy server


def test_taken_port_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh home whose Bolt port is taken: refused before anything is fetched or launched."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        port = blocker.getsockname()[1]
        monkeypatch.setenv("GRAPHKIT_HOME", str(tmp_path))
        monkeypatch.setenv("GRAPHKIT_NEO4J_BOLT_PORT", str(port))
        monkeypatch.setenv("GRAPHKIT_NEO4J_HTTP_PORT", str(port + 1 if port < 65535 else port - 1))
        with pytest.raises(Neo4jServerError, match=rf"port {port} on 127\.0\.0\.1 is taken"):
            neo4j_server.start()
        assert not neo4j_server.is_running()
        assert not (tmp_path / "neo4j" / "lib").exists()


def test_cli_status_and_start(local: neo4j_server.ServerInfo) -> None:
    from typer.testing import CliRunner

    from graphkit.cli.neo4j_cmd import neo4j_app

    runner = CliRunner()
    res = runner.invoke(neo4j_app, ["status"])
    assert res.exit_code == 0, res.output
    assert "running" in res.output and str(local.pid) in res.output
    res = runner.invoke(neo4j_app, ["start"])
    assert res.exit_code == 0, res.output
    assert "already running" in res.output and local.browser_url in res.output
    res = runner.invoke(neo4j_app, ["status", "--json"])
    assert json.loads(res.output)["pid"] == local.pid


def test_cli_status_json_from_a_shell(local: neo4j_server.ServerInfo) -> None:
    """What scripts/test.sh reads to tell whether it started the server."""
    proc = _cli("status", "--json")
    assert proc.returncode == 0, proc.stderr
    st = json.loads(proc.stdout)
    assert st["running"] is True and st["pid"] == local.pid and st["uri"] == local.uri
    assert '"running": true' in proc.stdout
    assert "password" not in st


def test_the_jars_script_s_entry_is_the_one_cli(local: neo4j_server.ServerInfo) -> None:
    # scripts/neo4j_jars.sh runs the Typer app as a module (no console script needed)
    out = subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", "neo4j", "status", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert json.loads(out)["pid"] == local.pid


def test_cli_errors_are_one_line_and_exit_2(local: neo4j_server.ServerInfo) -> None:
    env = {**os.environ, "GRAPHKIT_NEO4J_PASSWORD": "not-the-password"}
    proc = subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", "neo4j", "start", "--timeout", "30"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("error:") and "GRAPHKIT_NEO4J_PASSWORD" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_stop_leaves_no_process_then_start_again(local: neo4j_server.ServerInfo) -> None:
    """Keep this test last: it stops the module's server, then starts it again from a shell command."""
    pid = local.pid
    try:
        assert neo4j_server.stop() is True
        assert _pid_gone(pid), f"pid {pid} still there after stop()"
        assert not neo4j_server.is_running()
        st = neo4j_server.status()
        assert st.running is False and st.pid is None
        assert not (neo4j_server.neo4j_home() / "run" / "graphkit-neo4j.pid").exists()
        for port in (local.bolt_port, local.http_port):
            with pytest.raises(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
        assert neo4j_server.stop() is False  # stopping a stopped server is a no-op
        stopped = _cli("stop")
        assert stopped.returncode == 0 and "not running" in stopped.stdout
    finally:
        # Start again the way CI and people do (a separate, short-lived process); the server must
        # outlive it.
        proc = _cli("start")
    assert proc.returncode == 0, proc.stderr
    assert "started" in proc.stdout
    again = neo4j_server.start()
    assert again.pid != pid and again.started is False
    assert _query(again.uri, again.auth, "RETURN 2 AS two") == [{"two": 2}]
    stopped = _cli("stop")
    assert stopped.returncode == 0 and "Neo4j stopped" in stopped.stdout
    assert _pid_gone(again.pid)


def test_java_and_maven_are_there_in_ci() -> None:
    """Under CI=true the tools must exist (a skip would hide a missing install step)."""
    if not IN_CI:
        pytest.skip("only checked under CI=true")
    assert shutil.which("java") or os.environ.get("GRAPHKIT_JAVA") or os.environ.get("JAVA_HOME")
    assert jars_ready() or shutil.which(os.environ.get("GRAPHKIT_MVN") or "mvn")
