"""Load benchmark: graphkit's batched load against the store's own bulk path, in one run.

    python benchmarks/load.py [--elements 1000000] [--store embedded|neo4j|both]
                              [--notices-per-batch N] [--notices-per-part N] [--also-batch 500]
                              [--slice 2000] [--no-pipeline] [--also-by-key]

For each store, on the same generated records (a synthetic graph of ~`--elements` nodes and
edges) and in the same process, so that the figures share the machine's load of the moment:

- raw bulk load (embedded): the records' whole graph built first (not timed), one file or Arrow
  table per node table and per relationship table, each loaded into an empty store with one
  `COPY … FROM` (CSV files, then Arrow tables); the faster is the baseline.
- graphkit: `load_records` of the records into an empty store (records → store: completing,
  hashing, building nodes and edges, one transaction per `--notices-per-batch` notices, on the
  embedded store built in parts of `--notices-per-part` by the forked builders; both default
  to what `graphkit ingest` does; the store closed at the end), and its ratio to the baseline.
  With `--also-batch N` (embedded), also one transaction per N notices built whole, as the
  load did before 2026-12-02 (N = 500): an A/B in the same run. With `--also-by-key` (Neo4j),
  five loads: now on the fresh server, then now, before, before, now (the server's JIT warms up
  through the run: its first load costs 2-4x the CPU of a later one), before being every edge's
  ends found by key and the statements planned as Neo4j wants (the write path before
  2026-12-02), now `Neo4jStore.write_batch`. Each Neo4j load also prints the CPU seconds of the
  server, of the writer (this process) and of the builders, whose sum follows the machine's
  load far less than the wall time does.
- embedded only: the store's writes alone, the same transactions and parts built and staged
  beforehand (not timed), one transaction each: the ceiling of graphkit's load at that size;
  and the CPU seconds of that writing and of building and staging the parts in one process
  (the forked builders' work): on 2 cores, graphkit's load cannot take less than half their sum.
- one transaction per row, on a slice of the same data (`--slice` elements), and the ratio.
- Neo4j only: `neo4j import` of the same records (`graphkit.service.neo4j_import`, families not
  detected, as `load_records` detects none): records → CSV files, the offline importer with the
  server stopped, the start, constraints and indexes; its rate whole and without the server's
  start, and its ratio to graphkit's transactional load and to one transaction per row.

Measured (Neo4j, 49,852 elements = 206 notices, one run, a 2-core machine at load 11-15 beside
five other jobs): transactional 344 el/s, one transaction per row 11 el/s (x30), `neo4j import`
146 el/s whole (341 s: build 13.6 s, the importer 86.9 s of which its own work 44 s, the
server's start 103.9 s, constraints and indexes 127.8 s), so transactional / import = 2.36 at
that size: the import's fixed costs (two JVM starts, index population) outweigh its speed below
a few hundred thousand elements; the issue measured the importer alone at ~115k el/s on 1.44M
elements. The Neo4j writes (A/B in one process, 121k elements, three rounds interleaved):
base statements 47.8-95.3 s, this store's (null-free rows, ordered rows, 20k-row statements)
56.5-60.3 s.

Measured 2026-12-02 (issue 16, Neo4j, `--elements 300000 --also-by-key`: 299,112 elements =
1,239 notices, 500 a transaction, load 2.2-2.5, neo4j-rust-ext installed for both): a fresh
server's first load 13.0k el/s (server CPU 39.6 s, its JIT), then now 21.5k (20.6 s), before
24.1k (15.4 s), before 26.1k (13.3 s), now 29.7k (9.8 s; writer 2.2 s, builders 2.5 s = 20.7k
elements per CPU second); `neo4j import` 8.0k el/s whole (9.4k without the server's start),
transactional / import = 3.69. The server's CPU fell load after load through the 1.5M elements
as its JIT warmed, so this order does not separate before from now; on a server warmed
beforehand, with now first in each round, now cost 0.8-0.92x the server CPU of before
(graphkit/stores/neo4j_store.py, `Neo4jStore.write_batch`). Another run at load 4-6: a fresh
server's first load (now) 5.1k el/s. The target (>= 50k el/s) is NOT reached: 29.7k on a warm
server at load 2.2, 13.0k on a fresh one. Where it goes on a warm server: ~33 us of server CPU
per element, ~7 us in the writer (rows, encoding in Rust), ~8 us in the builders; one batch is
one transaction, run by one Bolt worker thread (statements and commit in sequence), so the
server's part cannot spread over the two cores; JFR splits it into the commit (~half: index
updates, Lucene's text indexes on Measure.text and Issue.title among them, record commands,
relationship counts), the statements (node creation, end seeks) and G1 collections of the
transaction's state (1 g heap).

Neo4j runs in a GRAPHKIT_HOME of the benchmark's own (a temporary folder, the jars of the user's
home linked, free ports): the import stops that server and replaces its database, never the
user's.

Rates count the elements of the records' graph (each shared node once), the same for all.
Peak RSS is printed per phase so that memory can be seen to follow the batch size.

Measured (595k elements, 500 notices a batch, embedded, a 2-core machine at load ~5, two runs
each, before and after interleaved): raw COPY 58–94k el/s; graphkit before (CSV files, MERGE of
shared nodes, pool worker) 9.6k el/s = 0.10–0.12 of raw; after (Arrow tables, shared nodes
looked up, forked builders) 11.4–15.4k el/s = 0.14–0.19. Where the rest goes: building a
batch of 500 notices (complete_record, record_hash, record_to_graph with places) 3–9 s of pure
Python, and each batch's commit, which checkpoints (1.5–2.5 s for 120k elements; raw COPY
checkpoints once per table).

Measured again (issue 16 item 2, 2026-12-01, 595k elements, 500 notices a batch, one run each,
a 2-core machine at load 13-20 beside other jobs): raw COPY 75.7k el/s, graphkit 12.7k = 0.17
(before); after (the forked builders
forked after the parent staged once, so that they inherit pyarrow's lazy import of pandas,
~2 s of CPU each in a real `graphkit ingest`; the benchmark had imported it already), one run
at load 17-32: raw COPY 23.9k el/s, the writes alone 11.7k = 0.48, graphkit 2.3k = 0.09 (the
load doubled during that phase: not a figure to compare).
The target (>= 0.5 of raw COPY at 500 notices a transaction) is NOT reached, and the writes
alone show why: the same batches built and staged beforehand, one transaction each, run at
0.35-0.48 of raw COPY in the same run. Each commit checkpoints, and must: LadybugDB 0.22 logs
no COPY in its WAL (three batches committed with `CALL auto_checkpoint=false`, then kill -9:
the reopened store held none of them), so a deferred checkpoint loses committed batches. A
checkpoint writes a fixed amount per table it touches, whatever the rows (~4 MB per node table:
500 Role rows wrote 3.9 MB; ~1.2 MB per relationship table), and rewrites the partly filled
node groups it appends to (131,072 rows each: the 30k Measure rows of a batch wrote 14, 20, 29
MB as the first group filled): a 500-notice batch commits 50-80 MB for ~20 MB of growth (1.4-1.9
s CPU, 4-6 s wall on the shared disk), raw COPY each table once. Writes alone by transaction
size (one run, raw COPY 56k el/s): 250 notices 12.7k el/s, 500 20.7k, 1250 42.6k, 2479 75.5k.
Larger transactions are not enough by themselves: one transaction of all 2,479 notices
(`--notices-per-batch 2500`) ran at 0.27 of raw, as nothing is built beside the write. What
would reach 0.5: transactions of ~1,000+ notices whose building is split among the forked
builders in sub-batches and COPYed as they arrive, one commit per transaction (the shared
nodes' last-write-wins across sub-batches must then match one batch's, which the parity tests
check); building a 500-notice batch is 3-6 s of pure Python on this machine (completing 1.6 s,
hashing 0.7 s, nodes and edges 2.3 s, Arrow tables 0.8 s, at load ~10).

Measured 2026-12-02 (issue 16 item 2, 590,453 elements = 2,458 notices; the machine shared with
a 1M-measure job taking ~0.9 of a core, and at times other tests): the transactions in parts
are the default. A transaction of 2,000 notices (`TRANSACTION_NOTICES`) is built in parts of
1,000 (`PART_NOTICES`) by the forked builders, two ahead, each part COPYed as it arrives
(`EmbeddedStore.load_transaction`), one commit; a shared node's rows are folded across the parts
as one batch folds them (tests/integration/test_load_transactions.py). LadybugDB takes several
COPYs into one table in one transaction; a load killed between parts keeps its committed
transactions whole and nothing of the open one.
- A/B in one run (load average 2.2-2.8): raw COPY 144.7k el/s (CSV), 164.6k (Arrow, 3.6 s);
  writes alone 108.2k = 0.66 of raw (CPU 4.8 s); graphkit 41.1k el/s (14.4 s) = 0.25, against
  24.1k (24.5 s) = 0.15 for one transaction per 500 notices built whole (the former default).
  Again (load 1.8-1.9): raw COPY 151.2k el/s (CSV), 253.4k (Arrow, 2.3 s, both cores); writes
  alone 115.1k = 0.45 (CPU 5.0 s), building and staging CPU 8.8 s; graphkit 58.5k el/s (10.1
  s) = 0.23, against 44.2k (13.4 s) = 0.17 for 500 a transaction built whole.
- Another run (load 4.3-4.7): raw COPY 83.6k el/s, writes alone 0.83, graphkit 20.6k = 0.25.
  Before the change (load 1.6-3.6): raw 119.8k, writes alone 0.42 at 500 notices a
  transaction, graphkit 24.1k = 0.20.
- Writes alone by part size, transactions of 2,000 (load ~2.2; raw COPY 151.5k el/s in a run
  beside): parts of 250 notices 72.4k el/s, 500 92.7k, 1000 107.5k, 2000 100.4k. A part costs
  ~0.1 s of fixed statements (20 COPYs and 4 look-ups, 2-45 ms each, whatever the rows), and
  the two commits 3.2-3.9 s. Loads (one run each, load 2.4-5.7): parts of 1000 ran 19-29 s,
  500 22-42 s, 250 24 s; three builders no better than two.
- Where a load's time goes (instrumented, parts of 1000): the parent waits for built parts
  10-16 s of 20-29 s; the children's CPU 11.6-12.5 s (~4.8 ms a notice), the parent's 7.5-8.9
  s. LadybugDB's writes slow by ~4x when every core is taken: the writes alone ran 7.7 s, and
  29.1 s beside two spinning processes (set_max_threads_for_exec(1): 26.8 s).
The target (>= 0.5 of raw COPY) is NOT reached, and on 2 cores it cannot be with this build
cost: building and staging the graph is ~10-12 CPU-s for 590k elements, nearly 3x raw COPY's
whole time (3.6 s, about one core), and the writes need ~5 CPU-s more, so even with both cores
free the load needs >= (10.3 + 4.8) / 2 = 7.6 s = 0.48 of raw in the first run (>= (8.8 + 5.0) /
2 = 6.9 s = 0.33 in the second, where raw COPY had both cores); with ~1.1 cores free (the other
job) >= 13.7 s, and it took 14.4 s. The writes alone are 0.45-0.83 of raw: one transaction's
commit per 2,000 notices, and a part's statements. What would reach it is cheaper building, in code this
change did not touch: per 500 notices on a quiet core, record_to_graph 1.24 s
(loaders/notice.py: GraphBatch.node's dict copies, stable_id), the measure kinds 0.57 s
(graphkit/parse/derived.py, graphkit/analysis/kinds.py: ~5 regex searches a measure),
record_hash 0.33 s (model_dump and a sorted json.dumps), staging 0.26 s.
"""

