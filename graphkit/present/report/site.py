"""Write a whole report: the index and lists, a page per family, per notice and per unit.

Notice texts are asked for in batches (``texts``), so only one batch is held at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import OutputError
from graphkit.present.report.family import family_page
from graphkit.present.report.index import index_page, list_pages
from graphkit.present.report.model import FamilyInfo, IssueInfo, ReportData, ReportLimits
from graphkit.present.report.notice import notice_page
from graphkit.present.report.paths import family_file, notice_file, unit_file
from graphkit.present.report.unit import unit_page

__all__ = ["SiteSummary", "write_site"]

TEXT_BATCH = 500


@dataclass
class SiteSummary:
    """What ``write_site`` wrote: pages per kind, bytes, and what was cut."""

    pages: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    notes: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.summary = SiteSummary()

    def write(self, rel: str, kind: str, html: str) -> None:
        path = self.out / rel
        data = html.encode("utf-8")
        path.write_bytes(data)
        self.summary.pages[kind] = self.summary.pages.get(kind, 0) + 1
        self.summary.bytes += len(data)


def write_site(
    data: ReportData,
    out: Path,
    texts: Callable[[Sequence[str]], dict[str, str]],
    limits: ReportLimits,
) -> SiteSummary:
    """Write the report of ``data`` into the folder ``out`` (made if missing).

    Args:
        data: what the report shows (``graphkit.service.reporting.gather_report``).
        out: the folder; existing pages of an earlier report are overwritten.
        texts: notice id batch → their clean texts.
        limits: what to cut on large stores.

    Raises:
        OutputError: ``out`` is a file or cannot be made.
    """
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file: the report is a folder")
    try:
        for sub in ("", "f", "n", "u"):
            (out / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot make the report's folder: {exc.strerror or exc}") from None
    w = _Writer(out)
    html, notes = index_page(data, limits)
    w.write("index.html", "index", html)
    w.summary.notes += notes
    for rel, html in list_pages(data, limits).items():
        w.write(rel, "list", html)

    issue_by_id: dict[str, IssueInfo] = {i.id: i for iss in data.issues.values() for i in iss}
    rank = {f.id: k + 1 for k, f in enumerate(data.families)}
    for k, f in enumerate(data.families):
        w.write(family_file(f.id), "family", family_page(f, k + 1, data.notices, issue_by_id, limits))
    big = sum(1 for f in data.families if len(f.members) > limits.family_members)
    if big:
        w.summary.notes.append(f"{big} family pages show {limits.family_members} members only")

    ids = list(data.notices)
    for k in range(0, len(ids), TEXT_BATCH):
        batch = ids[k : k + TEXT_BATCH]
        got = texts(batch)
        for nid in batch:
            page = notice_page(
                data.notices[nid],
                got.get(nid, ""),
                data.issues.get(nid, []),
                data.measures.get(nid, []),
                rank,
            )
            w.write(notice_file(nid), "notice", page)

    fams_of: dict[str, list[tuple[int, FamilyInfo]]] = {}
    for k, f in enumerate(data.families):
        for name in sorted(set(f.units)):
            fams_of.setdefault(name, []).append((k + 1, f))
    ranked = {u.name: k + 1 for k, u in enumerate(x for x in data.units if x.originality is not None)}
    for u in data.units:
        page = unit_page(
            u, ranked.get(u.name), len(ranked), data.notices, data.issues, data.measures, data.roles.get(u.name, []),
            fams_of.get(u.name, []), limits,
        )  # fmt: skip
        w.write(unit_file(u.name), "unit", page)
    return w.summary
