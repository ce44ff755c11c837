"""The embedded default store: LadybugDB on disk, Cypher, no server.

This module and neo4j_store.py are the only places that import a database driver.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from graphkit.errors import QueryError, StoreError
from graphkit.stores import state
from graphkit.stores.base import QueryResult, StagedBatch, Statement, Store
from graphkit.stores.ddl import LADYBUG_TYPES as _TYPES
from graphkit.stores.ddl import embedded_ddl
from graphkit.stores.values import GraphNode, GraphPath, GraphRel
from loaders.graph import GraphBatch, Row

# LadybugDB names a node or relationship by its table and its offset in it.
_InternalId = tuple[int, int]

BUFFER_POOL_ENV = "GRAPHKIT_BUFFER_POOL"
_MIB = 1024**2
# graphkit's default pool: a quarter of the machine's memory, between these bounds
_POOL_MIN, _POOL_MAX = 512 * _MIB, 2048 * _MIB
# LadybugDB's message when the pool cannot hold what a statement needs
_POOL_FULL = "buffer pool is full"


def buffer_pool_bytes(machine: int | None = None) -> int:
    """Bytes of the embedded store's buffer pool: `GRAPHKIT_BUFFER_POOL` (`2GB`, `512MB`, bytes;
    `0` leaves LadybugDB its own default), else a quarter of the machine's memory between
    512 MB and 2 GB (units are powers of 1024).

    The pool caches the pages queries read (evicted when it is full) and holds what a write
    transaction has not committed yet: its COPYs' rows and their node groups stay in the pool
    until the commit checkpoints them, and the checkpoint needs room too, so a transaction the
    pool cannot hold fails (LadybugDB spills only a relationship COPY's sort to disk; its
    `spill_to_disk` is on). LadybugDB's own default is ~80 % of the machine's memory, which a
    long load filled: its connection kept memory from every transaction (`_reconnect`).
    Measured (LadybugDB 0.22): a first batch of 40 notices fails in 96 MB and loads in 160 MB;
    300k measures in 2000-notice batches load in 512 MB (27–62 MB in use between batches).

    Raises:
        StoreError: the variable is not a size.
    """
    raw = os.environ.get(BUFFER_POOL_ENV, "").strip()
    if raw:
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?", raw, re.IGNORECASE)
        if m is None:
            raise StoreError(
                f"{BUFFER_POOL_ENV}={raw!r} is not a size: give bytes or a number with KB, MB or GB "
                "(e.g. 2GB; 0 for LadybugDB's own default, ~80 % of the machine's memory)"
            )
        return int(float(m[1]) * 1024 ** "bkmgt".index((m[2] or "b").lower()))
    total = machine if machine is not None else _machine_memory()
    return min(max(total // 4, _POOL_MIN), _POOL_MAX)


def _machine_memory() -> int:
    """The memory this process may use: the machine's, or its cgroup's limit when lower."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0  # unknown: the lower bound
    with contextlib.suppress(OSError, ValueError):
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit.isdigit():
            total = min(total, int(limit))
    return total


def _size(n: int) -> str:
    """`n` bytes as GRAPHKIT_BUFFER_POOL reads them: 2GB, 1.5GB, 512MB."""
    return f"{round(n / 1024**3, 2):g}GB" if n >= 1024**3 else f"{round(n / _MIB):g}MB"


