"""The Spark detection engine against the in-process one, on the same generated measures.

    python benchmarks/spark.py [--measures 1000000] [--master local[2]] [--memory 3g]
                               [--corpus ../shared/corpus/notices]

Generates measures with planted near-copies (``synth.generate_items``; unique measures built
from the clauses of the real notices in ``--corpus`` when it exists, else the phrase banks),
then runs ``recycled.detect`` in this process and ``graphkit.analysis.spark.SparkDetector`` on
``--master`` on the same items, checks that they found the same families, and prints for each
the seconds of every stage, the total, peak memory (the driver's RSS; with Spark also the JVM,
which in local mode holds the executors, and the Python workers, sampled every 0.2 s) and the
ratio Spark / in-process.

Stages on Spark (S = a shuffle; ``graphkit.analysis.spark`` has the details):

1. normalise (``mapInArrow``), identical texts grouped (S1), distinct texts collected by the
   driver (O(items));
2. MinHash per distinct text (``mapInArrow``), kept: ~0.5 KB a text;
3. LSH: 64 band keys a text, grouped (S2: 64 records a text, 20 bytes each); buckets of ≥ 2
   texts joined with their signatures' low 16 bits (S3, S4) and regrouped (S5: 280 bytes per
   bucket membership); pairs of each bucket filtered on agreement, made distinct (S6);
4. verify: pairs joined with their texts (S7, S8), scored, strong ones kept;
5. connected components (large-star / small-star rounds, ~3 shuffles a round, ~2·log₂ of the
   largest component rounds after a per-partition pre-pass), edges grouped by component (S),
   each batch of components clustered in an executor;
6. families expanded on the driver.

Memory per executor: bounded by one Arrow batch (10 000 rows), the members of one bucket
(``max_bucket`` texts are paired, larger buckets chained) and the edges of one component;
shuffles spill to disk. Toward 10M–100M measures on a cluster: stages 1–4 are linear in the
distinct texts (S2 carries 64 records a text: 1.3 GB at 1M, 130 GB at 100M, spread over the
executors' shuffle disks; S5 carries the bucket memberships, which grow with the share of
texts sharing stock phrases), verification is linear in the candidate pairs, and the
components need O(log) rounds over the strong edges only; give ``spark.sql.shuffle.partitions``
≈ distinct texts / 50 000 and executors of 4–8 GB. What does not spread is the driver: it
holds the items (the detector's input), the distinct texts and the strong pairs (about
1 KB a measure: ~10 GB at 10M), and expands families in one process; past that, detection
would read measures from a Parquet export and write families from the executors.

Measured on the 2-core machine, quiet, in one run (``--measures 100000``, real clauses of the
shared corpus): in-process 9.9 s, peak RSS 0.47 GB; Spark local[2] with 3 GB for the driver
(and so the executors) 128.5 s (spark start 5, normalise 32, MinHash 6, LSH 52, verify 9,
components 14, families 7, output 1 s), peak RSS 0.52 GB for the driver and 3.91 GB with the
JVM and Python workers; same families (6 195, 120 354 candidates); ratio ×13 in time, ×7.6 in
memory. Spark in one machine pays for its shuffles (LSH: 64 band records a text, then the bucket
memberships with their signature bits) and fixed costs per job; what it buys is that no stage
holds more than a partition, so executors can be added.

Measured at 1M (2026-12-02, ``--measures 1000000 --memory 6g``, one run, load 2-5: other
benchmarks and tests ran beside it): generation 119 s; in-process 183.9 s (normalise 83.9,
MinHash 17.6, LSH 39.8, verify 14.4, families 18.3, output 9.6 s), peak RSS 2.28 GB (4.23 GB
with forked workers); Spark local[2] 1343.8 s (spark start 12.3, normalise 271.6, MinHash 40.0,
LSH 851.6, verify 52.9, components 53.4, families 44.0, output 7.2 s), driver 2.74 GB, 10.21 GB
with the JVM and the Python workers; 999,998 distinct texts, 1,442,611 candidates, 61,576
families, the same families as in-process; ratio ×7.31 in time, ×2.41 in memory (×13 at 100k:
Spark's fixed costs per job weigh less at 1M). LSH is 63 % of Spark's time: S2 carries 64 band
records a text (64M records at 1M) through one machine's shuffle disk; on a cluster it is the
stage that spreads, and the first to give more partitions and executors.
On 2026-12-01 1M was not run: the machine was saturated by other jobs.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphkit.analysis.recycled import Detection, detect
from graphkit.testing.synth import corpus_clauses, generate_items


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS"))
    except (OSError, StopIteration):
        return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


class Peaks:
    """Peak RSS of this process and of its process tree (the JVM and Python workers Spark
    starts are its children), sampled every 0.2 s while the block runs."""

    def __init__(self) -> None:
        self.driver = self.tree = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.2):
            pids, todo = [], [me]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo += _children(p)
            self.driver = max(self.driver, _rss_kb(me))
            self.tree = max(self.tree, sum(_rss_kb(p) for p in pids))

    def __enter__(self) -> Peaks:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _same(a: Detection, b: Detection) -> bool:
    def fams(d: Detection) -> list[tuple[str, str, list[str]]]:
        return [(f.id, f.text, [m.id for m in f.members]) for f in d.families]

    return fams(a) == fams(b) and a.texts == b.texts and a.n_candidates == b.n_candidates


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measures", type=int, default=1_000_000)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--memory", default="3g", help="spark.driver.memory (local mode: the executors' too)")
    ap.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/notices"
    )
    args = ap.parse_args()
    from graphkit.analysis.spark import spark_detector

    clauses = corpus_clauses(args.corpus) if args.corpus.is_dir() else None
    print(f"unique measures from {'real clauses of ' + str(args.corpus) if clauses else 'the phrase banks'}")
    t = time.perf_counter()
    items, _ = generate_items(args.measures, seed=1, clauses=clauses)
    print(f"generated {len(items):,} measures in {time.perf_counter() - t:.0f} s", flush=True)

    base = _rss_kb(os.getpid()) / 1024**2
    t = time.perf_counter()
    with Peaks() as ip:
        local = detect(items)
    local_s = time.perf_counter() - t
    print(f"in-process: {local_s:.1f} s")
    for k, v in local.timings.items():
        print(f"  {k:<12} {v:8.1f} s")
    print(
        f"  peak RSS: {ip.driver / 1024**2:.2f} GB (with forked workers {ip.tree / 1024**2:.2f} GB; "
        f"{base:.2f} GB before)"
    )
    conf = {"spark.driver.memory": args.memory, "spark.executor.memory": args.memory}
    engine = spark_detector(args.master, conf)
    base = _rss_kb(os.getpid()) / 1024**2
    t = time.perf_counter()
    with Peaks() as sp:
        on_spark = engine(items)
    spark_s = time.perf_counter() - t
    print(f"spark ({args.master}, driver/executor memory {args.memory}): {spark_s:.1f} s", flush=True)
    for k, v in on_spark.timings.items():
        print(f"  {k:<12} {v:8.1f} s")
    print(
        f"  peak RSS: driver {sp.driver / 1024**2:.2f} GB ({base:.2f} GB before), "
        f"with the JVM and Python workers {sp.tree / 1024**2:.2f} GB"
    )

    print(
        f"{len(items):,} measures, {local.n_distinct:,} distinct, {local.n_candidates:,} candidates, "
        f"{len(local.families):,} families; same families: {_same(local, on_spark)}"
    )
    print(
        f"ratio spark / in-process: time {spark_s / local_s:.2f}, peak memory {sp.tree / max(ip.tree, 1):.2f}"
    )


if __name__ == "__main__":
    main()
