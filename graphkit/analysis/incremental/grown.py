"""The families an update changed by their members alone (``near.Growth``), made ready to write.

Such a family keeps its node, its id and every stored edge; what changes is written from the
items that came and the few members they are compared with, never from all of its members:

- its node's size and number of units (known from the index), and its attribution;
- the INSTANCE_OF edges of the items that came, and (measures) their SIMILAR_TO pairs with
  their rows' first items;
- its REUSED_FROM edges: when the items that came are all later than its earliest date (or
  undated), its candidate sources stand, and only the units of those items are attributed
  again, against the sources' members (``sources.attribute`` with ``reuses_of``); the
  direction is taken from all of its units, and the number of undated units changes by those
  units alone. Otherwise (a unit came earlier than the sources, or took a place among them)
  every member is read and the family attributed whole, as a full detection does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graphkit.analysis.incremental.near import Growth
from graphkit.analysis.items import MeasureItem
from graphkit.analysis.recycled import Family
from graphkit.analysis.sources import Attribution, Scorer, UnitRank, attribute, family_direction
from graphkit.stores.base import Store

__all__ = ["GrownWrite", "prepare"]

Members = Callable[[Growth, Iterable[str] | None], tuple[list[MeasureItem], list[tuple[str, str, float]]]]
"""The members of a Growth in some units (all: None), with their rows' first items and pairs
(``FamilyIndex.growth_members``)."""


@dataclass
class GrownWrite:
    """What ``store_families.write_changes`` writes for the grown families.

    Attributes:
        families: each one's stored family, with the members the write needs (every member
            when it is attributed whole) and their pairs; its size and units are all of them.
        sources: family id → its attribution (the reuses of ``partial``'s units alone, or all).
        partial: family id → the units whose REUSED_FROM edges alone are written again.
        whole: the families whose REUSED_FROM edges are all written again.
        ends: family id → the ends of the INSTANCE_OF edges to write (those of the items that came).
    """

    families: list[Family] = field(default_factory=list)
    sources: dict[str, Attribution] = field(default_factory=dict)
    partial: dict[str, set[str]] = field(default_factory=dict)
    whole: list[str] = field(default_factory=list)
    ends: dict[str, set[tuple[str, str]]] = field(default_factory=dict)


def prepare(
    store: Store,
    grown: Sequence[Growth],
    members: Members,
    unit_of_notice: Mapping[str, str | None],
    dates: Mapping[str, tuple[str | None, str | None]],
    names: Mapping[str, Sequence[str]],
    ranks: Mapping[str, UnitRank],
) -> GrownWrite:
    """The writes of the grown families (``unit_of_notice``: every stored notice's unit;
    ``dates``: every stored notice's date and kind, as ``store_families.notice_dates``)."""
    from graphkit.analysis.store_families import instance_end

    out = GrownWrite()
    if not grown:
        return out
    ids = sorted(g.stored for g in grown)
    state: dict[str, tuple[str, str | None, str | None, int, int]] = {}
    for s in range(0, len(ids), 5000):
        rows = store.run_internal("family_sources", {"ids": ids[s : s + 5000]}).rows
        state.update(
            (fid, (text, src, day, tie or 0, undated or 0)) for fid, src, day, tie, text, undated in rows
        )
    by_day: dict[str, set[str]] = {}
    scorer = Scorer(names)
    for g in grown:
        text, src, day, tie, undated = state[g.stored]
        touched = {c.unit for c in g.came}
        head: Attribution | None = None
        if all(_later(dates.get(c.notice, (None, None)), day) for c in g.came):
            if tie > 1 and day is not None and not by_day:
                for n, (d, _) in dates.items():
                    if d is not None and (u := unit_of_notice.get(n)) is not None:
                        by_day.setdefault(d, set()).add(u)
            heads = {src} if tie == 1 and src else by_day.get(day, set()) if tie > 1 and day else set()
            mem, pairs = members(g, touched | {u for u in heads if u is not None})
            f = Family(g.stored, g.kind, "across-units", text, mem, g.units, g.size, pairs)
            head = attribute(f, dates, ranks, names, reuses_of=touched, scorer=scorer)
            if (head.source, head.source_date, head.tie) == (src, day, tie):
                head.direction, head.levels = family_direction(g.units, ranks)
                head.undated = undated + sum(_undated(f.members, u, dates) for u in touched)
                came = {c.id for c in g.came}
                head.undated -= sum(
                    _undated([m for m in f.members if m.id not in came], u, dates) for u in touched
                )
                out.partial[g.stored] = touched
            else:
                head = None
        if head is None:  # the candidate sources change: every member, attributed whole
            mem, pairs = members(g, None)
            f = Family(g.stored, g.kind, "across-units", text, mem, g.units, g.size, pairs)
            head = attribute(f, dates, ranks, names, scorer=scorer)
            out.whole.append(g.stored)
        out.families.append(f)
        out.sources[g.stored] = head
        out.ends[g.stored] = {e for c in g.came if (e := instance_end(g.kind, c, {})) is not None}
    return out


def _later(dated: tuple[str | None, str | None], earliest: str | None) -> bool:
    """Whether a member of this notice's (date, kind) leaves the family's earliest date and its
    units there as they are: undated (as attribution reads a date: both known), or after it."""
    d, kind = dated
    return not (d and kind) or (earliest is not None and d > earliest)


def _undated(
    members: Iterable[MeasureItem], unit: str, dates: Mapping[str, tuple[str | None, str | None]]
) -> int:
    """1 when ``unit`` has members here and none is dated (attribution's ``undated`` counts it)."""
    own = [m for m in members if m.unit == unit]
    return int(bool(own) and not any(all(dates.get(m.notice, (None, None))) for m in own))
