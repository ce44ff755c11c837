"""The embedded default store: LadybugDB on disk, Cypher, no server.

This module and neo4j_store.py are the only places that import a database driver.
"""

from __future__ import annotations

import contextlib
import csv
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphkit.errors import QueryError, StoreError
from graphkit.schema import LADYBUG_TYPES as _TYPES
from graphkit.stores.base import QueryResult, Statement, Store
from graphkit.stores.values import GraphNode, GraphPath, GraphRel
from loaders.graph import GraphBatch

# LadybugDB names a node or relationship by its table and its offset in it.
_InternalId = tuple[int, int]


class EmbeddedStore(Store):
    """LadybugDB in a folder (`path` is the database inside it)."""

    name = "embedded"
    # Every statement, the store open read-only or not: LadybugDB itself lets a read-only store
    # run COPY … TO, LOAD FROM, INSTALL, ATTACH and CHECKPOINT.
    guards_every_statement = True

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        super().__init__()
        import ladybug

        self.folder = Path(folder)
        self.read_only = read_only
        self._node_tables: dict[int, str] = {}  # table id → node label
        self._table_columns: dict[str, list[str]] = {}  # node label → its columns, in order
        path = self.folder / "graph.lbdb"
        # a store this open creates, and the folders it makes for it: removed again on close
        # when `discard_if_empty` and no notice was stored (a failed first ingest leaves nothing)
        self.created = not path.exists()
        self._made = [p for p in (self.folder, *self.folder.parents) if not p.exists()]
        try:
            if read_only and not path.exists():
                raise StoreError(f"no graph at {self.folder}: run `graphkit ingest` first")
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(str(path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except StoreError:
            raise
        except RuntimeError as exc:
            raise StoreError(f"cannot open the embedded store at {self.folder}: {_first_line(exc)}") from None
        if not read_only:
            self.apply_schema()

    def _cast(self, expr: str, typ: str) -> str:
        # LadybugDB types an all-null parameter column as STRING; the cast keeps the declared type.
        return expr if typ == "string" else f"CAST({expr} AS {_TYPES[typ]})"

    def apply_schema(self) -> None:
        """Create the node and rel tables (idempotent) and add columns the schema gained since."""
        for stmt in self.schema.embedded_ddl():
            self._conn.execute(stmt)
        self._add_missing_columns()

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
            have = {row[0] for row in self._rows(f"CALL table_info('{n.label}') RETURN name")}
            for prop, typ in n.properties.items():
                if prop not in have:
                    self._conn.execute(f"ALTER TABLE {n.label} ADD {prop} {_TYPES[typ]}")

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
        self._conn.execute("BEGIN TRANSACTION")
        try:
            for cypher, params in statements:
                self._conn.execute(cypher, params)
        except BaseException as exc:
            with contextlib.suppress(RuntimeError):  # LadybugDB may have rolled back already
                self._conn.execute("ROLLBACK")
            if isinstance(exc, RuntimeError):
                raise StoreError(f"embedded write failed (rolled back): {_first_line(exc)}") from None
            raise
        self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def _batch_statements(
        self, batch: GraphBatch, replace: list[str], *, all_new: bool
    ) -> Iterator[list[Statement]]:
        """A notice's own nodes and edges are bulk loaded with COPY FROM CSV (UNWIND of Python
        rows runs at ~20k rows/s here), from files that live until the transaction has run."""
        shared = GraphBatch()
        copies: list[Statement] = []
        with tempfile.TemporaryDirectory(prefix="graphkit-copy-") as tmp:
            for label, rows in batch.nodes.items():
                if not (all_new or self.owned_by_notice(label)):
                    shared.nodes[label] = rows
                elif rows:
                    props = self.schema.nodes[label].properties
                    cols = self._columns(label)  # COPY fills the table's columns in their order
                    path = _write_csv(
                        Path(tmp) / f"{label}.csv",
                        cols,
                        [[r.get(c) for c in cols] for r in rows.values()],
                        [props[c] for c in cols],
                    )
                    copies.append((f"COPY {label} FROM '{path}' ({_CSV_DIALECT})", {}))
            for key, erows in batch.edges.items():
                etype, a, b = key
                if not (all_new or self.owned_by_notice(a) or self.owned_by_notice(b)):
                    shared.edges[key] = erows
                elif erows:
                    eprops = self.schema.edges[etype].properties
                    cols = ["src", "dst", *eprops]
                    path = _write_csv(
                        Path(tmp) / f"{etype}-{a}-{b}.csv",
                        cols,
                        [[r.get(c) for c in cols] for r in erows.values()],
                        ["string", "string", *eprops.values()],
                    )
                    copies.append(
                        (
                            f"COPY {etype} FROM '{path}' ({_CSV_DIALECT}, from='{a}', to='{b}')",
                            {},
                        )
                    )
            stmts = [*self.write_statements(shared, replace, cleanup=False), *copies]
            if replace:
                stmts += self.orphan_cleanup()
            yield stmts

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


# The dialect _write_csv writes, named: LadybugDB otherwise sniffs it from the first lines, and a
# file whose first ~1 500 rows needed no quotes had a later quoted field with a comma split in two.
_CSV_DIALECT = "header=true, parallel=false, auto_detect=false, delim=',', quote='\"', escape='\"'"


def _write_csv(path: Path, cols: list[str], rows: list[list[object]], types: list[str]) -> Path:
    """Rows as CSV for COPY: None is written empty (by csv itself), a bool as true/false."""
    flags = [k for k, t in enumerate(types) if t == "bool"]
    if flags:
        for row in rows:
            for k in flags:
                if row[k] is not None:
                    row[k] = "true" if row[k] else "false"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        w.writerow(cols)
        w.writerows(rows)
    return path


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
