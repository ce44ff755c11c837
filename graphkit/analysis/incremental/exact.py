"""Families of equal keys kept current (kinds ``headline`` and ``document``).

A family is every item with one key, when they span ``min_units`` units; its text is the
shortest member text, the first in rank order among equals (as ``boilerplate.exact_families``).
An update recomputes only the keys of the items removed and added.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from graphkit.analysis.incremental.near import _marks, chunks
from graphkit.analysis.items import MeasureItem
from graphkit.analysis.recycled import Family, _make_family

__all__ = ["ExactChange", "ExactKind", "Keyed"]


@dataclass(frozen=True)
class Keyed:
    """An item, its rank (the order detection meets it in), its key and its document id (the
    ``Document`` node a measure's title names; None for titles named outside the measures)."""

    item: MeasureItem
    rank: str
    key: str
    doc: str | None = None


@dataclass
class ExactChange:
    """The families an update removed (ids) and wrote."""

    deleted: set[str] = field(default_factory=set)
    families: list[Family] = field(default_factory=list)


class ExactKind:
    """One kind's keyed items and families in the index."""

    def __init__(self, db: sqlite3.Connection, kind: str, min_units: int = 2) -> None:
        self.db, self.kind, self.min_units = db, kind, min_units

    def build(self, keyed: Sequence[Keyed], families: Sequence[Family]) -> None:
        """Fill the index from a full detection: the keyed items and the families found."""
        self._insert(keyed)
        key_of = {x.item.id: x.key for x in keyed}
        self.db.executemany(
            "INSERT INTO xfam VALUES (?,?,?)", ((self.kind, key_of[f.members[0].id], f.id) for f in families)
        )

    def _insert(self, keyed: Sequence[Keyed]) -> None:
        self.db.executemany(
            "INSERT INTO xitem VALUES (?,?,?,?,?,?,?,?,?)",
            (
                (
                    self.kind,
                    x.item.id,
                    x.rank,
                    x.item.unit,
                    x.item.notice,
                    x.item.issue,
                    x.item.text,
                    x.key,
                    x.doc,
                )
                for x in keyed
            ),
        )

    def update(self, removed_notices: Sequence[str], add: Sequence[Keyed]) -> ExactChange:
        """Drop the items of ``removed_notices``, add ``add``; the families that changed."""
        k = self.kind
        keys = {x.key for x in add}
        for part in chunks(list(removed_notices)):
            m = _marks(len(part))
            keys.update(
                key
                for (key,) in self.db.execute(
                    f"SELECT DISTINCT key FROM xitem WHERE kind=? AND notice IN ({m})", (k, *part)
                )
            )
            self.db.execute(f"DELETE FROM xitem WHERE kind=? AND notice IN ({m})", (k, *part))
        self._insert(add)
        change = ExactChange()
        for key in sorted(keys):
            old = self.db.execute("SELECT id FROM xfam WHERE kind=? AND key=?", (k, key)).fetchone()
            if old:
                change.deleted.add(old[0])
                self.db.execute("DELETE FROM xfam WHERE kind=? AND key=?", (k, key))
            rows = self.db.execute(
                "SELECT id, unit, notice, issue, text FROM xitem WHERE kind=? AND key=? ORDER BY rank",
                (k, key),
            ).fetchall()
            members = [MeasureItem(*r) for r in rows]
            if len({m.unit for m in members}) >= self.min_units:
                text = min((m.text for m in members), key=len)
                f = _make_family(k, "across-units", members, text, [])
                change.families.append(f)
                self.db.execute("INSERT INTO xfam VALUES (?,?,?)", (k, key, f.id))
        return change

    def documents_of(self, item_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """Measure id → (document id, title) of these document items (as ``measure_documents``)."""
        out: dict[str, list[tuple[str, str]]] = {}
        for part in chunks(list(item_ids)):
            q = f"SELECT id, text, doc FROM xitem WHERE kind=? AND id IN ({_marks(len(part))}) AND doc IS NOT NULL"
            for iid, text, doc in self.db.execute(q, (self.kind, *part)):
                out.setdefault(iid.rsplit("/d", 1)[0], []).append((doc, text))
        return out
