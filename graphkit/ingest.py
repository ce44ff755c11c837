"""Records → store: the load step of read → parse → record → load → store.

Records are taken in chunks; each chunk is checked against what the store holds (unchanged
notices are skipped, changed ones replaced) and written in one transaction.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing.connection import Connection
from typing import Protocol, runtime_checkable

from graphkit.analysis.places import record_place
from graphkit.analysis.sources import notice_date
from graphkit.errors import StoreError
from graphkit.parse.derived import complete_record
from graphkit.pipeline import die_with_parent
from graphkit.records import NoticeRecord
from graphkit.stores.base import StagedBatch, Statement, Store, internal_statement
from loaders import GraphBatch, record_to_graph
from loaders.notice import record_hash


@dataclass
class LoadSummary:
    """What a load did.

    Attributes:
        notices: records in the input.
        written: notices written (new or changed).
        unchanged: notices already stored as they are (not written).
        replaced: stored notices replaced by a changed record.
        duplicates: (source, the source it repeats) of each notice skipped because the same
            notice (same clean text) came earlier in the input or is stored under another source.
        issues: Issue nodes written.
        measures: Measure nodes written.
        elements: nodes and edges written.
    """

    notices: int = 0
    written: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    issues: int = 0
    measures: int = 0
    elements: int = 0

    def as_dict(self) -> dict[str, object]:
        """The counts by name, and the duplicates as `[{"source", "same_as"}]`."""
        out: dict[str, object] = {k: v for k, v in self.__dict__.items() if k != "duplicates"}
        out["duplicates"] = [{"source": a, "same_as": b} for a, b in self.duplicates]
        return out

    @property
    def changed(self) -> bool:
        """True when the load changed the graph (a notice written or replaced)."""
        return self.written + self.replaced > 0


def _chunked(it: Iterable[NoticeRecord], n: int) -> Iterator[list[NoticeRecord]]:
    it = iter(it)
    while chunk := list(islice(it, n)):
        yield chunk


def build_batch(records: list[NoticeRecord]) -> tuple[GraphBatch, dict[str, str]]:
    """Every record's subgraph in one batch, and each record's content hash (a pure function:
    it runs in a worker process while the previous batch is written).

    Each record is completed first (`graphkit.parse.derived`: measure kinds, issued documents),
    here rather than in the parser, so that `graphkit parse` stays at its own speed and the
    classification runs in the worker, beside the writer."""
    batch = GraphBatch()
    hashes = {}
    for rec in records:
        complete_record(rec)
        hashes[rec.id] = h = record_hash(rec)
        record_graph(rec, batch, content_hash=h)
    return batch, hashes


def record_graph(
    rec: NoticeRecord, batch: GraphBatch | None = None, *, content_hash: str | None = None
) -> GraphBatch:
    """A completed record's nodes and edges, with what analysis decides at build time: the
    unit's place and level (`graphkit.analysis.places`) and the date the notice is ordered by in
    families (`graphkit.analysis.sources.notice_date`)."""
    return record_to_graph(
        rec, batch, content_hash=content_hash, place=record_place(rec), dated=notice_date(rec)
    )


# batches a pipelined load builds ahead of the one it writes, each in a process of its own
_BUILDERS = 2
# notices a transaction writes by default: on a store that writes several batches in one
# transaction (`_TransactionStore`: the embedded one), and on the others
TRANSACTION_NOTICES = 2000
BATCH_NOTICES = 500
# notices each forked builder builds at a time, on a store that writes several in one transaction
PART_NOTICES = 1000


class _Writer(Protocol):
    """Where a load writes its batches: `write` runs `before`, replaces the notices `replace`
    and writes `batch`."""

    def write(self, batch: GraphBatch | StagedBatch, replace: list[str], before: list[Statement]) -> None: ...


@runtime_checkable
class _TransactionStore(Protocol):
    """A store that writes several batches in one transaction (`EmbeddedStore.load_transaction`):
    a `_Writer` whose writes are committed together when the block ends, rolled back together on
    an error, and seen by the store's reads meanwhile."""

    def load_transaction(self) -> AbstractContextManager[_Writer]: ...


