"""MinHash signatures and LSH banding, vectorised with numpy, compatible with datasketch.

Stage 2 and 3 of the pipeline (normalise → shingle → **MinHash → LSH buckets** → verify →
families). Signatures are the datasketch 2.x ``affine32`` MinHash of the 32-bit shingle hashes
(``MinHash(num_perm, seed, hashfunc=lambda h: h)`` fed with the same hashes gives the same
``hashvalues``, tested), but computed for all texts at once: one broadcast
``a * fmix32(h) + b`` over a block of shingles and a ``minimum.reduceat`` per text, run on all
cores by threads if asked (numpy releases the GIL): ~5 M shingles/s on one core.

Parameters and what they mean for results:

* ``num_perm`` (128): the signature length. The error of a Jaccard estimate is about
  ``sqrt(J(1-J)/num_perm)``, 0.044 at J = 0.5; more permutations sharpen the LSH S-curve.
* ``b`` bands of ``r`` rows (detection uses b = 64, r = 2 of 128; ``recycled.DetectParams``):
  two texts become candidates with probability ``1 - (1 - J**r)**b``: J = 0.1 → 0.47,
  0.15 → 0.77, 0.2 → 0.93, 0.3 → 1.00. Detection verifies with an alignment similarity
  (``verify.align_score ≥ 0.55``), and copies edited 20 % each that pass it have a trigram
  Jaccard with a 5th percentile of ~0.16, so few-row bands are needed: 32 bands of 4 rows
  find 17 % of the pairs above the threshold on 20 000 measures.
* ``min_agree`` (20): 2-row bands also collide by chance on pairs
  sharing one or two common shingles, and their number grows faster than the corpus; a band's
  pairs whose full signatures agree on fewer than 20 of 128 positions (estimated J < 0.16)
  are dropped as they are found (``agreement``).
* ``max_bucket`` (50): a bucket with more texts than this (a stock
  phrase shared by thousands) is linked as a chain through its members instead of all pairs,
  so the candidate list stays near-linear. The chain follows a hash of each text
  (``chain_order``), not where the text stands in the input: a notice added later finds the
  same chain again (``graphkit.analysis.incremental``).

Measured (20 000 generated measures among real clauses, copies edited 20 %; every pair scored
by brute force, 160–290 s on two cores; ``benchmarks/recycled.py --only lsh``): at
``align_score ≥ 0.55`` there are 16 492 exact pairs; 64×2 of 128, every shingle kept,
agreement ≥ 20, buckets ≤ 50 proposes 22 009 candidates and finds **98.8 %** of them in
~0.9 s (brute force 159 s: 182×); the one pair that only containment makes strong is among
the candidates.
Variants on one sample (recall at ≥ 0.55 / candidates): stop-shingles (held by > 100 texts)
dropped, agreement ≥ 12: 95.6 % / 27 561 — but a measure copied into more than ~100 notices
then loses the shingles its copies share, and its family falls apart. At ≥ 0.5, every
shingle kept: agreement ≥ 12 98.2 % / 154 603, ≥ 16 98.1 % / 98 868, ≥ 20 97.8 % / 60 820
(stop-shingles dropped, ≥ 12: 91.4 %). What none of them finds are copies whose edits left
almost no trigram intact (Jaccard < 0.1).

Spark: ``band_keys`` is a ``map`` (one row → b ``(band, key)`` records); ``candidate_pairs`` is
the ``groupBy((band, key))`` shuffle followed by a ``flatMap`` emitting the pairs of each bucket
and a ``distinct``. ``minhash_signatures`` works on any partition of rows independently.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from graphkit.analysis.arrays import unique_sorted
from graphkit.analysis.fmix import fmix

__all__ = [
    "NUM_PERM",
    "SEED",
    "THRESHOLD",
    "WEIGHTS",
    "agreement",
    "as_minhash",
    "band_keys",
    "candidate_pairs",
    "datasketch_index",
    "minhash_signatures",
]

NUM_PERM = 128
SEED = 1
THRESHOLD = 0.3
WEIGHTS = (0.05, 0.95)
_MAX32 = np.uint32(0xFFFFFFFF)


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def minhash_signatures(
    hashes: np.ndarray,
    offsets: np.ndarray,
    num_perm: int = NUM_PERM,
    seed: int = SEED,
    block: int = 1 << 13,
    workers: int = 1,
) -> np.ndarray:
    """MinHash signatures of many shingle sets (``hash_shingles`` output).

    Args:
        hashes: uint32 shingle hashes of all texts, concatenated.
        offsets: ``hashes[offsets[i]:offsets[i+1]]`` belong to text i.
        num_perm, seed: as datasketch ``MinHash`` (scheme ``affine32``).
        block: shingles per work unit (memory per thread: about ``block * num_perm * 4`` bytes).
        workers: threads. One by default: on this 2-core machine a second thread made it
            slower (the work is memory-bound; ``block`` is sized to stay in cache).

    Returns:
        ``(len(offsets)-1, num_perm)`` uint32; a text without shingles gets all ``2**32-1``.
    """
    a, b = _permutations(num_perm, seed)
    n_docs = len(offsets) - 1
    sigs = np.full((n_docs, num_perm), _MAX32, dtype=np.uint32)
    if n_docs == 0 or offsets[-1] == 0:
        return sigs
    # fmix32 of each block's shingles is taken in its task (not of all at once: three more
    # arrays the size of ``hashes``, 1 GB at a million measures).
    # Cut the texts into runs of about `block` shingles (a text is never split); one task each.
    cuts = unique_sorted(np.append(np.searchsorted(offsets, np.arange(0, offsets[-1], block)), n_docs))
    cuts = cuts[cuts <= n_docs]
    local = threading.local()

    def run(lo: int, hi: int) -> None:
        """Fill in the signatures of texts `lo` to `hi` (exclusive) with this thread's buffer."""
        s, e = int(offsets[lo]), int(offsets[hi])
        if e == s:
            return
        size = max(e - s, block)
        if getattr(local, "buf", None) is None or local.buf.shape[1] < size:
            local.buf = np.empty((num_perm, size), dtype=np.uint32)
        # Permutations along rows, shingles along columns: contiguous rows make the
        # min-reduction per text (reduceat over columns) fast.
        x = local.buf[:, : e - s]
        hv = fmix(hashes[s:e].astype(np.uint32), 32)
        with np.errstate(over="ignore"):
            np.multiply(a[:, None], hv[None, :], out=x)
            np.add(x, b[:, None], out=x)
        docs = np.arange(lo, hi)
        has = offsets[docs + 1] > offsets[docs]
        starts = offsets[docs[has]] - s
        sigs[docs[has]] = np.minimum.reduceat(x, starts, axis=1).T

    with ThreadPoolExecutor(max(workers, 1)) as pool:
        list(pool.map(lambda lh: run(*lh), itertools.pairwise(cuts.tolist())))
    return sigs


