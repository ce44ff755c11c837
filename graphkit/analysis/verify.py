"""Exact similarity of candidate pairs: alignment similarity of the normalised texts.

Stage 4 (normalise → shingle → MinHash → LSH → **verify** → families). LSH only proposes
pairs; each is re-scored exactly here, so the estimate error of MinHash never reaches the
families.

**Alignment similarity** (``align_score``, what detection uses): ``2·LCS / (|a| + |b|)`` of the
normalised texts (LCS = longest common subsequence; the Indel normalised similarity,
``rapidfuzz.fuzz.ratio / 100``). An edit of k characters moves it by about k / length, so it
degrades gently and linearly: copies edited independently at 20 % each score ≥ 0.58 in 999 of
1 000 pairs (median 0.72), at 30 % each ≥ 0.47 (median 0.61), while one edited character
destroys three trigrams of a shingle set. Measured (``benchmarks/recycled.py --only
similarity``) on the 1.16 M cross-unit pairs of the 13 real notices: p99 0.17, p99.9 0.24,
p99.99 0.32, and 5 pairs above 0.48. Thresholds:

* ``ALIGN_STRONG = 0.55``: an edge that may join a family (above all but a handful of real
  unrelated pairs; below the 0.1th percentile of 20 %-edited copies, 0.58). Not 0.5: on
  20 000 generated measures, 5.6 % of the pairs at ≥ 0.5 are two different measures built on
  one stock clause with another topic slotted in (``将安全生产监管作为党委理论学习中心组学习
  重要内容…`` / ``将旅游市场秩序作为…``), median 0.54; family precision on 100 000 measures is
  0.96 at 0.55 and 0.85 at 0.5, recall 0.999 at both, and on 20 %-edited copies 0.999;
* ``ALIGN_LINK = 0.47``: the floor every pair *inside* a family must reach (see ``families``),
  so two weak neighbours of one text are not glued.

**Containment** (``run_cover``, on in detection): a measure cut down from a longer one, or
copied into one, keeps whole phrases of it; the share of the shorter text covered by common
runs of ≥ ``ALIGN_RUN`` = 4 characters along the alignment, times ``ALIGN_CONTAINMENT_WEIGHT``
= 0.8, is its score when that is higher than the ratio (the shorter of ≥ 30 characters). So a
pair joins a family when runs cover ≥ 69 % of the shorter. Not plain ``LCS / shorter``: LCS
is a subsequence, so a short text against a much longer one finds most of its characters
scattered through it. Computed only where it could matter (ratio below
``ALIGN_STRONG`` and ``0.8 · LCS / shorter ≥ ALIGN_LINK``).

Shingle Jaccard (with shingle containment, strong 0.3, link 0.15) does not verify: trigram
Jaccard of copies edited 20 % each has a 5th percentile of ~0.16 (stop-shingles removed), and
the recall of such copies collapses with it.

Spark: scoring is a ``map`` over pairs after joining both rows' texts.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import LCSseq
from rapidfuzz.process import cdist

__all__ = [
    "ALIGN_CONTAINMENT_WEIGHT",
    "ALIGN_LINK",
    "ALIGN_MIN_CONTAINED",
    "ALIGN_RUN",
    "ALIGN_STRONG",
    "align_matrix",
    "align_pairs",
    "align_score",
    "run_cover",
]

ALIGN_STRONG = 0.55
ALIGN_LINK = 0.47
ALIGN_MIN_CONTAINED = 30
ALIGN_CONTAINMENT_WEIGHT = 0.8
ALIGN_RUN = 4


def align_score(a: str, b: str, containment: bool = False) -> float:
    """Alignment similarity of two normalised texts, in [0, 1].

    ``ratio = 2·LCS / (|a| + |b|)`` (the Indel normalised similarity, ``rapidfuzz.fuzz.ratio /
    100``): an edit of k characters lowers it by about k / length, so it degrades gently and
    linearly with edits, unlike shingle Jaccard, where one edited character destroys n
    shingles. With ``containment``, a text copied *into* a longer one, or cut down from it,
    also scores ``ALIGN_CONTAINMENT_WEIGHT · run_cover(a, b)`` when the shorter has at least
    ``ALIGN_MIN_CONTAINED`` characters; the score is the larger of the two.
    """
    if not a or not b:
        return 0.0
    lcs = LCSseq.similarity(a, b)
    ratio = 2 * lcs / (len(a) + len(b))
    small = min(len(a), len(b))
    if containment and _may_contain(lcs, small, ratio):
        return max(ratio, ALIGN_CONTAINMENT_WEIGHT * run_cover(a, b))
    return ratio


def run_cover(a: str, b: str, run: int = ALIGN_RUN) -> float:
    """Share of the shorter text covered by runs of at least ``run`` characters it has in
    common with the other, along their longest common subsequence.

    A shortened copy keeps whole phrases of its source, so its runs cover most of it (the
    体育局 and 文旅厅 驻厅纪检监察组 paragraphs: 0.73 and 0.89); two unrelated texts of very
    different lengths have a long common *subsequence* of scattered single characters, which
    runs do not count (why plain ``LCS / shorter`` does not serve).
    """
    if not a or not b:
        return 0.0
    blocks = LCSseq.opcodes(a, b).as_matching_blocks()
    return sum(m.size for m in blocks if m.size >= run) / min(len(a), len(b))


def _may_contain(lcs: float, small: float, ratio: float) -> bool:
    """Whether containment could lift a pair: the shorter is long enough, the ratio alone is
    not strong, and ``run_cover`` (at most ``LCS / shorter``) could reach the link floor."""
    return (
        small >= ALIGN_MIN_CONTAINED
        and ratio < ALIGN_STRONG
        and ALIGN_CONTAINMENT_WEIGHT * lcs / small >= ALIGN_LINK
    )


_TEXTS: Sequence[str] = ()


def _align_chunk(args: tuple[np.ndarray, bool]) -> np.ndarray:
    pairs, cont = args
    t = _TEXTS
    return np.fromiter(
        (align_score(t[a], t[b], cont) for a, b in pairs.tolist()), dtype=np.float64, count=len(pairs)
    )


def align_pairs(
    texts: Sequence[str], pairs: np.ndarray, containment: bool = False, processes: int | None = None
) -> np.ndarray:
    """``align_score`` of each pair of indices into ``texts`` (forked workers when many)."""
    global _TEXTS
    if len(pairs) == 0:
        return np.zeros(0)
    procs = processes if processes is not None else (os.cpu_count() or 1 if len(pairs) >= 200_000 else 1)
    _TEXTS = texts
    try:
        if procs <= 1:
            return _align_chunk((pairs, containment))
        step = 100_000
        chunks = [(pairs[s : s + step], containment) for s in range(0, len(pairs), step)]
        with multiprocessing.get_context("fork").Pool(procs) as pool:
            return np.concatenate(pool.map(_align_chunk, chunks))
    finally:
        _TEXTS = ()


def align_matrix(texts: Sequence[str], containment: bool = False) -> np.ndarray:
    """Dense ``align_score`` matrix of the given texts (diagonal 1)."""
    lcs = cdist(texts, texts, scorer=LCSseq.similarity, dtype=np.int32).astype(np.float64)
    ln = np.array([len(t) for t in texts], dtype=np.float64)
    tot = ln[:, None] + ln[None, :]
    sim = np.where(tot > 0, 2 * lcs / np.maximum(tot, 1), 0.0)
    if containment:
        small = np.minimum(ln[:, None], ln[None, :])
        may = (
            (small >= ALIGN_MIN_CONTAINED)
            & (sim < ALIGN_STRONG)
            & (ALIGN_CONTAINMENT_WEIGHT * lcs / np.maximum(small, 1) >= ALIGN_LINK)
        )
        for i, j in zip(*np.nonzero(np.triu(may, 1)), strict=True):
            cover = ALIGN_CONTAINMENT_WEIGHT * run_cover(texts[i], texts[j])
            sim[i, j] = sim[j, i] = max(sim[i, j], cover)
    np.fill_diagonal(sim, 1.0)
    return sim
