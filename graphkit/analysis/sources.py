"""Who copied from whom: a family's units ordered in time, its earliest the candidate source.

Each notice is dated by `notice_date`: published, else the inspection's feedback date, else its
end (the kind of date is kept with it). A unit's date in a family is its earliest member's; the
units are ordered by it. The earliest unit is the family's candidate source; when several share
the earliest date the family says so (`tie`: how many) and each of them is a candidate; units
without any date are counted (`undated`) and left out of the order. Every later unit gets one
`Reuse` to each candidate source: the days between their dates and the alignment score of the
two units' first members (the verified pair's score, else the score of their texts normalised
as detection compared them: ``compared_text``). A family is `vertical` when one of its units stands above another in
the same line (a city and one of its counties: the higher unit's division contains the lower's
and their levels differ), `horizontal` when its units are peers (one level); the levels it
spans are named highest first (`city/county`).

Cost: one pass over the members to date the units, a sort of the units, one alignment per
reuse edge and a dictionary look-up per unit for the direction: O(m + u log u) per family of m
members and u units (ties excepted: t tied sources make t edges per later unit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from graphkit.analysis.places import LEVELS

if TYPE_CHECKING:
    from graphkit.analysis.items import MeasureItem
    from graphkit.analysis.recycled import Family
    from graphkit.records import NoticeRecord

__all__ = [
    "DATE_KINDS",
    "Attribution",
    "Reuse",
    "UnitRank",
    "attribute",
    "attribute_all",
    "compared_text",
    "notice_date",
]

DATE_KINDS = ("published", "feedback", "inspection_end")
"""The dates a notice is ordered by, first found first used."""


def notice_date(record: NoticeRecord) -> tuple[str | None, str | None]:
    """(date, kind) a notice is ordered by: published, else feedback, else inspection end."""
    insp = record.inspection
    for value, kind in zip((record.published, insp.feedback, insp.end), DATE_KINDS, strict=True):
        if value:
            return value, kind
    return None, None


@dataclass(frozen=True)
class UnitRank:
    """Where a unit stands: its level and the code of its most specific division (may be None)."""

    level: str | None
    division_code: str | None

    def above(self) -> tuple[str, ...]:
        """The codes of its division and the ones above it (GB/T 2260: 210124 → 210100, 210000)."""
        c = self.division_code
        if not c or len(c) != 6:
            return ()
        return tuple(dict.fromkeys((c, c[:4] + "00", c[:2] + "0000")))


@dataclass(frozen=True)
class Reuse:
    """A later unit's member reusing the family's text from a candidate source unit."""

    later: str
    source: str
    days: int
    score: float
    direction: str | None
    tie: bool


@dataclass
class Attribution:
    """A family's units in time order and its candidate source.

    Attributes:
        family: the family's id.
        order: (unit, date, date kind) of each dated unit, earliest first (ties by unit id).
        source: the candidate source unit (None when several tie, or no unit is dated).
        source_date, source_date_kind: the earliest date and its kind.
        tie: how many units share the earliest date (0: none dated).
        undated: units without any date (left out of `order`).
        direction: vertical, horizontal, or None (levels unknown, or mixed without a line).
        levels: the levels the units stand at, highest first (`city/county`), or None.
        reuses: one per later unit and candidate source.
    """

    family: str
    order: list[tuple[str, str, str]] = field(default_factory=list)
    source: str | None = None
    source_date: str | None = None
    source_date_kind: str | None = None
    tie: int = 0
    undated: int = 0
    direction: str | None = None
    levels: str | None = None
    reuses: list[Reuse] = field(default_factory=list)


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(a) - date.fromisoformat(b)).days


def pair_direction(a: UnitRank | None, b: UnitRank | None) -> str | None:
    """vertical when one unit's division holds the other's and their levels differ, horizontal
    when both stand at one level, else None."""
    if a is None or b is None or a.level is None or b.level is None:
        return None
    if a.level == b.level:
        return "horizontal"
    hi, lo = (a, b) if LEVELS.index(a.level) < LEVELS.index(b.level) else (b, a)
    if hi.level == "central" or (hi.division_code and hi.division_code in lo.above()):
        return "vertical"
    return None


def family_direction(units: Iterable[str], ranks: Mapping[str, UnitRank]) -> tuple[str | None, str | None]:
    """(direction, levels) of a family's units: vertical when any stands above another in the
    same line, horizontal when all known levels are one (two units or more known), else None."""
    known = [ranks[u] for u in units if u in ranks and ranks[u].level is not None]
    levels = sorted({r.level for r in known if r.level}, key=LEVELS.index)
    if not levels:
        return None, None
    by_code: dict[str, set[str]] = {}
    for r in known:
        if r.division_code:
            by_code.setdefault(r.division_code, set()).add(str(r.level))
    central = "central" in levels
    for r in known:
        rank = LEVELS.index(str(r.level))
        if central and r.level != "central":
            return "vertical", "/".join(levels)
        for code in r.above():
            if any(LEVELS.index(lv) < rank for lv in by_code.get(code, ())):
                return "vertical", "/".join(levels)
    if len(levels) == 1 and len(known) >= 2:
        return "horizontal", levels[0]
    return None, "/".join(levels)


def compared_text(kind: str, text: str, names: Sequence[str] = ()) -> str:
    """A member's text as detection compared it: a document's title by ``normalize_title``, a
    headline by ``normalize`` alone, a measure or a sentence by ``normalize`` without its unit's
    own ``names``."""
    from graphkit.analysis.normalize import normalize, normalize_title

    if kind == "document":
        return normalize_title(text, names)
    return normalize(text, () if kind == "headline" else names)


class Scorer:
    """Reuse scores of members detection did not pair, as ``compared_text`` and ``align_score``
    give them, for many families at once: a text is normalised once per unit (a unit's names
    put in order once, the text without them normalised once: ``NameStripper``) and a pair of
    compared texts scored once. A sentence of 40,000 notices took ~0.5 ms a unit otherwise."""

    def __init__(self, names: Mapping[str, Sequence[str]] | None = None) -> None:
        from graphkit.analysis.normalize import NameStripper

        self.names = names or {}
        self.strip = NameStripper(self.names)
        self.seen: dict[str, str] = {}
        self.scores: dict[tuple[str, str], float] = {}

    def text(self, kind: str, m: MeasureItem) -> str:
        """The member's text as detection compared it (``compared_text``)."""
        if kind == "document":
            return compared_text(kind, m.text, self.names.get(m.unit, ()))
        return self.strip.normalize(m.text, "" if kind == "headline" else m.unit, self.seen)

    def score(self, kind: str, a: MeasureItem, b: MeasureItem) -> float:
        """The reuse score of two members (``align_score`` with containment)."""
        from graphkit.analysis.verify import align_score

        key = (self.text(kind, a), self.text(kind, b))
        got = self.scores.get(key)
        if got is None:
            got = self.scores[key] = float(align_score(*key, containment=True))
        return got


