"""The figures the Cypher templates read, computed once when families are written.

Counting a unit's copied measures, a family's units or a document's issuing units means
aggregating over every measure; at a million measures that took seconds per template call.
`refresh_figures` stores them instead (schema/graph.yaml: the figures of Unit, Notice, Document
and MeasureTemplate), and the templates read them:

- Unit: measures, instanced (in an across-units family), copied (in such a family or in an
  across-units SIMILAR_TO pair): units/originality, units/originality_rank, recycled/by_level.
- Unit, also: measures by status and kind (units/status_shares, units/measure_kinds), the
  units it shares measure families with (units/shared_measures), measures taken from its own
  earlier notices (units/from_earlier_notices).
- Notice: the measures its unit took for it and those in measure/headline families of each
  scope; their totals per year (recycled/by_year), and the units' per level and kind of body
  (recycled/by_level), each on one node of its group.
- Document: units, measures, issued, cited: documents/most_issued.
- MeasureTemplate: members, member_units, member_notices, unit_ids: recycled/families_by_spread,
  graphs/family_spread.

The figures are part of the families: `rebuild_families` refreshes them all after writing the
families, and an incremental update refreshes those of the units it touched. Between a load
that writes notices without detecting families (`families="never"`) and the next detection,
the figures, like the families, are those of the last detection; the store's record then says
the families are not current and every read warns so.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from graphkit.stores.base import Store, internal_statement

_PER_NODE = (
    "figures_families",
    "figures_units",
    "figures_unit_pairs",
    "figures_unit_taken",
    "figures_notices",
    "figures_documents",
)


def refresh_figures(store: Store, units: Collection[str] | None = None) -> None:
    """Compute the stored figures again.

    The figures of units, notices, documents and families are written in one transaction, then
    the totals per level and kind of body and per year (from those figures: a few thousand
    rows, never the measures) in a second.

    Args:
        store: an open store (read-write).
        units: None for every unit, notice, document and family. Otherwise the ids of the units
            whose measures were added, replaced or removed, or whose measures joined or left a
            family or an across-units SIMILAR_TO pair: their figures, their notices', those of
            the families they are in (now, or when last counted) and of every unit of those
            families, and those of the documents their measures issued or cited (now, or when
            last counted) are computed again, with any unit, notice, family or document never
            counted (a node written anew has none). Unknown ids are ignored.
    """
    if units is None:
        every = {"every": True, "ids": []}
        store.run_transaction([internal_statement(name, every) for name in _PER_NODE])
        _totals(store)
        return
    touched = sorted(set(units))
    families: set[str] = set()
    documents: set[str] = set()
    for what, id_ in store.run_internal("figures_touched", {"units": touched}).rows:
        (families if what == "family" else documents).add(id_)
    closure = set(touched)
    if families:
        rows = store.run_internal("figures_family_units", {"ids": sorted(families)}).rows
        closure.update(u for (u,) in rows if u is not None)
    ids = {
        "figures_families": families,
        "figures_documents": documents,
    }
    store.run_transaction(
        [
            internal_statement(name, {"every": False, "ids": sorted(ids.get(name, closure))})
            for name in _PER_NODE
        ]
    )
    _totals(store)


def _totals(store: Store) -> None:
    """The totals per level and kind of body (recycled/by_level) and per year (recycled/by_year),
    each stored on one node of its group (the smallest id): LadybugDB's sum() of integers
    answers a 128-bit Decimal, so the templates read totals instead of adding figures up."""
    levels: dict[tuple[object, object], list[Any]] = {}
    held: list[str] = []
    for uid, level, body_kind, measures, instanced, holds in store.run_internal("figures_unit_levels").rows:
        if holds:
            held.append(uid)
        if measures:  # a unit with no measure is in no group (by_level matches its measures)
            g = levels.setdefault((level, body_kind), [uid, 0, 0, 0])
            g[0] = min(g[0], uid)
            g[1] += 1
            g[2] += measures
            g[3] += instanced or 0
    level_rows = [{"id": h, "units": n, "measures": m, "instanced": i} for h, n, m, i in levels.values()]
    years: dict[object, list[Any]] = {}
    year_held: list[str] = []
    for nid, year, *counts, holds in store.run_internal("figures_notice_years").rows:
        if holds:
            year_held.append(nid)
        g = years.setdefault(year, [nid, 0] + [0] * 7)
        g[0] = min(g[0], nid)
        g[1] += 1
        for k, v in enumerate(counts):
            g[2 + k] += v or 0
    keys = ("notices", "measures", "mau", "mwu", "man", "hau", "hwu", "han")
    year_rows = [{"id": g[0], **dict(zip(keys, g[1:], strict=True))} for g in years.values()]
    statements = []
    clear = sorted(set(held) - {r["id"] for r in level_rows})
    if clear:
        statements.append(internal_statement("clear_level_totals", {"ids": clear}))
    clear = sorted(set(year_held) - {r["id"] for r in year_rows})
    if clear:
        statements.append(internal_statement("clear_year_totals", {"ids": clear}))
    if level_rows:
        statements.append(internal_statement("set_level_totals", {"rows": level_rows}))
    if year_rows:
        statements.append(internal_statement("set_year_totals", {"rows": year_rows}))
    if statements:
        store.run_transaction(statements)
