"""Near-duplicate families kept current item by item (kinds ``measure`` and ``sentence``).

The full detection (``graphkit.analysis.recycled.detect``) numbers distinct normalised texts
(rows) in the order of their first item, proposes candidate pairs from LSH buckets (all pairs in
a bucket of up to ``max_bucket`` rows, above it a chain through the rows in the order of a hash
of their texts), keeps those agreeing on ``min_agree`` signature positions, verifies them and
clusters the components of the strong pairs. Every step but the buckets is local to a pair or
to a component, and the clustering of a set of whole components with rows in the same relative
order is the clustering the full run gives them. So an update:

1. applies the items removed and added, and finds the rows that came to stand for items or
   ceased to (a bucket's pairs depend on nothing else: ``alive`` and the text hashes are kept
   per row on disk);
2. recomputes the pairs of every bucket those rows are in, before and after; a pair no bucket
   proposes any longer loses its strong edge, a new pair is filtered and verified as detection
   does;
3. re-clusters the components (over strong edges) holding any changed row or edge, the rows
   numbered by rank; the families of those rows are replaced, all others stand.

A row's rank is the sort key of its first item (``rank`` of items: the measure id for
measures, the notice and position for sentences), the order detection numbers rows in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from graphkit.analysis.incremental.bands import BandSegments, merge_segments, write_segment
from graphkit.analysis.items import MeasureItem
from graphkit.analysis.lsh import agreement, band_keys, chain_order, text_hashes
from graphkit.analysis.normalize import normalize
from graphkit.analysis.recycled import DetectParams, Family, Intermediates, _cluster, _families, signatures
from graphkit.analysis.verify import align_pairs

__all__ = ["NearChange", "NearKind", "Ranked"]

CHUNK = 500  # ids per `IN (…)` list
MAX_SMALL = 8  # segments added by updates, merged into one past this many

Ranked = tuple[MeasureItem, str]
"""An item and its rank: the key detection orders items by."""


@dataclass
class NearChange:
    """What an update did to one kind's families.

    Attributes:
        deleted: ids of the scope-``all`` families that no longer stand.
        families: the scope-``all`` families written in their place.
        born: normalised texts that now stand for items and did not before.
        died: normalised texts that stood for items and no longer do.
    """

    deleted: set[str] = field(default_factory=set)
    families: list[Family] = field(default_factory=list)
    born: set[str] = field(default_factory=set)
    died: set[str] = field(default_factory=set)
    # units whose SIMILAR_TO pairs may differ, beside those of the items that came or went: of
    # the first item (in rank order) of every row re-clustered, before and after. A row's first
    # item stands for it in every pair: its other items are paired with it alone, so every pair
    # that changes has one of those first items, or an item that came or went, at an end (and
    # the pairs of a unit are counted again with any other unit: analysis.figures)
    paired: set[str] = field(default_factory=set)
    # items whose SIMILAR_TO pairs may differ: every item of the rows re-clustered (their
    # families were rewritten), but of a family that stands (the same rows, their first items
    # and strong edges unchanged, of two units or more before and after: every pair of it is
    # stored) only the items that came
    similar: set[str] = field(default_factory=set)
    # families changed by their members alone (see Growth): not among ``families``
    grown: list[Growth] = field(default_factory=list)


@dataclass
class Growth:
    """A family (scope ``all``) that items joined and none left, that stands otherwise: the
    same rows, none of which changed its first item or strong edges, none re-clustered; the
    same anchor (least member), so the same ids; two units or more; stored as one family of
    scope ``across-units`` and no other (a measure family with no member of one unit in two
    issues or notices). Its clustering and every stored pair but those of the items that came
    stand, so an update changes it by those items (``store_families.write_changes``) without
    reading its members: a notice joining a boilerplate of 40,000 notices.

    Attributes:
        stored: the id of the family stored for it (scope ``across-units``).
        kind: ``measure`` or ``sentence``.
        rows: its rows.
        came: the items that joined it.
        size: its members now.
        units: its units now, sorted.
    """

    stored: str
    kind: str
    rows: list[int]
    came: list[MeasureItem]
    size: int
    units: list[str]


def chunks(xs: Sequence[object], n: int = CHUNK) -> Iterable[Sequence[object]]:
    """``xs`` in slices of ``n``."""
    for s in range(0, len(xs), n):
        yield xs[s : s + n]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class NearKind:
    """One kind's rows, items, strong edges and band segments in the index."""

    def __init__(self, db: sqlite3.Connection, folder: Path, kind: str, params: DetectParams) -> None:
        self.db, self.kind, self.p = db, kind, params
        self.folder = folder / kind

    # -- building (after a full detection) ---------------------------------------------------
    def build(self, ranked: Sequence[Ranked], kept: Intermediates, families: Sequence[Family]) -> None:
        """Fill the index from a full detection over ``ranked`` (in rank order): what it kept
        on the way and the scope-``all`` families it found."""
        norm, groups, keys = kept.norm, kept.groups, kept.keys
        strong_pairs, strong_scores = kept.strong_pairs, kept.strong_scores
        row_of = np.full(len(ranked), -1, dtype=np.int64)
        for r, g in enumerate(groups):
            row_of[g] = r
        k = self.kind
        self.db.executemany(
            "INSERT INTO item VALUES (?,?,?,?,?,?,?,?)",
            (
                (k, it.id, rank, it.unit, it.notice, it.issue, it.text, int(row_of[i]))
                for i, (it, rank) in enumerate(ranked)
            ),
        )
        fam_of: dict[str, str] = {}
        for f in families:
            for m in f.members:
                fam_of[m.id] = f.id
        self.db.executemany(
            "INSERT INTO row VALUES (?,?,?,?)",
            ((k, r, norm[g[0]], fam_of.get(ranked[g[0]][0].id)) for r, g in enumerate(groups)),
        )
        self.db.executemany(
            "INSERT INTO edge VALUES (?,?,?,?)",
            ((k, a, b, s) for (a, b), s in zip(strong_pairs.tolist(), strong_scores.tolist(), strict=True)),
        )
        if len(groups):
            self._add_segment(np.arange(len(groups), dtype=np.int64), keys)
        rows_ = self._rows()
        rows_.alive = np.ones(len(groups), dtype=np.uint8)
        rows_.hashes = text_hashes([norm[g[0]] for g in groups])
        rows_.save()

    def _add_segment(self, rows: np.ndarray, keys: np.ndarray) -> None:
        """List a new segment of these rows; past ``MAX_SMALL`` small segments, merge them (the
        first segment, of the full detection, is never rewritten)."""
        names = [
            n for (n,) in self.db.execute("SELECT name FROM segment WHERE kind=? ORDER BY name", (self.kind,))
        ]
        name = f"s{int(rows.min()):012d}-{len(names)}"
        write_segment(self.folder, name, rows, keys)
        self.db.execute("INSERT INTO segment VALUES (?,?)", (self.kind, name))
        small = [*names[1:], name]
        if len(small) > MAX_SMALL:
            merged = f"{small[0]}-m"
            merge_segments(self.folder, small, merged)
            self.db.executemany(
                "DELETE FROM segment WHERE kind=? AND name=?", ((self.kind, n) for n in small)
            )
            self.db.execute("INSERT INTO segment VALUES (?,?)", (self.kind, merged))
            # safe before the commit: an update that dies leaves the index dirty, never opened again
            for n in small:
                for part in ("keys", "rows"):
                    (self.folder / f"{n}.{part}.npy").unlink(missing_ok=True)

    def _rows(self) -> _RowArrays:
        return _RowArrays(self.folder)

    def _segments(self) -> BandSegments:
        names = [
            n for (n,) in self.db.execute("SELECT name FROM segment WHERE kind=? ORDER BY name", (self.kind,))
        ]
        return BandSegments(self.folder, names)

    # -- reading ------------------------------------------------------------------------------
    def item_ids_of_notices(self, notices: Sequence[str]) -> list[str]:
        """Ids of the items the index holds for these notices."""
        return [
            i for (i,) in self._select("SELECT id FROM item WHERE kind=? AND notice IN ({marks})", notices)
        ]

    def _select(self, sql: str, values: Iterable[object]) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` (with ``{in}`` for a list of marks, after the kind's ``?``) over
        ``values``, sorted and deduplicated, in slices of ``CHUNK``."""
        out: list[tuple[Any, ...]] = []
        for part in chunks(sorted(set(values))):  # type: ignore[type-var]
            out += self.db.execute(sql.format(marks=_marks(len(part))), (self.kind, *part)).fetchall()
        return out

    def _row_state(self, rows: Iterable[int]) -> dict[int, tuple[str, str, str]]:
        """Row → the rank, id and unit of its first item (the least rank), for the rows that hold
        items: one seek of the index by row and rank each (a row of 40,000 items is not read)."""
        q = "SELECT rank, id, unit FROM item WHERE kind=? AND row=? ORDER BY rank LIMIT 1"
        out: dict[int, tuple[str, str, str]] = {}
        for r in sorted(set(rows)):
            got = self.db.execute(q, (self.kind, r)).fetchone()
            if got is not None:
                out[r] = got
        return out

    def _norms(self, rows: Iterable[int]) -> dict[int, str]:
        return dict(self._select("SELECT row, norm FROM row WHERE kind=? AND row IN ({marks})", rows))

    def alive_norms(self, norms: Iterable[str]) -> set[str]:
        """Which of these normalised texts stand for at least one item."""
        q = (
            "SELECT r.norm FROM row r WHERE r.kind=? AND r.norm IN ({marks}) "
            "AND EXISTS (SELECT 1 FROM item i WHERE i.kind=r.kind AND i.row=r.row)"
        )
        return {n for (n,) in self._select(q, norms)}

    def _edges_of(self, rows: Sequence[int]) -> list[tuple[int, int, float]]:
        """The strong edges with an end among these rows (each once)."""
        q = "SELECT a, b, score FROM edge WHERE kind=? AND {end} IN ({{marks}})"
        found = self._select(q.format(end="a"), rows) + self._select(q.format(end="b"), rows)
        return list(dict.fromkeys(found))

    # -- updating -----------------------------------------------------------------------------
    def update(
        self, remove: Sequence[str], add: Sequence[Ranked], names: Mapping[str, Sequence[str]]
    ) -> NearChange:
        """Remove the items ``remove`` (ids), add ``add``; the families that changed."""
        k, p = self.kind, self.p
        change = NearChange()
        # 1. rows touched, and their rank before
        touched: set[int] = set()
        gone_units: dict[int, set[str]] = {}  # row → units of the items it loses
        for part in chunks(list(remove)):
            for r, u in self.db.execute(
                f"SELECT row, unit FROM item WHERE kind=? AND id IN ({_marks(len(part))}) AND +row >= 0",
                (k, *part),
            ):
                touched.add(r)
                gone_units.setdefault(r, set()).add(u)
        norm_of_add = [normalize(it.text, names.get(it.unit, ())) for it, _ in add]
        wanted = sorted({n for n in norm_of_add if len(n) >= p.min_chars})
        row_by_norm: dict[str, int] = {}
        for part in chunks(wanted):
            row_by_norm.update(
                self.db.execute(
                    f"SELECT norm, row FROM row WHERE kind=? AND norm IN ({_marks(len(part))})", (k, *part)
                )
            )
        (top,) = self.db.execute("SELECT coalesce(max(row), -1) FROM row WHERE kind=?", (k,)).fetchone()
        new_rows: dict[str, int] = {}
        for n in wanted:
            if n not in row_by_norm:
                row_by_norm[n] = new_rows[n] = top = top + 1
        touched.update(row_by_norm[n] for n in wanted)
        before = self._row_state(touched)
        # apply
        for part in chunks(list(remove)):
            self.db.execute(f"DELETE FROM item WHERE kind=? AND id IN ({_marks(len(part))})", (k, *part))
        self.db.executemany("INSERT INTO row VALUES (?,?,?,NULL)", ((k, r, n) for n, r in new_rows.items()))
        self.db.executemany(
            "INSERT INTO item VALUES (?,?,?,?,?,?,?,?)",
            (
                (k, it.id, rank, it.unit, it.notice, it.issue, it.text, row_by_norm.get(n, -1))
                for (it, rank), n in zip(add, norm_of_add, strict=True)
            ),
        )
        after = self._row_state(touched)
        # a bucket's pairs depend on which of its rows stand for items, not on their items
        moved = sorted(r for r in touched if (r in before) != (r in after))
        norms = self._norms(touched)
        change.born = {norms[r] for r in touched if r in after and r not in before}
        change.died = {norms[r] for r in touched if r in before and r not in after}
        rows_ = self._rows()
        if new_rows:
            rows = np.array(sorted(new_rows.values()), dtype=np.int64)
            texts = [norms[int(r)] for r in rows]
            self._add_segment(rows, band_keys(signatures(texts, p), p.bands, p.rows))
            rows_.grow(rows, text_hashes(texts))
        rows_.alive[[r for r in touched if r in after]] = 1
        rows_.alive[[r for r in touched if r not in after]] = 0
        rows_.save()
        # 2. candidate pairs of the buckets the moved rows stand in, before and after
        seeds = set(touched)
        edged: set[int] = set()  # rows whose strong edges changed
        if moved:
            edged = self._repair_edges(moved, norms, rows_)
            seeds |= edged
        # rows whose first item changed, or that came or went
        firsts = {r for r in touched if before.get(r, ())[:2] != after.get(r, ())[:2]}
        # 3. families that only gained items (Growth), then re-cluster the components of the
        # other seeds
        came = {it.id for it, _ in add}
        quiet = touched - set(moved) - edged - firsts - gone_units.keys()
        joined: dict[int, list[MeasureItem]] = {}
        for (it, _), n in zip(add, norm_of_add, strict=True):
            if n in row_by_norm and row_by_norm[n] in quiet:
                joined.setdefault(row_by_norm[n], []).append(it)
        grown = self._growths(quiet, seeds - quiet, joined)
        rest = seeds - {r for g in grown for r in g.rows}
        comp = self._component(rest)
        grown = [g for g in grown if not set(g.rows) & set(comp)]  # joined to a changed component
        held = {r for g in grown for r in g.rows}
        self._recluster(seeds - held, change, _Settled(firsts | edged, came, gone_units), comp)
        for g in grown:
            self.db.executemany(
                "INSERT INTO member VALUES (?,?,?)", ((g.stored, c.id, c.unit) for c in g.came)
            )
            if k == "measure":
                change.similar.update(c.id for c in g.came)
        change.grown = grown
        # (the recluster added the units of the rows' first items now)
        change.paired.update(u for _, _, u in before.values())
        return change

    def _repair_edges(self, moved: list[int], norms: dict[int, str], rows_: _RowArrays) -> set[int]:
        """Strong edges made right for the buckets of the moved rows (rows that came to stand
        for items, or ceased to); the rows of every edge added or removed."""
        k, p = self.kind, self.p
        segs = self._segments()
        alive, chain_key, n = rows_.alive.astype(bool), rows_.hashes, len(rows_.alive)
        flip = np.zeros(n, dtype=bool)
        flip[moved] = True
        mkeys = band_keys(signatures([norms[r] for r in moved], p), p.bands, p.rows)
        buckets: dict[tuple[int, int], np.ndarray] = {}
        gone_parts: list[np.ndarray] = []
        fresh_parts: list[np.ndarray] = []
        for j in range(p.bands):
            col = np.unique(mkeys[:, j])
            for key, rows in zip(col.tolist(), segs.members(j, col), strict=True):
                if len(rows) < 2:
                    continue
                buckets[(j, key)] = rows
                now = rows[alive[rows]]
                was = rows[alive[rows] ^ flip[rows]]
                g, f = _bucket_delta(was, now, flip, chain_key, p.max_bucket, n)
                gone_parts.append(g)
                fresh_parts.append(f)
        gone = np.unique(np.concatenate(gone_parts)) if gone_parts else np.zeros(0, dtype=np.int64)
        fresh = np.unique(np.concatenate(fresh_parts)) if fresh_parts else np.zeros(0, dtype=np.int64)
        changed: set[int] = set()
        # an edge whose pair a bucket no longer proposes goes, unless another bucket still does
        if len(gone):
            ends = sorted(set(np.concatenate([gone // n, gone % n]).tolist()))
            edges = {(a, b) for a, b, _ in self._edges_of(ends)}
            cand = [(int(c // n), int(c % n)) for c in gone.tolist()]
            cand = [pr for pr in cand if pr in edges]
            live = [r for r in {x for pr in cand for x in pr} if alive[r]]
            texts = self._norms(live)
            keys_of = dict(
                zip(live, band_keys(signatures([texts[r] for r in live], p), p.bands, p.rows), strict=True)
            )
            for a, b in cand:
                if not (
                    alive[a]
                    and alive[b]
                    and self._proposed_now(a, b, keys_of, buckets, segs, alive, chain_key)
                ):
                    self.db.execute("DELETE FROM edge WHERE kind=? AND a=? AND b=?", (k, a, b))
                    changed.update((a, b))
        if len(fresh):
            pairs = [(int(c // n), int(c % n)) for c in fresh.tolist()]
            existing = {(a, b) for a, b, _ in self._edges_of(sorted({x for pr in pairs for x in pr}))}
            pairs = [pr for pr in pairs if pr not in existing]
        else:
            pairs = []
        if pairs:
            ends = sorted({x for pr in pairs for x in pr})
            local = {r: i for i, r in enumerate(ends)}
            texts = self._norms(ends)
            sigs = signatures([texts[r] for r in ends], p)
            lp = np.array([(local[a], local[b]) for a, b in pairs], dtype=np.int64)
            lp = lp[agreement(sigs.astype(np.uint16), lp) >= p.min_agree]
            if len(lp):
                scores = align_pairs([texts[r] for r in ends], lp, p.containment)
                strong = scores >= p.strong
                new_edges = [
                    (k, ends[a], ends[b], float(s))
                    for (a, b), s in zip(lp[strong].tolist(), scores[strong].tolist(), strict=True)
                ]
                self.db.executemany("INSERT INTO edge VALUES (?,?,?,?)", new_edges)
                changed.update(x for _, a, b, _ in new_edges for x in (a, b))
        return changed

    def _proposed_now(
        self,
        a: int,
        b: int,
        keys_of: dict[int, np.ndarray],
        touched: dict[tuple[int, int], np.ndarray],
        segs: BandSegments,
        alive: np.ndarray,
        chain_key: np.ndarray,
    ) -> bool:
        """Whether any bucket proposes the pair (a, b) of living rows now."""
        ka, kb = keys_of[a], keys_of[b]
        for j in np.flatnonzero(ka == kb).tolist():
            key = int(ka[j])
            rows = touched.get((j, key))
            if rows is None:
                (rows,) = segs.members(j, np.array([key], dtype=np.uint64))
            live = rows[alive[rows]]
            if len(live) <= self.p.max_bucket:
                return True
            chain = chain_order(live, chain_key)
            pos = np.flatnonzero(chain == a)[0]
            if (pos > 0 and chain[pos - 1] == b) or (pos + 1 < len(chain) and chain[pos + 1] == b):
                return True
        return False

    def _component(self, seeds: set[int]) -> list[int]:
        """The living rows connected to the seeds by strong edges (seeds included)."""
        alive = self._row_state(seeds)
        seen = set(alive)
        frontier = sorted(seen)
        while frontier:
            nxt: set[int] = set()
            for a, b, _ in self._edges_of(frontier):
                for x in (a, b):
                    if x not in seen:
                        seen.add(x)
                        nxt.add(x)
            frontier = sorted(nxt)
        return sorted(seen)

    def _growths(
        self, quiet: set[int], unquiet: set[int], joined: Mapping[int, list[MeasureItem]]
    ) -> list[Growth]:
        """The families of the ``quiet`` rows (touched, alive before and after, the same first
        item, no strong edge changed, no item gone) that are a Growth, so far as their own rows
        tell (the caller drops those joined by edges to a component re-clustered); ``unquiet``:
        the other rows touched or whose edges changed; ``joined``: row → the items that came."""
        k = self.kind
        fam_of = dict(
            self._select(
                "SELECT row, fam FROM row WHERE kind=? AND row IN ({marks}) AND +fam IS NOT NULL", quiet
            )
        )
        out: list[Growth] = []
        for fam in sorted(set(fam_of.values())):
            rows = [r for (r,) in self.db.execute("SELECT row FROM row WHERE kind=? AND fam=?", (k, fam))]
            came = [c for r in rows for c in joined.get(r, ())]
            if set(rows) & unquiet:
                continue  # another of its rows changed
            stored = self.db.execute("SELECT id, scope FROM written WHERE base=?", (fam,)).fetchall()
            if len(stored) != 1 or stored[0][1] != "across-units":
                continue
            sid = str(stored[0][0])
            (anchor,) = self.db.execute("SELECT min(item) FROM member WHERE fid=?", (sid,)).fetchone()
            if anchor is None or any(c.id < anchor for c in came):
                continue  # a new least member: the family's ids change
            now = dict(
                self.db.execute(
                    "SELECT unit, count(*) FROM member WHERE fid=? GROUP BY unit", (sid,)
                ).fetchall()
            )  # members by unit, before; then now
            for c in came:
                now[c.unit] = now.get(c.unit, 0) + 1
            if k == "measure" and any(now[c.unit] > 1 for c in came):
                continue  # a unit with two members may form a family within the unit
            out.append(Growth(sid, k, rows, came, sum(now.values()), sorted(now)))
        return out

    def growth_members(
        self, g: Growth, units: Iterable[str] | None
    ) -> tuple[list[MeasureItem], list[tuple[str, str, float]]]:
        """The members of the Growth ``g`` now in these units (every member: None), with the
        first item of each of their rows, and the pairs detection gives them: the strong edges
        between those rows' first items, and each row's first item with its other items."""
        rows = set(g.rows)
        q = "SELECT id, unit, notice, issue, text, row FROM item WHERE kind=? AND {col} IN ({{marks}})"
        if units is None:
            found = self._select(q.format(col="row"), rows)
        else:
            wanted = set(units)
            # their notices the index held before this update, and the items that came (their
            # notices are recorded when the update is committed)
            notices = [n for n, u in self.db.execute("SELECT id, unit FROM notice") if u in wanted]
            found = [r for r in self._select(q.format(col="notice"), notices) if r[5] in rows]
            found += self._select(q.format(col="id"), [c.id for c in g.came if c.unit in wanted])
        members = {i: MeasureItem(i, u, n, s, t) for i, u, n, s, t, _ in found}
        row_of = {r[0]: r[5] for r in found}
        firsts = {r: i for r, (_, i, _) in self._row_state(set(row_of.values())).items()}
        for i, u, n, s, t, _ in self._select(q.format(col="id"), set(firsts.values()) - members.keys()):
            members[i] = MeasureItem(i, u, n, s, t)
        pairs = [
            (firsts[a], firsts[b], sc)
            for a, b, sc in self._edges_of(sorted(firsts))
            if a in firsts and b in firsts
        ]
        pairs += [(firsts[r], i, 1.0) for i, r in row_of.items() if i != firsts[r]]
        # in the order of a family's members (recycled._make_family): attribution takes the first
        # of a unit's members dated alike
        return sorted(members.values(), key=lambda m: (m.unit, m.notice, m.id)), pairs

    def _recluster(
        self,
        seeds: set[int],
        change: NearChange,
        settled: _Settled | None = None,
        rows: list[int] | None = None,
    ) -> None:
        """Re-cluster the component of the seeds (``rows``, when the caller found it)."""
        k, p = self.kind, self.p
        rows = self._component(seeds) if rows is None else rows
        old_fam: dict[int, str] = {}  # row → its family before (scope all)
        for part in chunks(sorted(set(rows) | seeds)):
            # (+fam, and no DISTINCT below: else SQLite walks the index of families, not the rows')
            q = f"SELECT row, fam FROM row WHERE kind=? AND row IN ({_marks(len(part))}) AND +fam IS NOT NULL"
            old_fam.update(self.db.execute(q, (k, *part)))
        rows_of: dict[str, set[int]] = {}  # family before → all its rows
        for part in chunks(sorted(set(old_fam.values()))):
            q = f"SELECT fam, row FROM row WHERE kind=? AND fam IN ({_marks(len(part))})"
            for f, r in self.db.execute(q, (k, *part)):
                rows_of.setdefault(f, set()).add(r)
        for part in chunks(sorted(set(rows) | seeds)):
            change.deleted.update(
                f
                for (f,) in self.db.execute(
                    f"SELECT fam FROM row WHERE kind=? AND row IN ({_marks(len(part))}) AND +fam IS NOT NULL",
                    (k, *part),
                )
            )
            self.db.execute(
                f"UPDATE row SET fam=NULL WHERE kind=? AND row IN ({_marks(len(part))})", (k, *part)
            )
        if not rows:
            return
        items: list[tuple[str, int, MeasureItem]] = []
        for part in chunks(rows):
            q = f"SELECT rank, row, id, unit, notice, issue, text FROM item WHERE kind=? AND row IN ({_marks(len(part))})"
            items += [
                (rank, row, MeasureItem(i, u, n, s, t))
                for rank, row, i, u, n, s, t in self.db.execute(q, (k, *part))
            ]
        items.sort(key=lambda x: x[0])
        first: set[int] = set()
        for _, row, it in items:  # each row's first item, in rank order
            if row not in first:
                first.add(row)
                change.paired.add(it.unit)
        order: list[int] = []  # rows by rank of their first item
        groups_of: dict[int, list[int]] = {}
        for idx, (_, row, _) in enumerate(items):
            if row not in groups_of:
                groups_of[row] = []
                order.append(row)
            groups_of[row].append(idx)
        local = {r: i for i, r in enumerate(order)}
        norms = self._norms(order)
        texts = [norms[r] for r in order]
        groups = [groups_of[r] for r in order]
        found = {
            (min(local[a], local[b]), max(local[a], local[b])): s
            for a, b, s in self._edges_of(order)
            if a in local and b in local
        }
        edges = sorted(found.items())
        pairs = np.array([pr for pr, _ in edges], dtype=np.int64).reshape(-1, 2)
        scores = np.array([s for _, s in edges], dtype=np.float64)
        clusters = _cluster(texts, groups, pairs, scores, p)
        fams = _families([it for _, _, it in items], groups, clusters, pairs, scores, k)
        row_of_item = {it.id: row for _, row, it in items}
        change.similar.update(it.id for _, _, it in items)
        if settled is not None:
            for f in fams:
                if _stands(f, row_of_item, old_fam, rows_of, settled):
                    change.similar.difference_update(m.id for m in f.members if m.id not in settled.came)
        for f in fams:
            fam_rows = sorted({row_of_item[m.id] for m in f.members})
            for part in chunks(fam_rows):
                self.db.execute(
                    f"UPDATE row SET fam=? WHERE kind=? AND row IN ({_marks(len(part))})", (f.id, k, *part)
                )
        change.families += fams


@dataclass
class _Settled:
    """What an update changed in the rows it re-clusters: the rows whose first item or strong
    edges changed (or that came or went), the items that came, the units of the items that went
    (by row)."""

    unsettled: set[int]
    came: set[str]
    gone_units: dict[int, set[str]]


def _stands(
    f: Family,
    row_of_item: Mapping[str, int],
    old_fam: Mapping[int, str],
    rows_of: Mapping[str, set[int]],
    settled: _Settled,
) -> bool:
    """Whether the pairs of the family ``f`` (scope all) are those its family before had, but
    for the items that came or went: it holds the rows one family held before (no more, no
    fewer), none of them changed its first item or strong edges, and it spans two units or more
    before and after (a family of one unit stores only some of its pairs, by the scopes of its
    members: a second unit would add the others). A row's other items are paired with its first
    alone, so such a family's pairs changed only where an item came or went."""
    frows = {row_of_item[m.id] for m in f.members}
    olds = {old_fam.get(r) for r in frows}
    if len(olds) != 1 or None in olds or rows_of.get(str(next(iter(olds)))) != frows:
        return False
    if frows & settled.unsettled:
        return False
    now = {m.unit for m in f.members}
    was = {m.unit for m in f.members if m.id not in settled.came}
    for r in frows:
        was |= settled.gone_units.get(r, set())
    return len(now) >= 2 and len(was) >= 2


def _pair_codes(rows: np.ndarray, chain_key: np.ndarray, max_bucket: int, n: int) -> np.ndarray:
    """The pairs a bucket of these living rows proposes, as codes ``lo * n + hi``: every pair up
    to ``max_bucket`` rows, above it a chain in ``chain_order``."""
    if len(rows) < 2:
        return np.zeros(0, dtype=np.int64)
    if len(rows) <= max_bucket:
        i, j = np.triu_indices(len(rows), 1)
        a, b = rows[i], rows[j]
    else:
        chain = chain_order(rows, chain_key)
        a, b = chain[:-1], chain[1:]
    codes: np.ndarray = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
    return codes


def _bucket_delta(
    was: np.ndarray, now: np.ndarray, flip: np.ndarray, chain_key: np.ndarray, max_bucket: int, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the pairs a bucket proposed before and no longer, and of those it proposes now
    and did not (``was``, ``now``: its living rows before and after; ``flip``: the rows that
    came or went). In a bucket small before and after, only the pairs of those rows change."""
    if len(was) <= max_bucket and len(now) <= max_bucket:
        went, came = was[flip[was]], now[flip[now]]
        return _cross(went, was, n), _cross(came, now, n)
    before, after = _pair_codes(was, chain_key, max_bucket, n), _pair_codes(now, chain_key, max_bucket, n)
    return np.setdiff1d(before, after), np.setdiff1d(after, before)


def _cross(xs: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Codes of the pairs of each of ``xs`` with each other row of ``rows``."""
    if not len(xs) or len(rows) < 2:
        return np.zeros(0, dtype=np.int64)
    a = np.repeat(xs, len(rows))
    b = np.tile(rows, len(xs))
    keep = a != b
    a, b = a[keep], b[keep]
    codes: np.ndarray = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
    return codes


class _RowArrays:
    """Per row of a kind, on disk beside the index: whether it stands for items (``alive``) and
    the hash of its text its big buckets' chains follow (``hashes``). Written in place by an
    update (which marked the index dirty first)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.alive = (
            np.fromfile(folder / "alive.bin", dtype=np.uint8)
            if (folder / "alive.bin").exists()
            else np.zeros(0, np.uint8)
        )
        self.hashes = (
            np.fromfile(folder / "hash.bin", dtype=np.uint64)
            if (folder / "hash.bin").exists()
            else np.zeros(0, np.uint64)
        )

    def grow(self, rows: np.ndarray, hashes: np.ndarray) -> None:
        """Append new rows (numbered on from the last), standing for nothing yet."""
        assert int(rows[0]) == len(self.alive) and len(rows) == int(rows[-1]) - int(rows[0]) + 1
        self.alive = np.concatenate([self.alive, np.zeros(len(rows), dtype=np.uint8)])
        self.hashes = np.concatenate([self.hashes, hashes.astype(np.uint64)])

    def save(self) -> None:
        """Write both arrays."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.alive.tofile(self.folder / "alive.bin")
        self.hashes.tofile(self.folder / "hash.bin")
