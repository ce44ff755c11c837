"""graphkit's own record of a store: one GraphkitState node (schema/graph.yaml `meta`).

It says which store format and graphkit wrote the store, whether a load, a family rebuild or
a migration is under way (and by which process), and whether the stored recycled-measure
families were detected from the notices stored now. A load writes `loading` (families not
current) in the transaction of its first batch, so a load killed at any point leaves a record
that says so; detection sets `families_current` once its families are written. A re-run then
knows the families are stale even when it writes no notice, and a read can warn.
"""

from __future__ import annotations

import os
import socket
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from graphkit.errors import QueryError, StoreError

if TYPE_CHECKING:
    from graphkit.stores.base import Statement, Store

LoadState = Literal["idle", "loading", "rebuilding", "migrating"]

LEGACY_FORMAT = 1
"""The format of a store written before stores kept a GraphkitState (its unit names follow the
normalisation of that time)."""

# What each unfinished operation is called, and the command that completes it when it died.
_DOING = {
    "loading": ("load", "run `graphkit ingest` (or `graphkit load`) again with the same inputs"),
    "rebuilding": ("family rebuild", "run `graphkit recycled --rebuild`"),
    "migrating": ("migration", "run `graphkit migrate`"),
}


def current_format() -> int:
    """The store format this graphkit writes (schema/graph.yaml `version`)."""
    from graphkit.schema import schema

    return schema().version


def graphkit_version() -> str:
    """This graphkit's version."""
    from graphkit import __version__

    return __version__


@dataclass(frozen=True)
class StoreState:
    """A store's GraphkitState.

    Attributes:
        store_format: the store format it was written in (LEGACY_FORMAT: before the record).
        graphkit_version: the graphkit that last wrote it ('' when unknown).
        load_state: idle, or the operation under way (or that died): loading, rebuilding, migrating.
        started: when that operation began (ISO, UTC).
        pid: its process.
        host: the machine it ran on.
        families_current: the stored families were detected from the notices stored now.
        recorded: the store holds the record (False: a new store, or one written before records).
    """

    store_format: int
    graphkit_version: str = ""
    load_state: str = "idle"
    started: str = ""
    pid: int = 0
    host: str = ""
    families_current: bool = True
    recorded: bool = True

    def params(self) -> dict[str, object]:
        """The record's fields as the params of `_internal/set_store_state`."""
        out = asdict(self)
        del out["recorded"]
        return out

    @property
    def busy(self) -> bool:
        """True when a load, rebuild or migration began and did not end (running or died)."""
        return self.load_state != "idle"

    def running(self) -> bool | None:
        """Whether the process of the unfinished operation still runs (None: on another host)."""
        if self.host != socket.gethostname():
            return None
        if self.pid == os.getpid():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def warning(self) -> str | None:
        """One line for a reader when the answers may be incomplete or stale, else None."""
        if self.busy:
            what, mend = _DOING.get(self.load_state, ("load", "run `graphkit ingest` again"))
            who = f"pid {self.pid} on {self.host}, started {self.started}"
            if self.running() is False:
                return (
                    f"a graphkit {what} into this store stopped before it ended ({who}): answers may be "
                    f"incomplete and recycled-measure families stale; {mend}"
                )
            return (
                f"a graphkit {what} into this store is under way ({who}): answers may be incomplete "
                f"until it ends (if it died, {mend})"
            )
        if not self.families_current:
            return (
                "the recycled-measure families were not detected after the last load: they are "
                "stale; run `graphkit recycled --rebuild` (or `graphkit ingest`)"
            )
        return None


def read_state(store: Store) -> StoreState:
    """The store's record; without one, a new store (current format) or a store written before
    records (LEGACY_FORMAT, when it holds notices)."""
    rows = _state_rows(store)
    if rows:
        fmt, version, load_state, started, pid, host, current = rows[0]
        return StoreState(
            int(fmt or LEGACY_FORMAT),
            version or "",
            load_state or "idle",
            started or "",
            int(pid or 0),
            host or "",
            bool(current),
        )
    notices = int(store.run_internal("notice_count").rows[0][0])
    if notices and _state_rows(store):
        # a load committed its first batch (notices and record together) between the two reads
        return read_state(store)
    return StoreState(LEGACY_FORMAT if notices else current_format(), recorded=False)


