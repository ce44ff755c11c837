"""What the executors run: the project's own stage functions over Arrow record batches.

Each function here is given to ``DataFrame.mapInArrow``: it takes an iterator of
``pyarrow.RecordBatch`` and yields batches of the output schema named beside it. Inside, a
batch is turned into the numpy arrays and text lists the in-process pipeline works on and
handed to the same functions (``normalize``, ``hash_shingles``, ``minhash_signatures``,
``band_keys``, ``agreement``, ``align_pairs``, ``families.cluster``), so both engines compute
the same values. Each stage imports what it needs when it runs: Spark starts Python workers
afresh (an idle one is ended after a minute), and the MinHash stage's datasketch and scipy take
seconds to import. Rows are keyed by the index of the first item carrying their text (``key``):
it orders distinct texts as the in-process row numbers do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from pyspark.broadcast import Broadcast

Batches = Iterable[pa.RecordBatch]
BatchFn = Callable[[Batches], Iterable[pa.RecordBatch]]

NORMALIZED = "i long, norm string"
SIGNATURES = "key long, sig array<int>, h long"
BAND_ROWS = "band int, bkey long, key long"
LOW_BITS = "key long, low array<smallint>, h long"
CANDIDATES = "a long, b long"
STRONG = "a long, b long, score double, ta string, tb string"
CLUSTERS = "members array<long>, medoid long"


def _ints(col: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An int64 column as numpy."""
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.int64)


def _list_array(rows: np.ndarray, kind: pa.DataType) -> pa.ListArray:
    """A ``(k, w)`` matrix as an Arrow list column of k lists of w values."""
    k, w = rows.shape if rows.ndim == 2 else (0, 0)
    offsets = pa.array(np.arange(0, (k + 1) * w, max(w, 1), dtype=np.int32)[: k + 1])
    return pa.ListArray.from_arrays(offsets, pa.array(rows.reshape(-1), type=kind))


def _matrix(col: pa.Array, dtype: type[np.generic], width: int) -> np.ndarray:
    """An Arrow list column of equal-length lists as a ``(k, width)`` matrix of ``dtype``."""
    flat = np.asarray(col.flatten().to_numpy(zero_copy_only=False))
    return flat.view(dtype).reshape(-1, width)


def _field(structs: pa.Array, name: str) -> pa.Array:
    """One field of a struct column (``StructArray.field`` would ignore a slice's offset)."""
    return pc.struct_field(structs, name)


def normalize_rows(names_of: Broadcast[dict[str, list[str]]], min_chars: int) -> BatchFn:
    """``(i, text, unit)`` → ``NORMALIZED``: each item's normalised text with its unit's names
    (broadcast: unit → names) removed, short ones dropped (``recycled.normalize_all`` and
    ``_distinct_texts``)."""

    def run(batches: Batches) -> Iterator[pa.RecordBatch]:
        from graphkit.analysis.normalize import normalize

        names: Mapping[str, Sequence[str]] = names_of.value
        for b in batches:
            idx = _ints(b.column("i"))
            units = b.column("unit").to_pylist()
            norm = [
                normalize(t, tuple(names.get(u, ())))
                for t, u in zip(b.column("text").to_pylist(), units, strict=True)
            ]
            keep = [k for k, t in enumerate(norm) if len(t) >= min_chars]
            yield pa.RecordBatch.from_arrays(
                [pa.array(idx[keep], pa.int64()), pa.array([norm[k] for k in keep], pa.string())],
                names=["i", "norm"],
            )

    return run


def signature_rows(n: int, num_perm: int, seed: int) -> BatchFn:
    """``(key, norm)`` → ``SIGNATURES``: the MinHash signature of each distinct text's shingles,
    and the hash of the text a big bucket's chain is ordered by (``lsh.text_hashes``)."""

    def run(batches: Batches) -> Iterator[pa.RecordBatch]:
        from graphkit.analysis.lsh import minhash_signatures, text_hashes
        from graphkit.analysis.shingles import hash_shingles

        for b in batches:
            texts = b.column("norm").to_pylist()
            hashes, offsets = hash_shingles(texts, n)
            sigs = minhash_signatures(hashes, offsets, num_perm=num_perm, seed=seed)
            yield pa.RecordBatch.from_arrays(
                [
                    b.column("key"),
                    _list_array(sigs.view(np.int32), pa.int32()),
                    pa.array(text_hashes(texts).view(np.int64)),
                ],
                names=["key", "sig", "h"],
            )

    return run


def band_rows(num_perm: int, bands: int, rows: int) -> BatchFn:
    """``SIGNATURES`` → ``BAND_ROWS``: one record per (text, band) with the band's key."""

    def run(batches: Batches) -> Iterator[pa.RecordBatch]:
        from graphkit.analysis.lsh import band_keys

        for b in batches:
            keys = _ints(b.column("key"))
            bk = band_keys(_matrix(b.column("sig"), np.uint32, num_perm), bands, rows)
            yield pa.RecordBatch.from_arrays(
                [
                    pa.array(np.tile(np.arange(bands, dtype=np.int32), len(keys))),
                    pa.array(bk.reshape(-1).view(np.int64)),
                    pa.array(np.repeat(keys, bands)),
                ],
                names=["band", "bkey", "key"],
            )

    return run