def band_keys(sigs: np.ndarray, b: int, r: int) -> np.ndarray:
    """One uint64 key per (text, band): equal keys ⇔ (up to 2**-64) equal band rows."""
    keys = np.zeros((len(sigs), b), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(b):
            h = np.full(len(sigs), np.uint64(j + 1) * np.uint64(0x9E3779B97F4A7C15), dtype=np.uint64)
            for k in range(j * r, (j + 1) * r):
                h = (h ^ sigs[:, k].astype(np.uint64)) * np.uint64(0x100000001B3)
                h ^= h >> np.uint64(29)
            keys[:, j] = h
    return keys


def text_hashes(texts: Sequence[str]) -> np.ndarray:
    """A stable 64-bit hash of each text (BLAKE2b): the order a big bucket's chain follows."""
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little") for t in texts),
        dtype=np.uint64,
        count=len(texts),
    )


def chain_order(members: np.ndarray, chain_key: np.ndarray | None) -> np.ndarray:
    """A big bucket's members in chain order: by ``chain_key`` (a hash of each text, so the
    chain does not depend on where a text stands in the input, and an incremental update finds
    it again), ties by index; by index without keys."""
    if chain_key is None:
        return np.sort(members)
    return members[np.lexsort((members, chain_key[members]))]


def _bucket_pairs(
    order: np.ndarray,
    starts: np.ndarray,
    sizes: np.ndarray,
    max_bucket: int,
    chain_key: np.ndarray | None = None,
) -> np.ndarray:
    small = sizes <= max_bucket
    out = []
    # All pairs inside small buckets.
    st, sz = starts[small], sizes[small]
    if len(st):
        per_elem = np.repeat(sz, sz) - 1 - (np.arange(sz.sum()) - np.repeat(np.cumsum(sz) - sz, sz))
        elem_pos = np.repeat(st, sz) + (np.arange(sz.sum()) - np.repeat(np.cumsum(sz) - sz, sz))
        left = np.repeat(elem_pos, per_elem)
        grp_start = np.repeat(np.cumsum(per_elem) - per_elem, per_elem)
        right = left + 1 + (np.arange(per_elem.sum()) - grp_start)
        out.append(np.stack([order[left], order[right]], axis=1))
    # A chain through each big bucket.
    for s, z in zip(starts[~small], sizes[~small], strict=True):
        members = chain_order(order[s : s + z], chain_key)
        out.append(np.stack([members[:-1], members[1:]], axis=1))
    return np.concatenate(out) if out else np.zeros((0, 2), dtype=np.int64)


