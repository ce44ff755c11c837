"""Recycled measures: copied, near-copied and reused rectification measures.

The public API. Detection runs on plain ``MeasureItem``s (from records via
``items_from_records``, or from a store), independent of any database:

    items = items_from_records(records)
    fams = find_recycled(items, scope="across-units")
    [f.to_dict() for f in fams]            # largest spread first
    originality(items, fams)               # per unit: share of measures not shared with others

Pipeline, one pure function per stage (module in brackets); ``DetectParams`` holds the
tuning, each field with what it means for results:

1. normalise each text [normalize] and drop texts shorter than ``min_chars`` (stock phrases
   of a few characters say nothing about reuse); identical normalised texts are collapsed to
   one row (exact copies need no LSH);
2. shingle the distinct texts into character trigrams [shingles];
3. MinHash signatures (128) and LSH banding, 64 bands of 2 rows, keeping pairs whose whole
   signatures agree on ≥ ``min_agree`` positions → candidate pairs [lsh];
4. exact alignment similarity (``verify.align_score``) of candidate pairs [verify];
5. components over strong edges, split by complete-link floor, medoid as text [families];
6. expand rows back to items and cut families to the requested scope (here).

Scopes (a family is found once over all items, then read three ways):

* ``across-units``: families whose members belong to ≥ 2 units (all members kept);
* ``within-unit``: the members of one unit in one notice, when they answer ≥ 2 issues (one
  measure written under several problems);
* ``across-notices``: the members of one unit, when they stand in ≥ 2 of its notices.

Spark / 10M+: stage 1–2 are ``map``s; 3 is ``map`` (band keys) + shuffle (group by band key) +
``flatMap`` (bucket pairs) + ``distinct``; 4 is a join of pairs with their texts + ``map``;
5 is GraphFrames connected components + ``groupBy(component)`` local clustering; 6 is a
``map`` over families. Every stage here takes and returns arrays, so each maps to one job.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graphkit.analysis.families import cluster
from graphkit.analysis.items import MeasureItem, items_from_records
from graphkit.analysis.laps import Laps
from graphkit.analysis.lsh import NUM_PERM, SEED, band_keys, candidate_pairs, minhash_signatures, text_hashes
from graphkit.analysis.normalize import NameStripper
from graphkit.analysis.scopes import SCOPES, Scope
from graphkit.analysis.shingles import N, hash_shingles
from graphkit.analysis.verify import ALIGN_LINK, ALIGN_STRONG, align_matrix, align_pairs
from graphkit.fields import field_dict

__all__ = [
    "SCOPES",
    "DetectParams",
    "Detection",
    "Family",
    "MeasureItem",
    "detect",
    "find_recycled",
    "items_from_records",
    "originality",
    "scope_families",
]


@dataclass(frozen=True)
class DetectParams:
    """The tuning of detection, with the defaults detection was measured with.

    Attributes:
        min_chars: normalised texts shorter than this are ignored: stock phrases of a few
            characters say nothing about reuse.
        n: shingle size in characters (``shingles``: trigrams separate copies from unrelated
            texts best).
        num_perm: MinHash signature length (``lsh``).
        bands, rows: LSH shape, ``bands * rows <= num_perm``. Two texts become candidates
            with probability ``1 - (1 - J**rows)**bands``; 64 bands of 2 rows reach copies
            edited 20 % each, whose trigram Jaccard has a 5th percentile of ~0.16 (``lsh``).
        seed: the MinHash permutations' seed (as datasketch's).
        min_agree: a band's pairs whose signatures agree on fewer than this many of
            ``num_perm`` positions (estimated Jaccard < 0.16) are dropped as they are found,
            which keeps the candidate list near-linear (``lsh.candidate_pairs``). Every
            shingle is kept, common ones too: without the shingles held by more than a few
            dozen texts, a measure copied into more notices than that loses exactly its
            common shingles and its family falls apart (of 150 planted copies among 20 000
            measures the largest family found held 4; with every shingle kept, all 150, and
            400 of 400).
        max_bucket: a bucket with more texts than this (a stock phrase shared by thousands)
            is linked as a chain through its members instead of all pairs.
        strong: the alignment similarity at which a verified pair may join a family
            (``verify.ALIGN_STRONG``).
        link: the floor every pair inside a family must reach, so two weak neighbours of one
            text are not glued (``verify.ALIGN_LINK``; ``families``).
        containment: a text copied into a longer one, or cut down from it, also scores by
            the share of the shorter covered by common runs of ≥ 4 characters
            (``verify.run_cover``). On the real corpus it adds three families, all true
            reuse: shortened copies of 驻厅纪检监察组 paragraphs between 体育局 and 文旅厅
            (align 0.41–0.51, runs cover 0.73–0.89); on the generator it changes nothing
            (edits 0–30 %, and 300k measures: P 0.998, R 0.999 either way, +2 % time). Plain
            ``LCS / shorter`` would glue unrelated texts of very different lengths through
            scattered common characters.
        sparse_above: components larger than this are clustered on the sparse graph of
            strong edges (``families.cluster``), not on a dense matrix of the component.
    """

    min_chars: int = 12
    n: int = N
    num_perm: int = NUM_PERM
    bands: int = 64
    rows: int = 2
    seed: int = SEED
    min_agree: int = 20
    max_bucket: int = 50
    strong: float = ALIGN_STRONG
    link: float = ALIGN_LINK
    containment: bool = True
    sparse_above: int = 300


@dataclass
class Family:
    """A group of measures (or headlines, documents, sentences) that are one text reused."""

    id: str
    kind: str
    scope: str
    text: str
    members: list[MeasureItem]
    units: list[str]
    size: int
    pairs: list[tuple[str, str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The family as JSON-ready values (the verified pairs left out)."""
        return field_dict(self, "id kind scope text units size", measures=[m.to_dict() for m in self.members])


