"""LSH band keys on disk: which rows share a bucket, found without holding the corpus in memory.

A segment is the band keys of some rows, sorted once per band: ``<name>.keys.npy`` (bands × n,
uint64, each band's keys ascending) and ``<name>.rows.npy`` (bands × n, the row of each sorted
key). Both are memory-mapped, so finding the members of a few buckets reads a few pages per band
(two binary searches), whatever the size of the corpus. A full rebuild writes one segment of
every row; each incremental update appends a small segment of the rows it creates (a row's text
never changes, so neither do its keys; a row whose items are all gone stays in its segment and
is filtered out by the caller as dead).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["BandSegments", "merge_segments", "write_segment"]


def write_segment(folder: Path, name: str, rows: np.ndarray, keys: np.ndarray) -> None:
    """Write the segment ``name`` of ``rows`` (n) and their band ``keys`` (n × bands)."""
    folder.mkdir(parents=True, exist_ok=True)
    keys_t = np.ascontiguousarray(keys.T)
    order = np.argsort(keys_t, axis=1, kind="stable")
    sorted_keys = np.take_along_axis(keys_t, order, axis=1)
    sorted_rows = rows.astype(np.int64)[order]
    np.save(folder / f"{name}.keys.npy", sorted_keys)
    np.save(folder / f"{name}.rows.npy", sorted_rows)


def merge_segments(folder: Path, names: list[str], name: str) -> None:
    """Write the segment ``name`` holding the rows of the segments ``names`` (each band's keys
    merged in order); the caller lists it in their place, then removes their files."""
    parts = [(np.load(folder / f"{n}.keys.npy"), np.load(folder / f"{n}.rows.npy")) for n in names]
    keys = np.concatenate([k for k, _ in parts], axis=1)
    rows = np.concatenate([r for _, r in parts], axis=1)
    order = np.argsort(keys, axis=1, kind="stable")
    np.save(folder / f"{name}.keys.npy", np.take_along_axis(keys, order, axis=1))
    np.save(folder / f"{name}.rows.npy", np.take_along_axis(rows, order, axis=1))


class BandSegments:
    """The segments an index lists, memory-mapped, answering "which rows hold this key"."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self._segs = [
            (
                np.load(folder / f"{n}.keys.npy", mmap_mode="r"),
                np.load(folder / f"{n}.rows.npy", mmap_mode="r"),
            )
            for n in names
        ]

    def members(self, band: int, keys: np.ndarray) -> list[np.ndarray]:
        """For each key of ``keys``, every row whose key in ``band`` equals it (any segment)."""
        found: list[list[np.ndarray]] = [[] for _ in range(len(keys))]
        for sk, sr in self._segs:
            if not sk.shape[1]:
                continue
            col = np.asarray(sk[band]).view(np.ndarray)  # plain views: a memmap slice is slow
            lo = np.searchsorted(col, keys, side="left")
            hi = np.searchsorted(col, keys, side="right")
            hit = np.flatnonzero(hi > lo)
            if not len(hit):
                continue
            counts = hi[hit] - lo[hit]
            starts = np.repeat(lo[hit] - np.cumsum(counts) + counts, counts)
            idx = starts + np.arange(counts.sum())
            rows = np.asarray(sr[band]).view(np.ndarray)[idx]
            for q, part in zip(hit.tolist(), np.split(rows, np.cumsum(counts)[:-1]), strict=True):
                found[q].append(part)
        return [
            np.concatenate(f) if len(f) > 1 else f[0] if f else np.zeros(0, dtype=np.int64) for f in found
        ]
