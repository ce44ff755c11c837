"""The panel's tables from the rows a store gave: counts, shares and flags computed here, once.

`build_panel` takes the plain rows of the ``panel_*`` statements (``PanelRows``, read by
``graphkit.service.panel``) and returns each table of ``columns.TABLES`` as columns (name → list
of values), its rows in a fixed order, so both stores give the same files. How each column is
computed is what ``columns.py`` says of it; this module does exactly that.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphkit.present.panel.columns import FAMILIES, MEASURES, NOTICES, REUSE_EDGES, Table

__all__ = ["PAPER_KINDS", "Panel", "PanelRows", "build_panel"]

PAPER_KINDS = frozenset(("meeting", "document", "training"))
STATUSES = ("done", "in_progress", "long_term")
Row = dict[str, Any]


@dataclass
class PanelRows:
    """What the store holds for the panel, as the ``panel_*`` statements return it."""

    notices: list[Row] = field(default_factory=list)
    issues: list[Row] = field(default_factory=list)
    measures: list[Row] = field(default_factory=list)
    members: list[Row] = field(default_factory=list)
    similar: list[Row] = field(default_factory=list)
    families: list[Row] = field(default_factory=list)
    reuse_edges: list[Row] = field(default_factory=list)


@dataclass
class Panel:
    """The tables, column by column: table name → column name → values (one per row)."""

    tables: dict[str, dict[str, list[Any]]]

    def rows(self, table: str) -> int:
        cols = self.tables[table]
        return len(next(iter(cols.values()))) if cols else 0


def _text(v: Any) -> str | None:
    """A string value; the empty string is null (CSV cannot tell them apart)."""
    return None if v is None or v == "" else str(v)


def _int(v: Any) -> int | None:
    return None if v is None else int(v)


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _key(*values: Any) -> tuple[Any, ...]:
    """A sort key in which null sorts after every value."""
    return tuple((v is None, v if v is not None else "") for v in values)


def _columns(table: Table, rows: Iterable[Row]) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {name: [] for name in table.names}
    appends = [(name, cols[name].append) for name in table.names]
    for r in rows:
        for name, append in appends:
            append(r.get(name))
    return cols


def _warnings(raw: Any) -> int:
    if not raw:
        return 0
    try:
        found = json.loads(raw)
    except (TypeError, ValueError):
        return 0
    return len(found) if isinstance(found, list) else 0


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def build_panel(raw: PanelRows) -> Panel:
    """The four tables of the panel from the store's rows (see ``columns.py`` for each column)."""
    notices = _notice_rows(raw.notices)
    issues = {r["id"]: r for r in raw.issues}
    families = {r["family"]: r for r in raw.families}

    # each measure's families, one per scope of kind measure and one headline family (the
    # smallest id should detection ever give two), and whether it counts as copied
    fam: dict[str, dict[str, str]] = {}
    copied: set[str] = set()
    for r in raw.members:
        slot = "headline_family" if r["kind"] == "headline" else None
        if r["kind"] == "measure":
            slot = "family_" + str(r["scope"]).replace("-", "_")
        if r["scope"] == "across-units":
            copied.add(r["measure"])
        if slot is not None:
            had = fam.setdefault(r["measure"], {})
            if slot not in had or r["family"] < had[slot]:
                had[slot] = r["family"]
    similar: Counter[str] = Counter()
    for r in raw.similar:
        if r["scope"] == "across-units":
            similar[r["a"]] += 1
            similar[r["b"]] += 1

    measures: list[Row] = []
    for r in raw.measures:
        mid = r["id"]
        notice = notices.get(r["notice"])
        issue = issues.get(r["issue"]) or {}
        kind, status, deadline, due = (_text(r[k]) for k in ("kind", "status", "deadline", "due"))
        published = notice["published"] if notice else None
        fams = fam.get(mid, {})
        au = fams.get("family_across_units")
        source_unit = families[au]["source_unit"] if au in families else None
        measures.append(
            {
                "measure": mid,
                "notice": r["notice"],
                "unit": _text(r["unit"]),
                "issue": _text(r["issue"]),
                "issue_path": _text(issue.get("path")),
                "issue_depth": _int(issue.get("depth")),
                "label": _text(r["label"]),
                "ord": _int(r["ord"]),
                "kind": kind,
                "paper": None if kind is None else kind in PAPER_KINDS,
                "status": status,
                "deadline": deadline,
                "overdue": None if due is None or published is None else status != "done" and due < published,
                **fams,
                "similar_across_units": similar.get(mid, 0),
                "copied": mid in copied or mid in similar,
                "source": None if source_unit is None else r["unit_id"] == source_unit,
            }
        )
    measures.sort(key=lambda m: _key(m["notice"], m["ord"], m["measure"]))
    _count_measures(notices, measures, raw.issues)
    _family_spread(families, measures, notices)

    notice_rows = sorted(notices.values(), key=lambda n: _key(n["unit"], n["_date"], n["notice"]))
    edges = [
        {
            **r,
            **{
                k: _text(r.get(k))
                for k in ("unit", "unit_id", "source_unit", "source_unit_id", "family", "direction")
            },
        }
        for r in raw.reuse_edges
    ]
    edges.sort(
        key=lambda e: _key(e["unit"], e["source_unit"], e["family"], e["unit_id"], e["source_unit_id"])
    )
    return Panel(
        {
            NOTICES.name: _columns(NOTICES, notice_rows),
            MEASURES.name: _columns(MEASURES, measures),
            FAMILIES.name: _columns(FAMILIES, (families[k] for k in sorted(families))),
            REUSE_EDGES.name: _columns(REUSE_EDGES, edges),
        }
    )


