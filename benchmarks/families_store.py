"""Recycled measures from records to stored families, in one run.

    python benchmarks/families_store.py [--measures 1000000] [--store embedded|neo4j]
                                        [--corpus ../shared/corpus/notices]

Generates notice records with planted near-copies and a notice text around the issues (the
formula sentences of every notice; graphkit.testing.synth; unique measures built from
the clauses of the real notices in ``--corpus`` when it exists, else from the phrase banks,
whose uniques are far closer to each other than real ones), loads them into an empty store,
then times `rebuild_families` (read measures back, detect, write MeasureTemplate / INSTANCE_OF
/ SIMILAR_TO in one transaction). Prints the time of each phase, measures/s, peak RSS, and the
pairwise precision / recall of the stored measure families against the planted ones.
Targets (issue 4): 1M measures from records to stored families in ≤ 5 min, ≤ 8 GB.
Measured on the 2-core machine (embedded, real clauses): 1,101,986 measures, load 104 s
(4.0M elements), rebuild 87 s, records → stored families 192 s; peak RSS 5.83 GB, 4.26 GB
taken from the machine from load on; stored families P 0.997, R 0.999.
Where the memory goes: the peak is reached while loading (records in memory and the embedded
store's buffer pool, which LadybugDB sizes from the machine's memory when not told:
``buffer_pool_size=0``); on 2026-12-01 (busy machine, load average 12–15 on 2 cores) the load
phase alone reached 6.72 GB, and the rebuild was killed by the kernel at 8.3 GB RSS when other
jobs held most of the 24 GB. Detection itself (``recycled.detect``) no longer holds all shingle
hashes, their fmix and the full signatures during LSH (~1.5 GB less at 1M); capping the store's
buffer pool (``graphkit/stores``) is what would bring the run under 4 GB.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _stores import empty_store  # benchmarks/_stores.py (this script's folder is on sys.path)

from graphkit import service
from graphkit.testing.synth import generate

_PEAKS: list[float] = []


def phase_peak_gb() -> float:
    """Peak resident memory of this process since the last call (Linux: VmHWM, then reset)."""
    try:
        with open("/proc/self/status") as fh:
            hwm = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        _PEAKS.append(hwm / 1024**2)
        return _PEAKS[-1]
    except (OSError, StopIteration):
        return float("nan")


class MachineMemory:
    """Memory the run takes from the machine: MemAvailable at the start minus its lowest value
    while running (sampled every 0.2 s), so forked workers' shared pages count once."""

    def __init__(self) -> None:
        self.start = self.lowest = self._available()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    @staticmethod
    def _available() -> int:
        with open("/proc/meminfo") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("MemAvailable"))

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.lowest = min(self.lowest, self._available())

    def used_gb(self) -> float:
        return (self.start - self.lowest) / 1024**2


def children_gb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measures", type=int, default=1_000_000)
    ap.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    ap.add_argument("--edit-rate", type=float, default=0.2)
    ap.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/notices"
    )
    args = ap.parse_args()
    clauses = None
    if args.corpus.is_dir():
        from graphkit.testing.synth import corpus_clauses

        clauses = corpus_clauses(args.corpus)
    print(f"unique measures from {'real clauses of ' + str(args.corpus) if clauses else 'the phrase banks'}")

    per_notice = 25
    n_units = max(2, args.measures // per_notice // 1)
    t = time.perf_counter()
    corpus = generate(
        n_units=n_units,
        measures_per_notice=(per_notice, per_notice),
        notices_per_unit=(1, 1),
        n_families=max(1, args.measures // 40),
        family_size=(2, 10),
        edit_rate=args.edit_rate,
        clauses=clauses,
        with_text=True,
    )
    truth = corpus.families
    n = sum(1 for r in corpus.records for _ in _measures(r.issues))
    print(
        f"generated {len(corpus.records):,} notices, {n:,} measures in {time.perf_counter() - t:.0f} s "
        f"(peak RSS {phase_peak_gb():.2f} GB)",
        flush=True,
    )

    store = empty_store(args.store, "gk-fam-")
    machine = MachineMemory() if Path("/proc/meminfo").exists() else None
    t0 = time.perf_counter()
    # the service's load, detection held back so that its time and memory are measured apart
    summary = service.load_records(store, corpus.records, families="never", notices_per_batch=2000).summary
    t1 = time.perf_counter()
    print(
        f"[{args.store}] loaded {summary.elements:,} elements in {t1 - t0:.0f} s "
        f"({summary.elements / (t1 - t0):,.0f} el/s; peak RSS {phase_peak_gb():.2f} GB with the records in memory)",
        flush=True,
    )
    del corpus
    report = service.rebuild_families(store)
    t2 = time.perf_counter()
    print(
        f"[{args.store}] families: {report.total():,} from {report.measures:,} measures in {t2 - t1:.0f} s "
        f"({report.measures / (t2 - t1):,.0f} measures/s); records → stored families {t2 - t0:.0f} s; "
        f"peak RSS of the rebuild {phase_peak_gb():.2f} GB, largest worker process {children_gb():.2f} GB, "
        f"of the whole run {max(_PEAKS):.2f} GB",
        flush=True,
    )
    if machine:
        print(
            f"memory taken from the machine from load to stored families (this process, its workers, "
            f"the store): {machine.used_gb():.2f} GB"
        )
    print("by kind/scope:", dict(sorted(report.families.items())))
    print("phases (s):", report.timings)
    p, r = pairwise_quality(store, truth)
    print(f"stored measure families vs planted: pairwise P {p:.3f} R {r:.3f}")
    store.close()


def pairwise_quality(store, truth: list[list[str]]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Pairwise precision / recall of stored measure families (every scope) against the truth.

    Truth ids are ``items_from_records`` ids (``{notice}/m{k}``, k from 0 in document order); a
    stored Measure has its notice and its 1-based ``ord`` in the same order.
    """
    res = store.query(
        "MATCH (m:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.kind = 'measure' "
        "RETURN t.id AS tid, m.notice_id AS nid, m.ord AS ord"
    )
    fams: dict[str, list[str]] = {}
    for tid, nid, ord_ in res.rows:
        fams.setdefault(tid, []).append(f"{nid}/m{int(ord_) - 1}")
    pred = {p for g in fams.values() for p in itertools.combinations(sorted(g), 2)}
    true = {p for g in truth for p in itertools.combinations(sorted(g), 2)}
    tp = len(pred & true)
    return tp / max(len(pred), 1), tp / max(len(true), 1)


def _measures(issues):  # type: ignore[no-untyped-def]
    for i in issues:
        yield from i.measures
        yield from _measures(i.children)


if __name__ == "__main__":
    main()