def agreement(sigs: np.ndarray, pairs: np.ndarray, block: int = 100_000) -> np.ndarray:
    """For each pair, how many of the signature positions are equal (≈ Jaccard · num_perm)."""
    out = np.zeros(len(pairs), dtype=np.int16)
    for s in range(0, len(pairs), block):
        p = pairs[s : s + block]
        out[s : s + block] = (sigs[p[:, 0]] == sigs[p[:, 1]]).sum(axis=1)
    return out


def candidate_pairs(
    keys: np.ndarray,
    max_bucket: int = 200,
    sigs: np.ndarray | None = None,
    min_agree: int = 0,
    workers: int = 2,
    chain_key: np.ndarray | None = None,
) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of texts sharing a key in at least one band; sorted, unique.

    With ``sigs`` and ``min_agree``, a band's pairs whose whole signatures agree on fewer than
    ``min_agree`` positions (estimated Jaccard below ``min_agree / num_perm``) are dropped as
    they are found: few-row bands collide by chance on pairs sharing one or two common
    shingles, and this keeps the candidate list (and its memory) near-linear. Agreement is
    counted on the low 16 bits of each signature value: a superset of the full-width
    agreement (two values equal in 32 bits are equal in 16) that reads half the memory; the
    extra pairs are chance (2⁻¹⁶ per position; 95 more among 191 000 candidates of 330 000
    measures) and verification drops them. Bands are worked in ``workers`` threads (numpy
    releases the GIL in sorting and indexing). A bucket of more than ``max_bucket`` texts is a
    chain through its members in ``chain_order`` (by ``chain_key`` when given).
    """
    n = len(keys)
    # (no copy when given the low bits already: ``recycled`` keeps only those of its signatures)
    low = sigs.astype(np.uint16, copy=False) if sigs is not None and min_agree > 0 else None

    def band(j: int) -> np.ndarray:
        """Pair codes (`i * n + j`) of texts sharing a key in band `j`, sorted and unique."""
        col = np.ascontiguousarray(keys[:, j])
        order = np.argsort(col)
        sk = col[order]
        edge = np.flatnonzero(sk[1:] != sk[:-1]) + 1
        starts = np.concatenate([[0], edge])
        sizes = np.diff(np.concatenate([starts, [n]]))
        keep = sizes > 1
        if not keep.any():
            return np.zeros(0, dtype=np.int64)
        bp = _bucket_pairs(order, starts[keep], sizes[keep], max_bucket, chain_key)
        if low is not None and len(bp):
            bp = bp[agreement(low, bp) >= min_agree]
        bp = np.sort(bp, axis=1)
        return unique_sorted(bp[:, 0].astype(np.int64) * n + bp[:, 1])

    def bands(js: range) -> np.ndarray:
        """Pair codes of the bands `js`, merged (every 8 bands, to bound memory)."""
        found: list[np.ndarray] = []
        for j in js:
            found.append(band(j))
            if len(found) >= 8:
                found = [unique_sorted(np.concatenate(found))]
        return unique_sorted(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    nb = keys.shape[1]
    w = max(1, min(workers, nb))
    with ThreadPoolExecutor(w) as pool:
        parts = list(pool.map(bands, [range(k, nb, w) for k in range(w)]))
    code = unique_sorted(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    if not len(code):
        return np.zeros((0, 2), dtype=np.int64)
    return np.stack([code // n, code % n], axis=1)


def datasketch_index(
    sigs: np.ndarray,
    ids: Sequence[str],
    threshold: float = THRESHOLD,
    num_perm: int = NUM_PERM,
    seed: int = SEED,
    weights: tuple[float, float] = WEIGHTS,
) -> MinHashLSH:
    """A datasketch ``MinHashLSH`` holding the given signatures, for incremental queries.

    The bulk path (``band_keys`` + ``candidate_pairs``) is what detection uses; this index is
    for a store that adds measures one by one and asks "which known measures resemble this?".
    Query it with ``as_minhash(sig)``.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    with lsh.insertion_session() as session:
        for key, sig in zip(ids, sigs, strict=True):
            session.insert(key, as_minhash(sig, seed), check_duplication=False)
    return lsh


def as_minhash(sig: np.ndarray, seed: int = SEED) -> LeanMinHash:
    """A datasketch ``LeanMinHash`` with the given signature (scheme ``affine32``)."""
    return LeanMinHash(seed=seed, hashvalues=sig, scheme="affine32")
