"""The family index: one SQLite file and the band segments, in a folder beside the store.

It holds what a full detection found, in the form an update needs: for every notice its
content hash; for every unit its names and rank (level, division); every item of every kind
with its rank; the distinct normalised texts (rows) with the family each is in; the strong
verified pairs; which stored families each family found gives (a measure family is stored
once per scope). ``FamilyIndex.apply`` turns notices removed and added into the families to
delete and to write; the caller writes them to the store, then commits the index.

Trust: the index is written whole after a full rebuild and changed only by updates it commits
after the store's write; an update marks it ``dirty`` first, so an update that died leaves an
index nobody uses (the next load rebuilds). A store changed by anything else (another machine,
a rebuild with other parameters) no longer matches the notices, units or parameters the index
records, and the caller rebuilds.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from graphkit.analysis.boilerplate import SENTENCE_PARAMS
from graphkit.analysis.incremental.exact import ExactKind
from graphkit.analysis.incremental.extract import Parts, SentenceCandidate
from graphkit.analysis.incremental.near import Growth, NearKind, Ranked, _marks, chunks
from graphkit.analysis.items import MeasureItem
from graphkit.analysis.normalize import UnitNames
from graphkit.analysis.recycled import DetectParams, Family, Intermediates, _make_family, scope_families
from graphkit.analysis.scopes import SCOPES
from graphkit.analysis.sources import UnitRank

__all__ = ["FORMAT", "SENTENCE_PARAMS", "FamilyIndex", "IndexChange"]

# 2: the members of every stored family (table member); 3: family ids from the least member;
# 4: each notice's unit (table notice), so that a notice gone is known by its unit even when the
# index holds no item of it; 5: items indexed by row and rank (a row's first item in one seek)
# and members by family and unit (a family's units without reading its members)
FORMAT = "5"
UPGRADABLE = ("3", "4")  # formats brought to this one in place (``FamilyIndex.upgrade``)


_SCHEMA = Path(__file__).with_name("index.sql")  # its tables


@dataclass
class IndexChange:
    """The stored families an update replaces: ids to delete, families to write, the measures
    whose SIMILAR_TO edges are rewritten, the documents of the document families' members
    (as ``measure_documents``), the units whose figures change (``analysis.figures``) and the
    members (ids) of every family deleted: a family written under the id of one deleted is
    changed in place (``store_families.write_changes``)."""

    deleted: set[str] = field(default_factory=set)
    families: list[Family] = field(default_factory=list)
    measures: set[str] = field(default_factory=set)
    documents: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    units: set[str] = field(default_factory=set)
    before: dict[str, dict[str, str]] = field(default_factory=dict)  # id → member → unit
    # the units of the notices added and removed: the only units whose issues, and so issue
    # wordings, changed
    notice_units: set[str] = field(default_factory=set)
    # the families changed by their members alone (near.Growth): neither deleted nor written whole
    grown: list[Growth] = field(default_factory=list)


def _rank_json(rank: UnitRank | None) -> str:
    """A unit's rank as the index records it (its fields in order; "null" for none): built for
    every unit at each update, so written out by hand (dataclasses.asdict took 1.2 s for 8,000
    units)."""
    if rank is None:
        return "null"
    return _rank_fields_json(rank.level, rank.division_code)


@functools.lru_cache(maxsize=65536)
def _rank_fields_json(level: str | None, code: str | None) -> str:
    """A rank's fields as JSON: units share a few thousand (level, division) values at most, so
    each is written once (json.dumps for every unit took 0.9 s at 40,000 units an update)."""
    return json.dumps([level, code], ensure_ascii=False)


class FamilyIndex:
    """An open family index (see the module docstring)."""

    def __init__(
        self, folder: Path, db: sqlite3.Connection, params: DetectParams, format: str = FORMAT
    ) -> None:
        self.folder, self.db, self.params, self.format = folder, db, params, format
        self.measure = NearKind(db, folder, "measure", params)
        self.sentence = NearKind(db, folder, "sentence", SENTENCE_PARAMS)
        self.headline = ExactKind(db, "headline")
        self.document = ExactKind(db, "document")

    # -- life ---------------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: Path, params: DetectParams) -> FamilyIndex:
        """A new, empty index in ``folder`` (which must not exist)."""
        folder.mkdir(parents=True)
        db = sqlite3.connect(folder / "index.sqlite")
        # a new index is written in a folder of its own and renamed into place when whole: no
        # journal needed while it is built
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        tables, _, _ = _SCHEMA.read_text(encoding="utf-8").partition("-- indexes")
        db.executescript(tables)
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("format", FORMAT), ("params", _params_json(params)), ("dirty", "0")],
        )
        return cls(folder, db, params)

    @classmethod
    def open(cls, folder: Path, params: DetectParams) -> FamilyIndex | None:
        """The index in ``folder`` when it is whole, of this format (or one ``upgrade`` brings
        to it) and built with ``params``."""
        path = folder / "index.sqlite"
        if not path.is_file():
            return None
        try:
            db = sqlite3.connect(path)
            meta = dict(db.execute("SELECT k, v FROM meta").fetchall())
        except sqlite3.Error:
            return None
        if (
            meta.get("format") not in (FORMAT, *UPGRADABLE)
            or meta.get("params") != _params_json(params)
            or meta.get("dirty") != "0"
        ):
            db.close()
            return None
        return cls(folder, db, params, str(meta["format"]))

    def upgrade(self, units: Mapping[str, str | None]) -> None:
        """Bring an index of an older format to this one, committed (a run killed on the way
        leaves it dirty: the next load rebuilds it). Format 3 → 4: each notice's unit, from
        ``units`` (notice id → unit id, the store's), else, for a notice the store no longer
        holds, from the items the index holds of it. Format 4 → 5: two indexes (``index.sql``) and the statistics of all."""
        if self.format == FORMAT:
            return
        self.mark_dirty()
        if self.format == "3":
            self._upgrade_3(units)
        self.db.execute("DROP INDEX IF EXISTS item_row")  # format 4's, now item_row_rank
        for stmt in _index_statements():  # those the index lacks (index.sql)
            self.db.execute(re.sub(r"\bINDEX\s", "INDEX IF NOT EXISTS ", stmt, count=1))
        self.db.execute("ANALYZE")  # as finish_build
        self.db.execute("UPDATE meta SET v=? WHERE k='format'", (FORMAT,))
        self.format = FORMAT
        self.commit()

    def _upgrade_3(self, units: Mapping[str, str | None]) -> None:
        """Format 3 → 4 (see ``upgrade``)."""
        self.db.execute("ALTER TABLE notice ADD COLUMN unit TEXT")
        held = [n for (n,) in self.db.execute("SELECT id FROM notice")]
        self.db.executemany(
            "UPDATE notice SET unit=? WHERE id=?", [(units[n], n) for n in held if units.get(n) is not None]
        )
        kinds = {"item": "('measure', 'sentence')", "xitem": "('headline', 'document')"}
        for table in ("item", "xitem", "sent"):
            kind = f"t.kind IN {kinds[table]} AND " if table in kinds else ""  # its index's order
            self.db.execute(
                f"UPDATE notice SET unit=(SELECT t.unit FROM {table} t WHERE {kind}t.notice=notice.id LIMIT 1) "
                "WHERE unit IS NULL"
            )

    def close(self) -> None:
        """Close without committing what was not committed."""
        self.db.close()

    def mark_dirty(self) -> None:
        """Say (committed) that an update is under way: until ``commit``, nobody trusts it."""
        self.db.execute("UPDATE meta SET v='1' WHERE k='dirty'")
        self.db.commit()

    def finish_build(self) -> None:
        """Create the indexes (after the bulk insert of a build: several times faster), and
        their statistics (``ANALYZE``, 2 s at a million measures): without them SQLite walks
        an index of a whole column for some lookups by key (a row's family, an edge's second
        end, an item's row), a second each at a million measures."""
        for stmt in _index_statements():
            self.db.execute(stmt)
        self.db.execute("ANALYZE")

    def commit(self) -> None:
        """Commit the update and say the index is whole again."""
        self.db.execute("UPDATE meta SET v='0' WHERE k='dirty'")
        self.db.commit()

    # -- what it was built from ---------------------------------------------------------------
    def notices(self) -> dict[str, str]:
        """Notice id → content hash of the notices the index holds."""
        return dict(self.db.execute("SELECT id, hash FROM notice").fetchall())

    def units_differ(self, names: UnitNames, ranks: Mapping[str, UnitRank]) -> list[str]:
        """Units the index knows whose names or rank are no longer what it was built with
        (their names compared by what they are made from: ``UnitNames.source``)."""
        out = []
        source = names.source
        for uid, nm, rk in self.db.execute("SELECT id, names, rank FROM unit"):
            if uid in source and (nm != source[uid] or rk != _rank_json(ranks.get(uid))):
                out.append(uid)
        return out

    def set_sources(
        self,
        notices: Mapping[str, tuple[str, str | None]],
        names: UnitNames,
        ranks: Mapping[str, UnitRank],
    ) -> None:
        """Record the notices (id → (hash, unit id)) and units the index now stands for: only
        the rows that differ from those it holds are written (an update changes a few of many
        thousands)."""
        held = {n: (h, u) for n, h, u in self.db.execute("SELECT id, hash, unit FROM notice")}
        gone = [(n,) for n in held if n not in notices]
        self.db.executemany("DELETE FROM notice WHERE id=?", gone)
        self.db.executemany(
            "INSERT OR REPLACE INTO notice VALUES (?,?,?)",
            sorted((n, h, u) for n, (h, u) in notices.items() if held.get(n) != (h, u)),
        )
        rows = {u: (src, _rank_json(ranks.get(u))) for u, src in names.source.items()}
        units = {u: (nm, rk) for u, nm, rk in self.db.execute("SELECT id, names, rank FROM unit")}
        self.db.executemany("DELETE FROM unit WHERE id=?", [(u,) for u in units if u not in rows])
        self.db.executemany(
            "INSERT OR REPLACE INTO unit VALUES (?,?,?)",
            sorted((u, *r) for u, r in rows.items() if units.get(u) != r),
        )

    def counts(self) -> tuple[int, dict[str, int]]:
        """Measures held, and stored families by ``kind/scope``."""
        (n,) = self.db.execute("SELECT count(*) FROM item WHERE kind='measure'").fetchone()
        fams = {
            f"{k}/{s}": c
            for k, s, c in self.db.execute("SELECT kind, scope, count(*) FROM written GROUP BY kind, scope")
        }
        return n, fams

    # -- building -----------------------------------------------------------------------------
    def build(
        self,
        parts: Parts,
        measures: tuple[Intermediates, Sequence[Family]],
        sentences: tuple[Sequence[Ranked], Intermediates, Sequence[Family]],
        exact: Mapping[str, Sequence[Family]],
    ) -> None:
        """Fill the index from a full detection: every kind's items (``parts``), what measure and
        sentence detection kept and found (with the sentences it was given, in rank order),
        and the headline and document families."""
        self.measure.build(parts.measures, *measures)
        self.sentence.build(*sentences)
        self._insert_sentences(parts.sentences)
        self.headline.build(parts.headlines, exact["headline"])
        self.document.build(parts.documents, exact["document"])
        self._write(measures[1], sentences[2], [*exact["headline"], *exact["document"]])

    def _insert_sentences(self, cands: Sequence[SentenceCandidate]) -> None:
        self.db.executemany(
            "INSERT INTO sent VALUES (?,?,?,?,?,?)",
            ((c.item.id, c.rank, c.item.unit, c.item.notice, c.item.text, c.norm) for c in cands),
        )

    def _write(
        self,
        measure: Sequence[Family],
        sentence: Sequence[Family],
        exact: Sequence[Family],
        held: Mapping[str, Mapping[str, str]] | None = None,
    ) -> list[Family]:
        """Record the stored families the scope-``all`` ones give; returns them. ``held``: the
        member rows (family id → item → unit) the index holds for the families an update
        deleted; a family written under one of those ids has only its rows that changed
        written (the caller removes the rows of the ids not written again)."""
        out: list[tuple[Family, str]] = []
        for f in measure:
            out += [(d, f.id) for scope in SCOPES for d in scope_families([f], scope)]  # type: ignore[arg-type]
        for f in sentence:
            if len(f.units) >= 2:
                out.append((_make_family("sentence", "across-units", f.members, f.text, f.pairs), f.id))
        out += [(f, f.id) for f in exact]
        self.db.executemany(
            "INSERT OR REPLACE INTO written VALUES (?,?,?,?)", ((d.id, b, d.kind, d.scope) for d, b in out)
        )
        held = held or {}
        rows: list[tuple[str, str, str]] = []
        gone: list[tuple[str, str]] = []
        for d, _ in out:
            had = held.get(d.id, {})
            rows += [(d.id, m.id, m.unit) for m in d.members if had.get(m.id) != m.unit]
            now = {m.id for m in d.members}
            gone += [(d.id, item) for item in had if item not in now]
        self.db.executemany("DELETE FROM member WHERE fid=? AND item=?", gone)
        self.db.executemany(
            "DELETE FROM member WHERE fid=? AND item=?", [r[:2] for r in rows if r[1] in held.get(r[0], {})]
        )
        self.db.executemany("INSERT INTO member VALUES (?,?,?)", rows)
        return [d for d, _ in out]

    # -- updating -----------------------------------------------------------------------------
    def apply(
        self,
        removed: Sequence[str],
        parts: Parts,
        names: Mapping[str, Sequence[str]],
        added_units: Mapping[str, str | None],
    ) -> IndexChange:
        """The notices ``removed`` (ids) go and the notices of ``parts`` come (their units:
        ``added_units``, notice id → unit id): the stored families to delete and to write
        (nothing committed)."""
        out = IndexChange()
        # the units of the notices gone, as the index recorded them (a notice may have left no
        # item here: issues without measures, no text), and of the notices come
        for part in chunks(list(removed)):
            q = f"SELECT DISTINCT unit FROM notice WHERE id IN ({_marks(len(part))}) AND unit IS NOT NULL"
            out.units.update(u for (u,) in self.db.execute(q, tuple(part)))
        # (every item of ``parts`` is of a notice come, and of its unit: the loader writes a
        # notice's REPORTED and its measures' TOOK from the same unit)
        out.units.update(u for u in added_units.values() if u is not None)
        out.notice_units = set(out.units)
        m = self.measure.update(self.measure.item_ids_of_notices(removed), parts.measures, names)
        s = self.sentence.update(*self._sentence_delta(removed, parts, m.born, m.died), names)
        h = self.headline.update(removed, parts.headlines)
        d = self.document.update(removed, parts.documents)
        bases = m.deleted | s.deleted | h.deleted | d.deleted
        old: dict[str, tuple[str, str]] = {}  # id → (kind, scope) of the stored families deleted
        for part in chunks(sorted(bases)):
            q = f"SELECT id, kind, scope FROM written WHERE base IN ({_marks(len(part))})"
            old.update((i, (kk, sc)) for i, kk, sc in self.db.execute(q, tuple(part)))
            self.db.execute(f"DELETE FROM written WHERE base IN ({_marks(len(part))})", tuple(part))
        out.deleted = set(old)
        members: dict[str, dict[str, str]] = {}
        for part in chunks(sorted(old)):
            q = f"SELECT fid, item, unit FROM member WHERE fid IN ({_marks(len(part))})"
            for fid, item, unit in self.db.execute(q, tuple(part)):
                members.setdefault(fid, {})[item] = unit
        out.before = members
        out.families = self._write(m.families, s.families, [*h.families, *d.families], members)
        dropped = sorted(set(old) - {f.id for f in out.families})
        for part in chunks(dropped):
            self.db.execute(f"DELETE FROM member WHERE fid IN ({_marks(len(part))})", tuple(part))
        out.measures = m.similar
        out.units |= m.paired | _regrouped_units(old, members, out.families)
        out.grown = [*m.grown, *s.grown]
        # a family that only gained items changes the figures of their units alone (as a group
        # of one family replaced by one: _regrouped_units)
        out.units |= {c.unit for g in out.grown for c in g.came}
        out.documents = self.document.documents_of([mm.id for f in d.families for mm in f.members])
        return out

    def growth_members(
        self, g: Growth, units: Iterable[str] | None
    ) -> tuple[list[MeasureItem], list[tuple[str, str, float]]]:
        """``NearKind.growth_members`` of the Growth's kind (before this update is committed)."""
        return (self.measure if g.kind == "measure" else self.sentence).growth_members(g, units)

    def _sentence_delta(
        self, removed: Sequence[str], parts: Parts, born: set[str], died: set[str]
    ) -> tuple[list[str], list[Ranked]]:
        """Sentence items to remove and to add: those of removed and added notices, and those
        whose normalised text became, or stopped being, a measure's."""
        remove = self.sentence.item_ids_of_notices(removed)
        for part in chunks(list(removed)):
            self.db.execute(f"DELETE FROM sent WHERE notice IN ({_marks(len(part))})", tuple(part))
        for part in chunks(sorted(born)):
            q = (
                f"SELECT s.id FROM sent s JOIN item i ON i.kind='sentence' AND i.id=s.id "
                f"WHERE s.norm IN ({_marks(len(part))})"
            )
            remove += [i for (i,) in self.db.execute(q, tuple(part))]
        add: list[Ranked] = []
        for part in chunks(sorted(died)):
            q = (
                f"SELECT s.id, s.unit, s.notice, s.text, s.rank FROM sent s WHERE s.norm IN ({_marks(len(part))}) "
                "AND NOT EXISTS (SELECT 1 FROM item i WHERE i.kind='sentence' AND i.id=s.id)"
            )
            add += [(MeasureItem(i, u, n, n, t), r) for i, u, n, t, r in self.db.execute(q, tuple(part))]
        taken = self.measure.alive_norms(c.norm for c in parts.sentences)
        add += [(c.item, c.rank) for c in parts.sentences if c.norm not in taken]
        self._insert_sentences(parts.sentences)
        return sorted(set(remove)), add


def _regrouped_units(
    old: Mapping[str, tuple[str, str]], members: Mapping[str, Mapping[str, str]], new: Sequence[Family]
) -> set[str]:
    """The units whose figures the replacement of the stored families ``old`` (id → kind and
    scope; ``members``: their items and units) by ``new`` may change, beside those of the
    notices added and removed and of the pairs that changed.

    Families of one kind and scope that share items form a group. A group of one family
    replaced by one family (it gained or lost items, nothing else) changes the figures of the
    units of the items gained or lost only: every other item is in a family of the same kind
    and scope before and after, with the same other units. Any other group (a family split,
    merged, born or gone) changes those of all its items' units.
    """
    fams = [dict(members.get(fid, ())) for fid in old] + [{m.id: m.unit for m in f.members} for f in new]
    holder = {(kind, scope, item): k for k, (kind, scope) in enumerate(old.values()) for item in fams[k]}
    links = [
        (len(old) + j, k)
        for j, f in enumerate(new)
        for m in f.members
        if (k := holder.get((f.kind, f.scope, m.id))) is not None
    ]
    if not fams:
        return set()
    a = np.array([x for x, _ in links], dtype=np.int64)
    b = np.array([y for _, y in links], dtype=np.int64)
    g = coo_matrix((np.ones(len(links)), (a, b)), shape=(len(fams), len(fams)))
    groups: dict[int, list[int]] = {}
    for k, label in enumerate(connected_components(g, directed=False)[1].tolist()):
        groups.setdefault(label, []).append(k)
    units: set[str] = set()
    for group in groups.values():
        was, now = [k for k in group if k < len(old)], [k for k in group if k >= len(old)]
        if len(was) == 1 and len(now) == 1:
            x, y = fams[was[0]], fams[now[0]]
            units.update(x[i] for i in x.keys() - y.keys())
            units.update(y[i] for i in y.keys() - x.keys())
        else:
            units.update(u for k in group for u in fams[k].values())
    return units


def _index_statements() -> list[str]:
    """The statements making the index's indexes (``index.sql``, below ``-- indexes``)."""
    _, _, indexes = _SCHEMA.read_text(encoding="utf-8").partition("-- indexes")
    return [s.strip() for s in indexes.partition("\n")[2].split(";") if s.strip()]


def _params_json(p: DetectParams) -> str:
    return json.dumps(asdict(p), sort_keys=True)


def remove_folder(folder: Path) -> None:
    """Remove an index folder (renamed first, so a half-removed one is never opened)."""
    if not folder.exists():
        return
    trash = folder.with_name(folder.name + ".old")
    if trash.exists():
        shutil.rmtree(trash, ignore_errors=True)
    folder.rename(trash)
    shutil.rmtree(trash, ignore_errors=True)
