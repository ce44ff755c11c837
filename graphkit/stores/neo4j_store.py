"""Neo4j through the official driver: batched `UNWIND $rows …` in managed transactions.

A batch is written as the base store writes it (one transaction; a notice's own nodes and
edges CREATEd, shared nodes MERGEd) with what makes Neo4j write it faster: each row a list of
values in the schema's property order (`r[0]`, `r[1]` …: no key sent per value, so the driver
encodes and the server decodes about half as much as with maps), rows in id order (nodes) and
in (source, target) order (edges: every relationship of a node is written while its lock is
held, and two loads lock nodes in the same order), larger statements (`chunk_rows`), and the
statements of a batch sent without waiting for each one's end (`run_transaction`: the driver
encodes the next statement while the server runs this one). `write_batch` also finds the ends
of an edge by the internal ids its node statements returned, not by key (`write_batch` says
what that saves).

Write path, measured (see `write_statements`). Where the rate goes on this machine:

- The server's JVM, freshly started (benchmarks/load.py starts one in a home of its own),
  spends more CPU compiling (JIT) than writing during its first minutes: JFR over a first 100k
  element load, compiler threads 207 %·s against 145 for the Bolt worker; the same load costs
  45–53 s of JVM CPU on a fresh server and 9–16 s on a warm one.
- The machine (2 cores, load 9–26 beside other jobs) gives the JVM 20–25 % of itself (JFR
  CPULoad: machine 100 %), so wall rates are CPU per element times four or five.
- Not the cause: plans (EXPLAIN: every MATCH/MERGE on `id` is a NodeUniqueIndexSeek, the
  schema is applied before the load), GC (pauses ≤ 0.5 s, 54 collections), fsync (3 ms).

This module and embedded_store.py are the only places that import a database driver.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from graphkit.errors import (
    ConcurrentLoadError,
    QueryError,
    StoreAuthError,
    StoreError,
    StoreUnavailable,
    StoreUriError,
)
from graphkit.stores import guard, state
from graphkit.stores.base import QueryResult, StagedBatch, Statement, Store
from graphkit.stores.ddl import neo4j_ddl
from graphkit.stores.values import GraphNode, GraphPath, GraphRel
from loaders.graph import GraphBatch

BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed"
AUTH_RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"
_NO_LOG = logging.NullHandler()
# the write statements' plans hold whatever the graph's size (seeks on unique keys or on node
# ids, CREATE, MERGE): the planner need not plan them again as the graph grows during a load
_NO_REPLAN = "CYPHER replan=skip "
_RETURN_IDS = " RETURN collect(id(n))"  # a node statement's ids, in its rows' order


class Neo4jStore(Store):
    """A store on a Neo4j server, reached through the official driver (StoreUnavailable if not)."""

    name = "neo4j"
    # rows per statement: a round trip and a statement's start cost as much as ~1000 rows
    chunk_rows = 20000

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j") -> None:
        super().__init__()
        import neo4j
        from neo4j.exceptions import AuthError, ClientError, DriverError

        self.uri, self.database = uri, database
        # what the driver logs (a failed routing request, ...) is said by the errors raised here;
        # without a handler of the program's own it would reach stderr through logging's last resort
        logging.getLogger("neo4j").addHandler(_NO_LOG)
        _check_bolt_peer(uri)
        try:
            # notifications off: the server's hints (an unknown label on an empty graph, ...) would
            # reach stderr through the driver's logger, one multi-line warning per statement
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF"
            )
            self._driver.verify_connectivity()
        except AuthError as exc:
            raise StoreAuthError(
                f"Neo4j at {uri} refused user {user!r} with this password "
                f"(--neo4j-password, GRAPHKIT_NEO4J_PASSWORD): {_message(exc)}"
            ) from None
        except ClientError as exc:
            raise _client_error(uri, user, exc) from None
        except (DriverError, OSError, ValueError) as exc:
            raise StoreUnavailable(f"Neo4j unreachable at {uri}: {_unreachable_reason(exc)}") from None

    def _cast(self, expr: str, typ: str) -> str:
        return expr

    def apply_schema(self) -> None:
        """Create the constraints and indexes (idempotent) and wait for the indexes to come online."""
        with self._driver.session(database=self.database) as s:
            for stmt in neo4j_ddl(self.schema):
                s.run(stmt).consume()
            s.run("CALL db.awaitIndexes(300)").consume()
        state.stamp_if_new(self)

    def write_batch(
        self,
        batch: GraphBatch | StagedBatch,
        replace: list[str],
        before: list[Statement] | None = None,
        *,
        all_new: bool = False,
    ) -> None:
        """Run `before`, replace the notices `replace` and write `batch`, all in one transaction
        (see `Store.write_batch`), in two steps within it: the nodes, each statement returning
        the internal ids of the nodes it wrote, then the edges between them, each end found by
        that id (NodeByIdSeek) rather than by its key (a seek in the key's index, and a lock on
        its entry). An edge with an end outside the batch is matched by key, as before.

        The write statements carry `CYPHER replan=skip`: their plans do not depend on the
        graph's size, and a load that grows the graph from empty had them planned again and again
        (JFR of a warm server: 8 % of the Bolt worker's samples in the Cypher compiler).

        Measured (A/B in one process: one warm server, 242,000 elements = 1,000 notices in two
        batches of 500 built beforehand, a 2-core machine shared with other jobs). Before =
        statements by key planned as Neo4j wants; now = this. Run 1 (load 5-11, before first
        in each round, four rounds after a warm-up of 400 notices): JVM CPU before 22.9, 12.5,
        13.3, 14.8 s, now 9.9, 10.0, 7.8, 9.2 s (by node id alone 8.0-11.4, replan=skip alone
        10.6-11.8). Run 2 (load 2.3-3.1, now first in each round, three rounds after a warm-up
        of 600): JVM CPU before 11.9, 9.9, 10.3 s, now 10.9, 8.0, 8.9 s (0.8-0.92x); 18.2-20.7k
        before, 19.1-24.8k now elements per CPU second (JVM + writer); wall 23.5-29.7k before,
        25.8-36.7k el/s now. Run 1 had before first in each round on a busier machine; with the
        order reversed the gain is smaller: run 2's 8-19 % less server CPU is the figure to
        quote. Where the server's time goes (JFR, before): the commit 53 % of
        the Bolt worker's samples (index updates 19 %, Lucene's text indexes among them 10 %;
        record commands 18 %; relationship counts 9 %), the statements 35 % (node creation 11 %,
        the unique-key seeks and their index-entry locks 8 %), and G1's young collections (the
        transaction's state copied, 1 g heap) 9.3 s of pauses in 93 s.
        """
        if isinstance(batch, StagedBatch):
            raise TypeError(f"the {self.name} store stages no batches: pass the GraphBatch")
        head = [*(before or []), *self.replace_statements(replace)]
        nodes = self._node_writes(batch, all_new=all_new)
        edges = self._edge_writes(batch, all_new=all_new)
        tail = self.orphan_cleanup() if replace else []

        def work(tx: Any) -> None:
            """The statements in order in `tx`, sent without waiting for each one's end but at
            one point: the nodes' ids are read before the first edge is sent."""
            for cypher, params in head:
                tx.run(cypher, params)
            sent = [
                (label, keys, tx.run(stmt + _RETURN_IDS, {"rows": rows}))
                for label, stmt, chunks in nodes
                for keys, rows in chunks
            ]
            ids: dict[str, dict[str, int]] = {}
            for label, keys, res in sent:
                got = res.single(strict=True)[0]
                if len(got) != len(keys):  # one id per row, in the rows' order
                    raise StoreError(f"Neo4j returned {len(got)} ids for {len(keys)} {label} nodes")
                ids.setdefault(label, {}).update(zip(keys, got, strict=True))
            for (_, a, b), by_id, by_key, rows in edges:
                ia, ib = ids.get(a, {}), ids.get(b, {})
                known, other = [], []
                for row in rows:
                    x, y = ia.get(row[0]), ib.get(row[1])
                    if x is None or y is None:
                        other.append(row)
                    else:
                        known.append([x, y, *row[2:]])
                # every relationship of a node written while its lock is held, and two loads
                # lock the nodes they share in the same order
                known.sort(key=_id_ends)
                for chunk in _chunks(known, self.chunk_rows):
                    tx.run(by_id, {"rows": chunk})
                for chunk in _chunks(other, self.chunk_rows):
                    tx.run(by_key, {"rows": chunk})
            for cypher, params in tail:
                tx.run(cypher, params)

        self._write(work)

    def _node_writes(
        self, batch: GraphBatch, *, all_new: bool
    ) -> list[tuple[str, str, list[tuple[list[str], list[list[Any]]]]]]:
        """(label, statement, [(keys, rows)] in chunks) per label: the node statements of
        `write_statements`; `write_batch` has them return the ids they wrote."""
        out = []
        for label, rows in batch.nodes.items():
            if label not in self.schema.nodes:
                raise ValueError(f"unknown node label {label}")
            props = list(self.schema.nodes[label].properties)
            create = all_new or self.owned_by_notice(label)
            stmt = _node_statement(label, props, create=create)
            # one list per node, the schema's properties in order (absent → null)
            keys = sorted(rows)
            values = [[rows[k].get(p) for p in props] for k in keys]
            n = self.chunk_rows
            out.append((label, stmt, [(keys[i : i + n], values[i : i + n]) for i in range(0, len(keys), n)]))
        return out

    def _edge_writes(
        self, batch: GraphBatch, *, all_new: bool
    ) -> list[tuple[tuple[str, str, str], str, str, list[list[Any]]]]:
        """(edge key, statement by node ids, statement by keys, rows [src, dst, *props]) per key."""
        out = []
        for key, erows in batch.edges.items():
            etype, a, b = key
            if etype not in self.schema.edges or (a, b) not in self.schema.edges[etype].pairs:
                raise ValueError(f"unknown edge {key}")
            props = list(self.schema.edges[etype].properties)
            create = all_new or self.owned_by_notice(a) or self.owned_by_notice(b)
            cols = ["src", "dst", *props]
            rows = [[r.get(c) for c in cols] for r in erows.values()]
            out.append(
                (
                    key,
                    _edge_statement(key, props, create=create, by_id=True),
                    _edge_statement(key, props, create=create),
                    rows,
                )
            )
        return out

    def write_statements(
        self, batch: GraphBatch, replace: list[str], *, cleanup: bool = True, all_new: bool = False
    ) -> list[Statement]:
        """The statements that replace the notices `replace` and write `batch`, in order (see
        `Store.write_statements`: the same graph, written as this module's header says).

        Measured (A/B in one process on one warm server, 99,946 elements = 413 notices in one
        batch, two rounds interleaved, a 2-core machine at load 12-14): maps, each statement
        consumed before the next (before) 41.5 / 31.2 s = 2.4k / 3.2k el/s, 4.7k / 5.5k
        elements per CPU second (JVM + Python); list rows, statements pipelined (now) 28.5 /
        28.6 s = 3.5k el/s, 7.0k / 7.3k elements per CPU second (x1.3-1.5). benchmarks/load.py
        --store neo4j --elements 100000 --slice 200 (a fresh server): 1,293 el/s before (load
        9-12), 524 el/s after (load 12-16, the integration tests' Neo4j running beside it): not
        the same conditions, no ratio. On a fresh server the same load (load_records, before)
        cost 72 s of JVM CPU, 38 s of it in the JIT compiler threads (431 el/s at load 16).
        """
        out = self.replace_statements(replace)
        for _, stmt, chunks in self._node_writes(batch, all_new=all_new):
            out += [(stmt, {"rows": rows}) for _, rows in chunks]
        for _, _, by_key, rows in self._edge_writes(batch, all_new=all_new):
            out += [(by_key, {"rows": chunk}) for chunk in _chunks(sorted(rows, key=_ends), self.chunk_rows)]
        if replace and cleanup:
            out.extend(self.orphan_cleanup())
        return out

    def _execute(
        self, cypher: str, params: dict[str, Any], *, write: bool, timeout: float | None
    ) -> QueryResult:
        import neo4j
        from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: Any) -> QueryResult:
            """Run the statement and convert its answer, once every record has been read."""
            res = tx.run(cypher, params)
            cols = list(res.keys())
            # all records first: a relationship's end nodes are complete only once the driver
            # has read every node of the answer
            raw = [rec.values() for rec in res]
            return QueryResult(cols, _graph_values(tx, raw))

        try:
            with self._driver.session(database=self.database) as s:
                return s.execute_write(work) if write else s.execute_read(work)
        except ServiceUnavailable as exc:
            raise StoreUnavailable(f"Neo4j unreachable at {self.uri}: {_unreachable_reason(exc)}") from None
        except ClientError as exc:
            code = exc.code or ""
            if "TransactionTimedOut" in code or "Terminated" in code:
                raise QueryError(f"query stopped after its time limit of {timeout} s") from None
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "WriteOnReadOnly" in code:
                raise QueryError("refused: the query writes; pass --write to allow") from None
            raise QueryError(f"{code.rsplit('.', 1)[-1]}: {_first_line(exc.message or exc)}") from None
        except Neo4jError as exc:
            raise QueryError(_first_line(exc)) from None

    def check_statement(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool, allow_files: bool
    ) -> None:
        """What the statement does, from Neo4j's own plan (EXPLAIN runs nothing): its query type
        and its operators (LOAD CSV, procedure calls, administration commands)."""
        from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

        try:
            with self._driver.session(database=self.database) as s:
                summary = s.run("EXPLAIN " + cypher, params or {}).consume()
        except ServiceUnavailable as exc:
            raise StoreUnavailable(f"Neo4j unreachable at {self.uri}: {_unreachable_reason(exc)}") from None
        except ClientError as exc:
            code = exc.code or ""
            raise QueryError(f"{code.rsplit('.', 1)[-1]}: {_first_line(exc.message or exc)}") from None
        except Neo4jError as exc:
            raise QueryError(_first_line(exc)) from None
        operators: list[tuple[str, str]] = []
        stack = [summary.plan] if summary.plan else []
        while stack:
            op = stack.pop()
            operators.append(
                (str(op.get("operatorType", "")).split("@", 1)[0], str(op.get("args", {}).get("Details", "")))
            )
            stack.extend(op.get("children", []))
        guard.enforce(
            guard.plan_findings(summary.query_type, operators), write=write, allow_files=allow_files
        )

    def run_transaction(self, statements: list[Statement]) -> None:
        """Run the statements in one managed write transaction: all or nothing."""

        def work(tx: Any) -> None:
            """Send each statement in the transaction `tx`, in order, without waiting for its end:
            the driver encodes the next one while the server runs this one (the server runs them
            in order; a failure is raised by a later `run` or by the commit)."""
            for cypher, params in statements:
                tx.run(cypher, params)

        self._write(work)

    def _write(self, work: Callable[[Any], None]) -> None:
        """Run `work(tx)` in one managed write transaction (all or nothing), its failures as
        graphkit's errors."""
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with self._driver.session(database=self.database) as s:
                s.execute_write(work)
        except ServiceUnavailable as exc:
            raise StoreUnavailable(f"Neo4j unreachable at {self.uri}: {_unreachable_reason(exc)}") from None
        except Neo4jError as exc:
            if exc.code == CONSTRAINT_FAILED:
                raise ConcurrentLoadError(
                    f"another load is writing the same notices into Neo4j at {self.uri}: this batch "
                    f"lost the race and was rolled back ({_message(exc)}); run the command again"
                ) from None
            raise StoreError(f"Neo4j write failed (rolled back): {_first_line(exc)}") from None

    def close(self) -> None:
        """Close the driver; safe to call twice."""
        drv = getattr(self, "_driver", None)
        if drv is not None:
            drv.close()
            self._driver = None  # type: ignore[assignment]


