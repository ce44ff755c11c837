"""A first load into an empty Neo4j through its offline importer (`graphkit neo4j import`).

The notices are read and turned into nodes and edges as a transactional load does it
(`graphkit.ingest.build_batch`, batch by batch), written as the importer's CSV files, loaded
with ``neo4j-admin database import full`` while graphkit's local server is stopped, and then
finished on the running server as a load would be: the schema's constraints and indexes, the
units' aliases, and the recycled-measure families (`rebuild_families`). The store that results
holds what `graphkit ingest --store neo4j` of the same inputs writes into an empty database.

Batches keep the transactional load's semantics: a node that every notice owns (issues,
measures, roles, the notice) is written once; a shared node (unit, inspection, person,
document, place) takes the row of the last batch that has it, as MERGE … SET does; an edge
between two shared nodes is written once. Each batch is built in a child process forked for it
(two at a time), which writes its notices' own rows to CSV files itself and sends back only
the shared rows.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from graphkit.config import Settings
from graphkit.errors import GraphkitError, InputError, Neo4jServerError
from graphkit.ingest import LoadSummary
from graphkit.records import NoticeRecord
from graphkit.schema import GraphSchema, schema
from graphkit.service.loading import good_records, record_items
from graphkit.service.parsing import ParseRun
from graphkit.service.results import IngestResult, Parsed, WarningTally
from loaders.graph import EdgeKey, Row

OnItem = Callable[[Parsed], None]
OnPhase = Callable[[str], None]

# the importer's type names for graph.yaml's (a Cypher integer is a long)
CSV_TYPES = {"string": "string", "int": "long", "float": "double", "bool": "boolean", "string[]": "string[]"}
_BUILDERS = 2  # batches built at once, each in a child of its own


@dataclass
class ImportResult(IngestResult):
    """What `import_notices` read, imported and detected.

    Attributes:
        elements: nodes and edges imported (the store's record not counted).
        skipped: relationships the importer left out because an end was missing (as a
            transactional load's MATCH leaves them out).
        seconds: time per phase: build (records → CSV files), import (the admin tool, server
            stopped), start, schema (constraints, indexes, aliases), families.
        uri: the Bolt URI of the server that holds the result.
    """

    elements: int = 0
    skipped: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    uri: str = ""

    def describe(self) -> str:
        """One line: the elements imported, where, and the time of each phase."""
        took = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        return f"{self.elements:,} elements into {self.uri or 'nothing'} ({took})"


def import_notices(
    paths: Iterable[str],
    *,
    settings: Settings | None = None,
    records: bool = False,
    jobs: int = 1,
    strict: bool = False,
    notices_per_batch: int = 500,
    on_item: OnItem | None = None,
    on_phase: OnPhase | None = None,
    families: bool = True,
) -> ImportResult:
    """Parse notice files (or read record files) into graphkit's local Neo4j, which must hold
    nothing yet, with Neo4j's offline importer; then start it, apply the schema and detect
    families. The server is left running.

    Args:
        paths: notice files or folders, or with `records` JSON Lines record files.
        settings: the store settings (default: from the environment); they must name graphkit's
            local server (`graphkit neo4j start`) and its database ``neo4j``.
        records: the paths are record files, as `graphkit parse` writes them.
        jobs: worker processes that parse.
        strict: a notice with parser warnings is not loaded.
        notices_per_batch: notices per batch built (as `graphkit ingest` batches transactions).
        on_item: called with each input's result as it is read.
        on_phase: called with the name of each phase as it begins.
        families: detect the families afterwards; without, the store's record says they are
            not current (as `load_records(..., families="never")` leaves it).

    Raises:
        Neo4jServerError: the settings name another server or database, the database holds
            data, or the server or the importer failed (each one line, exit code 2).
    """
    from graphkit import neo4j_server
    from graphkit.neo4j_server import importer

    s = settings or Settings()
    phase = on_phase or (lambda _name: None)
    _check_local(s)
    _require_empty(s)
    tally = WarningTally(strict)
    errors: list[GraphkitError] = []
    items: Iterable[Parsed] = (
        record_items(paths, tally) if records else ParseRun(paths, jobs=jobs, strict=strict)
    )
    if isinstance(items, ParseRun):
        tally = items.tally
    result = ImportResult(LoadSummary(), None, store="neo4j", errors=errors, warnings=tally)
    home = neo4j_server.neo4j_home()
    home.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".graphkit-import-", dir=home))
    try:
        phase("build")
        t = time.perf_counter()
        files = _write_csv(good_records(items, errors, on_item), work, result.summary, notices_per_batch)
        result.seconds["build"] = time.perf_counter() - t
        if not result.summary.written:
            return result  # nothing to import: the database is left as it was
        _require_empty(s)  # once more: the input took a while, and the server may have run
        phase("import")
        neo4j_server.stop()
        report = importer.import_full(files)
        result.seconds["import"] = report.seconds
        result.skipped = report.skipped
        result.elements = report.nodes + report.relationships - 1  # less the store's record
    finally:
        shutil.rmtree(work, ignore_errors=True)
    phase("start")
    t = time.perf_counter()
    info = neo4j_server.start()
    result.uri = info.uri
    result.seconds["start"] = time.perf_counter() - t
    result.families = _finish(s, info.uri, result, phase, families)
    return result


def _finish(s: Settings, uri: str, result: ImportResult, phase: OnPhase, families: bool) -> Any:
    """On the running server: constraints and indexes, the aliases left empty, the families."""
    from graphkit.ingest import refresh_unit_aliases
    from graphkit.service.loading import rebuild_families
    from graphkit.stores import state
    from graphkit.stores.neo4j_store import Neo4jStore

    phase("schema")
    t = time.perf_counter()
    store = Neo4jStore(uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
    try:
        store.apply_schema()
        # the importer reads an empty array field as no property; a load stores an empty list
        bare = store.query(
            "MATCH (u:Unit) WHERE u.aliases IS NULL AND EXISTS { (u)-[:REPORTED]->() } RETURN u.id"
        ).rows
        if bare:
            refresh_unit_aliases(store, [r[0] for r in bare])
        result.seconds["schema"] = time.perf_counter() - t
        if not families:
            state.write_state(store, state.idle(families_current=False))
            return None
        phase("families")
        t = time.perf_counter()
        report = rebuild_families(store)
        result.seconds["families"] = time.perf_counter() - t
        return report
    finally:
        store.close()


# -- where to, and is it empty ---------------------------------------------------------------


def _check_local(s: Settings) -> None:
    """Refuse settings that name another server than graphkit's local one, or another database."""
    from graphkit.neo4j_server import ports, process, settings

    home = settings.neo4j_home()
    pid = process.live_pid(home) if home.exists() else None
    port = process.running_ports(home, pid)[0] if pid is not None else settings.bolt_port()
    parts = urlsplit(s.neo4j_uri)
    try:
        theirs = parts.port or 7687
    except ValueError:
        theirs = -1
    if parts.scheme not in ("bolt", "neo4j") or parts.hostname not in ports.LOOPBACK or theirs != port:
        raise Neo4jServerError(
            f"`graphkit neo4j import` loads only graphkit's local Neo4j (bolt://127.0.0.1:{port}, home "
            f"{home}), not {s.neo4j_uri}: use `graphkit ingest --store neo4j` for another server"
        )
    if s.neo4j_database != "neo4j":
        raise Neo4jServerError(
            f"`graphkit neo4j import` loads the database neo4j of the local server, not {s.neo4j_database!r}"
        )


def _require_empty(s: Settings) -> None:
    """Refuse a database that holds any node but graphkit's record of it. A stopped server whose
    database has files is started to be asked (and left running)."""
    from graphkit import neo4j_server
    from graphkit.stores.neo4j_store import Neo4jStore

    home = neo4j_server.neo4j_home()
    if not neo4j_server.is_running():
        folder = home / "data" / "databases" / "neo4j"
        if not folder.is_dir() or not any(folder.iterdir()):
            return
        neo4j_server.start()
    with Neo4jStore(neo4j_server.status().uri, s.neo4j_user, s.neo4j_password) as store:
        held = store.query("MATCH (n) WHERE NOT n:GraphkitState RETURN count(n) AS c").rows[0][0]
    if held:
        raise Neo4jServerError(
            f"the Neo4j database neo4j of {home} is not empty ({held:,} nodes): `graphkit neo4j import` "
            "loads only into an empty one; add notices with `graphkit ingest --store neo4j`"
        )


# -- records ---------------------------------------------------------------------------------


# -- the CSV files ---------------------------------------------------------------------------


def _owned(s: GraphSchema, label: str) -> bool:
    """A label whose nodes belong to one notice (see `Store.owned_by_notice`)."""
    return label == "Notice" or s.nodes[label].owned


@dataclass
class _Part:
    """What a child sends back of the batch it built: the shared rows (the owned ones are in
    its files), the spellings of its units, and counts."""

    files: dict[str, list[Path]]  # node label or edge file key → the files written
    shared_nodes: dict[str, dict[str, Row]]
    shared_edges: dict[EdgeKey, dict[tuple[str, ...], Row]]
    spellings: list[tuple[str, str | None, str | None]]  # (unit id, unit line, publisher line)
    issues: int
    measures: int
    written: int
    elements: int  # owned nodes and edges


def _edge_file(key: EdgeKey) -> str:
    return "-".join(key)


def _write_csv(records: Iterable[NoticeRecord], work: Path, summary: LoadSummary, per_batch: int) -> Any:
    """Write the CSV files of every record (deduplicated by notice id as a load does) into
    `work`; fill `summary`; return the importer's input."""
    from graphkit.ingest import build_batch
    from graphkit.neo4j_server.importer import ImportInput
    from graphkit.stores import state

    s = schema()
    seen: dict[str, str] = {}
    files: dict[str, list[Path]] = {}
    shared_nodes: dict[str, dict[str, Row]] = {}
    shared_edges: dict[EdgeKey, dict[tuple[str, ...], Row]] = {}
    spellings: dict[str, set[str]] = {}

    def chunks() -> Iterator[list[NoticeRecord]]:
        it = iter(records)
        while chunk := list(islice(it, per_batch)):
            summary.notices += len(chunk)
            kept: list[NoticeRecord] = []
            for r in chunk:
                first = seen.setdefault(r.id, r.source)
                if first != r.source:
                    summary.duplicates.append((r.source, first))
                elif all(k.id != r.id for k in kept):
                    kept.append(r)
            if kept:
                yield kept

    def take(part: _Part) -> None:
        for name, fs in part.files.items():
            files.setdefault(name, []).extend(fs)
        for label, rows in part.shared_nodes.items():
            shared_nodes.setdefault(label, {}).update(rows)  # the last batch's row, as MERGE … SET
        for key, erows in part.shared_edges.items():
            shared_edges.setdefault(key, {}).update(erows)
        for uid, unit, publisher in part.spellings:
            spellings.setdefault(uid, set()).update(x for x in (unit, publisher) if x)
        summary.issues += part.issues
        summary.measures += part.measures
        summary.written += part.written
        summary.elements += part.elements

    pending: list[_Builder] = []
    first = True
    for k, chunk in enumerate(chunks()):
        if first:
            # the first build fills this process's lazy state (gazetteer, lexicons), which each
            # forked child would load again otherwise
            build_batch([chunk[0].model_copy(deep=True)])
            first = False
        pending.append(_Builder(chunk, work, k))
        while len(pending) >= _BUILDERS:
            take(pending.pop(0).result())
    for builder in pending:
        take(builder.result())

    units = shared_nodes.get("Unit", {})
    for uid, names in spellings.items():
        if uid in units:
            units[uid] = {**units[uid], "aliases": sorted(names - {units[uid].get("name")})}
    shared_nodes["GraphkitState"] = {
        "store": {"id": "store", **state.begun("loading", families_current=False).params()}
    }
    nodes: list[tuple[str, list[Path]]] = []
    rels: list[tuple[str, list[Path]]] = []
    for label in [*s.nodes, *s.meta]:
        if shared_nodes.get(label):
            files.setdefault(label, []).append(
                _write_nodes(s, label, shared_nodes[label], work / f"shared-{label}.csv")
            )
            summary.elements += len(shared_nodes[label]) if label != "GraphkitState" else 0
        if files.get(label):
            nodes.append((label, [_node_header(s, label, work), *files[label]]))
    for etype, spec in s.edges.items():
        for a, b in spec.pairs:
            key = (etype, a, b)
            name = _edge_file(key)
            if shared_edges.get(key):
                path = work / f"shared-{name}.csv"
                files.setdefault(name, []).append(_write_edges(s, key, shared_edges[key], path))
                summary.elements += len(shared_edges[key])
            if files.get(name):
                rels.append((etype, [_edge_header(s, key, work), *files[name]]))
    return ImportInput(nodes, rels)


class _Builder:
    """One batch built in a child process forked for it: the records reach it with the parent's
    memory; it writes its notices' own rows to CSV files and sends the rest back."""

    def __init__(self, records: list[NoticeRecord], work: Path, k: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_build_part, args=(records, work, k, send, os.getpid()), daemon=True)
        self._proc.start()
        send.close()

    def result(self) -> _Part:
        """The child's part; an InputError naming what failed when it failed or died."""
        try:
            part = self._recv.recv()
        except EOFError:
            part = "the process building it died"
        finally:
            self._recv.close()
            self._proc.join()
        if not isinstance(part, _Part):
            raise InputError("neo4j import", f"building a batch failed: {part}")
        return part


def _build_part(records: list[NoticeRecord], work: Path, k: int, send: Connection, parent: int) -> None:
    """A _Builder's child: build the batch, write its owned rows, send the shared ones back."""
    import gc

    from graphkit.pipeline import die_with_parent

    die_with_parent(parent)
    gc.freeze()
    try:
        out: _Part | str = _part(records, work, k)
    except Exception as exc:
        out = f"{type(exc).__name__}: {exc}"
    send.send(out)
    send.close()


def _part(records: list[NoticeRecord], work: Path, k: int) -> _Part:
    """The batch of `records`, its owned rows written to files named after `k`."""
    from graphkit.ingest import build_batch

    s = schema()
    batch, hashes = build_batch(records)
    part = _Part({}, {}, {}, [], 0, 0, len(hashes), 0)
    part.issues = len(batch.nodes.get("Issue", {}))
    part.measures = len(batch.nodes.get("Measure", {}))
    for label, rows in batch.nodes.items():
        if not rows:
            continue
        if _owned(s, label):
            part.files[label] = [_write_nodes(s, label, rows, work / f"{k}-{label}.csv")]
            part.elements += len(rows)
        else:
            props = s.nodes[label].properties
            part.shared_nodes[label] = {i: {p: r.get(p) for p in props} for i, r in rows.items()}
    for key, erows in batch.edges.items():
        if not erows:
            continue
        if _owned(s, key[1]) or _owned(s, key[2]):
            part.files[_edge_file(key)] = [_write_edges(s, key, erows, work / f"{k}-{_edge_file(key)}.csv")]
            part.elements += len(erows)
        else:
            part.shared_edges[key] = dict(erows)
    notices = batch.nodes.get("Notice", {})
    for (etype, _a, _b), erows in batch.edges.items():
        if etype == "REPORTED":
            for r in erows.values():
                n = notices.get(r["dst"], {})
                part.spellings.append((r["src"], n.get("unit_name"), n.get("publisher")))
    return part


def _node_header(s: GraphSchema, label: str, work: Path) -> Path:
    props = (s.nodes.get(label) or s.meta[label]).properties
    cols = [f"id:ID({label})", *(f"{p}:{CSV_TYPES[t]}" for p, t in props.items() if p != "id")]
    path = work / f"header-{label}.csv"
    path.write_text(",".join(cols) + "\n", encoding="utf-8")
    return path


def _edge_header(s: GraphSchema, key: EdgeKey, work: Path) -> Path:
    etype, a, b = key
    props = s.edges[etype].properties
    cols = [f":START_ID({a})", f":END_ID({b})", *(f"{p}:{CSV_TYPES[t]}" for p, t in props.items())]
    path = work / f"header-{_edge_file(key)}.csv"
    path.write_text(",".join(cols) + "\n", encoding="utf-8")
    return path


def _write_nodes(s: GraphSchema, label: str, rows: dict[str, Row], path: Path) -> Path:
    props = list((s.nodes.get(label) or s.meta[label]).properties.items())
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.writelines(",".join(_field(r.get(p), t) for p, t in props) + "\n" for r in rows.values())
    return path


def _write_edges(s: GraphSchema, key: EdgeKey, rows: dict[tuple[str, ...], Row], path: Path) -> Path:
    cols = [("src", "string"), ("dst", "string"), *s.edges[key[0]].properties.items()]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.writelines(",".join(_field(r.get(c), t) for c, t in cols) + "\n" for r in rows.values())
    return path


def _field(v: Any, typ: str) -> str:
    """One CSV field as the importer reads it: nothing for null, strings always quoted (so an
    empty string stays one), arrays joined by the importer's delimiter."""
    from graphkit.neo4j_server.importer import ARRAY_DELIMITER

    if v is None:
        return ""
    if typ == "string[]":
        items = [str(x) for x in v]
        if any(ARRAY_DELIMITER in x for x in items):
            raise InputError("neo4j import", f"an array value holds the importer's delimiter: {items!r}")
        return _quote(ARRAY_DELIMITER.join(items))
    if typ == "bool":
        return "true" if v else "false"
    if typ == "int":
        return str(int(v))
    if typ == "float":
        return repr(float(v))
    return _quote(str(v))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
