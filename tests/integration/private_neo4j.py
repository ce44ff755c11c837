"""A Neo4j of a test's own: a fresh GRAPHKIT_HOME on free ports, with the jars of the user's home.

The session's server (tests/conftest.py: a home of the session's own, never the user's) is never
stopped or restarted by a test: a test that starts, stops or reconfigures a server does so in a
home of its own, and stops that server, and only that one, at the end.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import IN_CI, USER_NEO4J_HOME, free_port, home_of_its_own

from graphkit import neo4j_server

__all__ = ["IN_CI", "free_port", "private_home"]

# set by the session for its own server; a private home derives its URI from its own port
_RESET = ("GRAPHKIT_NEO4J_URL_BLOCKLIST", "GRAPHKIT_NEO4J_PASSWORD", "GRAPHKIT_NEO4J_URI")


@contextlib.contextmanager
def private_home(root: Path) -> Iterator[dict[str, str]]:
    """Point graphkit.neo4j_server at ``root`` (free ports, small memory) while the block runs.

    Yields the variables set, for subprocesses. Skips (fails under CI=true) when the user's home
    has no jars to lend. On the way out the server of ``root`` is stopped if one runs and the
    environment is restored.
    """
    if not neo4j_server.jars_ready():
        if IN_CI:
            pytest.fail(f"CI=true but the Neo4j jars are not in {USER_NEO4J_HOME / 'lib'}")
        pytest.skip(f"the Neo4j jars are not in {USER_NEO4J_HOME / 'lib'} (graphkit neo4j fetch)")
    env = home_of_its_own(root, heap="512m", pagecache="64m")
    saved = {k: os.environ.get(k) for k in [*env, *_RESET]}
    os.environ.update(env)
    for k in _RESET:
        os.environ.pop(k, None)
    home = neo4j_server.neo4j_home()
    try:
        yield env
    finally:
        try:
            # only ever the private server: never the session's, whatever the block did to the env
            if neo4j_server.neo4j_home() == home:
                neo4j_server.stop()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


@contextlib.contextmanager
def private_server(root: Path, why_not_with_a_given_uri: str) -> Iterator[neo4j_server.ServerInfo]:
    """A Neo4j started in a private home at `root` for the block, stopped after it. Skipped when
    GRAPHKIT_TEST_NEO4J_URI names a server to use instead (`why_not_with_a_given_uri` says why
    this test needs one of its own); a server that cannot start fails the test."""
    from graphkit.errors import Neo4jServerError

    if os.environ.get("GRAPHKIT_TEST_NEO4J_URI"):
        pytest.skip(f"GRAPHKIT_TEST_NEO4J_URI is set: {why_not_with_a_given_uri}")
    with private_home(root):
        try:
            info = neo4j_server.start(timeout=180)
        except Neo4jServerError as exc:
            pytest.fail(f"a private Neo4j could not be started: {exc}")
        yield info
