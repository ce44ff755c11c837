"""The issue wordings: one IssueWording record per issue title (issues/frequent_wordings,
issues/by_category), part of the figures `graphkit.analysis.figures` stores.

A title's record counts its issues, their notices and units and their least depth, and, as a
category (a top-level issue), its units, notices and problems (the leaf issues under it). The
store counts them over every issue of the title; a title every notice has (a category heading
such as 党的建设方面) has as many issues as the store has notices. So when notices were only
added since the records were counted, their part is read and added to the stored counts
(`added_wordings`) instead. Each record keeps the units of its title, so that a later count finds
the titles a unit's issues had: on the record, or for a title of many units in WordingUnits
records, one per bucket of unit ids (`LISTED_UNITS`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from graphkit.analysis.figures import chunks
from graphkit.stores.base import Statement, Store, internal_statement

LISTED_UNITS = 256
"""A title of at most this many units lists them on its IssueWording; a title of more lists them in
WordingUnits records, one per bucket of unit ids (the first two hex digits of the id's sha1: up to
256 buckets). A unit coming to a title every notice has then rewrites one bucket (~150 ids at
40,000 units), not a list of every unit: at a million measures, listed whole, those lists were
~8 MB of the embedded store's log per added notice, which made every second add checkpoint."""


def _bucket_id(wording: str, unit: str) -> str:
    """The WordingUnits record holding `unit` among the units of the title `wording` (its id)."""
    return f"{wording}|{hashlib.sha1(unit.encode()).hexdigest()[:2]}"