def _node_statement(label: str, props: list[str], *, create: bool) -> str:
    """UNWIND of list rows (`props` in order) writing `label` nodes: CREATE (a null is no
    property), or MERGE on `id` (r[0]) and SET of the others (a null removes the property)."""
    if create:
        fields = ", ".join(f"{p}: r[{i}]" for i, p in enumerate(props))
        return f"{_NO_REPLAN}UNWIND $rows AS r CREATE (n:{label} {{{fields}}})"
    sets = ", ".join(f"n.{p} = r[{i}]" for i, p in enumerate(props) if p != "id")
    return f"{_NO_REPLAN}UNWIND $rows AS r MERGE (n:{label} {{id: r[{props.index('id')}]}})" + (
        f" SET {sets}" if sets else ""
    )


def _edge_statement(key: tuple[str, str, str], props: list[str], *, create: bool, by_id: bool = False) -> str:
    """UNWIND of list rows [src, dst, *props] writing `key` edges between ends found by key or,
    `by_id`, by internal node id: CREATE with its properties, or MERGE and SET."""
    etype, a, b = key
    if by_id:
        ends = "MATCH (a) WHERE id(a) = r[0] MATCH (b) WHERE id(b) = r[1] "
    else:
        ends = f"MATCH (a:{a} {{id: r[0]}}) MATCH (b:{b} {{id: r[1]}}) "
    ends = f"{_NO_REPLAN}UNWIND $rows AS r " + ends
    if create:
        fields = ", ".join(f"{p}: r[{i}]" for i, p in enumerate(props, 2))
        return ends + f"CREATE (a)-[e:{etype}{f' {{{fields}}}' if fields else ''}]->(b)"
    sets = ", ".join(f"e.{p} = r[{i}]" for i, p in enumerate(props, 2))
    return ends + f"MERGE (a)-[e:{etype}]->(b)" + (f" SET {sets}" if sets else "")