def family_id(kind: str, scope: str, member_ids: Iterable[str]) -> str:
    """Stable id from the kind, scope and the least member id (its anchor).

    A member is in one family of a kind and scope, so the anchor names the family among them,
    and every detection over the same store gives the same id. The id survives members joining
    or leaving as long as the anchor stays: an update that adds a notice to a family of 40,000
    notices then changes a few of its edges instead of writing it again (store format 5; the ids
    were a hash of every member before).
    """
    digest = hashlib.sha1(min(member_ids).encode("utf-8")).hexdigest()[:12]
    return f"{kind}:{scope}:{digest}"


_NORMALIZE: tuple[Sequence[MeasureItem], NameStripper] | None = None  # what forked workers read


def _normalize_range(span: tuple[int, int]) -> list[str]:
    assert _NORMALIZE is not None
    items, strip = _NORMALIZE
    seen: dict[str, str] = {}  # texts repeated in the span (sentences of many notices): once
    return [strip.normalize(it.text, it.unit, seen) for it in items[span[0] : span[1]]]


def normalize_all(
    items: Sequence[MeasureItem],
    names: Mapping[str, Sequence[str]] | None = None,
    processes: int | None = None,
) -> list[str]:
    """``normalize`` every item's text (with its unit's names); in worker processes when many
    (forked: they read the items and names from this process, and send back only the texts)."""
    global _NORMALIZE
    strip = NameStripper(names)
    procs = processes if processes is not None else (os.cpu_count() or 1 if len(items) >= 50_000 else 1)
    if procs <= 1:
        seen: dict[str, str] = {}
        return [strip.normalize(it.text, it.unit, seen) for it in items]
    step = 20_000
    _NORMALIZE = (items, strip)
    try:
        with multiprocessing.get_context("fork").Pool(procs) as pool:
            spans = [(s, min(s + step, len(items))) for s in range(0, len(items), step)]
            return [t for part in pool.imap(_normalize_range, spans) for t in part]
    finally:
        _NORMALIZE = None


@dataclass
class Detection:
    """Families over all items (scope ``all``), before cutting to a scope."""

    families: list[Family]
    n_items: int
    n_distinct: int
    n_candidates: int
    timings: dict[str, float] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # the distinct normalised texts compared
    kept: Intermediates | None = None  # with ``detect(keep=True)``: what an index is built from


@dataclass
class Intermediates:
    """What detection computed on the way, kept for the incremental index
    (``graphkit.analysis.incremental``): the normalised text of each item, the items each
    distinct text (row) stands for, each row's LSH band keys and the strong verified pairs."""

    norm: list[str]
    groups: list[list[int]]
    keys: np.ndarray  # rows × bands, uint64
    strong_pairs: np.ndarray  # (k, 2) row pairs, i < j
    strong_scores: np.ndarray


def _make_family(
    kind: str, scope: str, members: list[MeasureItem], text: str, pairs: list[tuple[str, str, float]]
) -> Family:
    members = sorted(members, key=lambda m: (m.unit, m.notice, m.id))
    units = sorted({m.unit for m in members})
    ids = {m.id for m in members}
    return Family(
        id=family_id(kind, scope, ids),
        kind=kind,
        scope=scope,
        text=text,
        members=members,
        units=units,
        size=len(members),
        pairs=[p for p in pairs if p[0] in ids and p[1] in ids],
    )


