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
- UnitFamily (a record beside the graph): a unit's members of one family of scope within-unit,
  and the issues they answer: recycled/within_unit.
- UnitSimilar (a record beside the graph): two units whose measures form SIMILAR_TO pairs, how
  many and the best score: units/similar_pairs.

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
    ("figures_families", "family"),
    ("figures_units", "unit"),
    ("figures_unit_instanced", "unit"),
    ("figures_unit_similar", "unit"),
    ("figures_unit_taken", "unit"),
    ("figures_unit_paper", "unit"),
    ("figures_notices", "notice"),
    ("figures_documents", "document"),
)
_CHUNK = 5000
# Past this many touched units the stored pairs among them are read by one scan of UnitPair
# rather than looked up by id (a pair of touched units is looked up whether it exists or not).
_MAX_LOOKUP_UNITS = 300


def refresh_figures(
    store: Store,
    units: Collection[str] | None = None,
    issues_of: Collection[str] | None = None,
    added: Collection[str] | None = None,
) -> None:
    """Compute the stored figures again.

    The figures of units, notices, documents and families are written in one transaction; then
    the pairs of units sharing measure families, and the totals per level and kind of body and
    per year, are made from those figures (a few rows per family, unit or notice, never one per
    measure) and written in a second. A refresh of every figure writes each statement in a
    transaction of its own (`_run`).

    An incremental refresh (`units` given) starts every read from the touched units (a small
    label: `u.id IN $units`, then their own edges), from the touched families' and pairs' ids,
    or reads one scalar property of a label (the nodes never counted); the families and
    documents a unit left are in its family_ids and document_ids, stored when it was counted
    (a unit a load wrote anew has none: for such units every family's and document's stored
    list of units is read).
    Only the totals per level and per year are summed again over every unit and notice, by
    the store (one row per group).

    Args:
        store: an open store (read-write).
        units: None for every unit, notice, document and family. Otherwise the ids of the units
            whose figures a change may have changed: those of every measure added, removed or
            replaced, and of every item whose families (of a kind and scope) or SIMILAR_TO
            pairs changed (the family index names them: index.IndexChange.units).
            Computed again: their figures and their notices', those of the families they are in
            now or were in when last counted, the pairs of units with one of them, and the
            figures of the documents their measures issue or cite now or did; with any unit,
            notice, family or document never counted (a node written anew has none). Unknown
            ids are ignored.
        issues_of: with `units`, the units whose issues may have changed (those of the notices
            added, removed or replaced: index.IndexChange.notice_units); only the issue
            wordings of their new notices' titles, and of the titles their issues had when last
            counted, are counted again (the figures of families and pairs do not change them).
            None: those of every touched unit's notices.
        added: with `units`, the notices added since the figures were last counted when none was
            removed or replaced meanwhile (index.IndexChange: an update that only added
            notices): the issue wordings of their titles are their stored counts plus the
            notices' own, not counted again over every issue of those titles. None: counted
            again.
    """
    from graphkit.analysis import wordings

    ids: dict[str, set[str]] = {"unit": set(), "notice": set(), "family": set(), "document": set()}
    touched = sorted(set(units or ()))
    every = units is None or _most(store, touched)
    before: dict[str, tuple[Any, ...]] = {}
    new_notices: set[str] = set()
    if not every:
        ids["unit"].update(touched)
        found = store.run_internal("figures_touched", {"units": touched}).rows
        unlisted = sorted(id_ for what, id_ in found if what == "unlisted")
        if unlisted:
            found += store.run_internal("figures_touched_unlisted", {"units": unlisted}).rows
        for what, id_ in found:
            if what == "new notice":
                new_notices.add(id_)
                what = "notice"
            ids.setdefault(what, set()).add(id_)
        before = _family_lists(store, ids["family"])
    lists, listed = _unit_lists(store, every, ids["family"], ids["document"])
    # a family or document written anew (another id) changes the lists of each of its units
    ids["family units"] = ids["unit"] | listed["family"]
    ids["document units"] = ids["unit"] | listed["document"]
    statements = [
        internal_statement(name, {"every": every, "ids": chunk})
        for name, what in _PER_NODE
        for chunk in ([[]] if every else chunks(sorted(ids[what])))
    ]
    # issue wordings (graphkit.analysis.wordings): those of every title (`every`); when notices
    # were only added, their counts added to their titles'; else those of the titles of the
    # changed units' new notices and of those units' issues when last counted, counted again
    if every:
        records = wordings.every_wording(store)
    elif added is not None:
        records = wordings.added_wordings(store, sorted(set(added)))
    else:
        changed = sorted(ids["notice"]) if issues_of is None else sorted(new_notices)
        records = wordings.wordings_of(
            store, changed, touched if issues_of is None else sorted(set(issues_of))
        )
    records += _unit_records(store, every, sorted(ids["unit"]))
    _run(store, every, statements + _unit_id_lists(store, every, ids) + lists + records)
    pairs = _all_pairs(store) if every else _pairs_around(store, touched, ids["family"], before)
    _run(store, every, pairs + _totals(store))


