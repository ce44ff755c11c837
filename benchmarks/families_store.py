"""Recycled measures from records to stored families, in one run.

    python benchmarks/families_store.py [--measures 1000000] [--store embedded|neo4j]
                                        [--chunk 100000] [--corpus ../shared/corpus/notices]

Generates notice records with planted near-copies and a notice text around the issues (the
formula sentences of every notice; graphkit.testing.synth; unique measures built from
the clauses of the real notices in ``--corpus`` when it exists, else from the phrase banks,
whose uniques are far closer to each other than real ones), ``--chunk`` measures at a time
while the load asks for them (`Generated`: the run never holds all records), into an empty
store, then times `rebuild_families` (read measures back, detect, write MeasureTemplate /
INSTANCE_OF / SIMILAR_TO in one transaction, the family index, the figures). Prints the time of
each phase (the load's without the generation's), measures/s, peak RSS of the load and of the
rebuild (and the phase of the rebuild it fell in, sampled every 0.1 s), the memory taken from
the machine, the embedded store's buffer pool in use, and the pairwise precision / recall of
the stored measure families against the planted ones.
Targets (issue 16): 1M measures from records to stored families in ≤ 150 s, ≤ 4 GB.

Measured before (2026-12-01, embedded, real clauses, all records generated first, LadybugDB's
buffer pool unbounded): 1,101,986 measures, load 104 s (4.0M elements), rebuild 87 s, records →
stored families 192 s; peak RSS 5.83 GB, reached while loading (the records and the store's
buffer pool, ~80 % of the machine's memory when LadybugDB is not told, which its connection
filled by ~100 MB a transaction); 4.26 GB taken from the machine; P 0.997, R 0.999.

Measured 2026-12-02, twice (commit 06fe0da with the bounded pool: 2 GB on this 24 GB machine,
records 100,000 measures at a time; a busy machine, load average 3.8–5.3 on 2 cores in the
second run, 4–12 in the first, from other jobs' tests and a Neo4j, so the times are not
comparable with the quiet ones above): 1,101,690 measures, load 349 s (487) without the
generation's 281 s (4.0M elements), rebuild 816 s (947): read measures 29 s, detect measures
243 s (normalize 79 s, lsh 90 s), sentences 68 s, write 16 s, write the family index 256 s;
records → stored families 1,164 s (1,434). Peak RSS of the load 1.82 GB (1.86; 5.83 GB before),
0.19 GB of the pool in use after it; of the rebuild 8.49 GB (8.50), in "write the family index"
(`incremental.build_index`, 3.0 GB above the 5.45 GB of the "write" before it; the pool held
1.74 GB at the end). Detection's own peaks: read measures 3.58 GB, normalize 4.90, lsh 5.08,
verify 5.04, all of detect measures 5.27 (the process with its forked workers 14.5–15.0 GB of
RSS in normalize and verify, pages shared by the fork counted in each). Taken from the machine
3.41 GB (6.38; other jobs' memory moved too); P 0.997, R 1.000. The load is now under 4 GB;
the rebuild is not: detection holds ~5.3 GB and the family index ~8.5 GB.

Measured 2026-12-02 again (79a4659, a quiet machine, load ~1): 1,101,690 measures, load 66 s
without the generation (127 s with it; 4.0M elements, 61k el/s, peak RSS 1.97 GB); rebuild 276 s
(read measures 7.5 s, detect measures 42.0 s, sentences 11.8 s, attribute sources 29.8 s, build
batch 11.1 s, write 22.2 s, write the family index 75.6 s); records -> stored families 342 s
(target 150 s: not met); peak RSS 11.49 GB in "write the family index" (8.49 GB at 06fe0da;
why it grew is not yet known), detection's own 5.46 GB (target 4 GB: not met); P 0.997, R 1.000.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import random
import resource
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _stores import empty_store  # benchmarks/_stores.py (this script's folder is on sys.path)

from graphkit import service
from graphkit.records import NoticeRecord
from graphkit.testing.synth import ClauseDeck

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


class Sampler:
    """Resident memory of this process and of its children every 0.1 s, and the phases of the
    rebuild (`graphkit.analysis.laps.Laps`, wrapped here) they fell in."""

    def __init__(self) -> None:
        import psutil

        from graphkit.analysis import laps

        self.me = psutil.Process()
        self.samples: list[tuple[float, int, int]] = []  # (time, own RSS, children's RSS)
        self.laps: list[tuple[str, float, float]] = []  # (phase, start, end)
        lap = laps.Laps.__call__

        def traced(inner: laps.Laps, phase: str) -> None:
            start = inner.t
            lap(inner, phase)
            self.laps.append((phase.strip(), start, inner.t))

        laps.Laps.__call__ = traced  # type: ignore[method-assign]
        self._stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.wait(0.1):
            kids = 0
            for c in self.me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    kids += c.memory_info().rss
            with contextlib.suppress(psutil.Error):
                self.samples.append((time.perf_counter(), self.me.memory_info().rss, kids))

    def phase(self, t: float) -> str:
        """The innermost phase running at `t`."""
        inside = [(end - start, name) for name, start, end in self.laps if start <= t <= end]
        if inside:
            return min(inside)[1]
        before = [(end, name) for name, _, end in self.laps if end < t]
        # after the rebuild's last lap: its figures (`refresh_figures`), untimed
        return f"after {max(before)[1]}" if before else "before the first phase"

    def peaks(self, since: float) -> str:
        own = max((s for s in self.samples if s[0] >= since), key=lambda s: s[1], default=None)
        both = max((s for s in self.samples if s[0] >= since), key=lambda s: s[1] + s[2], default=None)
        if own is None or both is None:
            return "no samples"
        return (
            f"own RSS {own[1] / 1024**3:.2f} GB in '{self.phase(own[0])}'; with its workers' "
            f"{(both[1] + both[2]) / 1024**3:.2f} GB in '{self.phase(both[0])}'"
        )

    def by_phase(self) -> dict[str, str]:
        """Each timed phase's peak: own RSS / with its workers', GB."""
        out: dict[str, str] = {}
        for name, start, end in self.laps:
            inside = [s for s in self.samples if start <= s[0] <= end]
            if inside:
                own = max(s[1] for s in inside) / 1024**3
                both = max(s[1] + s[2] for s in inside) / 1024**3
                out[name] = f"{own:.2f}/{both:.2f}"
        return out


def children_gb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measures", type=int, default=1_000_000)
    ap.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    ap.add_argument("--edit-rate", type=float, default=0.2)
    ap.add_argument(
        "--chunk", type=int, default=100_000, help="measures generated at a time (default 100,000)"
    )
    ap.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/notices"
    )
    args = ap.parse_args()
    clauses = None
    if args.corpus.is_dir():
        from graphkit.testing.synth import corpus_clauses

        clauses = corpus_clauses(args.corpus)
    print(f"unique measures from {'real clauses of ' + str(args.corpus) if clauses else 'the phrase banks'}")

    store = empty_store(args.store, "gk-fam-")
    if args.store == "embedded":
        print(f"[embedded] buffer pool {store.buffer_pool / 1024**3:.2f} GB (GRAPHKIT_BUFFER_POOL)")  # type: ignore[attr-defined]
    gen = Generated(args.measures, args.chunk, args.edit_rate, clauses)
    machine = MachineMemory() if Path("/proc/meminfo").exists() else None
    sampler = Sampler()
    phase_peak_gb()  # the load's peak from here
    t0 = time.perf_counter()
    # the service's load, detection held back so that its time and memory are measured apart;
    # the records are generated a chunk at a time as the load asks for them
    summary = service.load_records(store, gen.records(), families="never", notices_per_batch=2000).summary
    t1 = time.perf_counter()
    load = t1 - t0 - gen.seconds
    print(
        f"generated {gen.notices:,} notices, {gen.measures:,} measures in {gen.seconds:.0f} s, "
        f"{args.chunk:,} measures at a time, during the load",
        flush=True,
    )
    print(
        f"[{args.store}] loaded {summary.elements:,} elements in {load:.0f} s without the generation "
        f"({t1 - t0:.0f} s with it; {summary.elements / load:,.0f} el/s; peak RSS {phase_peak_gb():.2f} GB)"
        f"{_pool_use(store)}",
        flush=True,
    )
    report = service.rebuild_families(store)
    t2 = time.perf_counter()
    if report.measures != gen.measures:
        print(f"!! {gen.measures:,} measures generated, {report.measures:,} stored", flush=True)
    print(
        f"[{args.store}] families: {report.total():,} from {report.measures:,} measures in {t2 - t1:.0f} s "
        f"({report.measures / (t2 - t1):,.0f} measures/s); records → stored families {load + t2 - t1:.0f} s; "
        f"peak RSS of the rebuild {phase_peak_gb():.2f} GB, largest worker process {children_gb():.2f} GB, "
        f"of the whole run {max(_PEAKS):.2f} GB{_pool_use(store)}",
        flush=True,
    )
    print(f"peaks sampled in the rebuild (every 0.1 s): {sampler.peaks(t1)}")
    print("peak RSS by phase, own/with its workers' (GB):", sampler.by_phase())
    if machine:
        print(
            f"memory taken from the machine from load to stored families (this process, its workers, "
            f"the store): {machine.used_gb():.2f} GB"
        )
    print("by kind/scope:", dict(sorted(report.families.items())))
    print("phases (s):", report.timings)
    p, r = pairwise_quality(store, gen.truth)
    print(f"stored measure families vs planted: pairwise P {p:.3f} R {r:.3f}")
    with open("/proc/loadavg") as fh:
        print("load average at the end:", " ".join(fh.read().split()[:3]))
    store.close()


class Generated:
    """`graphkit.testing.synth.generate` a chunk at a time: each chunk of ~`chunk` measures is a
    corpus of its own (its own seed, units named apart, its own planted families), so the load
    never holds more than a chunk of records and the batches it builds.

    The chunks after the first deal their real clauses from a deck past its first pass
    (`_ContinuedDeck`): one generator deals the clauses, and the phrase banks' actions, verbatim
    on its first pass only, and so does this one over all its chunks. A new deck per chunk
    dealt them verbatim once per chunk: unrelated measures shared whole bank actions far more
    often than in one corpus (20k measures in chunks of 5,000: pairwise P 0.964 instead of 0.997).
    """

    def __init__(self, measures: int, chunk: int, edit_rate: float, clauses: list[str] | None) -> None:
        self.total, self.chunk, self.edit_rate, self.clauses = measures, chunk, edit_rate, clauses
        self.truth: list[list[str]] = []
        self.notices = self.measures = 0
        self.seconds = 0.0

    def records(self) -> Iterator[NoticeRecord]:
        from graphkit.testing import synth

        per_notice = 25
        done = 0
        for k in itertools.count():
            if done >= self.total:
                return
            t = time.perf_counter()
            size = min(self.chunk, self.total - done)
            deck, synth.ClauseDeck = synth.ClauseDeck, _ContinuedDeck if k else synth.ClauseDeck
            try:
                corpus = synth.generate(
                    n_units=max(2, size // per_notice),
                    measures_per_notice=(per_notice, per_notice),
                    notices_per_unit=(1, 1),
                    n_families=max(1, size // 40),
                    family_size=(2, 10),
                    edit_rate=self.edit_rate,
                    clauses=self.clauses,
                    with_text=True,
                    seed=k,
                )
            finally:
                synth.ClauseDeck = deck
            self.truth.extend(corpus.families)
            records, corpus = corpus.records, None
            for i, rec in enumerate(records):
                # numbered on from the chunks before (a notice's source names it: a second
                # synth#1 would replace the first), its units named apart (合成003批0000号区委)
                rec.source = f"synth#{self.notices + i + 1}"
                if k and rec.unit:
                    named = rec.unit.replace("合成", f"合成{k:03d}批", 1)
                    rec.text = rec.text.replace(rec.unit, named) if rec.text else rec.text
                    rec.unit = named
                self.measures += sum(1 for _ in _measures(rec.issues))
            self.notices += len(records)
            done += size
            self.seconds += time.perf_counter() - t
            records.reverse()
            while records:  # handed over one by one: the load holds what it has not written yet
                yield records.pop()


class _ContinuedDeck(ClauseDeck):
    """A `ClauseDeck` past its first pass: every clause it deals is respelled, and so is the
    bank action `make_measure` adds (as `generate`'s deck deals them after the first ~3,000
    measures of a corpus)."""

    def __init__(self, clauses: Sequence[str], rng: random.Random, respell: float = 0.3) -> None:
        super().__init__(clauses, rng, respell)
        self.cycle = 0  # the first shuffle makes it 1


def _pool_use(store) -> str:  # type: ignore[no-untyped-def]
    """The embedded store's buffer pool in use now (LadybugDB's `bm_info`)."""
    rows = getattr(store, "_rows", None)
    if rows is None:
        return ""
    limit, used = rows("CALL bm_info() RETURN *")[0]
    return f"; buffer pool in use {used / 1024**3:.2f} of {limit / 1024**3:.2f} GB"


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