from __future__ import annotations

import argparse
import copy
import csv
import gc
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _stores import empty_store  # benchmarks/_stores.py (this script's folder is on sys.path)

from graphkit import ingest
from graphkit.ingest import build_batch, load_records
from graphkit.records import Inspection, Issue, Measure, NoticeRecord, Role
from graphkit.stores.base import Store
from loaders import GraphBatch, record_to_graph

VERBS = ["制定", "召开", "开展", "建立", "印发", "组织", "完善", "督促", "清理", "推进"]
OBJS = ["专题会议", "学习计划", "专项检查", "长效机制", "整改台账", "培训班", "问责办法", "督查方案"]


def synth_records(n_notices: int, issues: int = 12, measures: int = 5) -> Iterator[NoticeRecord]:
    for k in range(n_notices):
        unit = f"合成{k % 997}县委"
        iss = []
        for i in range(issues):
            ms = [
                Measure(
                    label=f"({j + 1})",
                    text=f"{VERBS[(k + i + j) % 10]}{OBJS[(i * j + k) % 8]}，第{k}-{i}-{j}项，"
                    f"《合成{k}号文件{i}-{j}》",
                    status="done" if j % 2 else "in_progress",
                    documents=[f"合成{k}号文件{i}-{j}"] if j == 0 else [],
                    span=(i * 100 + j * 10, i * 100 + j * 10 + 9),
                )
                for j in range(measures)
            ]
            iss.append(
                Issue(label=f"{i + 1}.", title=f"问题{k}-{i}", measures=ms, span=(i * 100, i * 100 + 99))
            )
        yield NoticeRecord(
            id=f"n-synth-{k:07d}",
            source=f"synth/{k}.txt",
            unit=unit,
            publisher="中共" + unit,
            inspection=Inspection(team=f"市委第{k % 9 + 1}巡察组", start="2023-03-01"),
            issues=[Issue(label="（一）", title=f"类别{k}", children=iss)],
            roles=[Role(role="组长", position="县委书记", person=f"张{k % 997}")],
        )


