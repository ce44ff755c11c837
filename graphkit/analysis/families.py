"""Group verified pairs into families without letting chains of weak links glue unrelated texts.

Stage 5 (… → verify → **families**). Two steps, both pure functions:

1. ``components``: connected components over *strong* edges only (score ≥ ``strong``). Weak
   pairs never connect anything, so noise between unrelated measures (shared boilerplate) does
   not merge components.
2. ``split_component``: inside a component, greedy centre clustering with a complete-link
   floor. The text with most strong neighbours becomes a centre; its strong neighbours join in
   order of similarity *only if they reach ``link`` with every member already in*. The rest
   is clustered again. So in a chain A~B~C where A and C are unrelated, B takes one of them
   and the other stays out: no family holds two texts below ``link``.

Each family's representative is its medoid (the member with the highest total similarity to
the others), so the text shown is one that was actually written, near the family's middle.

Spark / 10M+: step 1 is GraphFrames ``connectedComponents`` (or iterative min-label
propagation: join edges with labels, take the min, repeat until stable). Step 2 is a
``groupBy(component).applyInPandas`` — each component is small and clustered locally, with its
members' shingle rows shipped along. Components too large for one executor
(``max_component``) are split first by their highest-degree centres.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from graphkit.analysis.arrays import unique_sorted

__all__ = ["cluster", "components", "medoid", "split_component"]

MEDOID_OF = 300  # a grown family's representative is the medoid of its first members


def components(n: int, pairs: np.ndarray, scores: np.ndarray, strong: float) -> np.ndarray:
    """Component label of each of ``n`` nodes over edges with ``score >= strong``."""
    keep = scores >= strong
    p = pairs[keep]
    g = sp.coo_matrix((np.ones(len(p), dtype=np.int8), (p[:, 0], p[:, 1])), shape=(n, n))
    labels: np.ndarray = connected_components(g, directed=False)[1]
    return labels


def split_component(sim: np.ndarray, strong: float, link: float) -> list[list[int]]:
    """Families (lists of row indices, size ≥ 2) inside one component's similarity matrix."""
    n = len(sim)
    remaining = np.ones(n, dtype=bool)
    out: list[list[int]] = []
    adj = sim >= strong
    np.fill_diagonal(adj, False)
    while remaining.sum() >= 2:
        idx = np.flatnonzero(remaining)
        sub_adj = adj[np.ix_(idx, idx)]
        deg = sub_adj.sum(axis=1)
        if deg.max() == 0:
            break
        # Centre: most strong neighbours; ties by total similarity.
        tot = sim[np.ix_(idx, idx)].sum(axis=1)
        centre = idx[np.lexsort((-tot, -deg))[0]]
        cands = idx[adj[centre, idx]]
        cands = cands[np.argsort(-sim[centre, cands], kind="stable")]
        fam = [int(centre)]
        floor = sim[centre].copy()  # min similarity of each node to the members so far
        for c in cands:
            if floor[c] >= link:
                fam.append(int(c))
                np.minimum(floor, sim[c], out=floor)
        remaining[fam] = False
        if len(fam) >= 2:
            out.append(sorted(fam))
    return out


def medoid(sim: np.ndarray, members: list[int]) -> int:
    """The member with the highest total similarity to the others."""
    sub = sim[np.ix_(members, members)]
    return members[int(np.argmax(sub.sum(axis=1)))]


