"""Write a whole report: the index and lists, a page per family, per notice and per unit.

Notice texts are asked for in batches (``texts``), so only one batch is held at a time. The
report's folder is written whole or not at all (``report_folder``: the pages go to a temporary
folder beside it, swapped in once complete); an existing folder is replaced only when it is
empty or a report graphkit wrote (``is_report``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.atomic_folder import AtomicFolder, FolderKind, check_folder
from graphkit.present.report.family import family_page
from graphkit.present.report.index import index_page, list_pages
from graphkit.present.report.model import FamilyInfo, IssueInfo, ReportData, ReportLimits
from graphkit.present.report.notice import notice_page
from graphkit.present.report.paths import family_file, notice_file, unit_file
from graphkit.present.report.unit import unit_page

__all__ = ["REPORT", "SiteSummary", "check_report_folder", "is_report", "report_folder", "write_site"]

TEXT_BATCH = 500
INDEX_TITLE = "<title>graphkit report</title>"  # how a report's index.html says what it is
# What a report's folder holds: the index, the full lists, and the pages in f/, n/ and u/.
_TOP = re.compile(r"index\.html|(?:families|units|notices)-\d+\.html|[fnu]")
_PAGE = re.compile(r"[0-9a-f]{16}\.html")


def is_report(folder: Path) -> bool:
    """Whether ``folder`` is a report graphkit wrote (and so may be replaced): its index.html
    has the report's title, and it holds nothing but a report's pages."""
    index = folder / "index.html"
    if not index.is_file() or INDEX_TITLE not in index.read_text(encoding="utf-8", errors="replace"):
        return False
    for entry in folder.iterdir():
        if not _TOP.fullmatch(entry.name) or entry.is_dir() != (len(entry.name) == 1):
            return False
        if entry.is_dir() and not all(_PAGE.fullmatch(p.name) for p in entry.iterdir()):
            return False
    return True


REPORT = FolderKind("report", is_report, make_parents=True)


def check_report_folder(path: Path, protected: Iterable[Path] = ()) -> Path:
    """The folder to write the report to (``path`` resolved, its parent made), or an
    OutputError: a file, inside the graph store (``protected``), or a folder that is not empty
    and not a report."""
    return check_folder(path, protected, REPORT)


def report_folder(path: Path, protected: Iterable[Path] = ()) -> AtomicFolder:
    """The report's folder, written whole or not at all: write into its ``tmp`` inside a
    ``with`` block; it takes ``path``'s place when the block ends normally."""
    return AtomicFolder(path, protected, REPORT)


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
    """Write the pages of ``data`` into the folder ``out`` (an empty folder: ``report_folder``'s
    ``tmp``).

    Args:
        data: what the report shows (``graphkit.service.reporting.gather_report``).
        out: the folder to fill.
        texts: notice id batch → their clean texts.
        limits: what to cut on large stores.
    """
    for sub in ("f", "n", "u"):
        (out / sub).mkdir(exist_ok=True)
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