def elements_per_notice() -> int:
    return record_to_graph(next(synth_records(1))).size()


def load_average() -> str:
    """The machine's load averages (1, 5, 15 minutes), to print beside each figure."""
    import os

    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def raw_copy(graph: GraphBatch, form: str) -> float:
    """Seconds for one `COPY … FROM` per table of `graph` into an empty embedded store (the
    files or tables made beforehand, not timed); `form` is csv or arrow."""
    import pyarrow as pa

    from graphkit.stores.embedded_store import EmbeddedStore

    arrow = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    arrow["string[]"] = pa.list_(pa.string())
    store = EmbeddedStore(Path(tempfile.mkdtemp(prefix="gk-bench-raw-")) / "db")
    tables: list[tuple[str, str, list[tuple[str, str]], list[dict[str, Any]]]] = []
    for label, rows in graph.nodes.items():
        props = store.schema.nodes[label].properties
        cols = [(c, props[c]) for c in store._columns(label)]
        tables.append((label, "", cols, list(rows.values())))
    for (etype, a, b), erows in graph.edges.items():
        cols = [("src", "string"), ("dst", "string"), *store.schema.edges[etype].properties.items()]
        tables.append((etype, f"from='{a}', to='{b}'", cols, list(erows.values())))
    statements: list[tuple[str, dict[str, Any]]] = []
    for k, (table, ends, cols, rows) in enumerate(tables):
        if not rows:
            continue
        if form == "arrow":
            data = pa.table({c: pa.array([r.get(c) for r in rows], type=arrow[t]) for c, t in cols})
            statements.append((f"COPY {table} FROM $rows" + (f" ({ends})" if ends else ""), {"rows": data}))
            continue
        path = store.folder / f"{k}-{table}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([c for c, _ in cols])
            for r in rows:
                w.writerow(
                    [
                        {True: "true", False: "false"}.get(v, v) if t == "bool" else v
                        for v, t in ((r.get(c), t) for c, t in cols)
                    ]
                )
        opts = "header=true, parallel=false, auto_detect=false, delim=',', quote='\"', escape='\"'"
        statements.append((f"COPY {table} FROM '{path}' ({opts}{', ' + ends if ends else ''})", {}))
    t = time.perf_counter()
    for cypher, params in statements:
        store._conn.execute(cypher, params)
    store.close()  # what is left to write to disk counts too
    return time.perf_counter() - t