def _chunks(rows: list[list[Any]], n: int) -> list[list[list[Any]]]:
    return [rows[i : i + n] for i in range(0, len(rows), n)]


def _ends(row: list[Any]) -> tuple[str, str]:
    return (str(row[0]), str(row[1]))


def _id_ends(row: list[Any]) -> tuple[int, int]:
    return (row[0], row[1])


def _graph_values(tx: Any, rows: list[list[Any]]) -> list[list[Any]]:
    """Driver values → GraphNode / GraphRel / GraphPath (graphkit.stores.values), inside lists
    and maps too. A relationship returned without its end nodes (`RETURN r`) names them by
    element id only; those are looked up in the same transaction."""
    from neo4j.graph import Node, Path, Relationship

    ends: dict[str, tuple[str, str | None]] = {}  # element id → (label, key)
    wanted: set[str] = set()

    def scan(v: Any) -> None:
        """Note each relationship's end nodes in `v`: known (label, key), or an element id to look up."""
        if isinstance(v, Relationship):
            for n in v.nodes:
                if n is None:
                    continue
                if n.labels:
                    ends[n.element_id] = (_label(n), _key(n))
                else:
                    wanted.add(n.element_id)
        elif isinstance(v, Path):
            for r in v.relationships:
                scan(r)
        elif isinstance(v, list):
            for x in v:
                scan(x)
        elif isinstance(v, dict):
            for x in v.values():
                scan(x)

    def convert(v: Any) -> Any:
        """`v` with driver nodes, relationships and paths turned into graphkit values, recursively."""
        if isinstance(v, Node):
            return GraphNode(_label(v), _key(v), _properties(v))
        if isinstance(v, Relationship):
            # a Node is a Mapping of its properties: an end read without them is falsy
            a = ends.get(v.start_node.element_id, ("", None)) if v.start_node is not None else ("", None)
            b = ends.get(v.end_node.element_id, ("", None)) if v.end_node is not None else ("", None)
            return GraphRel(v.type, a[1], b[1], a[0], b[0], _properties(v))
        if isinstance(v, Path):
            return GraphPath(tuple(convert(n) for n in v.nodes), tuple(convert(r) for r in v.relationships))
        if isinstance(v, list):
            return [convert(x) for x in v]
        if isinstance(v, dict):
            return {k: convert(x) for k, x in v.items()}
        return v

    for row in rows:
        for v in row:
            scan(v)
    missing = wanted - ends.keys()
    if missing:
        res = tx.run(
            "MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS eid, labels(n) AS labels, n.id AS key",
            ids=sorted(missing),
        )
        for eid, labels, key in res:
            ends[eid] = (min(labels) if labels else "", None if key is None else str(key))
    return [[convert(v) for v in row] for row in rows]


