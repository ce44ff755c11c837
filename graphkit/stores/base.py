"""The one store interface, and the load logic both stores share.

A store runs Cypher. Writes go through `write_batch`, one transaction per batch, which replaces
whole notices: a notice whose record changed (same id, other content, or same source, other
id) loses its old subgraph and gets the new one in the same transaction, and a notice whose
record is unchanged is not written at all. MERGE on stable ids makes every write repeatable, so
a load killed half-way and run again ends with the complete graph and no duplicates.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from graphkit.schema import GraphSchema, schema
from graphkit.stores import guard
from graphkit.stores.values import json_value
from graphkit.templates import internal_query
from loaders.graph import EdgeKey, GraphBatch, Row

Statement = tuple[str, dict[str, Any]]


def internal_statement(name: str, params: dict[str, Any] | None = None) -> Statement:
    """The statement ``queries/_internal/<name>.cypher`` with its params bound (checked against
    its header), for `Store.run_transaction` and `Store.write_batch`."""
    q = internal_query(name)
    return q.cypher, q.bind(params)


class AdhocOptions(TypedDict, total=False):
    """What `Store.run_adhoc` allows a statement a person typed, for the callers that pass them on.

    Attributes:
        write: it may change the graph (default False).
        allow_files: it may reach files, the network, extensions or other databases (default False).
        timeout: seconds it may run (default: none).
    """

    write: bool
    allow_files: bool
    timeout: float | None


@dataclass
class StagedBatch:
    """A batch in the form its store loads fastest, made by the store's `stager` where the batch
    was built (in a pipelined load, the worker process: it pickles far smaller than the rows).

    Attributes:
        shared: the nodes that may be stored already (units, inspections, persons, documents,
            places) and the edges between them: the store looks them up and writes what is new
            or changed.
        bulk: (table, from label, to label, data) for the nodes ('' for both labels) and edges
            that cannot be stored yet, in the order they are loaded (nodes first), each `data`
            the store's bulk input.
        elements: the nodes and edges of the batch.
    """

    shared: GraphBatch
    bulk: list[tuple[str, str, str, Any]]
    elements: int


@dataclass
class QueryResult:
    """A statement's answer: its columns and rows. Nodes, relationships and paths in it are
    GraphNode, GraphRel and GraphPath (graphkit.stores.values), the same on every store."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, column name → value (graph values as they are)."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

    def json_records(self) -> list[dict[str, Any]]:
        """One dict per row, JSON-ready: nodes as `{"label", "key", "properties"}`,
        relationships as `{"type", "start", "end", "start_label", "end_label", "properties"}`,
        paths as `{"nodes", "relationships"}` (see graphkit.stores.values.json_value)."""
        return [{c: json_value(v) for c, v in zip(self.columns, r, strict=True)} for r in self.rows]


