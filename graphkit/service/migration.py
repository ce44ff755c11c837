"""A store written by an earlier graphkit, brought to the format this one writes (`graphkit migrate`).

Every stored notice keeps its clean text, so the store is migrated by reading each notice again
with this graphkit: its record replaces the stored one (unit names normalised as now, ids as now,
every property of the schema), the shared nodes no record gives any more (a unit under its old
name, its persons and inspections) are removed, and the families are detected anew. A store of
format 3, 4 or 5 differs only by what is derived from its notices: format 6 gives each measure
its `due` (written from its deadline, nothing is read again) and lists the units of an issue
title of many in buckets (the figures are stored anew), and a store of format 3 or 4 also
differs by its families (format 3 lacks the figures the templates read, graphkit.analysis.figures;
format 5 names a family by its least member, not by all): they are detected anew, with their
figures. The store's
record says `migrating` (in its old format) until the end: a migration killed half-way leaves a
store that still asks for `graphkit migrate`, and running it again completes it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import StoreError
from graphkit.records import NoticeRecord, iter_jsonl
from graphkit.stores import state
from graphkit.stores.base import Store

# Labels shared between notices: a migrated store keeps only those its records give.
_SHARED = ("Unit", "Inspection", "Person", "Document", "Place")
_PAGE = 500
# Formats whose notices stand as this graphkit writes them but for each measure's `due`
# (format 6), written from its deadline.
_DUE_ONLY = frozenset({3, 4, 5})
# Of them, those whose families differ too (format 4 added the figures the templates read,
# format 5 the family ids that survive a new member): they are detected anew, with their figures.
_FAMILIES_TOO = frozenset({3, 4})
# Measures given their due per transaction.
_DUE_BATCH = 20_000


@dataclass
class MigrationResult:
    """What `migrate` did.

    Attributes:
        store: the store's name.
        from_format: the store format before (state.LEGACY_FORMAT: written before stores kept one).
        from_version: the graphkit that wrote it ('' when unknown).
        to_format: the format now.
        notices: notices read again.
        written: notices whose record changed (replaced).
        removed: shared nodes removed, by label (units under an old name, their persons …).
        families: families detected afterwards, or kept when only their measures' `due` was
            written; None: the store was already current.
        due: measures given their `due` from their deadline (a store of format 3 to 5).
    """

    store: str
    from_format: int
    from_version: str
    to_format: int
    notices: int = 0
    written: int = 0
    removed: dict[str, int] = field(default_factory=dict)
    families: int | None = None
    due: int = 0

    @property
    def migrated(self) -> bool:
        """False when the store was already in this graphkit's format (nothing done)."""
        return self.families is not None


def migrate(store: Store, *, on_notice: Callable[[int], None] | None = None) -> MigrationResult:
    """Bring a store written by an earlier graphkit to this graphkit's format.

    Args:
        store: a store opened read-write with `open_store(..., migrating=True)`.
        on_notice: called with the number of notices read again so far.

    Returns:
        What was read again, rewritten and removed; `migrated` False when there was nothing to do.

    Raises:
        StoreError: the store was written by a newer graphkit, or holds a notice without its
            text or one that this graphkit cannot read (nothing is changed then).
    """
    from graphkit.analysis.store_families import rebuild_families
    from graphkit.ingest import crash_point, load_records

    before = state.read_state(store)
    here = state.current_format()
    result = MigrationResult(store.name, before.store_format, before.graphkit_version, here)
    if before.store_format > here:
        state.check_format(store, before)
    if before.store_format == here and before.load_state != "migrating":
        return result
    if before.store_format in _DUE_ONLY and before.load_state == "idle":
        return _derive_again(store, before, result)
    with tempfile.TemporaryDirectory(prefix="graphkit-migrate-") as tmp:
        records = Path(tmp) / "records.jsonl"
        # every notice is read again before anything changes
        keep, result.notices = _read_again(store, records, on_notice)
        state.write_state(
            store, state.begun("migrating", families_current=False, store_format=before.store_format)
        )
        summary = load_records(store, _records(records), pipeline=False)
    crash_point("migrated-notices")
    result.written = summary.written
    result.removed = _remove_stale(store, keep)
    _write_due(store, result)
    report = rebuild_families(store)
    result.families = report.total()
    state.write_state(store, state.idle(families_current=True))
    return result


