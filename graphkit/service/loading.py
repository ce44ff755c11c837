"""Into the store: notice files (ingest) or records (load), then recycled-measure detection.

"Load, then detect families" lives here only: `load_records` runs detection after a load that
changed the graph (or always, or never), and `ingest`, `load` and `demo` go through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from graphkit.errors import GraphkitError, InputError, QueryError
from graphkit.ingest import LoadSummary
from graphkit.records import NoticeRecord, iter_jsonl
from graphkit.service.parsing import ParseRun, parsed_item
from graphkit.service.results import Family, IngestResult, LoadResult, Parsed, WarningTally
from graphkit.stores import state
from graphkit.stores.base import QueryResult, Store

if TYPE_CHECKING:
    from graphkit.analysis.store_families import Detector, FamilyReport

Families = Literal["changed", "always", "never"]
"""When to detect recycled-measure families after a load: when the load changed the graph
(a notice written or replaced), always, or never."""

OnItem = Callable[[Parsed], None]
"""Called with each input's result (record or error, with its warnings) as it is read."""


def load_records(
    store: Store,
    records: Iterable[NoticeRecord],
    *,
    families: Families = "changed",
    notices_per_batch: int | None = None,
    on_batch: Callable[[int], None] | None = None,
    on_loaded: Callable[[LoadSummary], None] | None = None,
    pipeline: bool | None = None,
    notices_per_part: int | None = None,
) -> LoadResult:
    """Load records into the store, then detect recycled-measure families.

    Re-loading the same records writes nothing; a changed notice replaces its own subgraph.

    Args:
        store: an open store (read-write).
        records: the notices' records, streamed: memory follows the batch, not the input.
        families: when to detect families afterwards (see `Families`).
        notices_per_batch: notices per transaction (None: the store's default, see
            `graphkit.ingest.load_records`).
        on_batch: called with the number of notices after each batch is written.
        on_loaded: called with the load's summary once every record is loaded, before detection.
        pipeline: build the next batch in a worker process while one is written (default: when
            there is more than one batch and more than one core).
        notices_per_part: notices each worker builds at a time on a store that writes several
            in one transaction (the embedded one; see `graphkit.ingest.load_records`).

    Returns:
        The load's summary and, when detection ran, its report.
    """
    from graphkit.ingest import crash_point
    from graphkit.ingest import load_records as load

    store.discard_if_empty = True  # a new store that this load leaves empty is not kept
    before = state.read_state(store)
    state.check_no_other_writer(store, before)
    mark = state.state_statement(state.begun("loading", families_current=False))
    summary = load(
        store,
        records,
        notices_per_batch=notices_per_batch,
        on_batch=on_batch,
        pipeline=pipeline,
        first_write=[mark],
        notices_per_part=notices_per_part,
    )
    if on_loaded is not None:
        on_loaded(summary)
    crash_point("loaded")
    # families are stale when this load changed the graph, or an earlier load or rebuild died
    # before they were detected (the record says so even when this load wrote nothing)
    stale = summary.changed or not before.families_current
    if families == "changed" and stale and before.families_current:
        # the families were current before this load: the index updates them for its notices
        report = update_families(store)
        if report is not None:
            return LoadResult(summary, report)
    if families == "always" or (families == "changed" and stale):
        return LoadResult(summary, rebuild_families(store))
    if stale or before.busy:
        state.write_state(store, state.idle(families_current=not stale))
    return LoadResult(summary, None)


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    jobs: int = 1,
    strict: bool = False,
    families: Families = "changed",
    on_item: OnItem | None = None,
    on_batch: Callable[[int], None] | None = None,
    on_loaded: Callable[[LoadSummary], None] | None = None,
) -> IngestResult:
    """Parse notice files and load their records, then detect families (`graphkit ingest`).

    Args:
        store: an open store (read-write).
        paths: files, folders (read recursively) or `-` for stdin.
        jobs: worker processes that parse.
        strict: a notice with parser warnings is not loaded (and the result `failed`).
        families: when to detect families afterwards (see `Families`).
        on_item: called with each input's result as it is read (to report errors and warnings).
        on_batch: called with the number of notices after each batch is written.
        on_loaded: called with the load's summary before detection.

    Returns:
        What was loaded and detected, the inputs that failed and the warnings counted.
    """
    run = ParseRun(paths, jobs=jobs, strict=strict)
    return _load_items(store, run, run.tally, families, on_item, on_batch, on_loaded)


def load(
    store: Store,
    files: Iterable[str | Path],
    *,
    families: Families = "changed",
    on_item: OnItem | None = None,
    on_batch: Callable[[int], None] | None = None,
    on_loaded: Callable[[LoadSummary], None] | None = None,
) -> IngestResult:
    """Load record files (JSON Lines, as `graphkit parse` writes), then detect families.

    A line that breaks the record contract is an error and is skipped; the others load.

    Args:
        store: an open store (read-write).
        files: JSON Lines files of notice records.
        families: when to detect families afterwards (see `Families`).
        on_item: called with each record's result as it is read (to report errors and warnings).
        on_batch: called with the number of notices after each batch is written.
        on_loaded: called with the load's summary before detection.

    Returns:
        What was loaded and detected, the lines (or files) that failed and the warnings counted.
    """
    tally = WarningTally()
    return _load_items(store, record_items(files, tally), tally, families, on_item, on_batch, on_loaded)


def record_items(files: Iterable[str | Path], tally: WarningTally) -> Iterator[Parsed]:
    """Each record of these JSON Lines files as a parsed input (a missing file: its error)."""
    for f in files:
        if Path(f).is_file():
            for _, rec in iter_jsonl(str(f)):
                yield parsed_item(rec, tally)
        else:
            yield parsed_item(InputError(str(f), "no such file"), tally)


