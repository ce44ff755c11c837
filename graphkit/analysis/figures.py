"""The figures the Cypher templates read, computed once when families are written.

Counting a unit's copied measures, a family's units or a document's issuing units means
aggregating over every measure; at a million measures that took seconds per template call.
`refresh_figures` stores them instead (schema/graph.yaml: the figures of Unit, Notice, Document
and MeasureTemplate), and the templates read them:

- Unit: measures, instanced (in an across-units family), copied (in such a family or in an
  across-units SIMILAR_TO pair): units/originality, units/originality_rank, recycled/by_level.
- Unit, also: measures by status and kind (units/status_shares, units/measure_kinds),
  measures taken from its own
  earlier notices (units/from_earlier_notices), issues answered only on paper
  (issues/paper_only).
- Notice: the measures its unit took for it and those in measure/headline families of each
  scope; their totals per year (recycled/by_year), and the units' per level and kind of body
  (recycled/by_level), each on one node of its group.
- Document: units, measures, issued, cited: documents/most_issued.
- UnitPair (a record beside the graph, schema/graph.yaml `meta`): two units sharing measure
  families, and how many: units/shared_measures.
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

from graphkit.stores.base import Statement, Store, internal_statement

_PER_NODE = (
    "figures_families",
    "figures_units",
    "figures_unit_taken",
    "figures_unit_paper",
    "figures_notices",
    "figures_documents",
)


def refresh_figures(store: Store, units: Collection[str] | None = None) -> None:
    """Compute the stored figures again.

    The figures of units, notices, documents and families are written in one transaction; then
    the pairs of units sharing measure families, and the totals per level and kind of body and
    per year, are made in Python from those figures (a few rows per family, unit or notice,
    never one per measure) and written in a second.

    Args:
        store: an open store (read-write).
        units: None for every unit, notice, document and family. Otherwise the ids of the units
            an update touched: those of every measure added, removed or replaced, and of every
            member, before and after, of every family or SIMILAR_TO pair it wrote or deleted.
            Computed again: their figures and their notices', those of the families they are in
            now or were in when last counted (and the pairs of every unit of those),
            and of the documents their measures issue or cite now or did; with any unit, notice,
            family or document never counted (a node written anew has none). Unknown ids are
            ignored.
    """
    if units is None:
        every = {"every": True, "ids": []}
        lists = _unit_lists(store, None, None)
        store.run_transaction([internal_statement(name, every) for name in _PER_NODE] + lists)
        _derived(store, None)
        return
    touched = sorted(set(units))
    families: set[str] = set()
    documents: set[str] = set()
    for what, id_ in store.run_internal("figures_touched", {"units": touched}).rows:
        (families if what == "family" else documents).add(id_)
    around = set(touched)
    if families:
        rows = store.run_internal("figures_family_units", {"ids": sorted(families)}).rows
        around.update(u for (u,) in rows if u is not None)
    ids = {"figures_families": families, "figures_documents": documents}
    lists = _unit_lists(store, families, documents)
    store.run_transaction(
        [
            internal_statement(name, {"every": False, "ids": sorted(ids.get(name, touched))})
            for name in _PER_NODE
        ]
        + lists
    )
    _derived(store, around)


def _unit_lists(store: Store, families: set[str] | None, documents: set[str] | None) -> list[Statement]:
    """The statements writing the unit_ids of these families and documents (every one when
    None), sorted: a list collected in Cypher comes in each store's own order."""
    params = {
        "every": families is None,
        "families": sorted(families or ()),
        "documents": sorted(documents or ()),
    }
    units: dict[tuple[str, str], set[str]] = {}
    for what, id_, unit in store.run_internal("figures_member_units", params).rows:
        units.setdefault((what, id_), set()).add(unit)
    out = []
    for what, name in (("family", "set_unit_ids"), ("document", "set_document_unit_ids")):
        rows = [{"id": k[1], "units": sorted(v)} for k, v in sorted(units.items()) if k[0] == what]
        out += [internal_statement(name, {"rows": rows[i : i + 5000]}) for i in range(0, len(rows), 5000)]
    return out


def _derived(store: Store, around: set[str] | None) -> None:
    """Write what is made from the stored figures: the pairs of units sharing measure families
    (every pair, or those of a unit `around`) and the totals."""
    statements = _pairs(store, around) + _totals(store)
    if statements:
        store.run_transaction(statements)


def _pairs(store: Store, around: set[str] | None) -> list[Statement]:
    """units/shared_measures: a UnitPair for each pair of units sharing measure families, with how
    many (from the families' stored unit_ids): every pair, or those with a unit `around`; only
    the pairs whose count changed are written (a rebuild changes the families, rarely the pairs)."""
    names = dict(store.run_internal("unit_id_names").rows)
    count: dict[tuple[str, str], int] = {}
    for (members,) in store.run_internal("figures_family_unit_lists").rows:
        ids = sorted(u for u in set(members or ()) if u in names)
        for k, a in enumerate(ids):
            for b in ids[k + 1 :]:
                if around is None or a in around or b in around:
                    count[(a, b)] = count.get((a, b), 0) + 1
    stored = {
        pid: n
        for pid, a, b, n in store.run_internal("unit_pairs").rows
        if around is None or a in around or b in around
    }
    now = {f"{a}|{b}": (a, b, n) for (a, b), n in count.items()}
    gone = sorted(pid for pid, n in stored.items() if pid not in now or now[pid][2] != n)
    rows = [
        {
            "id": pid,
            "unit_a": names[a],
            "unit_b": names[b],
            "unit_a_id": a,
            "unit_b_id": b,
            "shared_families": n,
        }
        for pid, (a, b, n) in sorted(now.items())
        if stored.get(pid) != n
    ]
    return [
        internal_statement("delete_unit_pairs", {"ids": gone[i : i + 5000]})
        for i in range(0, len(gone), 5000)
    ] + [
        internal_statement("create_unit_pairs", {"rows": rows[i : i + 5000]})
        for i in range(0, len(rows), 5000)
    ]


def _totals(store: Store) -> list[Statement]:
    """The statements storing the totals per level and kind of body (recycled/by_level) and per
    year (recycled/by_year), each on one node of its group (the smallest id): LadybugDB's sum()
    of integers answers a 128-bit Decimal, so the templates read totals, not sums of figures."""
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
    statements: list[Statement] = []
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
    return statements