def _derive_again(store: Store, before: state.StoreState, result: MigrationResult) -> MigrationResult:
    """Bring a store whose notices stand as this graphkit writes them to this format: each
    measure gets its `due`, and the families are detected anew with their figures
    (`rebuild_families`) when they differ too, else the figures are stored anew; nothing is
    read again. The record says `migrating` (in the old format) until the end: a migration
    killed meanwhile is completed by the full path when run again."""
    from graphkit.analysis.figures import refresh_figures
    from graphkit.analysis.store_families import rebuild_families

    state.write_state(
        store,
        state.begun("migrating", families_current=False, store_format=before.store_format),
    )
    _write_due(store, result)
    current = True
    if before.store_format in _FAMILIES_TOO:
        result.families = rebuild_families(store).total()
    else:  # the families stand as they were, current or not; the figures are stored anew
        refresh_figures(store)  # (format 6 lists the units of a title of many in buckets)
        result.families = int(store.run_internal("family_count").rows[0][0])
        current = before.families_current
    state.write_state(store, state.idle(families_current=current))
    return result


def _write_due(store: Store, result: MigrationResult) -> None:
    """Give each measure that has a deadline but no `due` its due (graphkit.records.due_date),
    in transactions of _DUE_BATCH measures: an unchanged notice is not written again by a load,
    so its measures keep what an earlier format stored."""
    from graphkit.records import due_date
    from graphkit.stores.base import internal_statement

    while rows := store.run_internal("measures_without_due", {"limit": _DUE_BATCH}).rows:
        due = [{"id": mid, "due": due_date(deadline)} for mid, deadline in rows]
        store.run_transaction([internal_statement("set_measure_due", {"rows": due})])
        result.due += len(due)


def _read_again(
    store: Store, out: Path, on_notice: Callable[[int], None] | None
) -> tuple[dict[str, set[str]], int]:
    """Parse every stored notice's text again into `out` (JSON Lines); the ids of the shared
    nodes the records give, by label, and the number of notices. Raises StoreError (nothing written) for a notice that
    has no text or does not parse."""
    from graphkit.errors import GraphkitError
    from graphkit.ingest import record_graph
    from graphkit.parse import parse_notice
    from graphkit.parse.derived import complete_record
    from graphkit.pipeline import record_json

    keep: dict[str, set[str]] = {label: set() for label in _SHARED}
    done = 0
    after = ""
    with open(out, "w", encoding="utf-8") as fh:
        while page := store.node_page("Notice", after, _PAGE):
            for n in page:
                if not n.get("text"):
                    raise StoreError(
                        f"cannot migrate {state.where(store)}: notice {n['source']} was stored without "
                        "its text; ingest its file into a new store instead"
                    )
                try:
                    rec = complete_record(parse_notice(n["text"], n["source"]))
                except (GraphkitError, ValueError) as exc:
                    raise StoreError(
                        f"cannot migrate {state.where(store)}: notice {n['source']} no longer reads ({exc})"
                    ) from None
                if rec.text is None:
                    rec.text = n["text"]
                batch = record_graph(rec)
                for label in _SHARED:
                    keep[label].update(batch.nodes.get(label, {}))
                fh.write(record_json(rec) + "\n")
                done += 1
            after = page[-1]["id"]
            if on_notice is not None:
                on_notice(done)
    return keep, done


def _records(path: Path) -> Iterator[NoticeRecord]:
    for _, rec in iter_jsonl(str(path)):
        if isinstance(rec, NoticeRecord):
            yield rec


def _remove_stale(store: Store, keep: dict[str, set[str]]) -> dict[str, int]:
    """Remove the shared nodes that no record gives (a unit under its old name, and the
    persons and inspections whose ids came from it), with their edges."""
    removed: dict[str, int] = {}
    for label in _SHARED:
        stale: list[str] = []
        after = ""
        while page := store.node_page(label, after, 5000):
            stale += [n["id"] for n in page if n["id"] not in keep[label]]
            after = page[-1]["id"]
        if stale:
            store.delete_nodes(label, stale)
        removed[label] = len(stale)
    return removed
