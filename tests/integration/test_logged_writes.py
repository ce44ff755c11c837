"""Small batches on the embedded store are written with statements, not COPY (issue 16 item 1).

LadybugDB logs what statements write, not what COPY loads, so the commit of a transaction that
COPYs checkpoints the whole store (seconds in a large store, whatever the rows). A batch of at
most `EmbeddedStore.logged_elements` nodes and edges (a notice or two, a family update) is
written with UNWIND … CREATE / MERGE instead: it leaves the graph COPY leaves, its commit stays
in the log, and a process killed after that commit keeps it."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graphkit import service
from graphkit.records import NoticeRecord
from graphkit.stores.embedded_store import EmbeddedStore
from graphkit.testing.synth import edit_text, generate
from loaders import records_to_graph

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _records() -> list[NoticeRecord]:
    """Eight notices of eight units with planted near-copies and notice texts."""
    corpus = generate(
        n_units=8,
        measures_per_notice=(6, 6),
        notices_per_unit=(1, 1),
        n_families=6,
        family_size=(2, 5),
        edit_rate=0.2,
        with_text=True,
        seed=11,
    )
    return corpus.records


def _edited(rec: NoticeRecord) -> NoticeRecord:
    """The notice with its first measure edited (same source: it replaces the stored one)."""
    import random

    out = rec.model_copy(deep=True)
    issue = next(i for i in out.issues if i.measures)
    issue.measures[0].text = edit_text(issue.measures[0].text, 0.3, random.Random(3))
    return out.model_copy(update={"id": rec.id + "-edited"})


def _dump(store: EmbeddedStore) -> dict[str, Any]:
    """Every node with all its properties and every edge with its ends and properties."""
    out: dict[str, Any] = {}
    for label, node in store.schema.nodes.items():
        props = sorted(node.properties)
        cols = ", ".join(f"n.{p} AS {p}" for p in props)
        out[label] = store.query(f"MATCH (n:{label}) RETURN {cols} ORDER BY n.id").records()
    for etype, edge in store.schema.edges.items():
        cols = "".join(f", e.{p}" for p in sorted(edge.properties))
        out[etype] = sorted(
            map(repr, store.query(f"MATCH (a)-[e:{etype}]->(b) RETURN a.id, b.id{cols}").rows)
        )
    return out


def _wal(folder: Path) -> int:
    wal = folder / "graph.lbdb.wal"
    return wal.stat().st_size if wal.exists() else 0


def test_statements_and_copy_leave_the_same_graph(tmp_path: Path) -> None:
    """The same loads, family updates and figures, written every batch by COPY in one store and
    by statements in the other: equal graphs after the first load, after a notice is replaced
    and after notices are added one by one."""
    records = _records()
    copied, logged = EmbeddedStore(tmp_path / "copied"), EmbeddedStore(tmp_path / "logged")
    copied.logged_elements = 0
    try:
        for store in (copied, logged):
            service.load_records(store, records[:5], notices_per_batch=2)
        assert _dump(logged) == _dump(copied)
        assert logged.counts()["nodes"]["MeasureTemplate"] > 0
        for batch in ([_edited(records[0])], records[5:6], records[6:]):
            for store in (copied, logged):
                got = service.load_records(store, batch)
                assert got.families is not None and got.families.incremental
            assert _dump(logged) == _dump(copied)
    finally:
        copied.close()
        logged.close()


def test_a_small_commit_is_logged_and_a_large_one_checkpointed(tmp_path: Path) -> None:
    """The graph of two notices written in one batch: by statements, the commit goes to the log;
    forced through COPY, the commit checkpoints, which leaves the log empty."""
    batch = records_to_graph(_records()[:2])
    small, large = EmbeddedStore(tmp_path / "small"), EmbeddedStore(tmp_path / "large")
    large.logged_elements = 0
    try:
        assert batch.size() <= small.logged_elements
        for store in (small, large):
            store.write_batch(batch, [])
        assert _wal(small.folder) > 0
        assert _wal(large.folder) == 0
        assert _dump(small) == _dump(large)
    finally:
        small.close()
        large.close()


KILLED = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from test_logged_writes import _records
from graphkit import service
from graphkit.stores.embedded_store import EmbeddedStore
store = EmbeddedStore(Path(sys.argv[1]))
service.load_records(store, _records()[:3])
os.kill(os.getpid(), signal.SIGKILL)  # after the commits, before the store is closed
"""


