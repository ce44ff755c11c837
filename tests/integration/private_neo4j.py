"""A Neo4j of a test's own: a fresh GRAPHKIT_HOME on free ports, with the jars of the shared home.

The shared local server (the one scripts/test.sh starts, which other tests and other people's runs
use) is never stopped or restarted by a test: a test that starts, stops or reconfigures a server
does so in a home of its own, and stops that server, and only that one, at the end.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit import neo4j_server

IN_CI = os.environ.get("CI", "").lower() == "true"
_RESET = ("GRAPHKIT_NEO4J_URL_BLOCKLIST", "GRAPHKIT_NEO4J_PASSWORD")


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def private_home(root: Path) -> Iterator[dict[str, str]]:
    """Point graphkit.neo4j_server at ``root`` (free ports, small memory) while the block runs.

    Yields the variables set, for subprocesses. Skips (fails under CI=true) when the shared home
    has no jars to lend. On the way out the server of ``root`` is stopped if one runs and the
    environment is restored.
    """
    shared_lib = neo4j_server.lib_dir()
    if not neo4j_server.jars_ready():
        if IN_CI:
            pytest.fail(f"CI=true but the Neo4j jars are not in {shared_lib}")
        pytest.skip(f"the Neo4j jars are not in {shared_lib} (graphkit neo4j fetch)")
    env = {
        "GRAPHKIT_HOME": str(root),
        "GRAPHKIT_NEO4J_BOLT_PORT": str(free_port()),
        "GRAPHKIT_NEO4J_HTTP_PORT": str(free_port()),
        "GRAPHKIT_NEO4J_HEAP": "512m",
        "GRAPHKIT_NEO4J_PAGECACHE": "64m",
    }
    saved = {k: os.environ.get(k) for k in [*env, *_RESET]}
    os.environ.update(env)
    for k in _RESET:
        os.environ.pop(k, None)
    home = neo4j_server.neo4j_home()
    home.mkdir(parents=True)
    (home / "lib").symlink_to(shared_lib, target_is_directory=True)
    try:
        yield env
    finally:
        try:
            # only ever the private server: never the shared one, whatever the block did to the env
            if neo4j_server.neo4j_home() == home:
                neo4j_server.stop()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
