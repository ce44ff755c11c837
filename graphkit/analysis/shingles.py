"""Character n-gram shingles of normalised texts, as Python sets or as flat numpy arrays.

Chinese has no spaces, so a measure is shingled into overlapping character n-grams of its
normalised text (``normalize``). The choice of n was measured on synthetic notices
(``benchmarks/recycled.py --only shingles``; 2 000 unique measures with the same boilerplate
vocabulary as real ones, and planted copies edited at 0–30 %):

====  ===========================  ================================  =================
 n    unrelated pairs, 99.9th pct   copies edited 20 %, 5th pct       gap
====  ===========================  ================================  =================
 2    0.22                          0.45                              narrow: common
                                                                      two-character words
                                                                      (整改, 落实, 制度)
                                                                      make unrelated
                                                                      measures look alike
 3    0.12                          0.38                              widest
 4    0.08                          0.31                              copies fall apart
                                                                      faster than noise
====  ===========================  ================================  =================

so ``N = 3``: trigrams are the shortest shingles that no longer match on single common
words, and the edit noise has not yet eaten the signal (each edited character destroys up to
three trigrams). The figures in the table are re-printed by the benchmark.

Shingles are hashed to 32 bits with a fixed, seed-free function (``shingle_hash``), so the
same text gives the same hashes in every process and on every machine, and the vectorised
path (``hash_shingles``) gives exactly the values of the per-string path.

Spark: shingling is a per-row ``map``; ``hash_shingles`` is the vectorised form one executor
would run over a partition.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from graphkit.analysis.fmix import fmix

__all__ = ["N", "hash_shingles", "shingle_hash", "shingles"]

N = 3
_P = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
_M64 = (1 << 64) - 1


def shingles(text: str, n: int = N) -> set[str]:
    """The set of character n-grams of ``text``; a non-empty text shorter than n is one shingle."""
    if not text:
        return set()
    if len(text) <= n:
        return {text}
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def shingle_hash(shingle: str, n: int = N) -> int:
    """32-bit hash of one shingle (identical to what ``hash_shingles`` computes).

    A shingle shorter than n (only a whole short text is) is padded with NUL to n characters.
    """
    codes = np.zeros(max(len(shingle), n), dtype=np.uint64)
    codes[: len(shingle)] = [ord(c) for c in shingle]
    return int(_combine([codes[i : i + 1] for i in range(len(codes))])[0])


def _combine(cols: list[np.ndarray]) -> np.ndarray:
    h = np.zeros(len(cols[0]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k, c in enumerate(cols):
            h = (h + c.astype(np.uint64) + np.uint64(k + 1)) * _P[k % 3]
        return (fmix(h, 64) >> np.uint64(32)).astype(np.uint32)


def hash_shingles(texts: Sequence[str], n: int = N, block: int = 50_000) -> tuple[np.ndarray, np.ndarray]:
    """Hash the n-gram shingles of many texts at once.

    Returns:
        ``(hashes, offsets)``: ``hashes[offsets[i]:offsets[i+1]]`` are the uint32 hashes of
        text i's shingles, in text order, duplicates kept (MinHash does not care). An empty text has no shingles; a non-empty text shorter than n
        has one, the text padded with NUL (as ``shingle_hash`` of the short text).

    Texts are hashed ``block`` at a time: the index arrays of one pass take ~40 bytes per
    shingle, which for a million measures at once was 5 GB above the result (measured).
    """
    lens = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    counts = np.where(lens == 0, 0, np.maximum(lens - n + 1, 1))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    hashes = np.zeros(int(offsets[-1]), dtype=np.uint32)
    for s in range(0, len(texts), block):
        e = min(s + block, len(texts))
        local = offsets[s : e + 1] - offsets[s]
        hashes[offsets[s] : offsets[e]] = _hash_block(texts[s:e], lens[s:e], counts[s:e], local, n)
    return hashes, offsets


def _hash_block(
    texts: Sequence[str], lens: np.ndarray, counts: np.ndarray, offsets: np.ndarray, n: int
) -> np.ndarray:
    if offsets[-1] == 0:
        return np.zeros(0, dtype=np.uint32)
    pad = "\0" * (n - 1)
    joined = pad.join(texts) + pad
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    # Start of each text in `joined`, then the start position of every shingle.
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lens[:-1] + (n - 1), out=starts[1:])
    doc = np.repeat(np.arange(len(texts)), counts)
    pos = starts[doc] + (np.arange(offsets[-1]) - offsets[doc])
    cols = [codes[pos + k] for k in range(n)]
    # A text shorter than n hashes as the text padded with NUL, like shingle_hash.
    return _combine(cols)