def _run(store: Store, every: bool, statements: list[Statement]) -> None:
    """Run the statements: one transaction for a refresh of some units, one per statement for
    a refresh of every figure. A full refresh rewrites a property of every node; held in one
    transaction at a million measures it outgrew the embedded store's default buffer pool
    (2 GB), each statement alone fits (and all ran in 97 s, against 161 s in one). Both
    callers run inside a begun operation (a load, a rebuild) whose end is recorded only after
    the figures: a refresh cut short is redone."""
    if not statements:
        return
    if not every:
        store.run_transaction(statements)
        return
    for statement in statements:
        store.run_transaction([statement])


def _most(store: Store, touched: list[str]) -> bool:
    """Whether these units are a large share of the store's (more than a quarter): a refresh of
    every figure then costs less than one naming thousands of ids (`IN $ids` against each node).
    The figures are the same either way."""
    if len(touched) <= _MAX_LOOKUP_UNITS:
        return False
    ((count,),) = store.run_internal("figures_unit_count").rows
    return 4 * len(touched) > int(count)


def chunks(values: list[Any]) -> list[list[Any]]:
    """`values` in lists of at most _CHUNK (one statement's parameter each)."""
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


def _unit_id_lists(store: Store, every: bool, ids: dict[str, set[str]]) -> list[Statement]:
    """The statements writing the family_ids and document_ids of every unit (`every`; figures_units
    set them to [] first) or of the units `ids` names for them, each list sorted: a list
    collected in Cypher comes in each store's own order, and the graph templates answer with
    the units' properties."""
    out = []
    for what in ("family", "document"):
        units = [] if every else sorted(ids[f"{what} units"])
        found: dict[str, set[str]] = {u: set() for u in units}
        for chunk in [[]] if every else chunks(units):
            params = {"every": every, "ids": chunk}
            for unit, id_ in store.run_internal(f"figures_unit_{what}_ids", params).rows:
                found.setdefault(unit, set()).add(id_)
        rows = [{"id": u, "ids": sorted(v)} for u, v in sorted(found.items())]
        out += [internal_statement(f"set_unit_{what}_ids", {"rows": chunk}) for chunk in chunks(rows)]
    return out