def _notice_rows(rows: list[Row]) -> dict[str, Row]:
    """One row per notice (the first inspection by id when a notice had several)."""
    out: dict[str, Row] = {}
    for r in rows:
        if r["notice"] in out:
            continue
        row = {k: (_text(v) if k != "warnings" else v) for k, v in r.items()}
        row["warnings"] = _warnings(r.get("warnings"))
        row["_date"] = row.get("date") or row.get("published")
        row["year"] = _year(row["_date"])
        out[r["notice"]] = row
    return out


def _count_measures(notices: dict[str, Row], measures: list[Row], issues: list[Row]) -> None:
    """The notices' counts and shares, from their issues and measures."""
    n_issues: Counter[str] = Counter()
    n_cats: Counter[str] = Counter()
    for r in issues:
        n_issues[r["notice"]] += 1
        if r["depth"] == 1:
            n_cats[r["notice"]] += 1
    tally: dict[str, Counter[str]] = {nid: Counter() for nid in notices}
    for m in measures:
        t = tally.get(m["notice"])
        if t is None:  # a measure whose notice is not stored: counted nowhere
            continue
        t["measures"] += 1
        t["paper"] += bool(m["paper"])
        t[m["status"] or "no_status"] += 1
        t["overdue"] += bool(m["overdue"])
        t["copied"] += bool(m["copied"])
        t["sources"] += bool(m["source"])
        for scope in ("across_units", "within_unit", "across_notices"):
            t[scope] += m.get("family_" + scope) is not None
    for nid, n in notices.items():
        t, total = tally[nid], tally[nid]["measures"]
        n.update(
            issues=n_issues[nid],
            categories=n_cats[nid],
            measures=total,
            paper_measures=t["paper"],
            paper_share=_share(t["paper"], total),
            overdue=None if n["published"] is None else t["overdue"],
            copied=t["copied"],
            originality=_share(total - t["copied"], total),
            reuse_across_units=t["across_units"],
            reuse_within_unit=t["within_unit"],
            reuse_across_notices=t["across_notices"],
            sources=t["sources"],
        )
        for status in (*STATUSES, "no_status"):
            n[f"{status}_share"] = _share(t[status], total)


def _family_spread(families: dict[str, Row], measures: list[Row], notices: dict[str, Row]) -> None:
    """Each family's member measures, units, notices and first and last notice date."""
    slots = ("family_across_units", "family_within_unit", "family_across_notices", "headline_family")
    seen: dict[str, tuple[set[str], set[str], list[str]]] = {}
    count: Counter[str] = Counter()
    for m in measures:
        for slot in slots:
            fid = m.get(slot)
            if fid is None:
                continue
            count[fid] += 1
            units, nots, dates = seen.setdefault(fid, (set(), set(), []))
            if m["unit"] is not None:
                units.add(m["unit"])
            nots.add(m["notice"])
            notice = notices.get(m["notice"])
            if notice is not None and notice["_date"] is not None:
                dates.append(notice["_date"])
    for fid, f in families.items():
        units, nots, dates = seen.get(fid, (set(), set(), []))
        f.update(
            {
                k: _text(f.get(k))
                for k in (
                    "kind",
                    "scope",
                    "text",
                    "source_unit",
                    "source_date",
                    "source_date_kind",
                    "direction",
                    "levels",
                )
            }
        )
        f.update(
            size=_int(f.get("size")),
            n_units=_int(f.get("n_units")),
            members=_int(f.get("members")),
            source_tie=_int(f.get("source_tie")),
            undated=_int(f.get("undated")),
            measures=count[fid],
            units=len(units),
            notices=len(nots),
            first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None,
        )
