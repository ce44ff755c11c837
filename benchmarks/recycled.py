"""Benchmarks of recycled-measure detection on synthetic notices.

    python benchmarks/recycled.py [--quick] [--only curve|lsh|scale|shingles|similarity]
                                  [--corpus DIR]

Unique and planted measures are built from the clauses of the real notices in ``--corpus``
(default: ``shared/corpus/notices`` beside the repository), dealt without replacement and
respelled after the first pass (``synth.ClauseDeck``); without a corpus, from the phrase banks.

1. curve: pairwise precision / recall of families against the planted truth at edit rates
   0–30 % (each copy edited independently at that rate).
2. lsh: recall of candidate generation (LSH + signature-agreement filter) against brute force
   of the verifying similarity itself (``verify.align_score ≥ ALIGN_STRONG`` over all pairs)
   on a 20 000-measure sample with copies edited at 20 %, and the speed ratio.
3. scale: 1 000 000 generated measures end to end (normalise → families): time, peak memory
   (RSS of the process, generation included), measures/s.
4. shingles: distribution of Jaccard for unrelated measures and for copies, n = 2, 3, 4 (where
   ``shingles.N`` comes from). Detection does not score Jaccard; ``_jaccard_pairs`` here does.
5. similarity: ``align_score`` of unrelated real measures of different units (all pairs of the
   corpus) against edited copies: where the threshold comes from.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from rapidfuzz.distance import LCSseq
from rapidfuzz.process import cdist

from graphkit.analysis.arrays import unique_inverse
from graphkit.analysis.items import items_from_records
from graphkit.analysis.lsh import band_keys, candidate_pairs, minhash_signatures
from graphkit.analysis.normalize import normalize
from graphkit.analysis.recycled import DetectParams, detect
from graphkit.analysis.shingles import hash_shingles
from graphkit.analysis.verify import (
    ALIGN_CONTAINMENT_WEIGHT,
    ALIGN_LINK,
    ALIGN_MIN_CONTAINED,
    ALIGN_STRONG,
    align_pairs,
    run_cover,
)
from graphkit.testing.synth import (
    SELF_REFS,
    ClauseDeck,
    corpus_clauses,
    edit_text,
    generate,
    generate_items,
    instantiate,
    make_measure,
)

CLAUSES: list[str] | None = None
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "notices"
PARAMS = DetectParams()


def _shingle_rows(texts: list[str], n: int) -> sp.csr_matrix:
    """Each text's distinct n-gram shingles (by hash) as a row of a 0/1 matrix."""
    hashes, offsets = hash_shingles(texts, n)
    _, cols = unique_inverse(hashes)
    doc = np.repeat(np.arange(len(texts)), np.diff(offsets))
    m = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), (doc, cols)), shape=(len(texts), cols.max() + 1))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