def _unit_records(store: Store, every: bool, units: list[str]) -> list[Statement]:
    """The statements writing the UnitFamily records (recycled/within_unit) and UnitSimilar records
    (units/similar_pairs) of every unit (`every`) or of these units: those records are deleted and
    counted again from the units' own measures (a pair of two of them is read twice, alike)."""
    parts: list[list[str]] = [[]] if every else chunks(units)
    if not every and not units:
        return []
    families: dict[str, dict[str, Any]] = {}
    similar: dict[str, dict[str, Any]] = {}
    for chunk in parts:
        params = {"every": every, "ids": chunk}
        for unit, name, family, issues, measures in store.run_internal("figures_unit_families", params).rows:
            id_ = f"{unit}|{family}"
            families[id_] = {
                "id": id_,
                "unit_id": unit,
                "unit": name,
                "family": family,
                "issues": int(issues),
                "measures": int(measures),
            }
        for a, b, name_a, name_b, pairs, best in store.run_internal(
            "figures_unit_similar_pairs", params
        ).rows:
            id_ = f"{a}|{b}"
            similar[id_] = {
                "id": id_,
                "unit_a": name_a,
                "unit_b": name_b,
                "unit_a_id": a,
                "unit_b_id": b,
                "pairs": int(pairs),
                "best_score": best,
            }
    out = [
        internal_statement(name, {"every": every, "ids": chunk})
        for chunk in parts
        for name in ("figures_clear_unit_families", "figures_clear_unit_similar")
    ]
    for name, rows in (
        ("figures_create_unit_families", families),
        ("figures_create_unit_similar", similar),
    ):
        out += [internal_statement(name, {"rows": c}) for c in chunks([rows[k] for k in sorted(rows)])]
    return out


def _unit_lists(
    store: Store, every: bool, families: set[str], documents: set[str]
) -> tuple[list[Statement], dict[str, set[str]]]:
    """The statements writing the unit_ids of these families and documents (`every`: of every
    one), sorted: a list collected in Cypher comes in each store's own order; and the units in
    them, by "family" and "document"."""
    units: dict[tuple[str, str], set[str]] = {}
    params = {"every": every, "families": sorted(families), "documents": sorted(documents)}
    for what, id_, unit in store.run_internal("figures_member_units", params).rows:
        units.setdefault((what, id_), set()).add(unit)
    out = []
    listed: dict[str, set[str]] = {"family": set(), "document": set()}
    for what, name in (("family", "set_unit_ids"), ("document", "set_document_unit_ids")):
        rows = [{"id": k[1], "units": sorted(v)} for k, v in sorted(units.items()) if k[0] == what]
        out += [internal_statement(name, {"rows": chunk}) for chunk in chunks(rows)]
        for r in rows:
            listed[what].update(r["units"])
    return out, listed


def _family_lists(store: Store, families: set[str]) -> dict[str, tuple[Any, ...]]:
    """Each of these families' kind, member_units and stored unit_ids (those it exists with)."""
    out: dict[str, tuple[Any, ...]] = {}
    for chunk in chunks(sorted(families)):
        for id_, kind, n_units, members in store.run_internal("figures_family_lists", {"ids": chunk}).rows:
            out[id_] = (kind, n_units, members)
    return out


def _shared(lists: Any, keep: Any) -> dict[tuple[str, str], int]:
    """How many measure families of more than one unit each pair of units (a < b) shares, among
    these (kind, member_units, unit_ids), for the pairs `keep(a, b)` accepts."""
    count: dict[tuple[str, str], int] = {}
    for kind, n_units, members in lists:
        if kind != "measure" or n_units is None or n_units <= 1:
            continue
        ids = sorted(set(members or ()))
        for k, a in enumerate(ids):
            for b in ids[k + 1 :]:
                if keep(a, b):
                    count[(a, b)] = count.get((a, b), 0) + 1
    return count


def _pair_statements(
    stored: dict[str, int], count: dict[tuple[str, str], int], names: dict[str, Any]
) -> list[Statement]:
    """Delete the stored pairs whose count changed or that share no family any more, and write
    the pairs whose count is new: a refresh rarely changes many pairs."""
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
    return [internal_statement("delete_unit_pairs", {"ids": chunk}) for chunk in chunks(gone)] + [
        internal_statement("create_unit_pairs", {"rows": chunk}) for chunk in chunks(rows)
    ]