def _state_rows(store: Store) -> list[list[Any]]:
    try:
        return store.run_internal("store_state").rows
    except QueryError:  # an embedded store opened read-only that has no GraphkitState table
        return []


def stamp_if_new(store: Store) -> None:
    """Give a store with no notice and no record this graphkit's record (its format, idle,
    families current): a store is of the format of the graphkit that created it, however its
    notices then arrive (a load through the service, or `graphkit.ingest.load_records` as the
    tests and benchmarks use it). A store holding notices without a record is left alone: it
    was written before records (LEGACY_FORMAT)."""
    if not _state_rows(store) and not int(store.run_internal("notice_count").rows[0][0]):
        write_state(store, idle(families_current=True))


def check_no_other_writer(store: Store, state: StoreState) -> None:
    """Refuse (ConcurrentLoadError, one line) to write while another process's load, rebuild or
    migration runs on this machine: the two would each detect families from half the notices.
    One that died, or runs on another host (it cannot be asked), does not stop this one."""
    from graphkit.errors import ConcurrentLoadError

    if state.busy and state.pid != os.getpid() and state.running():
        what = _DOING.get(state.load_state, ("load", ""))[0]
        raise ConcurrentLoadError(
            f"a graphkit {what} into {where(store)} is under way (pid {state.pid}, started "
            f"{state.started}): wait for it to end, then run this command again"
        )


def begun(load_state: LoadState, *, families_current: bool, store_format: int | None = None) -> StoreState:
    """The record of an operation this process begins now."""
    return StoreState(
        current_format() if store_format is None else store_format,
        graphkit_version(),
        load_state,
        datetime.now(UTC).isoformat(timespec="seconds"),
        os.getpid(),
        socket.gethostname(),
        families_current,
    )


def idle(*, families_current: bool) -> StoreState:
    """The record once this process's operation has ended."""
    return replace(begun("idle", families_current=families_current), started="", pid=0, host="")


def state_statement(state: StoreState) -> Statement:
    """The statement writing `state` (to run in a transaction of one's own or with a batch)."""
    from graphkit.stores.base import internal_statement

    return internal_statement("set_store_state", state.params())


def write_state(store: Store, state: StoreState) -> None:
    """Write the store's record in a transaction of its own."""
    store.run_transaction([state_statement(state)])


def where(store: Store) -> str:
    """The store as a person names it: its folder (embedded) or its URI (Neo4j)."""
    folder = getattr(store, "folder", None)
    return (
        f"the embedded store at {folder}" if folder is not None else f"the Neo4j store at {store_uri(store)}"
    )


def store_uri(store: Store) -> str:
    """The Neo4j URI (and database, when not the default) of a store, '' for others."""
    uri = str(getattr(store, "uri", ""))
    db = str(getattr(store, "database", "neo4j"))
    return uri if db == "neo4j" else f"{uri} (database {db})"


def check_format(store: Store, state: StoreState) -> None:
    """Refuse (StoreError, one line) a store in a format this graphkit does not read as it is."""
    here = current_format()
    if state.store_format < here and state.load_state == "migrating":
        raise StoreError(
            f"a migration of {where(store)} to store format {here} did not end: run `graphkit migrate`"
        )
    if state.store_format < here:
        by = f"graphkit {state.graphkit_version}" if state.graphkit_version else "an earlier graphkit"
        raise StoreError(
            f"{where(store)} was written by {by} (store format {state.store_format}; this graphkit "
            f"{graphkit_version()} uses format {here}): run `graphkit migrate` to upgrade it"
        )
    if state.store_format > here:
        raise StoreError(
            f"{where(store)} was written by a newer graphkit {state.graphkit_version} (store format "
            f"{state.store_format}); this graphkit {graphkit_version()} reads format {here}: upgrade graphkit"
        )