class _EachBatch:
    """The `_Writer` of any other store: each batch written in a transaction of its own."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def write(self, batch: GraphBatch | StagedBatch, replace: list[str], before: list[Statement]) -> None:
        self.store.write_batch(batch, replace, before=before)


def load_records(
    store: Store,
    records: Iterable[NoticeRecord],
    *,
    notices_per_batch: int | None = None,
    on_batch: Callable[[int], None] | None = None,
    pipeline: bool | None = None,
    first_write: list[Statement] | None = None,
    notices_per_part: int | None = None,
) -> LoadSummary:
    """Load records into the store; returns what was done. Re-loading the same records is a no-op.

    `first_write` runs in the transaction of the first batch that writes (graphkit's record of
    the store says a load is under way from the moment the graph changes); not at all when the
    load writes nothing.

    One transaction per ``notices_per_batch`` notices (default `TRANSACTION_NOTICES` on a store
    that writes several batches in one transaction, the embedded one, else `BATCH_NOTICES`): each
    costs a commit, and on the embedded store the commit checkpoints, at a cost that grows far
    slower than the transaction (a fixed amount per table, the partly filled node groups
    rewritten), so larger transactions load faster at the price of memory (~100–240 elements per
    notice, held in the buffer pool until the commit).

    With ``pipeline`` (default: when the input holds more than one batch and there are two
    cores), batches are built (hashes, nodes and edges) and staged for the store (Arrow tables
    for the embedded store) in child processes, two ahead of the one written (`_ForkedBuild`).
    On a store that writes several batches in one transaction, a transaction's notices are
    built in parts of ``notices_per_part`` (default `PART_NOTICES`), each written (COPYed) as
    it arrives while the next ones are built, and committed once: what it leaves equals one
    batch of all its notices. A built batch is used only when none of its notices is already
    stored unchanged; otherwise that batch is built again here without them, as without a
    pipeline. Measured (benchmarks/load.py, 590k elements, embedded, a 2-core machine shared
    with another job, A/B in one run): transactions of 2,000 in parts of 1,000 41.1k el/s = 0.25
    of raw COPY of the same graph, one transaction per 500 notices built whole 24.1k = 0.15
    (again: 58.5k = 0.23 against 44.2k = 0.17). Building (pure Python: completing, hashing,
    nodes and edges, ~4 ms of CPU a notice) is most of the load's CPU, so both cores build.
    """
    summary = LoadSummary()
    touched: set[str] = set()  # units whose notices changed: their aliases are refreshed
    run = _Run(summary, touched, list(first_write or []))
    parted = isinstance(store, _TransactionStore)
    per_tx = notices_per_batch or (TRANSACTION_NOTICES if parted else BATCH_NOTICES)
    per_part = min(per_tx, notices_per_part or PART_NOTICES) if parted else per_tx
    chunks = _chunked(records, per_tx)
    head = [c for c in (next(chunks, None), next(chunks, None)) if c is not None]
    if pipeline is None:
        many = len(head) > 1 or (bool(head) and len(head[0]) > per_part)
        pipeline = many and (os.cpu_count() or 1) >= 2
    if not pipeline:
        per_part = per_tx  # built here, whole: parts would only cost more statements
    parts = _parts(chain(head, chunks), per_part)
    stager = store.stager()
    # batches built at once beside the one written: building (pure Python) costs several times
    # what writing does, so both cores build
    ahead = min(_BUILDERS, os.cpu_count() or 1) if pipeline else 1
    broken = False

    def submit(chunk: list[NoticeRecord]) -> _ForkedBuild | None:
        """Start building `chunk`'s batch in a child process; None without a pipeline or when
        the system refuses another process (built here from then on)."""
        nonlocal broken
        if not pipeline or broken:
            return None
        try:
            return _ForkedBuild(list(_dedup(chunk).values()), stager)
        except OSError:
            broken = True
            return None

    if pipeline and head:
        # the first build fills this process's lazy state (the places' gazetteer, the measure
        # kinds' lexicon …), which each forked child would load again otherwise; and so does
        # the first staging (pyarrow imports pandas on its first array: ~2 s in each child)
        warm, _ = build_batch([head[0][0].model_copy(deep=True)])
        if stager is not None:
            stager(warm)
    queue: deque[tuple[list[NoticeRecord], bool, _ForkedBuild | None]] = deque()

    def fill() -> None:
        """Queue parts, each submitted to a builder, until `ahead` are queued."""
        while len(queue) < ahead and (nxt := next(parts, None)) is not None:
            queue.append((nxt[0], nxt[1], submit(nxt[0])))

    def transaction() -> AbstractContextManager[_Writer]:
        if isinstance(store, _TransactionStore):
            return store.load_transaction()
        return nullcontext(_EachBatch(store))

    fill()
    try:
        while queue:
            notices, wrote = 0, False
            with transaction() as writer:
                last = False
                while queue and not last:
                    chunk, last, fut = queue.popleft()
                    fill()
                    wrote = _load_chunk(store, writer, chunk, fut, run, stager) or wrote
                    notices += len(chunk)
            if wrote:
                crash_point("batch-written")
            if on_batch:
                on_batch(notices)
    finally:
        for _, _, f in queue:
            if f is not None:
                f.cancel()
    if touched:
        refresh_unit_aliases(store, sorted(touched))
    return summary


def _parts(chunks: Iterable[list[NoticeRecord]], n: int) -> Iterator[tuple[list[NoticeRecord], bool]]:
    """Each chunk (a transaction's notices) in parts of `n`, each with whether it ends its chunk."""
    for chunk in chunks:
        for i in range(0, len(chunk), n):
            yield chunk[i : i + n], i + n >= len(chunk)


@dataclass
class _Run:
    """What a load carries from batch to batch."""

    summary: LoadSummary
    touched: set[str]  # units whose notices changed
    first_write: list[Statement]  # run with the first batch that writes, then emptied
    seen: dict[str, str] = field(default_factory=dict)  # notice id → the source it came from first


@dataclass
class _Built:
    """A batch ready to write, and what the summary counts of it.

    Attributes:
        hashes: notice id → content hash of each notice in the batch.
        batch: the nodes and edges, staged for the store when it has a stager (in a worker, a
            StagedBatch pickles several times faster than the rows it was made of).
        issues: Issue nodes in it.
        measures: Measure nodes in it.
        units: the ids of its Unit nodes.
        elements: its nodes and edges.
    """

    hashes: dict[str, str]
    batch: GraphBatch | StagedBatch
    issues: int
    measures: int
    units: list[str]
    elements: int

    @classmethod
    def of(
        cls, batch: GraphBatch, hashes: dict[str, str], stager: Callable[[GraphBatch], StagedBatch] | None
    ) -> _Built:
        """`batch` counted, then staged by `stager` (when the store has one)."""
        return cls(
            hashes,
            stager(batch) if stager is not None else batch,
            len(batch.nodes.get("Issue", {})),
            len(batch.nodes.get("Measure", {})),
            list(batch.nodes.get("Unit", {})),
            batch.size(),
        )


class _ForkedBuild:
    """One batch built and staged in a child process forked for it, so that the records reach
    it with the parent's memory instead of being serialised: sending them to a pool's worker
    cost more than building them (pickled: ~2 ms a notice each way; as JSON, pydantic's
    validation in the worker ~4 ms a notice). Only the staged batch comes back through a pipe
    (Arrow tables: ~0.1 s for 120k elements)."""

    def __init__(
        self, records: list[NoticeRecord], stager: Callable[[GraphBatch], StagedBatch] | None
    ) -> None:
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        # with fork the child runs on a copy of this process: target and args are not pickled
        self._proc = ctx.Process(
            target=_build_in_child, args=(records, stager, send, os.getpid()), daemon=True
        )
        self._proc.start()
        send.close()

    def result(self) -> _Built:
        """The built batch; an exception when the child failed or died."""
        try:
            built = self._recv.recv()
        finally:
            self._recv.close()
            self._proc.join()
        if not isinstance(built, _Built):
            raise RuntimeError(f"building a batch failed: {built}")
        return built

    def cancel(self) -> None:
        """Stop the child when its batch is no longer wanted (the load stopped)."""
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
        self._recv.close()


def _build_in_child(
    records: list[NoticeRecord],
    stager: Callable[[GraphBatch], StagedBatch] | None,
    send: Connection,
    parent: int,
) -> None:
    """The child of a _ForkedBuild: build, stage, send the batch (or the error's text) back."""
    import gc

    die_with_parent(parent)
    gc.freeze()  # the parent's objects: a collection would touch, and so copy, all their pages
    try:
        out: _Built | str = _Built.of(*build_batch(records), stager)
    except Exception as exc:
        out = f"{type(exc).__name__}: {exc}"
    send.send(out)
    send.close()


def _dedup(chunk: list[NoticeRecord]) -> dict[str, NoticeRecord]:
    """The chunk by notice id; the first record wins when one chunk holds the same notice twice."""
    out: dict[str, NoticeRecord] = {}
    for r in chunk:
        out.setdefault(r.id, r)
    return out


def _originals(chunk: list[NoticeRecord], stored: list[dict[str, str]], run: _Run) -> dict[str, NoticeRecord]:
    """The chunk's records by notice id, one per notice: from the source that holds it first
    (earlier in this load, else in the store unless that source now reads differently, else
    first in the chunk); the others are noted as duplicates of it and not loaded."""
    now = {(r.source, r.id) for r in chunk}
    sources = {r.source for r in chunk}
    for s in stored:
        # a stored source that the chunk reads differently is being replaced: it holds nothing
        if s["source"] not in sources or (s["source"], s["id"]) in now:
            run.seen.setdefault(s["id"], s["source"])
    out: dict[str, NoticeRecord] = {}
    for r in chunk:
        first = run.seen.setdefault(r.id, r.source)
        if first != r.source and _same_file(first, r.source):
            run.seen[r.id] = first = r.source  # one file named two ways: the record as read now
        if first != r.source:
            run.summary.duplicates.append((r.source, first))
        elif r.id not in out:
            out[r.id] = r
    return out


def _same_file(a: str, b: str) -> bool:
    """Whether two sources name the same notice of the same file (`notices/a.txt#2` and
    `/abs/notices/a.txt#2`)."""
    fa, ka = _file_part(a)
    fb, kb = _file_part(b)
    return ka == kb and os.path.realpath(fa) == os.path.realpath(fb)


def _file_part(source: str) -> tuple[str, str]:
    """(file, k) of `file#k`; (source, '') without `#`."""
    head, sep, k = source.rpartition("#")
    return (head, k) if sep and k.isdigit() else (source, "")


def _load_chunk(
    store: Store,
    writer: _Writer,
    chunk: list[NoticeRecord],
    future: _ForkedBuild | None,
    run: _Run,
    stager: Callable[[GraphBatch], StagedBatch] | None = None,
) -> bool:
    """Check `chunk` against the store, build what changed (or take `future`'s batch) and
    write it through `writer`; whether anything was written."""
    summary = run.summary
    summary.notices += len(chunk)
    stored = store.stored_notices(sorted({r.id for r in chunk}), sorted({r.source for r in chunk}))
    stored_hash = {s["id"]: s["content_hash"] for s in stored}
    by_id = _originals(chunk, stored, run)
    replace: set[str] = set()
    fresh = {r.source: r.id for r in by_id.values()}
    for s in stored:
        if s["id"] not in by_id and fresh.get(s["source"]) not in (None, s["id"]):
            replace.add(s["id"])  # an older version of a source that now reads differently
    built = None
    if future is not None:
        try:
            built = future.result()
        except Exception:
            built = None
    if built is not None and (
        set(built.hashes) != set(by_id) or any(stored_hash.get(r) == h for r, h in built.hashes.items())
    ):
        built = None  # some notices are stored unchanged or repeat others: build without them
    if built is None:
        batch, hashes = GraphBatch(), {}
        for rid, rec in by_id.items():
            h = record_hash(complete_record(rec))
            if stored_hash.get(rid) == h:
                continue
            hashes[rid] = h
            record_graph(rec, batch, content_hash=h)
        try:
            built = _Built.of(batch, hashes, stager)
        except StoreError as exc:  # a value its column cannot hold: name the notice's file
            bad = next((r for r in by_id.values() if r.id in hashes and _unstageable(r, stager)), None)
            if bad is None:
                raise
            raise StoreError(f"{bad.source}: {exc}") from None
    summary.unchanged += len(by_id) - len(built.hashes)
    summary.written += len(built.hashes)
    replace |= {rid for rid in built.hashes if rid in stored_hash}
    summary.issues += built.issues
    summary.measures += built.measures
    run.touched.update(built.units)
    if not (built.elements or replace):
        return False
    writer.write(built.batch, sorted(replace), run.first_write)
    run.first_write = []
    summary.elements += built.elements
    summary.replaced += len(replace)
    crash_point("part-written")
    return True


def _unstageable(rec: NoticeRecord, stager: Callable[[GraphBatch], StagedBatch] | None) -> bool:
    """Whether staging `rec`'s subgraph alone fails (a value that does not fit its column)."""
    if stager is None:
        return False
    try:
        stager(record_graph(rec))
    except StoreError:
        return True
    return False


def crash_point(name: str) -> None:
    """Die here as `kill -9` would when GRAPHKIT_TEST_CRASH_AT names this point (the
    crash-safety tests: a load, detection or migration killed at a known point); `name:N` dies
    the Nth time the point is reached."""
    at = os.environ.get("GRAPHKIT_TEST_CRASH_AT", "")
    point, _, nth = at.partition(":")
    if point != name:
        return
    _CRASH_HITS[name] = hits = _CRASH_HITS.get(name, 0) + 1
    if hits >= int(nth or 1):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


_CRASH_HITS: dict[str, int] = {}


def refresh_unit_aliases(store: Store, unit_ids: list[str]) -> None:
    """A unit's aliases: every spelling its notices use (unit and publisher lines), sorted."""
    res = store.run_internal("unit_spellings", {"ids": unit_ids})
    names: dict[str, set[str]] = {}
    canon: dict[str, str] = {}
    for uid, name, unit, publisher in res.rows:
        canon[uid] = name
        names.setdefault(uid, set()).update(x for x in (unit, publisher) if x)
    rows = [{"id": u, "aliases": sorted(n - {canon[u]})} for u, n in sorted(names.items())]
    if rows:
        store.run_transaction([internal_statement("set_unit_aliases", {"rows": rows})])