class EmbeddedStore(Store):
    """LadybugDB in a folder (`path` is the database inside it)."""

    name = "embedded"
    # Every statement, the store open read-only or not: LadybugDB itself lets a read-only store
    # run COPY … TO, LOAD FROM, INSTALL, ATTACH and CHECKPOINT.
    guards_every_statement = True
    # A batch of at most this many nodes and edges is written with UNWIND … CREATE / MERGE
    # statements instead of COPY (`LoadTransaction.write`). LadybugDB logs what statements write,
    # so their commit goes to the log and a kill keeps it; it does not log what COPY loads, so the
    # commit of a transaction that COPYs checkpoints the whole store, which costs seconds in a
    # large one whatever the rows (3-5 s at a million measures). CREATE statements run at ~22k
    # rows/s: a family update or a notice or two cost far less than that checkpoint.
    logged_elements = 5000
    # Nor does closing a large store opened for writing checkpoint what the log holds (LadybugDB's
    # `force_checkpoint_on_close` off): the next open replays it, and the commit that fills the
    # log past `checkpoint_bytes`, or COPYs, checkpoints it. That checkpoint rewrites every node
    # group the logged writes touched (3-4 s at a million measures for one added notice, most of
    # it the REUSED_FROM lists of the units' one node group); at close, every process adding a
    # notice paid it, now a few adds share one. Every open, read-only too, replays the log
    # (~0.06 s a MB at a million measures: 1.0-1.3 s at LadybugDB's default of 16 MB), so the
    # log is kept far below that default: one added notice logs ~0.5 MB there. A store whose
    # database file is under `defer_checkpoint_from` bytes checkpoints at close as LadybugDB does
    # by default: its checkpoint costs less than the replays it saves (at 100k measures, 180 MB:
    # 0.2-0.5 s at close, where deferred, opens replayed up to 0.4 s; at a million, 1 GB: 3-4 s).
    checkpoint_bytes = 4 << 20
    defer_checkpoint_from = 256 << 20

    def __init__(self, folder: Path, *, read_only: bool = False, buffer_pool: int | None = None) -> None:
        """Open (or create) the store in `folder`; `buffer_pool` in bytes, default
        `buffer_pool_bytes()` (the `GRAPHKIT_BUFFER_POOL` setting)."""
        super().__init__()
        import ladybug

        self.folder = Path(folder)
        self.read_only = read_only
        self.buffer_pool = buffer_pool_bytes() if buffer_pool is None else buffer_pool
        self._node_tables: dict[int, str] = {}  # table id → node label
        self._table_columns: dict[str, list[str]] = {}  # node label → its columns, in order
        self._staging: _Layout | None = None
        path = self.folder / "graph.lbdb"
        # a store this open creates, and the folders it makes for it: removed again on close
        # when `discard_if_empty` and no notice was stored (a failed first ingest leaves nothing)
        self.created = not path.exists()
        self._made = [p for p in (self.folder, *self.folder.parents) if not p.exists()]
        try:
            if read_only and not path.exists():
                raise StoreError(f"no graph at {self.folder}: run `graphkit ingest` first")
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(
                str(path),
                read_only=read_only,
                buffer_pool_size=self.buffer_pool,
                checkpoint_threshold=self.checkpoint_bytes,
            )
            self._conn = ladybug.Connection(self._db)
            if not read_only:
                # in a large store what the log holds stays there at close: the next write that
                # fills it (or COPYs) checkpoints, instead of every process that wrote a notice
                if path.exists() and path.stat().st_size >= self.defer_checkpoint_from:
                    self._conn.execute("CALL force_checkpoint_on_close=false")
                self.apply_schema()
        except StoreError:
            raise
        except RuntimeError as exc:
            self.close()
            if self.created:  # a store this open began: nothing of it is kept
                self._remove_files()
            raise self._failure(f"cannot open the embedded store at {self.folder}", exc) from None

    def _reconnect(self) -> None:
        """A new connection to the open database, the old one closed (after every write
        transaction: `_transaction`).

        A LadybugDB connection keeps buffer-pool memory from each write transaction it ran until
        it is closed (LadybugDB 0.22: ~85 MB per load batch of 400 notices, ~110 MB of 2000;
        a store reopened after the load holds 16 MB), so one connection through a long load
        fills any pool: 300k measures failed in a 512 MB pool at the fourth batch, and the
        unbounded default grew by that much resident memory. Renewed after each transaction,
        the 300k load held 27–62 MB of the pool. A connection costs ~2 ms."""
        import ladybug

        self._conn.close()
        self._conn = ladybug.Connection(self._db)

    def _failure(self, what: str, exc: BaseException) -> StoreError:
        """`what` failed with LadybugDB's `exc`, as one line: a buffer pool too small for the
        statement names the store, the pool's size and the setting that raises it."""
        msg = _first_line(exc)
        if "committed successfully" in msg:  # LadybugDB: the commit stands, its checkpoint failed
            what = f"{what}: committed, but its checkpoint failed (LadybugDB replays it on the next open)"
        if _POOL_FULL in msg.lower():
            size = _size(self.buffer_pool) if self.buffer_pool else "LadybugDB's default size"
            more = _size(2 * self.buffer_pool) if self.buffer_pool else "a size"
            pool = f"its buffer pool ({size})"
            if str(self.folder) not in what:
                pool = f"the buffer pool ({size}) of the embedded store at {self.folder}"
            return StoreError(
                f"{what}: {pool} cannot hold what this statement needs; "
                f"set {BUFFER_POOL_ENV} larger ({BUFFER_POOL_ENV}={more})"
            )
        return StoreError(f"{what}: {msg}")

    def _cast(self, expr: str, typ: str) -> str:
        # LadybugDB types an all-null parameter column as STRING; the cast keeps the declared type.
        return expr if typ == "string" else f"CAST({expr} AS {_TYPES[typ]})"

    def apply_schema(self) -> None:
        """Create the node and rel tables (idempotent) and add columns the schema gained since."""
        for stmt in embedded_ddl(self.schema):
            self._conn.execute(stmt)
        self._add_missing_columns()
        state.stamp_if_new(self)

    def _columns(self, label: str) -> list[str]:
        """The node table's columns in the table's order: a column added by a later graphkit
        (`_add_missing_columns`) comes last, not where graph.yaml lists it."""
        if label not in self._table_columns:
            self._table_columns[label] = [
                str(r[0]) for r in self._rows(f"CALL table_info('{label}') RETURN name")
            ]
        return self._table_columns[label]

    def _add_missing_columns(self) -> None:
        """A store written before a node property was added to the schema gets the column (null)."""
        for n in self.schema.tables():
            have = self._columns(n.label)
            for prop, typ in n.properties.items():
                if prop not in have:
                    self._conn.execute(f"ALTER TABLE {n.label} ADD {prop} {_TYPES[typ]}")
                    have.append(prop)  # the table's order: an added column comes last

    def _execute(
        self, cypher: str, params: dict[str, Any], *, write: bool, timeout: float | None
    ) -> QueryResult:
        try:
            self._conn.set_query_timeout(int(timeout * 1000) if timeout else 0)
            res = self._conn.execute(cypher, params)
            if isinstance(res, list):  # several statements: the last one answers
                res = res[-1]
            cols = res.get_column_names()
            graph = any("NODE" in t or "REL" in t for t in res.get_column_data_types())
            rows = []
            while res.has_next():
                rows.append(list(res.get_next()))
            return QueryResult(cols, self._graph_values(rows) if graph else rows)
        except RuntimeError as exc:
            msg = _first_line(exc)
            if "interrupted" in msg.lower() or "timeout" in msg.lower():
                raise QueryError(f"query stopped after its time limit of {timeout} s") from None
            if self.read_only and "read" in msg.lower() and "only" in msg.lower():
                raise QueryError(
                    "refused: the store is open read-only; pass --write to allow writes"
                ) from None
            if _POOL_FULL in msg.lower():
                raise self._failure("embedded query failed", exc) from None
            raise QueryError(msg) from None
        finally:
            self._conn.set_query_timeout(0)

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        res = self._conn.execute(cypher, params or {})
        if isinstance(res, list):
            res = res[-1]
        out = []
        while res.has_next():
            out.append(list(res.get_next()))
        return out

    # -- graph values: LadybugDB's dicts → GraphNode / GraphRel / GraphPath --------------------
    def _graph_values(self, rows: list[list[Any]]) -> list[list[Any]]:
        """The answer with its nodes, relationships and paths converted. A relationship names its
        ends by internal id only: ends that are not themselves in the answer are looked up."""
        known: dict[_InternalId, tuple[str, str | None]] = {}
        wanted: set[_InternalId] = set()
        for row in rows:
            for v in row:
                _scan(v, known, wanted)
        missing = wanted - known.keys()
        if missing:
            known.update(self._node_keys(missing))
        return [[_convert(v, known, self._node_tables) for v in row] for row in rows]

    def _node_keys(self, iids: set[_InternalId]) -> dict[_InternalId, tuple[str, str | None]]:
        """(label, key) of nodes given by internal id, one lookup per node table."""
        by_table: dict[int, list[int]] = {}
        for table, offset in iids:
            by_table.setdefault(table, []).append(offset)
        if any(t not in self._node_tables for t in by_table):
            self._node_tables = {
                int(tid): str(name)
                for tid, name, kind, *_ in self._rows("CALL show_tables() RETURN *")
                if kind == "NODE"
            }
        out: dict[_InternalId, tuple[str, str | None]] = {}
        for table, offsets in by_table.items():
            label = self._node_tables.get(table)
            if label is None:
                continue
            try:
                found = self._rows(
                    f"MATCH (n:`{label}`) WHERE offset(ID(n)) IN $o RETURN offset(ID(n)), n.id",
                    {"o": offsets},
                )
            except RuntimeError:  # a table without an `id` column: its nodes have no key
                found = [[o, None] for o in offsets]
            for offset, key in found:
                out[(table, int(offset))] = (label, None if key is None else str(key))
        return out

    def run_transaction(self, statements: list[Statement]) -> None:
        """Run the statements in one transaction, rolled back on any error (StoreError if read-only)."""
        if self.read_only:
            raise StoreError("the embedded store is open read-only")
        with self._transaction():
            for cypher, params in statements:
                self._conn.execute(cypher, params)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction around the block: committed when it ends, rolled back on any error
        (a database error raised as StoreError)."""
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException as exc:
            self._rollback(exc)
        self._commit()

    def _rollback(self, exc: BaseException) -> NoReturn:
        """Roll the open transaction back after `exc` and raise it (a database error as StoreError)."""
        with contextlib.suppress(RuntimeError):  # LadybugDB may have rolled back already
            self._conn.execute("ROLLBACK")
        self._reconnect()
        if isinstance(exc, RuntimeError):
            raise self._failure("embedded write failed (rolled back)", exc) from None
        raise exc

    def _commit(self) -> None:
        """Commit the open transaction (it checkpoints), then renew the connection."""
        try:
            self._conn.execute("COMMIT")
        except RuntimeError as exc:  # e.g. its checkpoint found the buffer pool full
            raise self._failure("embedded commit failed", exc) from None
        finally:
            self._reconnect()

    @contextlib.contextmanager
    def load_transaction(self) -> Iterator[LoadTransaction]:
        """One write transaction for several staged batches, each written as it comes
        (`LoadTransaction.write`), committed once when the block ends; rolled back, with all it
        wrote, on any error. It begins at the first write: a block that writes nothing commits
        nothing.

        A load writes one such transaction of ~1,000+ notices whose batches are built beside it
        (`graphkit.ingest.load_records`): the commit's checkpoint costs a fixed amount per table
        it touches and rewrites the node groups it appends to, so one commit for many batches
        writes far less than a commit for each. What it leaves equals what one `write_batch` of
        all its batches leaves (`LoadTransaction.write`: the shared nodes)."""
        if self.read_only:
            raise StoreError("the embedded store is open read-only")
        tx = LoadTransaction(self)
        try:
            yield tx
        except BaseException as exc:
            if not tx.begun:
                raise
            tx.begun = False
            self._rollback(exc)
        if tx.begun:
            tx.begun = False
            self._commit()

    def stager(self, *, all_new: bool = False) -> Callable[[GraphBatch], StagedBatch]:
        """`stage_batch` for this store's tables (picklable: a load's worker process runs it)."""
        return functools.partial(stage_batch, layout=self._layout(), all_new=all_new)

    def _layout(self) -> _Layout:
        if self._staging is None:
            nodes = {
                label: [(c, self.schema.nodes[label].properties[c]) for c in self._columns(label)]
                for label in self.schema.nodes
            }
            edges = {
                e.type: [("src", "string"), ("dst", "string"), *e.properties.items()]
                for e in self.schema.edges.values()
            }
            pairs = frozenset((e.type, a, b) for e in self.schema.edges.values() for a, b in e.pairs)
            owned = frozenset(label for label in self.schema.nodes if self.owned_by_notice(label))
            self._staging = _Layout(nodes, edges, pairs, owned)
        return self._staging

    def empty_families_statements(self) -> list[Statement]:
        """The family tables dropped and made again, empty (LadybugDB's DDL is transactional: a
        rollback keeps them): deleting their rows ran at ~1,400 edges a second, and a store of
        a million measures holds 4.4M REUSED_FROM edges (an hour). MeasureTemplate is made
        with the columns of the table it replaces, in their order (COPY fills them by position)."""
        self._node_tables = {}  # the tables made again get other ids
        template = ", ".join(f"{c} {_TYPES[t]}" for c, t in self._layout().nodes["MeasureTemplate"])
        rels = ("INSTANCE_OF", "SIMILAR_TO", "REUSED_FROM")
        made = {stmt.split("(")[0].split()[-1]: stmt for stmt in embedded_ddl(self.schema)}
        return [
            *((f"DROP TABLE {t}", {}) for t in rels),
            ("DROP TABLE MeasureTemplate", {}),
            (f"CREATE NODE TABLE MeasureTemplate({template}, PRIMARY KEY(id))", {}),
            *((made[t], {}) for t in rels),
        ]

    def _write_staged(self, staged: StagedBatch, replace: list[str], before: list[Statement]) -> None:
        """Run `before`, replace the notices `replace` and write the staged batch, in one
        transaction (`Store.write_batch` stages a GraphBatch with `stager` first; a load writes
        several batches in one transaction through `load_transaction`).

        A notice's own nodes and edges, and the shared nodes not stored yet, are loaded with
        `COPY … FROM` an Arrow table (UNWIND … MERGE of Python rows ran at ~9k rows/s, UNWIND …
        CREATE at ~22k, CSV files cost more to write than Arrow tables to build); the shared
        nodes that are stored are looked up by key and only those that changed are written
        (MERGE … SET).

        The commit checkpoints the store, and must: LadybugDB writes no log of what COPY loaded,
        so a batch whose commit did not checkpoint is lost when the process is killed, and the
        next open may crash replaying the log (seen with `CALL auto_checkpoint=false`). That
        checkpoint is most of a batch's cost (~1.7 s for 120k elements, ~0.1 s of it per table
        written, whatever the rows): fewer, larger transactions load faster. A batch of at most
        `logged_elements` is written with statements instead, whose commit goes to the log.
        """
        with self.load_transaction() as tx:
            tx.write(staged, replace, before)

    def _load(self, table: str, a: str, b: str, data: Any, *, logged: bool) -> None:
        """Load an Arrow table of new rows into a node table (`a` empty) or an edge table from
        `a` to `b`: with COPY, or with CREATE statements when `logged` (see `logged_elements`)."""
        if logged:
            if a:
                stmt = self.merge_edges_statement((table, a, b), create=True)
            else:
                stmt = self.merge_nodes_statement(table, create=True)
            for chunk in self._chunks(data.to_pylist()):
                self._conn.execute(stmt, {"rows": chunk})
            return
        ends = f" (from='{a}', to='{b}')" if a else ""
        self._conn.execute(f"COPY {table} FROM $rows{ends}", {"rows": data})

    def _write_shared(
        self, shared: GraphBatch, written: dict[str, dict[str, Row]], *, logged: bool = False
    ) -> None:
        """Write nodes that may be stored already and the edges between them (in a transaction).

        A node not stored yet is loaded in bulk (`_load`: by statements when `logged`); a stored
        one is written (MERGE … SET) only when one of its properties differs from the batch's
        row, as the MERGE of every row would leave it. `written` holds the rows of the shared nodes written earlier in this transaction
        (label → id → row): a node's row is folded into its earlier one (the last write of each
        property wins) before it is compared and written, so that several batches in one
        transaction leave what one batch of all their notices would (`GraphBatch.node`), and is
        kept there. An edge with an end created here cannot exist yet and is loaded in bulk; the
        others are MERGEd.
        """
        created: dict[str, set[str]] = {}
        layout = self._layout()
        for label, part in shared.nodes.items():
            if not part:
                continue
            before = written.setdefault(label, {})
            rows: dict[str, Row] = {}
            for k, r in part.items():
                if k in before:
                    r = {**before[k], **r}
                rows[k] = before[k] = r
            cols = [c for c, _ in layout.nodes[label]]
            stored = {
                r[0]: r[1:]
                for r in self._rows(
                    f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id, "
                    + ", ".join(f"n.{c}" for c in cols),
                    {"ids": list(rows)},
                )
            }
            new = [r for k, r in rows.items() if k not in stored]
            changed = [
                {c: r.get(c) for c in cols}
                for k, r in rows.items()
                if k in stored and any(r.get(c) != v for c, v in zip(cols, stored[k], strict=True))
            ]
            created[label] = {str(r["id"]) for r in new}
            if new:
                self._load(label, "", "", _arrow(layout.nodes[label], new), logged=logged)
            stmt = self.merge_nodes_statement(label)
            for chunk in self._chunks(changed):
                self._conn.execute(stmt, {"rows": chunk})
        for key, erows in shared.edges.items():
            etype, a, b = key
            new_a, new_b = created.get(a, set()), created.get(b, set())
            in_a, in_b = shared.nodes.get(a, {}), shared.nodes.get(b, {})
            bulk: list[Row] = []
            merge: list[Row] = []
            for r in erows.values():
                fresh = (r["src"] in new_a and r["dst"] in in_b) or (r["dst"] in new_b and r["src"] in in_a)
                (bulk if fresh else merge).append(r)
            if bulk:
                self._load(etype, a, b, _arrow(layout.edges[etype], bulk), logged=logged)
            cols = [c for c, _ in layout.edges[etype]]
            stmt = self.merge_edges_statement(key)
            for chunk in self._chunks([{c: r.get(c) for c in cols} for r in merge]):
                self._conn.execute(stmt, {"rows": chunk})

    def close(self) -> None:
        """Close the connection and the database; safe to call twice. A store this open
        created is removed when `discard_if_empty` and it holds no notice."""
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        discard = False
        if conn is not None:
            if self.discard_if_empty and getattr(self, "created", False):
                with contextlib.suppress(RuntimeError):
                    discard = not self._rows("MATCH (n:Notice) RETURN count(n)")[0][0]
            conn.close()
            self._conn = None  # type: ignore[assignment]
        if db is not None:
            db.close()
            self._db = None  # type: ignore[assignment]
        if discard:
            self._remove_files()

    def _remove_files(self) -> None:
        """Remove the database files and the folders this open made (when left empty)."""
        for f in self.folder.glob("graph.lbdb*"):
            with contextlib.suppress(OSError):
                if f.is_dir():
                    shutil.rmtree(f)
                else:
                    f.unlink()
        for d in self._made:  # deepest first
            with contextlib.suppress(OSError):
                d.rmdir()


class LoadTransaction:
    """The open transaction of `EmbeddedStore.load_transaction`: batches written into it one
    after another, committed together."""

    def __init__(self, store: EmbeddedStore) -> None:
        self._store = store
        self.begun = False  # BEGIN ran: the transaction is open
        self._shared: dict[str, dict[str, Row]] = {}  # shared nodes written so far: label → id → row

    def write(self, batch: GraphBatch | StagedBatch, replace: list[str], before: list[Statement]) -> None:
        """Run `before`, replace the notices `replace` and write `batch` (staged by the store's
        `stager`, or a GraphBatch staged here) in this transaction, which begins here when this
        is its first write. Reads through the store see it (the same connection).

        A batch of at most `logged_elements` nodes and edges is written with CREATE / MERGE
        statements, larger ones with COPY (see `logged_elements`).

        The shared nodes (units, inspections, persons, documents, places) of the batches written
        so far are kept, and each batch's row of one is folded into its earlier row before it is
        written: the transaction leaves the row one batch of all its notices would.
        """
        store = self._store
        staged = batch if isinstance(batch, StagedBatch) else store.stager()(batch)
        if not self.begun:
            store._conn.execute("BEGIN TRANSACTION")
            self.begun = True
        for cypher, params in [*before, *store.replace_statements(replace)]:
            store._conn.execute(cypher, params)
        logged = staged.elements <= store.logged_elements
        store._write_shared(staged.shared, self._shared, logged=logged)
        for table, a, b, data in staged.bulk:
            store._load(table, a, b, data, logged=logged)
        if replace:
            for cypher, params in store.orphan_cleanup():
                store._conn.execute(cypher, params)


@dataclass(frozen=True)
class _Layout:
    """What staging a batch needs to know of the store (plain data: it is pickled to workers).

    Attributes:
        nodes: node label → its table's columns and their schema types, in the table's order
            (COPY fills columns by position; a column added by a later graphkit comes last).
        edges: edge type → src, dst and its properties, with their types.
        pairs: the (type, from label, to label) the schema allows.
        owned: the labels a notice owns (its Notice included): never stored before the batch.
    """

    nodes: dict[str, list[tuple[str, str]]]
    edges: dict[str, list[tuple[str, str]]]
    pairs: frozenset[tuple[str, str, str]]
    owned: frozenset[str]


def stage_batch(batch: GraphBatch, *, layout: _Layout, all_new: bool = False) -> StagedBatch:
    """`batch` as the embedded store loads it: a notice's own nodes and the edges touching them
    (everything, with `all_new`) as Arrow tables, the shared nodes and the edges between them as
    rows (`EmbeddedStore._write_shared` looks those up). A label or edge outside the schema is a
    ValueError; a value that does not fit its column's type a StoreError."""
    shared = GraphBatch()
    bulk: list[tuple[str, str, str, Any]] = []
    for label, rows in batch.nodes.items():
        if label not in layout.nodes:
            raise ValueError(f"unknown node label {label}")
        if not (all_new or label in layout.owned):
            shared.nodes[label] = rows
        elif rows:
            bulk.append((label, "", "", _arrow(layout.nodes[label], rows.values())))
    for key, erows in batch.edges.items():
        etype, a, b = key
        if key not in layout.pairs:
            raise ValueError(f"unknown edge {key}")
        if not (all_new or a in layout.owned or b in layout.owned):
            shared.edges[key] = erows
        elif erows:
            bulk.append((etype, a, b, _arrow(layout.edges[etype], erows.values())))
    return StagedBatch(shared, bulk, batch.size())