def _load_items(
    store: Store,
    items: Iterable[Parsed],
    tally: WarningTally,
    families: Families,
    on_item: OnItem | None,
    on_batch: Callable[[int], None] | None,
    on_loaded: Callable[[LoadSummary], None] | None,
) -> IngestResult:
    errors: list[GraphkitError] = []
    records = good_records(items, errors, on_item)
    loaded = load_records(store, records, families=families, on_batch=on_batch, on_loaded=on_loaded)
    return IngestResult(loaded.summary, loaded.families, store=store.name, errors=errors, warnings=tally)


def good_records(
    items: Iterable[Parsed], errors: list[GraphkitError], on_item: OnItem | None
) -> Iterator[NoticeRecord]:
    """The records of the parsed inputs, each input reported to ``on_item`` and the failed
    ones' errors appended to ``errors``."""
    for item in items:
        if on_item is not None:
            on_item(item)
        if item.error is not None:
            errors.append(item.error)
        elif item.ok and item.record is not None:
            yield item.record


def rebuild_families(
    store: Store, *, threshold: float | None = None, engine: str = "local", master: str | None = None
) -> FamilyReport:
    """Detect recycled-measure families anew and replace the stored ones, in one transaction.

    Args:
        store: an open store (read-write).
        threshold: the similarity at which two measures join a family, in (0, 1]; None keeps
            the detection's own (see `graphkit.analysis`).
        engine: ``local`` (in this process) or ``spark`` (PySpark; the same families).
        master: with ``spark``, the Spark master (``local[2]``, ``spark://host:7077``).

    Returns:
        What detection found, by family kind and scope, and the time of each phase.

    Raises:
        QueryError: `threshold` is outside (0, 1].
    """
    from graphkit.analysis.store_families import rebuild_families as rebuild
    from graphkit.ingest import crash_point

    if threshold is not None and not 0 < threshold <= 1:
        raise QueryError(f"threshold must be in (0, 1], not {threshold}")
    detector = _detector(engine, master)  # an unknown engine or no PySpark: refused before any write
    before = state.read_state(store)
    state.check_no_other_writer(store, before)
    # the old families stay until the rebuild's one transaction replaces them: as current as before
    state.write_state(store, state.begun("rebuilding", families_current=before.families_current))
    crash_point("rebuilding")
    report = (
        rebuild(store, detector=detector)
        if threshold is None
        else rebuild(store, detector=detector, strong=threshold)
    )
    crash_point("families-written")
    state.write_state(store, state.idle(families_current=True))
    return report


def update_families(store: Store) -> FamilyReport | None:
    """Update the stored families for the notices added, changed or removed since they were
    detected, through the family index beside the store (`graphkit.analysis.incremental`):
    the families a full rebuild would give, in a fraction of its time. None when the index
    cannot serve (none, or the store changed otherwise): then `rebuild_families`.
    """
    from graphkit.analysis.incremental import update_families as update
    from graphkit.ingest import crash_point

    before = state.read_state(store)
    state.check_no_other_writer(store, before)
    state.write_state(store, state.begun("rebuilding", families_current=False))
    crash_point("rebuilding")
    report = update(store)
    if report is None:
        return None
    crash_point("families-written")
    state.write_state(store, state.idle(families_current=True))
    return report


ENGINES = ("local", "spark")


def _detector(engine: str, master: str | None) -> Detector | None:
    """The detection engine named ``engine`` (None: the in-process one)."""
    if engine not in ENGINES:
        raise QueryError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if engine == "local":
        return None
    from graphkit.analysis.spark import spark_detector

    return spark_detector(master)


def family_scopes() -> tuple[str, ...]:
    """The scopes families can be read by: every stored scope, and `all`."""
    from graphkit.analysis.scopes import SCOPES

    return (*SCOPES, "all")


def check_family_filter(*, kind: str, scope: str) -> None:
    """Raise QueryError, before any store is opened, for an unknown family scope or kind."""
    from graphkit.analysis.family_read import KINDS

    if scope not in family_scopes():
        raise QueryError(f"unknown scope {scope!r}: choose {', '.join(family_scopes())}")
    if kind not in KINDS:
        raise QueryError(f"unknown kind {kind!r}: choose {', '.join(KINDS)}")


def read_families(
    store: Store, *, kind: str = "measure", scope: str = "all", min_units: int = 1, limit: int | None = None
) -> list[Family]:
    """The stored families of one kind, widest spread first (then largest, then by id).

    Args:
        store: an open store.
        kind: measure, headline, document or sentence.
        scope: across-units, within-unit, across-notices, or all.
        min_units: only families used by at least this many units.
        limit: at most this many families (None: all).

    Raises:
        QueryError: an unknown kind or scope.
    """
    from graphkit.analysis.family_read import read_families as read

    check_family_filter(kind=kind, scope=scope)
    found = read(store, kind=kind, scope=scope, min_units=min_units, limit=limit)
    return [Family.from_dict(f) for f in found]


def read_diffusion(
    store: Store, *, kind: str = "measure", unit: str = "", limit: int | None = None
) -> QueryResult:
    """The diffusion network of the stored families (template `recycled/diffusion`): one row per
    (later unit, earlier unit) pair with its families, vertical, horizontal and tied counts, the
    days between the units' dates and the mean score; most families first.

    Args:
        store: an open store.
        kind: measure, headline, document or sentence; '' for every kind.
        unit: only pairs with this unit at either end (name or alias); '' for all.
        limit: at most this many pairs (None: all).

    Raises:
        QueryError: an unknown kind.
    """
    from graphkit.service.querying import run_template

    if kind:
        check_family_filter(kind=kind, scope="all")
    values = {"kind": kind, "unit": unit, "limit": limit if limit else 2**62}
    return run_template(store, "recycled/diffusion", values)
