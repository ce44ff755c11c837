"""Fixtures shared by the suite: records, and stores (the embedded one and a real Neo4j)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit import neo4j_server
from graphkit.config import default_neo4j_uri
from graphkit.errors import GraphkitError
from graphkit.neo4j_server import neo4j_home, ports
from graphkit.records import NoticeRecord, iter_jsonl

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need_shared() -> Path:
    """../shared, or skip (outside CI) / fail (under CI=true) when it is absent."""
    if SHARED.is_dir():
        return SHARED
    if IN_CI:
        pytest.fail(f"CI=true but {SHARED} is missing")
    pytest.skip(f"{SHARED} not present")


def shared_path(rel: str) -> Path:
    """A file under ../shared; skipped when absent, but under CI=true a missing file fails."""
    path = SHARED / rel
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing (CI=true: the shared corpus must be present)")
        pytest.skip(f"{path} not present")
    return path


def load_records(path: Path) -> list[NoticeRecord]:
    out = []
    for _, rec in iter_jsonl(str(path)):
        assert isinstance(rec, NoticeRecord), rec
        out.append(rec)
    return out


@pytest.fixture
def two_records() -> list[NoticeRecord]:
    return load_records(DATA / "records" / "two-notices.jsonl")


# ------------------------------------------------------------------ Neo4j: never the user's
#
# The suite never talks to the user's Neo4j (GRAPHKIT_HOME or ~/.local/share/graphkit/neo4j, Bolt
# 7687) nor touches its home: for the whole session GRAPHKIT_HOME points at a fresh folder whose
# lib/ is a link to the jars of the user's home, on free ports. The first test that needs Neo4j
# starts the server of that home; it is stopped when the session ends. The variables are set in
# os.environ, so `graphkit` subprocesses with --store neo4j dial the session's server as well.

USER_NEO4J_HOME = neo4j_home()  # read before the session changes the environment
USER_NEO4J_URI = default_neo4j_uri()
_SESSION_VARS = (
    "GRAPHKIT_HOME",
    "GRAPHKIT_NEO4J_URI",
    "GRAPHKIT_NEO4J_USER",
    "GRAPHKIT_NEO4J_PASSWORD",
    "GRAPHKIT_NEO4J_DATABASE",
    "GRAPHKIT_NEO4J_BOLT_PORT",
    "GRAPHKIT_NEO4J_HTTP_PORT",
    "GRAPHKIT_NEO4J_HEAP",
    "GRAPHKIT_NEO4J_PAGECACHE",
    "GRAPHKIT_NEO4J_URL_BLOCKLIST",
)


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def home_of_its_own(root: Path, *, heap: str, pagecache: str) -> dict[str, str]:
    """Variables that point graphkit's local Neo4j at ``root`` on free ports, and that home's
    ``neo4j/lib`` linked to the jars of the user's home (fetched once, read only)."""
    lib = root / "neo4j" / "lib"
    lib.parent.mkdir(parents=True, exist_ok=True)
    lib.symlink_to(USER_NEO4J_HOME / "lib", target_is_directory=True)
    return {
        "GRAPHKIT_HOME": str(root),
        "GRAPHKIT_NEO4J_BOLT_PORT": str(free_port()),
        "GRAPHKIT_NEO4J_HTTP_PORT": str(free_port()),
        "GRAPHKIT_NEO4J_HEAP": heap,
        "GRAPHKIT_NEO4J_PAGECACHE": pagecache,
    }


def _set_env(values: dict[str, str | None]) -> None:
    for k, v in values.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session", autouse=True)
def _neo4j_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Point every Neo4j setting of this process (and its children) away from the user's."""
    saved = {k: os.environ.get(k) for k in _SESSION_VARS}
    values: dict[str, str | None] = dict.fromkeys(_SESSION_VARS)
    values.update(home_of_its_own(tmp_path_factory.mktemp("graphkit-home"), heap="1g", pagecache="256m"))
    external = os.environ.get("GRAPHKIT_TEST_NEO4J_URI")
    if external:
        values["GRAPHKIT_NEO4J_URI"] = external
        values["GRAPHKIT_NEO4J_USER"] = os.environ.get("GRAPHKIT_TEST_NEO4J_USER", "neo4j")
        values["GRAPHKIT_NEO4J_PASSWORD"] = os.environ.get("GRAPHKIT_TEST_NEO4J_PASSWORD", "graphkit-local")
    else:
        values["GRAPHKIT_NEO4J_USER"] = neo4j_server.USER
        values["GRAPHKIT_NEO4J_PASSWORD"] = neo4j_server.DEFAULT_PASSWORD
    _set_env(values)
    home = neo4j_home()
    try:
        yield {k: v for k, v in values.items() if v is not None}
    finally:
        try:
            if neo4j_home() == home:  # the session's server only, whatever a test did to the env
                neo4j_server.stop()
        finally:
            _set_env(saved)


@pytest.fixture(scope="session")
def neo4j_settings(_neo4j_of_the_session: dict[str, str]) -> dict[str, str]:
    """A real Neo4j: GRAPHKIT_TEST_NEO4J_URI, or a server of the session's own home (started here,
    stopped at the end of the session). Keys: uri, user, password, and home (local server only)."""
    env = _neo4j_of_the_session
    if "GRAPHKIT_NEO4J_URI" in env:
        return {
            "uri": env["GRAPHKIT_NEO4J_URI"],
            "user": env["GRAPHKIT_NEO4J_USER"],
            "password": env["GRAPHKIT_NEO4J_PASSWORD"],
        }
    try:
        if not neo4j_server.jars_ready():
            _fetch_jars_into_the_user_home()
        for name in ("GRAPHKIT_NEO4J_BOLT_PORT", "GRAPHKIT_NEO4J_HTTP_PORT"):
            if not ports.port_free(int(os.environ[name])):  # taken since the session began
                os.environ[name] = str(free_port())
        info = neo4j_server.start(timeout=180)
    except GraphkitError as exc:
        if IN_CI:
            pytest.fail(f"CI=true and no Neo4j could be started: {exc}")
        pytest.skip(f"no Neo4j server: {exc}")
    return {"uri": info.uri, "user": info.user, "password": info.password, "home": str(info.home)}


def _fetch_jars_into_the_user_home() -> None:
    """The jars are fetched where the user's runs find them again (their home's lib/, nothing else)."""
    home = os.environ["GRAPHKIT_HOME"]
    os.environ["GRAPHKIT_HOME"] = str(USER_NEO4J_HOME.parent)
    try:
        neo4j_server.ensure_jars()
    finally:
        os.environ["GRAPHKIT_HOME"] = home


@pytest.fixture
def neo4j_store(neo4j_settings: dict[str, str]) -> Iterator[object]:
    from graphkit.stores.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_settings["uri"], neo4j_settings["user"], neo4j_settings["password"])
    store.clear()
    store.apply_schema()
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[object]:
    from graphkit.stores.embedded_store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "db")
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> object:
    """Each store in turn, empty: the contract suite runs over both."""
    return request.getfixturevalue(f"{request.param}_store")