def _arrow(columns: list[tuple[str, str]], rows: Iterable[Row]) -> Any:
    """The rows as an Arrow table of these columns (an absent property is null)."""
    import pyarrow as pa  # here: `import graphkit` stays light

    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "string[]": pa.list_(pa.string()),
    }
    rows = list(rows)
    try:
        # column by column: as fast as Table.from_pylist, which also imports pandas (~0.5 s)
        return pa.Table.from_arrays(
            [pa.array([r.get(c) for r in rows], type=types[t]) for c, t in columns],
            names=[c for c, _ in columns],
        )
    except (pa.ArrowException, ValueError, TypeError, OverflowError) as exc:
        raise StoreError(f"embedded write failed: a value does not fit its column: {exc}") from None


def _iid(v: Any) -> _InternalId:
    return (int(v["table"]), int(v["offset"]))


def _is_node(v: dict[str, Any]) -> bool:
    return "_ID" in v and "_LABEL" in v and "_SRC" not in v


def _is_rel(v: dict[str, Any]) -> bool:
    return "_SRC" in v and "_DST" in v and "_LABEL" in v


def _is_recursive(v: dict[str, Any]) -> bool:
    return "_NODES" in v and "_RELS" in v


def _scan(v: Any, known: dict[_InternalId, tuple[str, str | None]], wanted: set[_InternalId]) -> None:
    """Record the nodes an answer holds and the relationship ends it needs."""
    if isinstance(v, dict):
        if _is_node(v):
            known[_iid(v["_ID"])] = (str(v["_LABEL"]), _key(v))
        elif _is_rel(v):
            wanted.add(_iid(v["_SRC"]))
            wanted.add(_iid(v["_DST"]))
        else:
            for x in v.values():
                _scan(x, known, wanted)
    elif isinstance(v, list):
        for x in v:
            _scan(x, known, wanted)