def writes_only(records: list[NoticeRecord], per_tx: int, per_part: int) -> tuple[float, float, float]:
    """Seconds for writing every transaction of `records` (`per_tx` notices, one transaction
    each, written in parts of `per_part` notices as `load_records` writes them) into an empty
    embedded store, the parts built and staged beforehand (not timed), the store closed at the
    end: the ceiling of graphkit's load at that transaction size. Also the CPU seconds of that
    writing (this process, LadybugDB's threads included) and of building and staging the parts
    here beforehand (what the forked builders of a load do)."""
    from graphkit.stores.embedded_store import EmbeddedStore

    store = EmbeddedStore(Path(tempfile.mkdtemp(prefix="gk-bench-writes-")) / "db")
    stage = store.stager()
    stage(build_batch(copy.deepcopy(records[:1]))[0])  # lazy imports and lexicons: not counted
    records = copy.deepcopy(records)
    built = time.process_time()
    transactions = [
        [
            stage(build_batch(records[j : min(j + per_part, i + per_tx)])[0])
            for j in range(i, min(i + per_tx, len(records)), per_part)
        ]
        for i in range(0, len(records), per_tx)
    ]
    built = time.process_time() - built
    t, cpu = time.perf_counter(), time.process_time()
    for parts in transactions:
        with store.load_transaction() as tx:
            for batch in parts:
                tx.write(batch, [], [])
    store.close()
    return time.perf_counter() - t, time.process_time() - cpu, built