def detect(
    items: Sequence[MeasureItem],
    *,
    kind: str = "measure",
    names: Mapping[str, Sequence[str]] | None = None,
    params: DetectParams | None = None,
    keep: bool = False,
) -> Detection:
    """Find families of near-identical texts among ``items`` (all scopes at once).

    Args:
        items: the texts with their unit, notice and issue ids.
        kind: the family kind written into ids (``measure``, ``headline``, ``document``,
            ``sentence``).
        names: unit id → the unit's own names, removed before comparing (optional).
        params: the tuning (``DetectParams()`` when None).
        keep: keep the intermediates an incremental index is built from (``Detection.kept``).

    Returns:
        The families (scope ``all``), widest spread first, with counts and seconds per stage.
    """
    p = params or DetectParams()
    lap = Laps()
    norm = normalize_all(items, names)
    texts, groups = _distinct_texts(norm, p.min_chars)
    lap("normalize")
    kept: list[np.ndarray] = []
    pairs = _candidate_pairs(texts, p, lap, kept if keep else None)
    scores = align_pairs(texts, pairs, p.containment)
    lap("verify")
    clusters = _cluster(texts, groups, pairs, scores, p)
    lap("families")
    strong = scores >= p.strong
    families = _families(items, groups, clusters, pairs[strong], scores[strong], kind)
    lap("output")
    det = Detection(families, len(items), len(texts), len(pairs), lap.timings, texts)
    if keep:
        keys = kept[0] if kept else np.zeros((len(texts), p.bands), dtype=np.uint64)
        det.kept = Intermediates(norm, groups, keys, pairs[strong], scores[strong])
    return det


def _distinct_texts(norm: Sequence[str], min_chars: int) -> tuple[list[str], list[list[int]]]:
    """Identical normalised texts collapsed to one row: row r is ``texts[r]``, standing for the
    items ``groups[r]`` (exact copies need no LSH); texts shorter than ``min_chars`` go."""
    distinct: dict[str, list[int]] = {}
    for i, t in enumerate(norm):
        if len(t) >= min_chars:
            distinct.setdefault(t, []).append(i)
    return list(distinct), list(distinct.values())


def signatures(texts: Sequence[str], p: DetectParams, block: int = 50_000) -> np.ndarray:
    """MinHash signatures of the texts' shingles (rows × ``num_perm``), ``block`` texts at a
    time: the shingle hashes of all texts at once were ~0.4 GB at a million measures."""
    # MinHash takes the shingle hashes as they come: a repeated shingle does not change a minimum.
    sigs = np.empty((len(texts), p.num_perm), dtype=np.uint32)
    for s in range(0, len(texts), block):
        hashes, offsets = hash_shingles(texts[s : s + block], p.n)
        sigs[s : s + block] = minhash_signatures(hashes, offsets, num_perm=p.num_perm, seed=p.seed)
    return sigs


def _candidate_pairs(
    texts: Sequence[str], p: DetectParams, lap: Laps, keep: list[np.ndarray] | None = None
) -> np.ndarray:
    """Row pairs ``(i, j)`` proposed by MinHash LSH over the texts' shingles (the band keys
    appended to ``keep`` when given)."""
    if not texts or (len(texts) < 2 and keep is None):
        lap("lsh")
        return np.zeros((0, 2), dtype=np.int64)
    sigs = signatures(texts, p)
    lap("minhash")
    keys = band_keys(sigs, p.bands, p.rows)
    if keep is not None:
        keep.append(keys)
    if len(texts) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    # the agreement filter reads the low 16 bits only (``candidate_pairs``): the full
    # signatures (0.5 GB at a million texts) go before the bands are worked
    low = sigs.astype(np.uint16)
    del sigs
    pairs = candidate_pairs(keys, p.max_bucket, low, p.min_agree, chain_key=text_hashes(texts))
    lap("lsh")
    return pairs


def _cluster(
    texts: Sequence[str], groups: Sequence[list[int]], pairs: np.ndarray, scores: np.ndarray, p: DetectParams
) -> list[tuple[list[int], int]]:
    """``(rows, medoid row)`` of each family: the verified pairs clustered, plus every
    identical text that two or more items share and no family holds."""
    fams = cluster_texts(texts, pairs, scores, p)
    in_family = {r for members, _ in fams for r in members}
    fams += [([r], r) for r, g in enumerate(groups) if len(g) >= 2 and r not in in_family]
    return fams