def _convert(v: Any, known: dict[_InternalId, tuple[str, str | None]], tables: dict[int, str]) -> Any:
    if isinstance(v, dict):
        if _is_node(v):
            return GraphNode(str(v["_LABEL"]), _key(v), _properties(v))
        if _is_rel(v):
            src, dst = _iid(v["_SRC"]), _iid(v["_DST"])
            a = known.get(src, (tables.get(src[0], ""), None))
            b = known.get(dst, (tables.get(dst[0], ""), None))
            return GraphRel(str(v["_LABEL"]), a[1], b[1], a[0], b[0], _properties(v))
        if _is_recursive(v):
            nodes = [_convert(n, known, tables) for n in v["_NODES"] or []]
            rels = [_convert(r, known, tables) for r in v["_RELS"] or []]
            # a path holds its end nodes (one more node than relationships); a variable-length
            # relationship only the nodes between (one fewer) and is a list of relationships,
            # as Neo4j answers it
            if len(nodes) == len(rels) + 1:
                return GraphPath(tuple(nodes), tuple(rels))
            return rels
        return {k: _convert(x, known, tables) for k, x in v.items()}
    if isinstance(v, list):
        return [_convert(x, known, tables) for x in v]
    return v


def _key(v: dict[str, Any]) -> str | None:
    key = v.get("id")
    return None if key is None else str(key)


_INTERNAL = frozenset({"_ID", "_LABEL", "_SRC", "_DST"})


def _properties(v: dict[str, Any]) -> dict[str, Any]:
    return {k: x for k, x in v.items() if k not in _INTERNAL and x is not None}


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