def _label(n: Any) -> str:
    """A node's label (the schema gives each node one; of several, the first by name)."""
    return min(n.labels) if n.labels else ""


def _key(n: Any) -> str | None:
    key = n.get("id")
    return None if key is None else str(key)


def _properties(entity: Any) -> dict[str, Any]:
    return {k: v for k, v in dict(entity).items() if v is not None}


def _check_bolt_peer(uri: str) -> None:
    """Refuse a URI that is not Bolt's, and, fast, a peer that does not answer Bolt's handshake:
    the driver would take an http:// URI for its preview HTTP API (and fail on a missing module),
    and wait 60 s on a program that accepts the connection and says nothing."""
    from graphkit.neo4j_server import ports

    parts = urlsplit(uri)
    scheme = parts.scheme.lower()
    if scheme not in BOLT_SCHEMES:
        http = scheme.startswith("http")
        hint = " (Neo4j's HTTP port is not its Bolt port, 7687 by default)" if http else ""
        raise StoreUriError(
            f"Neo4j URI {uri!r} (--neo4j-uri, GRAPHKIT_NEO4J_URI): the scheme must be bolt:// or neo4j:// "
            f"(bolt+s://, neo4j+s://, +ssc for TLS), like bolt://127.0.0.1:7687{hint}"
        )
    if scheme.endswith(("+s", "+ssc")):
        return  # TLS comes first there; the driver's own timeouts apply
    try:
        host, port = parts.hostname or "localhost", parts.port or 7687
    except ValueError:
        return  # a port that is not a number: the driver names it
    problem = ports.bolt_problem(host, port)
    if problem:
        who = ports.listener(port) if host in ports.LOOPBACK else None
        raise StoreUnavailable(
            f"Neo4j unreachable at {uri}: {who or f'the program on {host}:{port}'} {problem}: "
            "not a Neo4j Bolt port (check --neo4j-uri, GRAPHKIT_NEO4J_URI or GRAPHKIT_NEO4J_BOLT_PORT)"
        )