def _layout(wording: str, units: set[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """A title's units as stored: the sorted list on its IssueWording and no bucket, or, past
    LISTED_UNITS, an empty list (a title has a unit at least: empty means in buckets; a list,
    not null, as LadybugDB types a parameter by its values) and its WordingUnits records."""
    if len(units) <= LISTED_UNITS:
        return sorted(units), []
    buckets: dict[str, list[str]] = {}
    for u in sorted(units):
        buckets.setdefault(_bucket_id(wording, u), []).append(u)
    return [], [{"id": b, "wording": wording, "unit_ids": ids} for b, ids in sorted(buckets.items())]


def every_wording(store: Store) -> list[Statement]:
    """The statements writing the IssueWording record of every title, the problems of every
    category written first (in a transaction of their own: the count reads them)."""
    store.run_transaction(_problem_statements(_category_problems(store, True, [])))
    return _wordings(store, True, set(), {}, [])


def wordings_of(store: Store, notices: list[str], units: list[str]) -> list[Statement]:
    """The statements counting again the IssueWording records of the titles of these notices'
    issues and of the titles whose record lists one of these units (the titles their issues had
    when last counted), with the problems of these notices' categories."""
    titles = _wording_titles(store, notices, units)
    fresh, counted = _fresh_problems(store, notices, titles)
    return _problem_statements(fresh) + _wordings(store, False, titles, fresh, counted)


def added_wordings(store: Store, notices: list[str]) -> list[Statement]:
    """The statements bringing the IssueWording records up to date once these notices were
    added, when no notice was removed or replaced since they were counted: the counts of each
    title of the notices' issues are the stored ones plus the notices' own (issues and notices
    are summed, units and category units joined, the least depth kept), and the problems of the
    notices' categories are written. A unit of these notices is a new category unit of a title
    only when none of its other notices has a category of that title with problems. A stored
    record is written its counts, and its list of units only when a unit came to its title; a
    title listing its units in buckets (more than LISTED_UNITS) has the buckets of the units that
    came rewritten, and one that passes LISTED_UNITS now moves its list into buckets.
    """
    fresh = _category_problems(store, False, notices)
    new: dict[str | None, tuple[int, int, set[str], int]] = {}
    for chunk in chunks(notices):
        for title, n_issues, n_notices, units, depth in store.run_internal(
            "figures_wording_counts_of", {"ids": chunk}
        ).rows:
            was = new.get(title, (0, 0, set(), int(depth)))
            new[title] = (
                was[0] + int(n_issues),
                was[1] + int(n_notices),
                was[2] | set(units),
                min(was[3], int(depth)),
            )
    categories: dict[str | None, tuple[set[str], set[str], int]] = {}  # units, notices, problems
    for chunk in chunks(notices):
        for title, notice, unit, category in store.run_internal(
            "figures_notice_category_rows", {"ids": chunk}
        ).rows:
            if fresh.get(category):
                units, notices_, problems = categories.get(title, (set(), set(), 0))
                categories[title] = (units | {unit}, notices_ | {notice}, problems + fresh[category])
    had: set[tuple[str, str | None]] = set()  # (unit, title) of their other notices' categories
    skip = notices or [""]
    for chunk in chunks(sorted({u for units, _, _ in categories.values() for u in units})):
        had.update(
            (unit, title)
            for unit, title in store.run_internal(
                "figures_unit_category_titles", {"units": chunk, "skip": skip}
            ).rows
        )
    stored: dict[str, dict[str, Any]] = {}
    for chunk in chunks(sorted(_wording_id(t) for t in new)):
        stored.update(
            (r["id"], r) for r in store.run_internal("figures_wordings_of", {"ids": chunk}).records()
        )
    # the buckets of the new units in the titles that list their units in buckets
    wanted = sorted(
        {
            _bucket_id(id_, u)
            for t, (_, _, units, _) in new.items()
            if (id_ := _wording_id(t)) in stored and not stored[id_]["unit_ids"]
            for u in units
        }
    )
    buckets: dict[str, list[str]] = {}
    for chunk in chunks(wanted):
        buckets.update(
            (bid, list(ids or ()))
            for bid, ids in store.run_internal("figures_wording_units_of", {"ids": chunk}).rows
        )
    made: list[dict[str, Any]] = []  # records of titles new to the store
    counts: list[dict[str, Any]] = []  # stored records: their counts
    lists: list[dict[str, Any]] = []  # stored records: their unit list ([]: in buckets from now)
    bucket_rows: list[dict[str, Any]] = []
    for title, (n_issues, n_notices, units, depth) in sorted(new.items(), key=lambda kv: _wording_id(kv[0])):
        id_ = _wording_id(title)
        old = stored.get(id_, {})
        units0 = old.get("unit_ids") or []
        row = {
            "id": id_,
            "issues": int(old.get("issues") or 0) + n_issues,
            "notices": int(old.get("notices") or 0) + n_notices,
            "min_depth": depth if old.get("min_depth") is None else min(int(old["min_depth"]), depth),
            **{k: old.get(k) for k in ("cat_units", "cat_notices", "cat_problems")},
        }
        if title in categories:
            cat_units, cat_notices, problems = categories[title]
            row["cat_units"] = int(row["cat_units"] or 0) + sum((u, title) not in had for u in cat_units)
            row["cat_notices"] = int(row["cat_notices"] or 0) + len(cat_notices)
            row["cat_problems"] = int(row["cat_problems"] or 0) + problems
        if old and not units0:  # listed in buckets: the new units' buckets grow
            grown: dict[str, set[str]] = {}
            for u in units:
                bid = _bucket_id(id_, u)
                if u not in buckets.get(bid, ()):
                    grown.setdefault(bid, set(buckets.get(bid, ()))).add(u)
            came = sum(len(v) - len(buckets.get(b, ())) for b, v in grown.items())
            row["units"] = int(old["units"] or 0) + came
            bucket_rows += [{"id": b, "wording": id_, "unit_ids": sorted(v)} for b, v in grown.items()]
            counts.append(row)
            continue
        every_unit = set(units0) | units
        row["units"] = len(every_unit)
        listed, in_buckets = _layout(id_, every_unit)
        bucket_rows += in_buckets
        if not old:
            made.append({**row, "title": title, "unit_ids": listed})
            continue
        counts.append(row)
        if len(every_unit) != len(units0):
            lists.append({"id": id_, "unit_ids": listed})
    return (
        _problem_statements(fresh)
        + [internal_statement("figures_create_wordings", {"rows": c}) for c in chunks(made)]
        + [internal_statement("figures_update_wordings", {"rows": c}) for c in chunks(counts)]
        + [internal_statement("figures_update_wording_units", {"rows": c}) for c in chunks(lists)]
        + [internal_statement("figures_set_wording_units", {"rows": c}) for c in chunks(bucket_rows)]
    )


def _wording_id(title: str | None) -> str:
    """An IssueWording's id: a title may be long, an id is a key."""
    return hashlib.sha1(json.dumps(title, ensure_ascii=False).encode()).hexdigest()


def _category_problems(store: Store, every: bool, notices: list[str]) -> dict[str, int]:
    """The problems (leaf issues) under each category of these notices (`every`: of every notice)."""
    out: dict[str, int] = {}
    for chunk in [[]] if every else chunks(notices):
        params = {"every": every, "ids": chunk}
        out.update((id_, 0) for (id_,) in store.run_internal("figures_notice_categories", params).rows)
        out.update((id_, int(n)) for id_, n in store.run_internal("figures_category_problems", params).rows)
    return out


def _wording_titles(store: Store, notices: list[str], units: list[str]) -> set[str | None]:
    """The titles the issues of these notices have now and those whose IssueWording lists one of
    these units (the titles the units' issues had when last counted)."""
    titles: set[str | None] = set()
    for name, what, ids in (("notices", "notices", notices), ("units", "units", units)):
        for chunk in chunks(ids):
            found = store.run_internal(f"figures_wording_titles_of_{name}", {what: chunk}).rows
            titles.update(t for (t,) in found)
    if titles == {None}:
        titles.add("")  # LadybugDB fails on `IN $titles` with an empty list
    return titles


def _title_params(every: bool, titles: set[str | None]) -> list[dict[str, Any]]:
    """The parameters of the statements reading every title (`every`) or these, in chunks."""
    if every:
        return [{"every": True, "titles": [], "nulls": False}]
    named = sorted(t for t in titles if t is not None)
    return [
        {"every": False, "titles": chunk, "nulls": k == 0 and None in titles}
        for k, chunk in enumerate(chunks(named))
    ]


def _fresh_problems(
    store: Store, notices: list[str], titles: set[str | None]
) -> tuple[dict[str, int], list[str]]:
    """The problems of the categories of these notices, and of the notices with a category of one
    of these titles never counted (a store written before categories were), counted now; and
    those notices."""
    uncounted: set[str] = set()
    for params in _title_params(False, titles):
        uncounted.update(n for (n,) in store.run_internal("figures_wording_uncounted", params).rows)
    counted = sorted(set(notices) | uncounted)
    return _category_problems(store, False, counted), counted


def _problem_statements(fresh: dict[str, int]) -> list[Statement]:
    """The statements writing these categories' problems."""
    rows = [{"id": k, "problems": v} for k, v in sorted(fresh.items())]
    return [internal_statement("figures_set_category_problems", {"rows": c}) for c in chunks(rows)]


def _wordings(
    store: Store, every: bool, titles: set[str | None], fresh: dict[str, int], counted: list[str]
) -> list[Statement]:
    """The statements writing the IssueWording records (issues/frequent_wordings,
    issues/by_category) of every title (`every`) or of these: each such record deleted and
    counted again by the store over every issue of its title, with the categories' stored
    problems, but for the categories of the notices `counted`, whose problems `fresh` were just
    counted (not yet written: their part is added here)."""
    issues: dict[str | None, tuple[int, int, set[str], int]] = {}
    categories: dict[str | None, tuple[set[str], int, int]] = {}  # units, notices, problems
    skip = counted or [""]  # LadybugDB fails on `IN $skip` with an empty list
    for params in _title_params(every, titles):
        for title, n_issues, n_notices, units, depth in store.run_internal(
            "figures_wording_counts", params
        ).rows:
            issues[title] = (int(n_issues), int(n_notices), set(units), int(depth))
        for title, units, n_notices, problems in store.run_internal(
            "figures_wording_category_counts", {**params, "skip": skip}
        ).rows:
            categories[title] = (set(units), int(n_notices), int(problems))
    mine: dict[str | None, tuple[set[str], set[str], int]] = {}  # those of the notices counted
    for chunk in chunks(counted):
        for title, notice, unit, category in store.run_internal(
            "figures_notice_category_rows", {"ids": chunk}
        ).rows:
            if title in titles and fresh.get(category):
                units_, notices_, total = mine.setdefault(title, (set(), set(), 0))
                units_.add(unit)
                notices_.add(notice)
                mine[title] = (units_, notices_, total + fresh[category])
    for title, (units_, notices_, total) in mine.items():
        was = categories.get(title, (set(), 0, 0))
        categories[title] = (was[0] | units_, was[1] + len(notices_), was[2] + total)
    rows: list[dict[str, Any]] = []
    bucket_rows: list[dict[str, Any]] = []
    for title, (n_issues, n_notices, units, depth) in issues.items():
        cat = categories.get(title)
        id_ = _wording_id(title)
        listed, in_buckets = _layout(id_, units)
        bucket_rows += in_buckets
        rows.append(
            {
                "id": id_,
                "title": title,
                "issues": n_issues,
                "notices": n_notices,
                "units": len(units),
                "min_depth": depth,
                "cat_units": len(cat[0]) if cat else None,
                "cat_notices": cat[1] if cat else None,
                "cat_problems": cat[2] if cat else None,
                "unit_ids": listed,
            }
        )
    rows.sort(key=lambda r: r["id"])
    bucket_rows.sort(key=lambda r: r["id"])
    if every:
        out = [
            internal_statement(name, {"every": True, "ids": []})
            for name in ("figures_clear_wordings", "figures_clear_wording_units")
        ]
    else:
        gone = sorted(_wording_id(t) for t in titles)
        out = [
            internal_statement(name, {"every": False, "ids": c})
            for c in chunks(gone)
            for name in ("figures_clear_wordings", "figures_clear_wording_units")
        ]
    return (
        out
        + [internal_statement("figures_create_wordings", {"rows": c}) for c in chunks(rows)]
        + [internal_statement("figures_set_wording_units", {"rows": c}) for c in chunks(bucket_rows)]
    )
