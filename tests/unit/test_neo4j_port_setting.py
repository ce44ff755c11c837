"""GRAPHKIT_NEO4J_BOLT_PORT drives both the local server and the stores' URI (issue 14, item 13)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graphkit import neo4j_server
from graphkit.config import Settings

BOLT_MAGIC = b"\x60\x60\xb0\x17"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("GRAPHKIT_NEO4J_"):
            monkeypatch.delenv(name)
    return monkeypatch


def test_the_bolt_port_gives_the_default_uri(clean_env: pytest.MonkeyPatch) -> None:
    assert Settings().neo4j_uri == "bolt://127.0.0.1:7687"
    clean_env.setenv("GRAPHKIT_NEO4J_BOLT_PORT", "7787")
    assert neo4j_server.bolt_port() == 7787
    assert Settings().neo4j_uri == "bolt://127.0.0.1:7787"


def test_an_explicit_uri_wins_over_the_port(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("GRAPHKIT_NEO4J_BOLT_PORT", "7787")
    clean_env.setenv("GRAPHKIT_NEO4J_URI", "bolt://db.example:7999")
    assert Settings().neo4j_uri == "bolt://db.example:7999"
    clean_env.delenv("GRAPHKIT_NEO4J_URI")
    assert Settings().override(neo4j_uri="bolt://127.0.0.1:7000").neo4j_uri == "bolt://127.0.0.1:7000"


def test_store_neo4j_dials_the_port_the_server_was_given(tmp_path: Path) -> None:
    """A listener on a free port stands in for the server: `--store neo4j stats` must reach it
    (it reads the Bolt handshake and hangs up, so the command fails fast, as it should)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(60)
    port = listener.getsockname()[1]
    got: list[bytes] = []

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            got.append(conn.recv(4))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHKIT_")}
    env["GRAPHKIT_NEO4J_BOLT_PORT"] = str(port)
    try:
        res = subprocess.run(
            [sys.executable, "-m", "graphkit.cli.app", "--store", "neo4j", "stats"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        thread.join(timeout=5)
        listener.close()
    assert got == [BOLT_MAGIC], res.stderr
    assert res.returncode != 0
    assert f"127.0.0.1:{port}" in res.stderr