def test_logged_commits_survive_a_kill(tmp_path: Path) -> None:
    """A process killed after its small loads and family update committed (never closing the
    store, so nothing was checkpointed): the store opened again holds what a store closed
    cleanly after the same loads holds."""
    db = tmp_path / "killed"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED, str(db), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _wal(db) > 0  # the commits were in the log alone
    clean = EmbeddedStore(tmp_path / "clean")
    store = EmbeddedStore(db)
    try:
        service.load_records(clean, _records()[:3])
        assert [r["id"] for r in _dump(store)["Notice"]] == sorted(r.id for r in _records()[:3])
        assert _dump(store) == _dump(clean)
    finally:
        store.close()
        clean.close()


def test_closing_a_small_store_checkpoints(tmp_path: Path) -> None:
    """A store under `defer_checkpoint_from` checkpoints at close: its next opens replay nothing."""
    store = EmbeddedStore(tmp_path / "db")
    service.load_records(store, _records()[:2])
    assert _wal(tmp_path / "db") > 0
    store.close()
    store = EmbeddedStore(tmp_path / "db")  # the file exists now: opened as a store of its size
    service.load_records(store, _records()[2:3])
    assert _wal(tmp_path / "db") > 0
    store.close()
    assert _wal(tmp_path / "db") == 0


def test_closing_leaves_the_log_to_the_next_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A small load, then close, in a store counted as large: the log is not checkpointed at
    close (the next write that fills it does), and the store opened again, for writing or
    read-only, holds what was written; a batch that COPYs checkpoints the log with its own
    commit."""
    monkeypatch.setattr(EmbeddedStore, "defer_checkpoint_from", 0)
    records = _records()
    store = EmbeddedStore(tmp_path / "db")
    service.load_records(store, records[:2])
    want = _dump(store)
    store.close()
    assert _wal(tmp_path / "db") > 0
    reader = EmbeddedStore(tmp_path / "db", read_only=True)
    try:
        assert _dump(reader) == want
    finally:
        reader.close()
    store = EmbeddedStore(tmp_path / "db")
    try:
        assert _dump(store) == want
        store.logged_elements = 0  # the next batch COPYs
        store.write_batch(records_to_graph(records[2:4]), [])
        assert _wal(tmp_path / "db") == 0
        assert len(_dump(store)["Notice"]) == 4
    finally:
        store.close()


def test_a_commit_that_fills_the_log_checkpoints_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The log is kept small (every open replays it): a commit that takes it past
    `checkpoint_bytes` checkpoints, and the store holds every notice."""
    records = _records()
    store = EmbeddedStore(tmp_path / "db")
    service.load_records(store, records[:1])
    logged = _wal(tmp_path / "db")
    store.close()
    assert logged > 0
    monkeypatch.setattr(EmbeddedStore, "checkpoint_bytes", logged + 1)
    store = EmbeddedStore(tmp_path / "db")
    try:
        sizes = [logged]
        for rec in records[1:4]:
            service.load_records(store, [rec])
            sizes.append(_wal(tmp_path / "db"))
        # without the threshold the log only grows: one notice's more at each load
        assert any(b < a for a, b in itertools.pairwise(sizes)), sizes
        assert max(sizes) < 2 * logged + 1, sizes
        assert len(_dump(store)["Notice"]) == 4
    finally:
        store.close()