def _client_error(uri: str, user: str, exc: Any) -> StoreError:
    """A ClientError while logging in, as one line: the rate limit after wrong passwords, or other."""
    if exc.code == AUTH_RATE_LIMIT:
        return StoreAuthError(
            f"Neo4j at {uri} refuses to log in user {user!r} for now: too many wrong passwords in a row "
            "(Neo4j locks logins for a few seconds, dbms.security.auth_lock_time); wait, then retry with "
            "the right password (--neo4j-password, GRAPHKIT_NEO4J_PASSWORD)"
        )
    return StoreUnavailable(f"Neo4j at {uri} refused the connection: {_message(exc)}")


def _unreachable_reason(exc: BaseException) -> str:
    """Why the driver could not connect, on one line: the driver's own reason, which it puts on
    the line after "Couldn't connect to host:port (resolved to ...):" or in the cause of "Unable to
    retrieve routing information"."""
    lines: list[str] = []
    todo: list[BaseException] = [exc]
    while todo:
        e = todo.pop(0)
        lines += [ln.strip() for ln in str(e).splitlines() if ln.strip()]
        if isinstance(e, BaseExceptionGroup):
            todo += list(e.exceptions)
        if e.__cause__ is not None:
            todo.append(e.__cause__)
    skip = ("Couldn't connect to", "Unable to retrieve routing information", "All routing table requests")
    reasons = [ln for ln in lines if not ln.startswith(skip)] or lines or [type(exc).__name__]
    reason = reasons[0]
    m = re.search(r"\(reason (.+)\)$", reason)
    if m:
        reason = m.group(1)
    reason = re.sub(r"\[Errno -?\d+\] ", "", reason)
    # ResolvedIPv4Address(('127.0.0.1', 7687)) → 127.0.0.1:7687
    return re.sub(r"Resolved\w*Address\(\('([^']*)', (\d+)[^)]*\)\)", r"\1:\2", reason)


def _message(exc: Any) -> str:
    """A server error's own message (without the driver's code and GQL status decoration)."""
    return _first_line(getattr(exc, "message", None) or exc)


def _first_line(exc: object) -> str:
    s = str(exc).strip()
    return s.splitlines()[0] if s else type(exc).__name__