def run(
    store_name: str,
    n_elements: int,
    slice_elements: int,
    per_batch: int | None,
    per_part: int | None,
    pipeline: bool | None,
    also_batch: int = 0,
    also_by_key: bool = False,
) -> None:
    embedded = store_name == "embedded"
    per_batch = per_batch or (ingest.TRANSACTION_NOTICES if embedded else ingest.BATCH_NOTICES)
    per_part = min(per_batch, per_part or ingest.PART_NOTICES) if embedded else per_batch
    per = elements_per_notice()
    n_notices = max(1, n_elements // per)
    records = list(synth_records(n_notices))
    graph, _ = build_batch(copy.deepcopy(records))
    elements = graph.size()
    print(
        f"[{store_name}] {elements:,} elements ({n_notices:,} notices, {per_batch} a transaction"
        + (f" built in parts of {per_part}" if embedded and pipeline is not False else "")
        + f"); peak RSS {rss_mb():.0f} MB",
        flush=True,
    )
    print(f"[{store_name}] {load_average()}", flush=True)

    base_rate = 0.0
    if store_name == "embedded":
        for form in ("csv", "arrow"):
            took = raw_copy(graph, form)
            rate = elements / took
            base_rate = max(base_rate, rate)
            print(
                f"[{store_name}] raw COPY ({form}): {took:.1f} s = {rate:,.0f} elements/s; {load_average()}",
                flush=True,
            )

    del graph  # the raw COPY's input: a load's forks would copy its pages
    gc.collect()
    if store_name == "embedded":
        took, cpu, built = writes_only(records, per_batch, per_part if pipeline is not False else per_batch)
        w_rate = elements / took
        print(
            f"[{store_name}] the store's writes alone (the same transactions and parts, built and "
            f"staged beforehand): {took:.1f} s (CPU {cpu:.1f} s) = {w_rate:,.0f} elements/s = "
            f"{w_rate / base_rate:.2f} of raw COPY; building and staging them in one process "
            f"beforehand: CPU {built:.1f} s; {load_average()}",
            flush=True,
        )

    loads = [(per_batch, per_part, "")]
    if store_name == "embedded" and also_batch:
        loads.append((also_batch, also_batch, ""))  # one transaction per batch, built whole
    if store_name == "neo4j" and also_by_key:
        # the first load on the fresh server, then A/B on a warmer one
        before = (per_batch, per_part, "by key, as before")
        loads = [(per_batch, per_part, "a fresh server's first"), loads[0], before, before, loads[0]]
    b_rate = 0.0
    for k, (tx_notices, part_notices, variant) in enumerate(loads):
        store = empty_store(store_name, "gk-bench-")
        if variant:
            _write_by_key(store)
        cpu = _cpu(store_name)
        t = time.perf_counter()
        summary = load_records(
            store, records, notices_per_batch=tx_notices, notices_per_part=part_notices, pipeline=pipeline
        )
        if store_name == "embedded":  # what is left to write to disk counts too
            store.close()
        batched = time.perf_counter() - t
        rate = elements / batched
        if k == 0 or (store_name == "neo4j" and not variant.startswith("by key")):
            b_rate = max(b_rate, rate)  # the load as graphkit does it now (Neo4j: the better of two)
        how = f" ({variant})" if variant else ""
        if k and store_name == "embedded":
            how = f" ({tx_notices} notices a transaction, built whole)"
        used = ""
        if store_name == "neo4j":  # wall rates follow the machine's load; CPU seconds less so
            server, here, builders = (b - a for a, b in zip(cpu, _cpu(store_name), strict=True))
            used = (
                f"; CPU: server {server:.1f} s, writer {here:.1f} s, builders {builders:.1f} s "
                f"= {elements / (server + here + builders):,.0f} elements per CPU second"
            )
        print(
            f"[{store_name}] graphkit load{how}: {summary.written:,} notices in {batched:.1f} s "
            f"= {rate:,.0f} elements/s{used}; peak RSS {rss_mb():.0f} MB; {load_average()}",
            flush=True,
        )
        if base_rate:
            print(f"[{store_name}] ratio graphkit{how} / raw COPY = {rate / base_rate:.2f}", flush=True)
    if store_name == "embedded":
        store = empty_store(store_name, "gk-bench-")
    row_statements = _per_row_statements(store)

    # one transaction per row, on a slice of the same shape of data (new ids)
    done, t = 0, time.perf_counter()
    while done < slice_elements:
        for stmt in row_statements:
            store.run_transaction([stmt])
            done += 1
    single = time.perf_counter() - t
    s_rate = done / single
    print(
        f"[{store_name}] per-row: {done:,} elements in {single:.1f} s = {s_rate:,.0f} elements/s", flush=True
    )
    print(f"[{store_name}] ratio graphkit / per-row = {b_rate / s_rate:.1f}x", flush=True)
    store.close()
    if store_name == "neo4j":
        i_rate = neo4j_import(records, elements)
        print(f"[neo4j] ratio graphkit transactional / neo4j import = {b_rate / i_rate:.2f}", flush=True)
        print(f"[neo4j] ratio neo4j import / per-row = {i_rate / s_rate:.1f}x", flush=True)


def neo4j_import(records: list[NoticeRecord], elements: int) -> float:
    """`neo4j import` of `records` into the (emptied) Neo4j of the benchmark's home; prints its
    phases and returns its rate in elements/s, the server's start included."""
    from graphkit import neo4j_server
    from graphkit.service.neo4j_import import import_notices

    folder = Path(tempfile.mkdtemp(prefix="gk-bench-records-"))
    path = folder / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    neo4j_server.stop()
    data = neo4j_server.neo4j_home() / "data"
    for sub in ("databases", "transactions"):
        shutil.rmtree(data / sub / "neo4j", ignore_errors=True)
    t = time.perf_counter()
    result = import_notices([str(path)], records=True, families=False)
    took = time.perf_counter() - t
    shutil.rmtree(folder, ignore_errors=True)
    rate = elements / took
    started = result.seconds.get("start", 0.0)
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    print(
        f"[neo4j] neo4j import: {result.elements:,} elements in {took:.1f} s = {rate:,.0f} elements/s "
        f"({elements / (took - started):,.0f} without the server's start; {phases}); "
        f"peak RSS {rss_mb():.0f} MB",
        flush=True,
    )
    return rate


def private_neo4j_home() -> Path:
    """Point graphkit's local Neo4j at a temporary home with the user's jars, on free ports."""
    import os
    import socket

    from graphkit import neo4j_server

    jars = neo4j_server.lib_dir()
    root = Path(tempfile.mkdtemp(prefix="gk-bench-neo4j-"))
    (root / "neo4j").mkdir()
    (root / "neo4j" / "lib").symlink_to(jars, target_is_directory=True)
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    os.environ.update(
        GRAPHKIT_HOME=str(root),
        GRAPHKIT_NEO4J_BOLT_PORT=str(ports[0]),
        GRAPHKIT_NEO4J_HTTP_PORT=str(ports[1]),
    )
    for k in ("GRAPHKIT_NEO4J_URI", "GRAPHKIT_NEO4J_DATABASE"):
        os.environ.pop(k, None)
    return root


def _cpu(store_name: str) -> tuple[float, float, float]:
    """CPU seconds so far of the local Neo4j server (0 for the embedded store), of this process,
    and of its ended children (a load's forked builders)."""
    import os

    server = 0.0
    if store_name == "neo4j":
        from graphkit.neo4j_server import server as neo4j_local

        pid = neo4j_local.status().pid
        if pid:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return server, time.process_time(), children.ru_utime + children.ru_stime


def _write_by_key(store: Store) -> None:
    """Make `store` (Neo4j) write its batches as before 2026-12-02: `write_statements` (every
    edge's ends found by key) in one transaction, planned as Neo4j wants (no replan=skip)."""
    from graphkit.stores import neo4j_store

    def write_batch(
        batch: GraphBatch, replace: list[str], before: list[Any] | None = None, *, all_new: bool = False
    ) -> None:
        statements = store.write_statements(batch, replace, all_new=all_new)
        plain = [(c.removeprefix(neo4j_store._NO_REPLAN), p) for c, p in statements]
        store.run_transaction([*(before or []), *plain])

    store.write_batch = write_batch  # type: ignore[method-assign]


def _per_row_statements(store: Store) -> list[tuple[str, dict[str, Any]]]:
    g = record_to_graph(next(synth_records(1)))
    rows: list[tuple[str, dict[str, Any]]] = []
    for label, nodes in g.nodes.items():
        props = store.schema.nodes[label].properties
        rows += [
            (store.merge_nodes_statement(label), {"rows": [{p: r.get(p) for p in props}]})
            for r in nodes.values()
        ]
    for (etype, a, b), erows in g.edges.items():
        cols = ["src", "dst", *store.schema.edges[etype].properties]
        rows += [
            (store.merge_edges_statement((etype, a, b)), {"rows": [{c: r.get(c) for c in cols}]})
            for r in erows.values()
        ]
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elements", type=int, default=1_000_000)
    ap.add_argument("--slice", type=int, default=2000, help="elements written one transaction per row")
    ap.add_argument(
        "--notices-per-batch",
        type=int,
        default=None,
        help="notices a transaction (default: as `graphkit ingest`)",
    )
    ap.add_argument(
        "--notices-per-part",
        type=int,
        default=None,
        help="embedded: notices each builder builds at a time (default: as `graphkit ingest`)",
    )
    ap.add_argument(
        "--also-batch",
        type=int,
        default=0,
        help="embedded: also load with one transaction per this many notices, each built whole (before: 500)",
    )
    ap.add_argument(
        "--also-by-key",
        action="store_true",
        help="neo4j: also load as before 2026-12-02 (edges' ends by key): now (fresh), now, before, before, now",
    )
    ap.add_argument("--no-pipeline", action="store_true", help="build every batch in this process")
    ap.add_argument("--store", choices=["embedded", "neo4j", "both"], default="both")
    args = ap.parse_args()
    pipeline = False if args.no_pipeline else None
    sizes = (args.elements, args.slice, args.notices_per_batch, args.notices_per_part)
    for name in ("embedded", "neo4j") if args.store == "both" else (args.store,):
        if name != "neo4j":
            run(name, *sizes, pipeline, args.also_batch, args.also_by_key)
            continue
        from graphkit import neo4j_server

        root = private_neo4j_home()
        try:
            run(name, *sizes, pipeline, args.also_batch, args.also_by_key)
        finally:
            neo4j_server.stop()
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