class Store(abc.ABC):
    """A graph store that speaks Cypher. Subclasses: EmbeddedStore (LadybugDB), Neo4jStore."""

    name: str = ""
    chunk_rows: int = 5000
    # Whether `query` checks every statement's text (graphkit.stores.guard) before running it,
    # not only the statements a person typed (`run_adhoc`).
    guards_every_statement: bool = False
    # Remove the store on close when this open created it and no notice was stored (set by a
    # load: a failed first ingest into a new embedded store leaves nothing behind).
    discard_if_empty: bool = False

    def __init__(self) -> None:
        self.schema: GraphSchema = schema()
        # graphkit's record of the store, as read when `open_store` opened it (None: not read)

    # -- what each store provides -------------------------------------------------------------
    @abc.abstractmethod
    def apply_schema(self) -> None:
        """Create constraints / tables (idempotent)."""

    @abc.abstractmethod
    def _execute(
        self, cypher: str, params: dict[str, Any], *, write: bool, timeout: float | None
    ) -> QueryResult:
        """Run one statement on the database (`query` has checked it where the store must)."""

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
        allow_files: bool = False,
    ) -> QueryResult:
        """Run one statement. Read-only unless `write`; `timeout` in seconds.

        `allow_files` lets a statement reach outside the graph (see graphkit.stores.guard): the
        embedded store checks every statement's text; statements a person typed go through
        `run_adhoc`, which checks them on either store.
        """
        if self.guards_every_statement:
            self.check_statement(cypher, params, write=write, allow_files=allow_files)
        return self._execute(cypher, params or {}, write=write, timeout=timeout)

    def check_statement(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool, allow_files: bool
    ) -> None:
        """Raise QueryError when the statement does more than `write` / `allow_files` allow.

        By its text here (graphkit.stores.guard); a store that can say what a statement does
        (Neo4j's EXPLAIN) asks the database instead.
        """
        guard.enforce(guard.text_findings(cypher), write=write, allow_files=allow_files)

    def run_adhoc(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        allow_files: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a statement a person typed: refused (QueryError, nothing run) when it writes
        without `write`, or reaches files, the network, extensions or other databases without
        `allow_files`."""
        self.check_statement(cypher, params, write=write, allow_files=allow_files)
        return self.query(cypher, params, write=write, timeout=timeout, allow_files=allow_files)

    def run_internal(self, name: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run the statement graphkit keeps in ``queries/_internal/<name>.cypher``, its params
        bound and checked against its header; a write only when its header says `mode: write`."""
        q = internal_query(name)
        return self.query(q.cypher, q.bind(params), write=q.mode == "write")

    @abc.abstractmethod
    def run_transaction(self, statements: list[Statement]) -> None:
        """Run the statements in one write transaction: all or nothing."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection to the database."""

    @abc.abstractmethod
    def _cast(self, expr: str, typ: str) -> str:
        """How a parameter value is written to a property of type `typ`."""

    # -- shared -------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def owned_by_notice(self, label: str) -> bool:
        """Whether nodes of `label` belong to one notice's own subgraph (the Notice itself and the
        labels the schema marks `owned`): they are written only for a new or replaced notice, so
        CREATEd rather than MERGEd."""
        return label == "Notice" or self.schema.nodes[label].owned

    def merge_nodes_statement(self, label: str, *, create: bool = False) -> str:
        """The UNWIND-$rows statement writing `label` nodes: MERGE on `id` and SET, or CREATE."""
        props = self.schema.nodes[label].properties
        if create:
            fields = ", ".join(f"{p}: {self._cast('r.' + p, t)}" for p, t in props.items())
            return f"UNWIND $rows AS r CREATE (n:{label} {{{fields}}})"
        sets = ", ".join(f"n.{p} = {self._cast('r.' + p, t)}" for p, t in props.items() if p != "id")
        return f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}})" + (f" SET {sets}" if sets else "")

    def merge_edges_statement(self, key: EdgeKey, *, create: bool = False) -> str:
        """The UNWIND-$rows statement writing one edge per row between ends matched by `src` / `dst` id.

        MERGE by default; CREATE with `create`.
        """
        etype, a, b = key
        props = self.schema.edges[etype].properties
        sets = ", ".join(f"e.{p} = {self._cast('r.' + p, t)}" for p, t in props.items())
        # two MATCH clauses: LadybugDB then looks each end up by its primary key instead of joining
        return (
            f"UNWIND $rows AS r MATCH (a:{a} {{id: r.src}}) MATCH (b:{b} {{id: r.dst}}) "
            f"{'CREATE' if create else 'MERGE'} (a)-[e:{etype}]->(b)" + (f" SET {sets}" if sets else "")
        )

    def _chunks(self, rows: list[Row]) -> list[list[Row]]:
        n = self.chunk_rows
        return [rows[i : i + n] for i in range(0, len(rows), n)]

    def stager(self, *, all_new: bool = False) -> Callable[[GraphBatch], StagedBatch] | None:
        """A picklable function turning a batch into this store's bulk input (a worker process
        can run it), or None when the store writes a batch's rows as they are (here)."""
        return None

    def write_batch(
        self,
        batch: GraphBatch | StagedBatch,
        replace: list[str],
        before: list[Statement] | None = None,
        *,
        all_new: bool = False,
    ) -> None:
        """Run `before`, replace the notices `replace` and write `batch`, all in one transaction.

        `all_new`: every node and edge of `batch` is absent from the store (e.g. `before`
        emptied their labels), so all are CREATEd instead of MERGEd. A store with a `stager`
        stages the batch and writes it through `_write_staged`; it also takes the StagedBatch
        it made of a batch (TypeError on the others).
        """
        if not isinstance(batch, StagedBatch):
            stage = self.stager(all_new=all_new)
            if stage is None:
                with self._batch_statements(batch, replace, all_new=all_new) as statements:
                    self.run_transaction([*(before or []), *statements])
                return
            batch = stage(batch)
        self._write_staged(batch, replace, before or [])

    def _write_staged(self, staged: StagedBatch, replace: list[str], before: list[Statement]) -> None:
        """`write_batch` of a batch staged by this store's `stager` (a store with one implements it)."""
        raise TypeError(f"the {self.name} store stages no batches: pass the GraphBatch")

    @contextlib.contextmanager
    def _batch_statements(
        self, batch: GraphBatch, replace: list[str], *, all_new: bool
    ) -> Iterator[list[Statement]]:
        """The statements `write_batch` runs after `before`, valid until the context ends (a
        store may write files for them): here `write_statements`."""
        yield self.write_statements(batch, replace, all_new=all_new)

    def write_statements(
        self, batch: GraphBatch, replace: list[str], *, cleanup: bool = True, all_new: bool = False
    ) -> list[Statement]:
        """The statements that replace the notices `replace` and write `batch`, in order.

        The notices of `batch` must be absent from the store or listed in `replace` (their old
        subgraph is deleted first, in the same transaction): their own nodes and edges are then
        CREATEd, while shared nodes (units, persons, documents, inspections) are MERGEd.
        """
        out = self.replace_statements(replace)
        for label, rows in batch.nodes.items():
            if label not in self.schema.nodes:
                raise ValueError(f"unknown node label {label}")
            stmt = self.merge_nodes_statement(label, create=all_new or self.owned_by_notice(label))
            props = list(self.schema.nodes[label].properties)
            full = [{p: r.get(p) for p in props} for r in rows.values()]  # absent property → null
            for chunk in self._chunks(full):
                out.append((stmt, {"rows": chunk}))
        out += self.edge_statements(batch, all_new=all_new)
        if replace and cleanup:
            out.extend(self.orphan_cleanup())
        return out

    def replace_statements(self, replace: list[str]) -> list[Statement]:
        """The statements deleting the notices `replace` and their own subgraphs."""
        out: list[Statement] = []
        if replace:
            for label, node in self.schema.nodes.items():
                if node.owned:
                    out.append(
                        (f"MATCH (x:{label}) WHERE x.notice_id IN $ids DETACH DELETE x", {"ids": replace})
                    )
            out.append(("MATCH (x:Notice) WHERE x.id IN $ids DETACH DELETE x", {"ids": replace}))
        return out

    def empty_families_statements(self) -> list[Statement]:
        """The statements removing every stored family (MeasureTemplate nodes with their
        INSTANCE_OF edges) and every SIMILAR_TO and REUSED_FROM edge, before a full rebuild
        writes them again in the same transaction."""
        return [
            internal_statement("delete_families"),
            internal_statement("delete_similar_to"),
            internal_statement("delete_reused_from"),
        ]

    def orphan_cleanup(self) -> list[Statement]:
        """Shared nodes that a replaced notice leaves without any edge are removed."""
        out: list[Statement] = []
        for label in ("Unit", "Inspection", "Person", "Document"):
            out.append((f"MATCH (x:{label}) WHERE NOT EXISTS {{ MATCH (x)-[]-() }} DELETE x", {}))
        return out

    def edge_statements(
        self, batch: GraphBatch, *, all_new: bool, order: Callable[[dict[str, Any]], Any] | None = None
    ) -> list[Statement]:
        """The statements writing `batch`'s edges, type by type (rows in `order` when given);
        CREATE where every edge is new (`all_new`, or an end owned by its notice)."""
        out: list[Statement] = []
        for key, erows in batch.edges.items():
            if key[0] not in self.schema.edges or (key[1], key[2]) not in self.schema.edges[key[0]].pairs:
                raise ValueError(f"unknown edge {key}")
            owned = self.owned_by_notice(key[1]) or self.owned_by_notice(key[2])
            stmt = self.merge_edges_statement(key, create=all_new or owned)
            cols = ["src", "dst", *self.schema.edges[key[0]].properties]
            rows = list(erows.values()) if order is None else sorted(erows.values(), key=order)
            out += [
                (stmt, {"rows": chunk}) for chunk in self._chunks([{c: r.get(c) for c in cols} for r in rows])
            ]
        return out

    def clear(self) -> None:
        """Delete every node and edge, in bounded transactions (tests and benchmarks)."""
        while True:
            res = self.query("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c", write=True)
            if not res.rows or not res.rows[0][0]:
                return

    def delete_nodes(self, label: str, ids: list[str]) -> None:
        """Delete the `label` nodes with these ids and their edges, in one transaction (a label
        outside the schema is a ValueError)."""
        if label not in self.schema.nodes:
            raise ValueError(f"unknown node label {label}")
        stmt = f"MATCH (x:{label}) WHERE x.id IN $ids DETACH DELETE x"
        self.run_transaction([(stmt, {"ids": ids[i : i + 5000]}) for i in range(0, len(ids), 5000)])

    def stored_notices(self, ids: list[str], sources: list[str]) -> list[dict[str, Any]]:
        """Stored notices that have one of these ids or sources: id, source, content_hash."""
        res = self.query(
            "MATCH (n:Notice) WHERE n.id IN $ids OR n.source IN $sources "
            "RETURN n.id AS id, n.source AS source, n.content_hash AS content_hash",
            {"ids": ids, "sources": sources},
        )
        return res.records()

    # -- the whole graph in pages (exports) ---------------------------------------------------
    # Labels, edge types and property names come from the schema only: a name the schema does not
    # know is a ValueError before any Cypher is written.
    def node_page(self, label: str, after: str, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` nodes of `label` whose id sorts after `after`, in id order, each with
        every property the schema gives the label (None where unset).

        Keyset paging: the next page starts after the last id of this one, so no page re-reads
        the rows before it (as SKIP would).
        """
        if label not in self.schema.nodes:
            raise ValueError(f"unknown node label {label}")
        props = list(self.schema.nodes[label].properties)
        cols = ", ".join(f"n.{p} AS c{i}" for i, p in enumerate(props))
        q = f"MATCH (n:{label}) WHERE n.id > $after RETURN {cols} ORDER BY n.id LIMIT $limit"
        return [
            dict(zip(props, r, strict=True)) for r in self.query(q, {"after": after, "limit": limit}).rows
        ]

    def edge_rows(
        self,
        etype: str,
        a: str,
        b: str,
        ids: list[str],
        *,
        by: str = "a",
        extra: Mapping[str, tuple[str, str]] | None = None,
    ) -> list[tuple[str, str, dict[str, Any]]]:
        """The `etype` edges from `a` nodes to `b` nodes whose `by` end (``"a"`` or ``"b"``) has
        one of `ids`, ordered by source id then target id, as (source id, target id, properties).

        The properties are the schema's for `etype` (None where unset), then `extra`: name →
        (end, property) for a property of an end node (``{"unit": ("a", "unit_id")}``).
        """
        extra = extra or {}
        if etype not in self.schema.edges or (a, b) not in self.schema.edges[etype].pairs:
            raise ValueError(f"unknown edge {(etype, a, b)}")
        ends = {"a": a, "b": b}
        for end, prop in [(by, "id"), *extra.values()]:
            if end not in ends or prop not in self.schema.nodes[ends[end]].properties:
                raise ValueError(f"edge {etype}: its end {end!r} has no property {prop!r}")
        eprops = list(self.schema.edges[etype].properties)
        cols = ["a.id AS s", "b.id AS d"]
        cols += [f"e.{p} AS c{i}" for i, p in enumerate(eprops)]
        cols += [f"{end}.{prop} AS x{i}" for i, (end, prop) in enumerate(extra.values())]
        q = (
            f"MATCH (a:{a})-[e:{etype}]->(b:{b}) WHERE {by}.id IN $ids "
            f"RETURN {', '.join(cols)} ORDER BY a.id, b.id"
        )
        out = []
        for r in self.query(q, {"ids": ids}).rows:
            props = dict(zip(eprops, r[2 : 2 + len(eprops)], strict=True))
            props.update(zip(extra, r[2 + len(eprops) :], strict=True))
            out.append((r[0], r[1], props))
        return out

    def counts(self) -> dict[str, dict[str, int]]:
        """Node count per label and edge count per type (every label and type of the schema)."""
        nodes = {
            label: int(self.query(f"MATCH (n:{label}) RETURN count(n) AS c").rows[0][0])
            for label in self.schema.nodes
        }
        edges = {
            etype: int(self.query(f"MATCH ()-[e:{etype}]->() RETURN count(e) AS c").rows[0][0])
            for etype in self.schema.edges
        }
        return {"nodes": nodes, "edges": edges}
