"""Benchmarks of recycled-measure detection on synthetic notices.

    python benchmarks/recycled.py [--quick] [--only curve|lsh|scale|shingles]

1. curve: pairwise precision / recall of families against the planted truth at edit rates
   0–30 % (each copy edited independently at that rate).
2. lsh: recall of LSH candidates against exact all-pairs Jaccard (pairs ≥ STRONG) on a
   20 000-measure sample, and the speed ratio of the LSH path to brute force.
3. scale: 1 000 000 generated measures end to end (normalise → families): time, peak memory
   (RSS of the process, generation included), measures/s.
4. shingles: distribution of Jaccard for unrelated measures and for copies, n = 2, 3, 4.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import time

import numpy as np

from graphkit.analysis.items import items_from_records
from graphkit.analysis.lsh import NUM_PERM, band_keys, candidate_pairs, minhash_signatures
from graphkit.analysis.normalize import normalize
from graphkit.analysis.recycled import BANDS, MIN_STOP_DF, ROWS, STOP_SHARE, detect
from graphkit.analysis.shingles import hash_shingles
from graphkit.analysis.verify import STRONG, ShingleMatrix, score_pairs
from graphkit.synth import SELF_REFS, edit_text, generate, generate_items, instantiate, make_measure


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {p for g in groups for p in itertools.combinations(sorted(g), 2)}


def curve(quick: bool) -> None:
    print("== 1. families vs planted truth (pairwise), 60 units × ~50 measures, 150 families")
    print(f"{'edit':>5} {'P':>6} {'R':>6} {'F1':>6} {'items':>6} {'secs':>5}")
    for rate in (0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30):
        ps, rs = [], []
        t0 = time.perf_counter()
        for seed in (1,) if quick else (1, 2, 3):
            c = generate(n_units=60, n_families=150, edit_rate=rate, seed=seed)
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
    print(f"\n== 2. LSH recall vs exact all-pairs, {n} measures (30 % planted, edit 10 %)")
    items, _ = generate_items(n, edit_rate=0.1, seed=11)
    texts = list(dict.fromkeys(t for t in (normalize(it.text) for it in items) if len(t) >= 12))
    mat = ShingleMatrix.from_hashes(*hash_shingles(texts))
    mat = mat.drop_common(max(MIN_STOP_DF, int(STOP_SHARE * len(texts))))
    t0 = time.perf_counter()
    sigs = minhash_signatures(*mat.hashes())
    cand = candidate_pairs(band_keys(sigs, BANDS, ROWS))
    jac, _ = score_pairs(mat, cand)
    found = {tuple(p) for p in cand[jac >= STRONG].tolist()}
    t_lsh = time.perf_counter() - t0
    t0 = time.perf_counter()
    truth: set[tuple[int, int]] = set()
    rows, sizes = mat.rows, mat.sizes
    for s in range(0, len(texts), 2000):
        inter = (rows[s : s + 2000] @ rows.T).toarray()
        union = sizes[s : s + 2000, None] + sizes[None, :] - inter
        jm = np.where(union > 0, inter / np.maximum(union, 1), 0)
        a, b = np.nonzero(jm >= STRONG)
        a = a + s
        keep = a < b
        truth |= set(zip(a[keep].tolist(), b[keep].tolist(), strict=True))
    t_brute = time.perf_counter() - t0
    rec = len(found & truth) / max(len(truth), 1)
    print(f"bands×rows {BANDS}×{ROWS} of {NUM_PERM} perms, pairs J ≥ {STRONG}: exact {len(truth)}")
    print(f"LSH candidates {len(cand)}, recall {rec:.3f}")
    print(
        f"time LSH (minhash+bands+verify) {t_lsh:.2f}s, brute force {t_brute:.2f}s, ratio {t_brute / t_lsh:.1f}×"
    )
    print("(brute force grows as n², LSH as n: at 1M the ratio is ~50× larger still)")


def scale(quick: bool) -> None:
    n = 100_000 if quick else 1_000_000
    print(f"\n== 3. {n} measures end to end (edit 10 %, 30 % planted)")
    t0 = time.perf_counter()
    items, truth = generate_items(n, edit_rate=0.1, seed=5, units=max(2000, n // 50))
    print(f"generated in {time.perf_counter() - t0:.0f}s; RSS {_rss():.2f} GB")
    t0 = time.perf_counter()
    d = detect(items)
    dt = time.perf_counter() - t0
    print(
        f"detection {dt:.1f}s ({n / dt:,.0f} measures/s), distinct {d.n_distinct}, candidates {d.n_candidates}"
    )
    print(f"families {len(d.families)} (planted {len(truth)}); peak RSS {_rss():.2f} GB")
    pred, true = _pairs([[m.id for m in f.members] for f in d.families]), _pairs(truth)
    tp = len(pred & true)
    print(f"pairwise P {tp / max(len(pred), 1):.3f} R {tp / max(len(true), 1):.3f}")


def shingle_study(quick: bool) -> None:
    print("\n== 4. shingle size: Jaccard of unrelated measures vs copies (no stop-shingles)")
    rng = random.Random(5)
    uniq = [normalize(instantiate(make_measure(rng), rng, rng.choice(SELF_REFS))) for _ in range(1000)]
    for n in (2, 3, 4):
        m = ShingleMatrix.from_hashes(*hash_shingles(uniq, n))
        inter = (m.rows @ m.rows.T).toarray()
        iu = np.triu_indices(len(uniq), 1)
        j = inter[iu] / (m.sizes[iu[0]] + m.sizes[iu[1]] - inter[iu])
        line = f"n={n} unrelated p99.9 {np.quantile(j, 0.999):.3f}"
        for rate in (0.1, 0.2, 0.3):
            pairs = []
            for _ in range(300):
                t = make_measure(rng)
                pairs += [
                    normalize(edit_text(instantiate(t, rng, rng.choice(SELF_REFS)), rate, rng)) for _ in "ab"
                ]
            mm = ShingleMatrix.from_hashes(*hash_shingles(pairs, n))
            jj, _ = score_pairs(mm, np.arange(len(pairs)).reshape(-1, 2))
            line += f" | copies@{rate:.1f} p5 {np.quantile(jj, 0.05):.3f} med {np.median(jj):.3f}"
        print(line)


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", choices=["curve", "lsh", "scale", "shingles"])
    a = ap.parse_args()
    steps = {"curve": curve, "lsh": lsh_recall, "shingles": shingle_study, "scale": scale}
    for name, fn in steps.items():
        if a.only in (None, name):
            fn(a.quick)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
