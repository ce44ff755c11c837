"""Load benchmark: a synthetic graph of ≥1M nodes+edges into each store.

    python benchmarks/load.py [--elements 1000000] [--store embedded|neo4j|both] [--slice 2000]

Prints elements/s for the batched writer (UNWIND $rows … MERGE in managed transactions) and, on
a slice of the same data in the same run, for one transaction per row; then the ratio. Peak RSS
is printed per phase so that memory can be seen to follow the batch size, not the corpus size.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _stores import empty_store  # benchmarks/_stores.py (this script's folder is on sys.path)

from graphkit.ingest import load_records
from graphkit.records import Inspection, Issue, Measure, NoticeRecord, Role
from loaders import record_to_graph

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


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(store_name: str, n_elements: int, slice_elements: int) -> None:
    per = elements_per_notice()
    n_notices = max(1, n_elements // per)
    store = empty_store(store_name, "gk-bench-")

    t = time.perf_counter()
    summary = load_records(store, synth_records(n_notices), notices_per_batch=100)
    batched = time.perf_counter() - t
    b_rate = summary.elements / batched
    print(
        f"[{store_name}] batched: {summary.elements:,} elements ({n_notices:,} notices) in {batched:.1f} s "
        f"= {b_rate:,.0f} elements/s; peak RSS {rss_mb():.0f} MB",
        flush=True,
    )

    # one transaction per row, on a slice of the same shape of data (new ids)
    g = record_to_graph(next(synth_records(1)))
    rows: list[tuple[str, dict]] = []
    for label, nodes in g.nodes.items():
        rows += [(store.merge_nodes_statement(label), {"rows": [r]}) for r in nodes.values()]
    for key, erows in g.edges.items():
        rows += [(store.merge_edges_statement(key), {"rows": [r]}) for r in erows.values()]
    done, t = 0, time.perf_counter()
    while done < slice_elements:
        for stmt in rows:
            store.run_transaction([stmt])
            done += 1
    single = time.perf_counter() - t
    s_rate = done / single
    print(
        f"[{store_name}] per-row: {done:,} elements in {single:.1f} s = {s_rate:,.0f} elements/s", flush=True
    )
    print(f"[{store_name}] ratio batched/per-row = {b_rate / s_rate:.1f}x", flush=True)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elements", type=int, default=1_000_000)
    ap.add_argument("--slice", type=int, default=2000, help="elements written one transaction per row")
    ap.add_argument("--store", choices=["embedded", "neo4j", "both"], default="both")
    args = ap.parse_args()
    for name in ("embedded", "neo4j") if args.store == "both" else (args.store,):
        run(name, args.elements, args.slice)


if __name__ == "__main__":
    main()
