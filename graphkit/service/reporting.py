"""`graphkit report`: the static, offline site of a store — index, families, notices, units.

The data is read here, through the store interface only (the statements of
``queries/_internal/report_*.cypher``, the stored families as ``read_families`` gives them, and
the templates ``units/originality`` and ``units/measure_kinds``), so both stores give the same
report. The pages are written by ``graphkit.present.report``; notice texts are read in batches
while their pages are written, so a large store is never held in memory at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from graphkit.errors import OutputError
from graphkit.present.report.model import (
    FamilyInfo,
    FamilyMemberInfo,
    IssueInfo,
    MeasureInfo,
    NoticeInfo,
    ReportData,
    ReportLimits,
    RoleInfo,
    UnitInfo,
)
from graphkit.service.loading import read_families
from graphkit.service.querying import run_template
from graphkit.stores.base import Store

__all__ = ["ReportResult", "check_report_output", "gather_report", "notice_texts", "write_report"]

ALL = 1_000_000_000  # "no limit" for the templates' `limit`
TEXT_BATCH = 200  # notice texts read per statement
_Info = TypeVar("_Info", NoticeInfo, IssueInfo, MeasureInfo, RoleInfo)


@dataclass
class ReportResult:
    """A written report.

    Attributes:
        index: the index page.
        pages: pages written, per kind (index, lists, family, notice, unit).
        bytes: total size of the files written.
        seconds: time to read the store and to write the pages.
        notes: what was cut, as the pages say it.
    """

    index: Path
    pages: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


_COLUMN = {"start": "s", "end": "e"}  # a span's ends, as the report_* statements name them
_COUNT = ("depth", "ord")  # 0 when the store has none
_SPAN = ("start", "end")  # None when the store has none


def _info(cls: type[_Info], r: Mapping[str, Any], **given: Any) -> _Info:
    """A row of a report_* statement as ``cls``: each field from the column of its name (a span's
    ``start``/``end`` from ``s``/``e``) as an int where it is a count or an offset, unless
    ``given``."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name in given:
            values[f.name] = given[f.name]
            continue
        v = r[_COLUMN.get(f.name, f.name)]
        if f.name in _COUNT:
            v = int(v or 0)
        elif f.name in _SPAN:
            v = None if v is None else int(v)
        values[f.name] = v
    return cls(**values)


def gather_report(store: Store) -> ReportData:
    """Read what the report shows (everything but the notice texts) from an open store."""
    data = ReportData(store.name)
    for r in store.run_internal("report_notices").records():
        data.notices[r["id"]] = _info(NoticeInfo, r)
    for r in store.run_internal("report_issues").records():
        data.issues.setdefault(r["notice"], []).append(_info(IssueInfo, r))
    families: list[FamilyInfo] = []
    member_of: dict[str, list[str]] = {}
    for kind in ("measure", "headline"):
        for f in read_families(store, kind=kind):
            members = tuple(FamilyMemberInfo(m.id, m.unit, m.notice, m.issue, m.text) for m in f.measures)
            notices = len({m.notice for m in members})
            families.append(
                FamilyInfo(f.id, f.kind, f.scope, f.text, tuple(f.units), f.size, notices, members)
            )
            for m in members:
                member_of.setdefault(m.measure, []).append(f.id)
    # Widest spread first, as recycled/families_by_spread ranks them: units, notices, members, id.
    families.sort(key=lambda f: (-len(f.units), -f.notices, -len(f.members), f.id))
    data.families = families
    for kind in ("document", "sentence"):
        data.other_families[kind] = len(read_families(store, kind=kind))
    for r in store.run_internal("report_measures").records():
        in_families = tuple(sorted(member_of.get(r["id"], ())))
        data.measures.setdefault(r["notice"], []).append(
            _info(MeasureInfo, r, text=r["text"] or "", families=in_families)
        )
    for r in store.run_internal("report_roles").records():
        data.roles.setdefault(r["unit"], []).append(_info(RoleInfo, r))
    data.units = _units(store, data)
    return data


def _units(store: Store, data: ReportData) -> list[UnitInfo]:
    """Units with their originality and paper share, ranked by originality (as the template)."""
    notices: dict[str, list[str]] = {}
    for n in sorted(data.notices.values(), key=lambda n: (n.published or "", n.id)):
        notices.setdefault(n.unit, []).append(n.id)
    paper = {
        r["unit"]: float(r["paper_share"])
        for r in run_template(store, "units/measure_kinds", {"limit": ALL}).records()
    }
    units: list[UnitInfo] = []
    for r in run_template(store, "units/originality", {"limit": ALL}).records():
        name = r["unit"]
        units.append(
            UnitInfo(
                name,
                tuple(notices.pop(name, ())),
                int(r["measures"]),
                int(r["copied"]),
                float(r["originality"]),
                paper.get(name),
            )
        )
    for name in sorted(notices):  # units without measures: no originality to rank them by
        units.append(UnitInfo(name, tuple(notices[name]), 0, 0, None, None))
    return units


def notice_texts(store: Store) -> Callable[[Sequence[str]], dict[str, str]]:
    """A reader of notice texts by id, in batches (for ``write_site``)."""

    def read(ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for k in range(0, len(ids), TEXT_BATCH):
            for r in store.run_internal(
                "report_notice_texts", {"ids": list(ids[k : k + TEXT_BATCH])}
            ).records():
                out[r["id"]] = r["text"] or ""
        return out

    return read


def check_report_output(out: Path, protected: Iterable[Path] = ()) -> Path:
    """Refuse (OutputError) a report folder that cannot or may not be written, before any store
    is opened: a file, inside the graph store (``protected``), a folder that is not a report."""
    from graphkit.present.report.site import check_report_folder

    return check_report_folder(out, protected)


def write_report(
    store: Store, out: Path, limits: ReportLimits | None = None, protected: Iterable[Path] = ()
) -> ReportResult:
    """Write the report of an open store into the folder ``out``, whole or not at all.

    Args:
        store: an open store (read-only will do).
        out: the report's folder; ``index.html`` is its entry page. Made (with its parents), or
            replaced when it holds a report written before; the pages are written beside it
            first and it is replaced only once they all are.
        limits: what to cut for large stores (default ``ReportLimits()``).
        protected: folders it may not be in (the graph store's).

    Raises:
        OutputError: ``out`` is a file, lies in ``protected``, is a folder holding anything but
            a report, or cannot be written.
        QueryError: the store could not answer.
    """
    from graphkit.present.report.site import report_folder, write_site

    t0 = time.perf_counter()
    with report_folder(out, protected) as folder:
        data = gather_report(store)
        t1 = time.perf_counter()
        try:
            site = write_site(data, folder.tmp, notice_texts(store), limits or ReportLimits())
        except OSError as exc:
            raise OutputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    t2 = time.perf_counter()
    return ReportResult(
        out / "index.html", site.pages, site.bytes, {"read": t1 - t0, "write": t2 - t1}, site.notes
    )