def _all_pairs(store: Store) -> list[Statement]:
    """units/shared_measures: a UnitPair for each pair of units sharing measure families, with
    how many (from the families' stored unit_ids)."""
    names = dict(store.run_internal("unit_id_names").rows)
    lists = (("measure", 2, m) for (m,) in store.run_internal("figures_family_unit_lists").rows)
    count = _shared(lists, lambda a, b: a in names and b in names)
    stored = {pid: n for pid, _a, _b, n in store.run_internal("unit_pairs").rows}
    return _pair_statements(stored, count, names)


def _pairs_around(
    store: Store, touched: list[str], families: set[str], before: dict[str, tuple[Any, ...]]
) -> list[Statement]:
    """The UnitPairs with a touched unit, counted again from the families they are in now (each
    a family the refresh counted: it holds a touched unit's measure). No other pair changed: a
    family changes its units only through a touched unit's measure, and a family deleted had
    only touched units. The stored pairs read: those of the families' units as last counted
    (`before`), and those between two touched units (a deleted family's)."""
    near = set(touched)

    def keep(a: str, b: str) -> bool:
        return a in near or b in near

    count = _shared(_family_lists(store, families).values(), keep)
    if len(near) > _MAX_LOOKUP_UNITS:
        rows = store.run_internal("figures_pairs_of_units", {"ids": touched}).rows
    else:
        candidates = {f"{a}|{b}" for a, b in count}
        candidates.update(f"{a}|{b}" for a, b in _shared(before.values(), keep))
        candidates.update(f"{a}|{b}" for k, a in enumerate(touched) for b in touched[k + 1 :])
        rows = []
        for chunk in chunks(sorted(candidates)):
            rows += store.run_internal("figures_pairs_by_id", {"ids": chunk}).rows
    stored = {pid: n for pid, a, b, n in rows if keep(a, b)}
    named = sorted({u for pair in count for u in pair})
    names: dict[str, Any] = {}
    for chunk in chunks(named):
        names.update(
            (id_, name) for id_, name in store.run_internal("figures_unit_names", {"ids": chunk}).rows
        )
    return _pair_statements(stored, count, names)


def _totals(store: Store) -> list[Statement]:
    """The statements storing the totals per level and kind of body (recycled/by_level) and per
    year (recycled/by_year), each on one node of its group (the smallest id), as the store sums
    them (one row per group): LadybugDB's sum() of integers answers a 128-bit Decimal, so the
    templates read totals, not sums of figures. Only the totals that changed are written."""
    held: dict[tuple[str, str], list[Any]] = {
        (what, id_): list(totals) for what, id_, totals in store.run_internal("figures_totals_held").rows
    }
    level_rows = [
        {"id": id_, "units": int(n), "measures": int(m), "instanced": int(i)}
        for _level, _kind, id_, n, m, i in store.run_internal("figures_unit_levels").rows
    ]
    keys = ("notices", "measures", "mau", "mwu", "man", "hau", "hwu", "han")
    year_rows = [
        {"id": id_, **{k: int(v) for k, v in zip(keys, counts, strict=True)}}
        for _year, id_, *counts in store.run_internal("figures_notice_years").rows
    ]
    statements: list[Statement] = []
    for what, rows, clear_name, set_name, fields in (
        ("level", level_rows, "clear_level_totals", "set_level_totals", ("units", "measures", "instanced")),
        ("year", year_rows, "clear_year_totals", "set_year_totals", keys),
    ):
        holders = {r["id"] for r in rows}
        clear = sorted(id_ for w, id_ in held if w == what and id_ not in holders)
        if clear:
            statements.append(internal_statement(clear_name, {"ids": clear}))
        changed = [r for r in rows if held.get((what, r["id"])) != [r[f] for f in fields]]
        if changed:
            statements.append(internal_statement(set_name, {"rows": changed}))
    return statements