def attribute(
    family: Family,
    dates: Mapping[str, tuple[str | None, str | None]],
    ranks: Mapping[str, UnitRank] | None = None,
    names: Mapping[str, Sequence[str]] | None = None,
    reuses_of: AbstractSet[str] | None = None,
    scorer: Scorer | None = None,
) -> Attribution:
    """Order a family's units by their notices' dates and name the candidate source.

    Args:
        family: the family (its members carry unit and notice ids).
        dates: notice id → (date, kind), as `notice_date` gives.
        ranks: unit id → its level and division (for the direction); none: no direction.
        names: unit id → the names detection removed from its texts (``store_families.
            unit_names``); none: no names removed.
        reuses_of: only the reuses of these later units (an update that knows the others
            stand); None: every unit's. Given, the attribution's ``order`` holds the earliest
            units and these only (a family of 40,000 units is not sorted for one that joined).
        scorer: scores members detection did not pair (one made from ``names`` when None;
            share one between families).
    """
    ranks = ranks or {}
    scorer = scorer or Scorer(names)
    first: dict[str, tuple[str, str, MeasureItem]] = {}  # unit → (date, kind, member)
    units: set[str] = set()
    for m in family.members:
        units.add(m.unit)
        d, kind = dates.get(m.notice, (None, None))
        if d and kind and (m.unit not in first or d < first[m.unit][0]):
            first[m.unit] = (d, kind, m)
    out = Attribution(family.id)
    out.direction, out.levels = family_direction(units, ranks)
    out.undated = len(units) - len(first)
    if not first:
        return out
    if reuses_of is None:
        ordered = sorted(first.items(), key=lambda kv: (kv[1][0], kv[0]))
    else:  # the earliest units and those of `reuses_of` only: no sort of a family's every unit
        earliest = min(d for d, _, _ in first.values())
        chosen = [u for u in first if first[u][0] == earliest] + [
            u for u in reuses_of if u in first and first[u][0] != earliest
        ]
        ordered = sorted(((u, first[u]) for u in chosen), key=lambda kv: (kv[1][0], kv[0]))
    out.order = [(u, d, k) for u, (d, k, _) in ordered]
    earliest = ordered[0][1][0]
    sources = [(u, m) for u, (d, _, m) in ordered if d == earliest]
    out.tie = len(sources)
    out.source_date, out.source_date_kind = earliest, ordered[0][1][1]
    if out.tie == 1:
        out.source = sources[0][0]
    scores = {(a, b): s for a, b, s in family.pairs}
    for u, (d, _, m) in ordered[out.tie :]:
        if reuses_of is not None and u not in reuses_of:
            continue
        for s, sm in sources:
            score = scores.get((m.id, sm.id)) or scores.get((sm.id, m.id))
            if score is None:  # a pair detection did not verify (equal texts): scored as it compares
                score = scorer.score(family.kind, m, sm)
            out.reuses.append(
                Reuse(
                    u,
                    s,
                    _days(d, earliest),
                    float(score),
                    pair_direction(ranks.get(u), ranks.get(s)),
                    out.tie > 1,
                )
            )
    return out


def attribute_all(
    families: Sequence[Family],
    dates: Mapping[str, tuple[str | None, str | None]],
    ranks: Mapping[str, UnitRank] | None = None,
    names: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Attribution]:
    """Family id → its attribution, for every family spanning two units or more (arguments as
    ``attribute``)."""
    scorer = Scorer(names)
    return {f.id: attribute(f, dates, ranks, names, scorer=scorer) for f in families if len(f.units) >= 2}
