"""`graphkit compare`: two notices of the store side by side, and the notices a comparison names.

The notices are read through the statements of ``queries/_internal/compare_*.cypher`` (the store
interface only, so both stores give the same answer) and compared by the pure
``graphkit.analysis.compare``. A notice is named by its id, its source (the path it was read
from, or only the file's name when one notice's source ends with it); a unit names its two
latest notices (by date, the notice without a date first, then by id). What names nothing, or
more than one notice, is a QueryError: one line, exit code 2, with the closest names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphkit.analysis.compare import (
    Comparison,
    IssueRow,
    MeasureRow,
    NoticeInfo,
    NoticeSide,
)
from graphkit.analysis.compare import compare as compare_sides
from graphkit.errors import QueryError
from graphkit.service.checks import check_names, closest
from graphkit.stores.base import QueryResult, Store

__all__ = ["compare", "compare_unit", "find_notice", "notices", "read_side", "unit_notices"]


def notices(store: Store) -> QueryResult:
    """Every notice with its unit, title, date, source and counts of issues and measures (by id)."""
    return store.run_internal("notice_list")


def _candidates(store: Store) -> list[str]:
    out: list[str] = []
    for r in store.run_internal("lookup_notice_names").records():
        out += [v for v in (r["id"], r["title"]) if isinstance(v, str)]
    for r in notices(store).records():
        if isinstance(r["source"], str):
            out += [r["source"], Path(r["source"]).name]
    return out


def find_notice(store: Store, value: str) -> str:
    """The id of the notice `value` names: its id, its source (as stored, or as the path of an
    existing file), or the name of its file when one notice's source ends with it.

    Raises:
        QueryError: no notice, or a file name several notices were read from.
    """
    value = value.strip()
    if not value:
        raise QueryError(
            "give a notice id or source (see `graphkit.open(...).notices()` or `graphkit report`)"
        )
    tries = [value]
    if Path(value).exists():
        # a file found in a folder is stored as the folder's name and its path inside it
        # (graphkit.pipeline.Input): try the path, then its shorter tails
        parts = Path(value).resolve().parts
        tries += [str(Path(*parts))] + ["/".join(parts[-k:]) for k in range(len(parts) - 1, 1, -1)]
    for v in tries:
        rows = store.run_internal("compare_find_notice", {"value": v, "tail": "/" + v.lstrip("/")}).records()
        exact = [r["id"] for r in rows if v in (r["id"], r["source"])]
        if exact:
            return str(exact[0])
        if len(rows) == 1:
            return str(rows[0]["id"])
        if rows:
            sources = "、".join(str(r["source"]) for r in rows[:5])
            raise QueryError(f"{value!r} names several notices ({sources}); give an id or the whole source")
    known = _candidates(store)
    if not known:
        raise QueryError(f"no notice {value!r}: the graph holds no notice (ingest first)")
    near = closest(value, known)
    hint = f"; closest: {'、'.join(near)}" if near else " and none close to it"
    raise QueryError(f"no notice {value!r}{hint}")


def unit_notices(store: Store, unit: str) -> list[str]:
    """The ids of the unit's notices (by name or alias), oldest first: by date, a notice with
    no date first, then by id.

    Raises:
        QueryError: no unit of that name or alias (with the closest names and aliases, as
            every command that takes a unit says it), or a unit without notices.
    """
    rows = store.run_internal("compare_unit_notices", {"unit": unit.strip()}).records()
    if not rows:
        check_names(store, {"unit": unit})  # no such unit: the closest names and aliases
        raise QueryError(f"unit {unit!r} has no notice: nothing to compare")
    rows.sort(key=lambda r: (r["published"] or "", r["id"]))
    return [str(r["id"]) for r in rows]


def _int(v: Any) -> int:
    return int(v) if v is not None else 0


def read_side(store: Store, notice_id: str) -> NoticeSide:
    """One notice with its issues and measures, as the comparison takes them.

    Raises:
        QueryError: no notice of that id.
    """
    rows = store.run_internal("compare_notice", {"notice": notice_id}).records()
    if not rows:
        raise QueryError(f"no notice {notice_id!r}")
    r = rows[0]
    info = NoticeInfo(r["id"], r["unit"] or r["unit_name"], r["title"], r["published"], r["source"])
    issues = tuple(
        IssueRow(i["id"], i["parent"] or None, i["label"], i["title"] or "", _int(i["depth"]), _int(i["ord"]))
        for i in store.run_internal("compare_issues", {"notice": notice_id}).records()
    )
    measures = tuple(
        MeasureRow(
            m["id"],
            m["issue"] or None,
            m["label"],
            m["text"] or "",
            m["status"] or None,
            m["deadline"] or None,
            _int(m["ord"]),
        )
        for m in store.run_internal("compare_measures", {"notice": notice_id}).records()
    )
    return NoticeSide(info, issues, measures)


def compare(store: Store, a: str, b: str) -> Comparison:
    """Compare notice `a` with notice `b` (each an id, a source or a file name; see
    `find_notice`): matched issues, measures verbatim / edited / new / dropped, status moves.

    Raises:
        QueryError: a value that names no notice, or several.
    """
    ida, idb = find_notice(store, a), find_notice(store, b)
    if ida == idb:
        raise QueryError(f"{a!r} and {b!r} name the same notice ({ida}): give two notices")
    return compare_sides(read_side(store, ida), read_side(store, idb))


def compare_unit(store: Store, unit: str) -> Comparison:
    """Compare the unit's two latest notices, the earlier as A.

    Raises:
        QueryError: no such unit, or a unit with fewer than two notices.
    """
    ids = unit_notices(store, unit)
    if len(ids) < 2:
        raise QueryError(f"unit {unit!r} has one notice ({ids[0]}): nothing to compare it with")
    return compare_sides(read_side(store, ids[-2]), read_side(store, ids[-1]))
