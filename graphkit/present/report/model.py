"""What a report shows, as plain data: read from a store by ``graphkit.service.reporting``,
rendered by the page modules of this package. Nothing here touches a store or writes a file.

Everything is keyed by the graph's ids; ``slug`` gives each id a short, file-system-safe and
URL-safe name (a hash), so no id — and no text in it — ever becomes part of a path as written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = [
    "FamilyInfo",
    "FamilyMemberInfo",
    "IssueInfo",
    "MeasureInfo",
    "NoticeInfo",
    "ReportData",
    "ReportLimits",
    "RoleInfo",
    "UnitInfo",
    "slug",
]


def slug(node_id: str) -> str:
    """A short, stable, safe name for a node id: 16 hex digits of its SHA-1."""
    return hashlib.sha1(node_id.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReportLimits:
    """What a report cuts so that a large store gives it in minutes and every page opens fast.

    Each page that cuts says so, with the number left out.

    Attributes:
        index_families: families listed on the index (the rest on the family list pages).
        index_units: units listed on the index (the rest on the unit list pages).
        list_page: rows per page of the full family and unit lists.
        heatmap_units: units in the unit × unit heat map (those sharing the most families).
        all_pairs_up_to: families of up to this many members offer every pair side by side;
            larger ones pair each member with the first (the one nearest the family's text).
        family_members: members shown on a family page (the widest-spread first).
        search_chars: characters of measure text in the index's search (family members first).
        unit_measures: measures listed in a unit page's issue tree.
    """

    index_families: int = 200
    index_units: int = 200
    list_page: int = 1000
    heatmap_units: int = 30
    all_pairs_up_to: int = 8
    family_members: int = 120
    search_chars: int = 400_000
    unit_measures: int = 3000


@dataclass(frozen=True)
class NoticeInfo:
    """A notice: its unit, title, publication date and source (its text is read page by page)."""

    id: str
    unit: str
    title: str | None
    published: str | None
    source: str | None

    @property
    def label(self) -> str:
        """Its title, or (most notices state none) its unit and date."""
        return self.title or f"{self.unit} {self.published or ''} 通报".replace("  ", " ")


@dataclass(frozen=True)
class IssueInfo:
    """An issue of a notice: its place in the tree and its span in the notice's text."""

    id: str
    notice: str
    parent: str | None
    label: str | None
    title: str | None
    depth: int
    ord: int
    path: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class MeasureInfo:
    """A measure: its issue, kind, status, span in the notice's text, and the families it is in."""

    id: str
    notice: str
    issue: str | None
    label: str | None
    text: str
    kind: str | None
    status: str | None
    ord: int
    start: int | None
    end: int | None
    families: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleInfo:
    """A role of a unit's rectification (组长, 第一责任人 …) in one notice."""

    unit: str
    notice: str | None
    role: str | None
    position: str | None
    person: str | None


@dataclass(frozen=True)
class FamilyMemberInfo:
    """A member of a family: the measure, its unit, notice and issue, and its text as matched."""

    measure: str
    unit: str
    notice: str
    issue: str | None
    text: str


@dataclass(frozen=True)
class FamilyInfo:
    """A family of recycled measures (kinds measure and headline), members in store order."""

    id: str
    kind: str
    scope: str
    text: str
    units: tuple[str, ...]
    size: int
    notices: int
    members: tuple[FamilyMemberInfo, ...]


@dataclass(frozen=True)
class UnitInfo:
    """A unit and its figures: originality (share of its measures in no across-units family,
    ``units/originality``) and paper-measure share (``units/measure_kinds``)."""

    name: str
    notices: tuple[str, ...]
    measures: int
    copied: int
    originality: float | None
    paper_share: float | None


@dataclass
class ReportData:
    """Everything a report shows but the notice texts (read in batches while pages are written).

    Attributes:
        store: the store's name.
        notices: by id, ordered by id.
        issues: per notice id, in document order.
        measures: per notice id, in document order.
        roles: per unit name.
        families: measure and headline families, widest spread first.
        units: ranked by originality (most original first), then by measures.
        other_families: counts of families whose members are not measures (document, sentence),
            not paged in the report.
    """

    store: str
    notices: dict[str, NoticeInfo] = field(default_factory=dict)
    issues: dict[str, list[IssueInfo]] = field(default_factory=dict)
    measures: dict[str, list[MeasureInfo]] = field(default_factory=dict)
    roles: dict[str, list[RoleInfo]] = field(default_factory=dict)
    families: list[FamilyInfo] = field(default_factory=list)
    units: list[UnitInfo] = field(default_factory=list)
    other_families: dict[str, int] = field(default_factory=dict)

    def measure_count(self) -> int:
        """How many measures the report holds."""
        return sum(len(v) for v in self.measures.values())

    def issue_count(self) -> int:
        """How many issues the report holds."""
        return sum(len(v) for v in self.issues.values())
