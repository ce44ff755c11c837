"""Neo4j failures are one line and exit code 2, never a traceback (issue 14, item 19).

Real servers and sockets only: a plain socket that accepts and says nothing, a port nobody listens
on, and a server of this module's own (private_neo4j.py) for wrong passwords, a load racing
another writer, and the server's notifications. The wrong passwords lock that server's user for a
few seconds, so they come last.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from private_neo4j import free_port, private_server

from graphkit import neo4j_server
from graphkit.errors import ConcurrentLoadError, Neo4jServerError, StoreAuthError, StoreUriError

pytestmark = pytest.mark.neo4j

RECORDS = Path(__file__).parents[1] / "data" / "records" / "two-notices.jsonl"


def graphkit(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a process of its own, with this process's environment (and ``env``)."""
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed command printed on stderr (it exited 2, without a traceback)."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


# ------------------------------------------------------------------ no server needed


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://db.example", "127.0.0.1:7687"])
def test_a_uri_that_is_not_bolt_says_which_schemes(uri: str, tmp_path: Path) -> None:
    line = one_error_line(graphkit("--store", "neo4j", "--neo4j-uri", uri, "stats", cwd=tmp_path))
    assert "the scheme must be bolt:// or neo4j://" in line and repr(uri) in line
    from graphkit.stores.neo4j_store import Neo4jStore

    with pytest.raises(StoreUriError):
        Neo4jStore(uri, "neo4j", "graphkit-local")


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_unreachable_says_why(scheme: str, tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    uri = f"{scheme}://127.0.0.1:{port}"
    line = one_error_line(graphkit("--store", "neo4j", "--neo4j-uri", uri, "stats", cwd=tmp_path))
    assert line == f"error: Neo4j unreachable at {uri}: Connection refused"


def test_a_silent_listener_fails_fast_and_is_named(tmp_path: Path) -> None:
    """A program that accepts connections and never answers (not Neo4j) held the driver 60 s."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        t0 = time.monotonic()
        proc = graphkit("--store", "neo4j", "--neo4j-uri", f"bolt://127.0.0.1:{port}", "stats", cwd=tmp_path)
        took = time.monotonic() - t0
    line = one_error_line(proc)
    assert took < 30, f"{took:.0f} s"
    assert "did not answer Bolt's handshake" in line and "not a Neo4j Bolt port" in line
    assert f"pid {os.getpid()} (" in line  # this test's process holds the socket


# ------------------------------------------------------------------ a server of this module's own


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[neo4j_server.ServerInfo]:
    why = "wrong passwords would lock out that server's user"
    with private_server(tmp_path_factory.mktemp("graphkit-home"), why) as info:
        yield info


@pytest.fixture
def empty(server: neo4j_server.ServerInfo) -> Iterator[object]:
    from graphkit.stores.neo4j_store import Neo4jStore

    store = Neo4jStore(server.uri, server.user, server.password)
    store.clear()
    store.apply_schema()
    yield store
    store.close()


def test_notifications_stay_off_stderr(
    empty: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An unknown label or property on an empty graph made the driver log a warning per statement."""
    from graphkit.stores.neo4j_store import Neo4jStore

    assert isinstance(empty, Neo4jStore)
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        empty.query("MATCH (u:NoSuchLabel) WHERE u.no_such_key = 1 RETURN u.other")
    assert not [r for r in caplog.records if r.name == "neo4j.notifications"]
    proc = graphkit(
        "--store", "neo4j", "viz", "unit", "无此单位", "-o", str(tmp_path / "u.html"), cwd=tmp_path
    )
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines() == ["error: no unit named '无此单位'; units: none (ingest first)"]


def test_a_load_racing_another_writer_is_one_line(
    empty: object, server: neo4j_server.ServerInfo, tmp_path: Path
) -> None:
    """Another writer holds an Issue the load creates, uncommitted; it commits while the load waits
    for it: the load's batch hits the uniqueness constraint (what two concurrent ingests of the
    same notices do) and says so, rolled back, to be run again."""
    from neo4j import GraphDatabase

    from graphkit.stores.neo4j_store import Neo4jStore

    assert isinstance(empty, Neo4jStore)
    assert graphkit("--store", "neo4j", "load", str(RECORDS), cwd=tmp_path).returncode == 0
    issue = empty.query("MATCH (i:Issue) RETURN i.id ORDER BY i.id LIMIT 1").rows[0][0]
    empty.clear()

    with GraphDatabase.driver(server.uri, auth=server.auth) as driver, driver.session() as s:
        tx = s.begin_transaction()
        tx.run("CREATE (:Issue {id: $id})", id=issue).consume()
        load = subprocess.Popen(
            [sys.executable, "-m", "graphkit.cli.app", "--store", "neo4j", "load", str(RECORDS)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_until_blocked(driver, load)
        finally:
            tx.commit()
        _, err = load.communicate(timeout=120)
    line = one_error_line(subprocess.CompletedProcess(load.args, load.returncode, "", err))
    assert "another load is writing the same notices" in line and "run the command again" in line
    assert "neo4j_code" not in line and "gql_status" not in line

    with pytest.raises(ConcurrentLoadError):  # the same, in the library
        empty.run_transaction([("CREATE (:Issue {id: $id})", {"id": issue})])


def _wait_until_blocked(driver: object, load: subprocess.Popen[str], timeout: float = 90) -> None:
    """Until a transaction of the load waits for the lock the test's transaction holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert load.poll() is None, load.communicate()
        records, _, _ = driver.execute_query("SHOW TRANSACTIONS YIELD status RETURN status")  # type: ignore[attr-defined]
        if any(str(r["status"]).startswith("Blocked") for r in records):
            return
        time.sleep(0.2)
    pytest.fail("the load never waited for the other writer's transaction")


def test_wrong_passwords_then_the_rate_limit_is_one_line(
    server: neo4j_server.ServerInfo, tmp_path: Path
) -> None:
    """Keep last: it locks the server's user out (Neo4j: after 3 failures, for 5 s at a time)."""
    from graphkit.stores.neo4j_store import Neo4jStore

    messages: list[str] = []
    for _ in range(4):
        with pytest.raises(StoreAuthError) as refused:
            Neo4jStore(server.uri, server.user, "not-the-password")
        messages.append(str(refused.value))
    assert all("\n" not in m for m in messages), messages
    assert "refused user 'neo4j' with this password (--neo4j-password" in messages[0]
    assert "too many wrong passwords in a row" in messages[-1], messages

    with _kept_locked_out(server):  # a CLI takes longer to dial than the 5 s of one lock
        proc = graphkit("--store", "neo4j", "--neo4j-password", "not-the-password", "stats", cwd=tmp_path)
        line = one_error_line(proc)
        assert "too many wrong passwords in a row" in line and "--neo4j-password" in line, line
        # the local server's start waits for Bolt with the password: it says so at once
        t0 = time.monotonic()
        with pytest.raises(Neo4jServerError, match="too many wrong passwords in a row"):
            neo4j_server.start(timeout=180)
        assert time.monotonic() - t0 < 60

    time.sleep(6)  # the lock runs out: the right password works again
    Neo4jStore(server.uri, server.user, server.password).close()


@contextlib.contextmanager
def _kept_locked_out(server: neo4j_server.ServerInfo) -> Iterator[None]:
    """A wrong password every 0.2 s while the block runs: each one past the lock locks again."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    done = threading.Event()

    def hammer() -> None:
        while not done.is_set():
            wrong = GraphDatabase.driver(server.uri, auth=(server.user, "not-the-password"))
            with wrong, contextlib.suppress(Neo4jError, DriverError):
                wrong.verify_connectivity()
            done.wait(0.2)

    thread = threading.Thread(target=hammer, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join(timeout=30)