def _jaccard_pairs(m: sp.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    """Shingle Jaccard of each pair of rows of ``_shingle_rows``."""
    inter = np.asarray(m[pairs[:, 0]].multiply(m[pairs[:, 1]]).sum(axis=1)).ravel().round()
    sizes = np.diff(m.indptr)
    return inter / (sizes[pairs[:, 0]] + sizes[pairs[:, 1]] - inter)


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {p for g in groups for p in itertools.combinations(sorted(g), 2)}


def curve(quick: bool) -> None:
    print("== 1. families vs planted truth (pairwise), 60 units × ~50 measures, 150 families")
    print(
        f"   align_score strong {ALIGN_STRONG}, link {ALIGN_LINK}; {'real clauses' if CLAUSES else 'phrase banks'}"
    )
    print(f"{'edit':>5} {'P':>6} {'R':>6} {'F1':>6} {'items':>6} {'secs':>5}")
    for rate in (0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30):
        ps, rs = [], []
        t0 = time.perf_counter()
        for seed in (1,) if quick else (1, 2, 3):
            c = generate(n_units=60, n_families=150, edit_rate=rate, seed=seed, clauses=CLAUSES)
            items = items_from_records(c.records)
            fams = detect(items).families
            pred, true = _pairs([[m.id for m in f.members] for f in fams]), _pairs(c.families)
            tp = len(pred & true)
            ps.append(tp / len(pred) if pred else 1.0)
            rs.append(tp / len(true))
        p, r = float(np.mean(ps)), float(np.mean(rs))
        f1 = 2 * p * r / (p + r) if p + r else 0
        print(f"{rate:5.2f} {p:6.3f} {r:6.3f} {f1:6.3f} {len(items):6d} {time.perf_counter() - t0:5.1f}")


def lsh_recall(quick: bool) -> None:
    n = 5000 if quick else 20000
    print(
        f"\n== 2. candidate recall vs brute force of align_score ≥ {ALIGN_STRONG}, {n} measures (30 % planted, edit 20 %)"
    )
    items, _ = generate_items(n, edit_rate=0.2, seed=11, clauses=CLAUSES)
    texts = list(dict.fromkeys(t for t in (normalize(it.text) for it in items) if len(t) >= 12))
    t0 = time.perf_counter()
    p = PARAMS
    sigs = minhash_signatures(*hash_shingles(texts, p.n), num_perm=p.num_perm, seed=p.seed)
    cand = candidate_pairs(band_keys(sigs, p.bands, p.rows), p.max_bucket, sigs, p.min_agree)
    sc = align_pairs(texts, cand)
    found = set((cand[sc >= ALIGN_STRONG] @ np.array([len(texts), 1])).tolist())
    t_lsh = time.perf_counter() - t0
    t0 = time.perf_counter()
    truth: set[int] = set()
    contained: set[int] = set()  # pairs that only containment (verify.run_cover) makes strong
    ln = np.array([len(t) for t in texts], dtype=np.float64)
    for s in range(0, len(texts), 1000):
        lcs = cdist(texts[s : s + 1000], texts[s:], scorer=LCSseq.similarity, workers=-1, dtype=np.int32)
        sim = 2 * lcs / (ln[s : s + 1000, None] + ln[None, s:])
        a, b = np.nonzero(sim >= ALIGN_STRONG)
        keep = b > a
        truth |= set(((a[keep] + s) * len(texts) + (b[keep] + s)).tolist())
        small = np.minimum(ln[s : s + 1000, None], ln[None, s:])
        gate = (small >= ALIGN_MIN_CONTAINED) & (sim < ALIGN_STRONG)
        gate &= ALIGN_CONTAINMENT_WEIGHT * lcs / np.maximum(small, 1) >= ALIGN_STRONG
        for i, j in zip(*np.nonzero(gate), strict=True):
            if (
                j + s > i + s
                and ALIGN_CONTAINMENT_WEIGHT * run_cover(texts[i + s], texts[j + s]) >= ALIGN_STRONG
            ):
                contained.add(int((i + s) * len(texts) + (j + s)))
    t_brute = time.perf_counter() - t0
    rec = len(found & truth) / max(len(truth), 1)
    print(
        f"bands×rows {p.bands}×{p.rows} of {p.num_perm} perms, agreement ≥ {p.min_agree}, buckets ≤ {p.max_bucket}"
    )
    print(
        f"exact pairs {len(truth)}; candidates {len(cand)} ({len(cand) / max(len(truth), 1):.1f}× exact), recall {rec:.4f}"
    )
    cand_codes = set((cand @ np.array([len(texts), 1])).tolist())
    print(
        f"pairs strong by containment only (runs cover ≥ {ALIGN_STRONG / ALIGN_CONTAINMENT_WEIGHT:.2f} of "
        f"the shorter): {len(contained)}, among the candidates {len(contained & cand_codes) / max(len(contained), 1):.4f}"
    )
    print(f"time candidates+verify {t_lsh:.1f}s, brute force {t_brute:.1f}s, ratio {t_brute / t_lsh:.0f}×")


def scale(quick: bool) -> None:
    n = 100_000 if quick else 1_000_000
    print(f"\n== 3. {n} measures end to end (edit 20 %, 30 % planted)")
    t0 = time.perf_counter()
    items, truth = generate_items(n, edit_rate=0.2, seed=5, units=max(2000, n // 50), clauses=CLAUSES)
    print(f"generated in {time.perf_counter() - t0:.0f}s; RSS {_rss():.2f} GB")
    t0, c0 = time.perf_counter(), _cpu()
    d = detect(items)
    dt, dc = time.perf_counter() - t0, _cpu() - c0
    print(
        f"detection {dt:.1f}s ({n / dt:,.0f} measures/s), distinct {d.n_distinct}, candidates {d.n_candidates}"
    )
    print(f"CPU time of detection {dc:.0f}s (this process and its workers; wall {dt:.0f}s)")
    print(f"stages {d.timings}")
    print(f"families {len(d.families)} (planted {len(truth)}); peak RSS {_rss():.2f} GB")
    pred, true = _pairs([[m.id for m in f.members] for f in d.families]), _pairs(truth)
    tp = len(pred & true)
    print(f"pairwise P {tp / max(len(pred), 1):.3f} R {tp / max(len(true), 1):.3f}")


def shingle_study(quick: bool) -> None:
    print("\n== 4. shingle size: Jaccard of unrelated measures vs copies (no stop-shingles)")
    rng = random.Random(5)
    uniq = [normalize(instantiate(make_measure(rng), rng, rng.choice(SELF_REFS))) for _ in range(1000)]
    for n in (2, 3, 4):
        m = _shingle_rows(uniq, n)
        inter = (m @ m.T).toarray()
        iu = np.triu_indices(len(uniq), 1)
        sizes = np.diff(m.indptr)
        j = inter[iu] / (sizes[iu[0]] + sizes[iu[1]] - inter[iu])
        line = f"n={n} unrelated p99.9 {np.quantile(j, 0.999):.3f}"
        for rate in (0.1, 0.2, 0.3):
            pairs = []
            for _ in range(300):
                t = make_measure(rng)
                pairs += [
                    normalize(edit_text(instantiate(t, rng, rng.choice(SELF_REFS)), rate, rng)) for _ in "ab"
                ]
            jj = _jaccard_pairs(_shingle_rows(pairs, n), np.arange(len(pairs)).reshape(-1, 2))
            line += f" | copies@{rate:.1f} p5 {np.quantile(jj, 0.05):.3f} med {np.median(jj):.3f}"
        print(line)


def similarity_study(quick: bool) -> None:
    print("\n== 5. align_score: unrelated real measures of different units vs edited copies")
    if not CORPUS.exists():
        print(f"(no corpus at {CORPUS})")
        return
    from graphkit.parse import parse_notice

    recs = [parse_notice(p.read_text(encoding="utf-8"), str(p)) for p in sorted(CORPUS.glob("*.txt"))]
    its = [it for it in items_from_records(recs) if len(normalize(it.text)) >= 12]
    texts = [normalize(it.text) for it in its]
    units = np.array([it.unit for it in its])
    ln = np.array([len(t) for t in texts], dtype=np.float64)
    lcs = cdist(texts, texts, scorer=LCSseq.similarity, workers=-1, dtype=np.int32)
    sim = 2 * lcs / (ln[:, None] + ln[None, :])
    iu = np.triu_indices(len(texts), 1)
    v = sim[iu][units[iu[0]] != units[iu[1]]]
    q = np.quantile(v, [0.99, 0.999, 0.9999])
    print(
        f"real, {len(v)} cross-unit pairs: p99 {q[0]:.3f} p99.9 {q[1]:.3f} p99.99 {q[2]:.3f} max {v.max():.3f}"
    )
    print(f"  pairs ≥ {ALIGN_STRONG}: {(v >= ALIGN_STRONG).sum()}, ≥ {ALIGN_LINK}: {(v >= ALIGN_LINK).sum()}")
    rng = random.Random(3)
    deck = ClauseDeck(CLAUSES, rng) if CLAUSES else None
    for rate in (0.1, 0.2, 0.25, 0.3):
        ss = []
        for _ in range(300 if quick else 1000):
            t = make_measure(rng, deck)
            a, b = (normalize(edit_text(instantiate(t, rng, rng.choice(SELF_REFS)), rate, rng)) for _ in "ab")
            ss.append(2 * LCSseq.similarity(a, b) / max(len(a) + len(b), 1))
        q = np.quantile(ss, [0.001, 0.01, 0.05, 0.5])
        print(f"copies edited {rate:.2f} each: p0.1 {q[0]:.3f} p1 {q[1]:.3f} p5 {q[2]:.3f} median {q[3]:.3f}")


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> None:
    global CLAUSES
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", choices=["curve", "lsh", "scale", "shingles", "similarity"])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of real notices (*.txt)")
    a = ap.parse_args()
    if a.corpus.exists():
        CLAUSES = corpus_clauses(a.corpus)
    steps = {
        "curve": curve,
        "similarity": similarity_study,
        "lsh": lsh_recall,
        "shingles": shingle_study,
        "scale": scale,
    }
    for name, fn in steps.items():
        if a.only in (None, name):
            fn(a.quick)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