def cluster_texts(
    texts: Sequence[str], pairs: np.ndarray, scores: np.ndarray, p: DetectParams, processes: int | None = None
) -> list[tuple[list[int], int]]:
    """``families.cluster`` over these texts with detection's scoring (exact alignment, with
    containment as ``p`` says) and thresholds; ``processes`` as ``verify.align_pairs``'s."""
    return cluster(
        len(texts),
        pairs,
        scores,
        lambda rows: align_matrix([texts[r] for r in rows.tolist()], p.containment),
        p.strong,
        p.link,
        pair_sim=lambda some: align_pairs(texts, some, p.containment, processes=processes),
        sparse_above=p.sparse_above,
    )


def _families(
    items: Sequence[MeasureItem],
    groups: Sequence[list[int]],
    clusters: Sequence[tuple[list[int], int]],
    strong_pairs: np.ndarray,
    strong_scores: np.ndarray,
    kind: str,
) -> list[Family]:
    """Rows expanded back to items: one scope-``all`` family per cluster, with its strong pairs
    (an item standing for identical others is paired with each of them at 1.0)."""
    rows_of: dict[int, list[tuple[int, float]]] = {}
    for (a, b), s in zip(strong_pairs.tolist(), strong_scores.tolist(), strict=True):
        rows_of.setdefault(a, []).append((b, s))
    out: list[Family] = []
    for members, med in clusters:
        mem_items = [items[i] for r in members for i in groups[r]]
        mset = set(members)
        fam_pairs = [
            (items[groups[a][0]].id, items[groups[b][0]].id, round(s, 4))
            for a in members
            for b, s in rows_of.get(a, ())
            if b in mset
        ]
        for r in members:
            g = groups[r]
            fam_pairs += [(items[g[0]].id, items[i].id, 1.0) for i in g[1:]]
        out.append(_make_family(kind, "all", mem_items, items[groups[med][0]].text, fam_pairs))
    out.sort(key=lambda f: (-len(f.units), -f.size, f.id))
    return out


def scope_families(families: Iterable[Family], scope: Scope) -> list[Family]:
    """Cut scope-``all`` families to one scope (see the module docstring); largest spread first."""
    out: list[Family] = []
    for f in families:
        if scope == "all":
            out.append(f)
        elif scope == "across-units":
            if len(f.units) >= 2:
                out.append(_make_family(f.kind, scope, f.members, f.text, f.pairs))
        else:
            # within one unit: one notice's members over its issues, or one unit's over its notices
            within = scope == "within-unit"
            by: dict[tuple[str, str], list[MeasureItem]] = {}
            for m in f.members:
                by.setdefault((m.unit, m.notice if within else ""), []).append(m)
            for sub in by.values():
                if len({m.issue if within else m.notice for m in sub}) >= 2:
                    out.append(_make_family(f.kind, scope, sub, sub[0].text, f.pairs))
    out.sort(key=lambda f: (-len(f.units), -f.size, f.id))
    return out


def find_recycled(
    items: Sequence[MeasureItem],
    scope: Scope = "across-units",
    *,
    kind: str = "measure",
    names: Mapping[str, Sequence[str]] | None = None,
    params: DetectParams | None = None,
) -> list[Family]:
    """Families of reused measures in one scope, largest spread (number of units) first.

    Args:
        items: the texts with their unit, notice and issue ids.
        scope: ``across-units``, ``within-unit``, ``across-notices`` or ``all``.
        kind, names, params: as ``detect``.
    """
    return scope_families(detect(items, kind=kind, names=names, params=params).families, scope)


def originality(items: Iterable[MeasureItem], families: Iterable[Family]) -> dict[str, float]:
    """Per unit: the share of its measures that are in no family spanning other units.

    1.0 means none of the unit's measures is shared with another unit; families given should be
    ``across-units`` (other scopes are filtered to families with ≥ 2 units).
    """
    shared = {m.id for f in families if len(f.units) >= 2 for m in f.members}
    total: dict[str, int] = {}
    own: dict[str, int] = {}
    for it in items:
        total[it.unit] = total.get(it.unit, 0) + 1
        if it.id not in shared:
            own[it.unit] = own.get(it.unit, 0) + 1
    return {u: own.get(u, 0) / t for u, t in sorted(total.items())}