def low_rows(num_perm: int) -> BatchFn:
    """``SIGNATURES`` → ``LOW_BITS``: the low 16 bits of each signature value, what
    ``lsh.candidate_pairs`` counts agreement on."""

    def run(batches: Batches) -> Iterator[pa.RecordBatch]:
        for b in batches:
            low = _matrix(b.column("sig"), np.uint32, num_perm).astype(np.uint16)
            yield pa.RecordBatch.from_arrays(
                [b.column("key"), _list_array(low.view(np.int16), pa.int16()), b.column("h")],
                names=["key", "low", "h"],
            )

    return run


def bucket_pairs(num_perm: int, max_bucket: int, min_agree: int) -> BatchFn:
    """Buckets ``(members: list<struct<key, low, h>>)`` → ``CANDIDATES``: all pairs of a bucket
    of at most ``max_bucket`` texts, a chain through a larger one's members in chain order, kept
    when their signatures agree on ``min_agree`` positions (``lsh.candidate_pairs``)."""

    def run(batches: Batches) -> Iterator[pa.RecordBatch]:
        from graphkit.analysis.lsh import _bucket_pairs, agreement

        for b in batches:
            col = b.column("members")
            sizes = np.asarray(pc.list_value_length(col).to_numpy(zero_copy_only=False), dtype=np.int64)
            flat = col.flatten()
            keys = _ints(_field(flat, "key"))
            low = _matrix(_field(flat, "low"), np.uint16, num_perm)
            chain = _ints(_field(flat, "h")).view(np.uint64)
            bucket = np.repeat(np.arange(len(sizes)), sizes)
            # members of each bucket in chain order (``lsh.chain_order``: by text hash, ties by
            # row, which keys order as rows are): a big bucket's chain follows their positions
            order = np.lexsort((keys, chain, bucket))
            keys, low = keys[order], low[order]
            starts = np.cumsum(sizes) - sizes
            pos = np.arange(len(keys))
            bp = _bucket_pairs(pos, starts[sizes > 1], sizes[sizes > 1], max_bucket)
            if len(bp) and min_agree > 0:
                bp = bp[agreement(low, bp) >= min_agree]
            a, b_ = keys[bp[:, 0]], keys[bp[:, 1]]
            yield pa.RecordBatch.from_arrays(
                [pa.array(np.minimum(a, b_)), pa.array(np.maximum(a, b_))], names=["a", "b"]
            )

    return run


def verify_pairs(containment: bool, strong: float) -> BatchFn:
    """``(a, b, ta, tb)`` → ``STRONG``: candidate pairs scored by ``verify.align_pairs``, those
    reaching ``strong`` kept with their texts."""

    def run(batches: Batches) -> Iterator[pa.RecordBatch]:
        from graphkit.analysis.verify import align_pairs

        for b in batches:
            ta, tb = b.column("ta").to_pylist(), b.column("tb").to_pylist()
            m = len(ta)
            idx = np.arange(m, dtype=np.int64)
            scores = align_pairs(ta + tb, np.stack([idx, idx + m], axis=1), containment, processes=1)
            keep = np.flatnonzero(scores >= strong)
            yield pa.RecordBatch.from_arrays(
                [
                    b.column("a").take(keep),
                    b.column("b").take(keep),
                    pa.array(scores[keep], pa.float64()),
                    pa.array([ta[k] for k in keep], pa.string()),
                    pa.array([tb[k] for k in keep], pa.string()),
                ],
                names=["a", "b", "score", "ta", "tb"],
            )

    return run


def cluster_components(params: Any) -> BatchFn:
    """Components ``(edges: list<struct<a, b, score, ta, tb>>)`` → ``CLUSTERS``.

    The components of one batch are clustered together by ``families.cluster``, their rows
    numbered in key order: components are disjoint and ``cluster`` treats each on its own
    (parts cut in row order inside a component, the sparse path following edges inside one),
    so this gives the clusters of the whole run. ``params`` is a ``recycled.DetectParams``.
    """

    def run(batches: Batches) -> Iterator[pa.RecordBatch]:
        for b in batches:
            if b.num_rows:
                yield _cluster_batch(b.column("edges").flatten(), params)

    return run


def _cluster_batch(edges: pa.Array, params: Any) -> pa.RecordBatch:
    """The clusters of the components whose strong edges (with their texts) are ``edges``."""
    from graphkit.analysis.recycled import cluster_texts

    a, b = _ints(_field(edges, "a")), _ints(_field(edges, "b"))
    scores = np.asarray(_field(edges, "score").to_numpy(zero_copy_only=False), dtype=np.float64)
    keys, first = np.unique(np.concatenate([a, b]), return_index=True)
    both = _field(edges, "ta").to_pylist() + _field(edges, "tb").to_pylist()
    texts = [both[k] for k in first.tolist()]
    pairs = np.stack([np.searchsorted(keys, a), np.searchsorted(keys, b)], axis=1)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))  # sorted, as candidate_pairs gives them
    pairs, scores = pairs[order], scores[order]
    found = cluster_texts(texts, pairs, scores, params, processes=1)
    return pa.RecordBatch.from_arrays(
        [
            pa.array([keys[np.asarray(m, dtype=np.int64)].tolist() for m, _ in found], pa.list_(pa.int64())),
            pa.array([int(keys[med]) for _, med in found], pa.int64()),
        ],
        names=["members", "medoid"],
    )