@dataclass(frozen=True)
class _Scoring:
    """How the sparse clustering scores texts, and the two thresholds of the centre rule
    (see ``cluster``), passed together through its steps."""

    sim_of: Callable[[np.ndarray], np.ndarray]
    pair_sim: Callable[[np.ndarray], np.ndarray] | None
    strong: float
    link: float

    def cross(self, members: np.ndarray, nb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(members × nb, nb × nb)`` similarity matrices."""
        if self.pair_sim is None:
            sim = self.sim_of(np.concatenate([members, nb]))
            k0 = len(members)
            return sim[:k0, k0:], sim[k0:, k0:]
        pairs = np.stack([np.repeat(members, len(nb)), np.tile(nb, len(members))], axis=1)
        return self.pair_sim(pairs).reshape(len(members), len(nb)), self.sim_of(nb)


def _cluster_sparse(
    n: int,
    nodes: np.ndarray,
    pairs: np.ndarray,
    scores: np.ndarray,
    scoring: _Scoring,
    max_neighbours: int = 200,
) -> list[tuple[list[int], int]]:
    """Centre clustering of ``nodes`` over the strong verified edges only.

    Centres are taken by decreasing strong degree; a centre's unassigned strong neighbours
    (the ``max_neighbours`` most similar) join in order of similarity if they reach ``link``
    with every member already in, scored exactly by ``sim_of`` on the neighbourhood. When the
    neighbourhood was cut, the family grows from its members' neighbours (``_grow``).
    """
    strong, link, sim_of = scoring.strong, scoring.link, scoring.sim_of
    inside = np.zeros(n, dtype=bool)
    inside[nodes] = True
    keep = (scores >= strong) & inside[pairs[:, 0]] & inside[pairs[:, 1]]
    p, w = pairs[keep], scores[keep]
    a = np.concatenate([p[:, 0], p[:, 1]])
    b = np.concatenate([p[:, 1], p[:, 0]])
    ww = np.concatenate([w, w])
    adj = sp.csr_matrix((ww, (a, b)), shape=(n, n))
    deg = np.diff(adj.indptr)
    order = nodes[np.lexsort((nodes, -deg[nodes]))]
    taken = np.zeros(n, dtype=bool)
    out: list[tuple[list[int], int]] = []
    for c in order.tolist():
        if taken[c]:
            continue
        lo, hi = adj.indptr[c], adj.indptr[c + 1]
        nb, sc = adj.indices[lo:hi], adj.data[lo:hi]
        free = ~taken[nb]
        nb, sc = nb[free], sc[free]
        if len(nb) == 0:
            continue
        cut = len(nb) > max_neighbours
        nb = nb[np.argsort(-sc, kind="stable")][:max_neighbours]
        group = np.concatenate([[c], nb])
        sim = sim_of(group)
        fam = [0]
        floor = sim[0].copy()
        for k in range(1, len(group)):
            if sim[0, k] >= strong and floor[k] >= link:
                fam.append(k)
                np.minimum(floor, sim[k], out=floor)
        if len(fam) < 2:
            taken[c] = True
            continue
        members = [int(group[k]) for k in fam]
        taken[members] = True
        if cut:
            members = _grow(members, adj, taken, scoring, max_neighbours)
            # the representative: medoid of the first members (the centre's neighbourhood)
            group = np.asarray(members[:MEDOID_OF])
            sim, fam = sim_of(group), list(range(len(group)))
        out.append((sorted(members), int(group[medoid(sim, fam)])))
    return out


def _grow(
    members: list[int],
    adj: sp.csr_matrix,
    taken: np.ndarray,
    scoring: _Scoring,
    step: int,
    max_size: int = 5000,
) -> list[int]:
    """Grow a family whose centre's neighbourhood was cut at ``step``: a text copied into
    hundreds of notices is a family of hundreds, but LSH links each copy to a few others only.

    Each round takes up to ``step`` unassigned strong neighbours of the members and adds those
    that reach ``strong`` with some member and ``link`` with every member (scored exactly).
    Only the new scores are computed: members × neighbours (``pair_sim``) and neighbours ×
    neighbours (``sim_of``); without ``pair_sim``, one ``sim_of`` over both.
    """
    fresh = list(members)
    while fresh and len(members) < max_size:
        nb = unique_sorted(np.concatenate([adj.indices[adj.indptr[m] : adj.indptr[m + 1]] for m in fresh]))
        nb = nb[~taken[nb]][:step]
        if not len(nb):
            break
        cross, inner = scoring.cross(np.asarray(members), nb)
        floor = cross.min(axis=0)
        best = cross.max(axis=0)
        fresh = []
        for k in np.argsort(-best, kind="stable"):
            if best[k] >= scoring.strong and floor[k] >= scoring.link:
                fresh.append(int(nb[k]))
                np.minimum(floor, inner[k], out=floor)
        taken[fresh] = True
        members += fresh
    return members


def cluster(
    n: int,
    pairs: np.ndarray,
    scores: np.ndarray,
    sim_of: Callable[[np.ndarray], np.ndarray],
    strong: float,
    link: float,
    max_component: int = 3000,
    pair_sim: Callable[[np.ndarray], np.ndarray] | None = None,
    sparse_above: int | None = None,
) -> list[tuple[list[int], int]]:
    """Families over ``n`` texts: ``(members, medoid)`` with node indices, largest first.

    Args:
        pairs, scores: verified candidate pairs and their scores.
        sim_of: similarity matrix of a set of nodes (exact, recomputed per component, so pairs
            LSH missed inside a component are still seen).
        strong, link: see the module docstring.
        max_component: larger components are cut into pieces of this size by the order of
            their nodes before clustering (this bounds memory at ``max_component**2`` floats).
        pair_sim: optional scorer of many ``(i, j)`` pairs at once; when given, components of
            up to 64 nodes are scored together in one call instead of one ``sim_of`` each.
        sparse_above: components larger than this are clustered on the sparse graph of
            verified strong edges (``_cluster_sparse``) instead of a dense similarity matrix
            of the whole component: the same centre rule, with each centre's neighbourhood
            scored exactly. A large corpus has components of thousands of loosely linked
            texts, where the dense matrix and its greedy loop cost O(size³).
    """
    labels = components(n, pairs, scores, strong)
    order = np.argsort(labels, kind="stable")
    sl = labels[order]
    cuts = np.flatnonzero(np.diff(sl)) + 1
    out: list[tuple[list[int], int]] = []
    parts = [
        grp[s : s + max_component]
        for grp in np.split(order, cuts)
        if len(grp) >= 2
        for s in range(0, len(grp), max_component)
    ]
    parts = [p for p in parts if len(p) >= 2]
    # Score all pairs inside all small parts in one call (one vectorised job, not one per part).
    small = [p for p in parts if len(p) <= 64]
    if small and pair_sim is not None:
        tri = [np.triu_indices(len(p), 1) for p in small]
        allp = np.concatenate([np.stack([p[i], p[j]], axis=1) for p, (i, j) in zip(small, tri, strict=True)])
        sc = pair_sim(allp)
        k = 0
        for p, (i, j) in zip(small, tri, strict=True):
            sim = np.eye(len(p))
            sim[i, j] = sim[j, i] = sc[k : k + len(i)]
            k += len(i)
            for fam in split_component(sim, strong, link):
                out.append(([int(p[x]) for x in fam], int(p[medoid(sim, fam)])))
        parts = [p for p in parts if len(p) > 64]
    if parts and sparse_above is not None:
        big = [p for p in parts if len(p) > sparse_above]
        parts = [p for p in parts if len(p) <= sparse_above]
        if big:
            nodes = np.concatenate(big)
            out += _cluster_sparse(n, nodes, pairs, scores, _Scoring(sim_of, pair_sim, strong, link))
    for part in parts:
        sim = sim_of(part)
        for fam in split_component(sim, strong, link):
            out.append(([int(part[i]) for i in fam], int(part[medoid(sim, fam)])))
    out.sort(key=lambda f: (-len(f[0]), f[0][0]))
    return out
