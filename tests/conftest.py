"""Fixtures shared by the suite: records, and stores (the embedded one and a real Neo4j)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[dict[str, str]]:
    """A real Neo4j: GRAPHKIT_TEST_NEO4J_URI, or the server the project's own script starts."""
    uri = os.environ.get("GRAPHKIT_TEST_NEO4J_URI")
    if uri:
        yield {
            "uri": uri,
            "user": os.environ.get("GRAPHKIT_TEST_NEO4J_USER", "neo4j"),
            "password": os.environ.get("GRAPHKIT_TEST_NEO4J_PASSWORD", "graphkit-local"),
        }
        return
    try:
        from graphkit.neo4j_server import server
    except ImportError as exc:  # pragma: no cover - the server module ships with the package
        pytest.fail(f"graphkit.neo4j_server cannot be imported: {exc}")
    try:
        info = server.start()
    except Exception as exc:
        if IN_CI:
            pytest.fail(f"CI=true and no Neo4j could be started: {exc}")
        pytest.skip(f"no Neo4j server: {exc}")
    yield {"uri": info.uri, "user": info.user, "password": info.password}


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
