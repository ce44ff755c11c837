"""One recycled-measure family, read for reading: its members with where each stands (unit,
notice, date, issue), and each member aligned with a reference member.

The reference is the member whose text is the family's stored text (``MeasureTemplate.text``,
the medoid detection chose), so every other member is shown as the edits that turn the
reference into it. Only where no member's text is the stored one is the member closest to all
the others picked here (the highest summed similarity; the first member for families over
`MEDOID_MAX`). The alignment is `graphkit.analysis.align` on the normalised texts, marked on
the texts as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphkit.analysis.align import Alignment, align
from graphkit.analysis.normalize import unit_name_variants
from graphkit.errors import QueryError
from graphkit.service.checks import find_family
from graphkit.service.results import FamilyHead
from graphkit.stores.base import Store

MEDOID_MAX = 40  # above this many members the reference is the first (pairs grow as n²)
_MEMBERS = {
    "measure": ("family_show_measures",),
    "headline": ("family_show_measures",),
    "document": ("family_show_documents", "family_show_notices"),
    "sentence": ("family_show_notices",),
}


@dataclass(frozen=True)
class ShownMember:
    """A member of the family and where it stands.

    Attributes:
        id: the member's node id (a measure, a document, or a notice).
        unit: the unit whose notice holds it.
        notice: the notice's id.
        notice_title: the notice's title ('' when unknown).
        published: the notice's date ('' when unknown).
        issue: the issue it answers ('' outside the measures).
        issue_title: that issue's title, with its place in the tree (`1.2 …`).
        text: the member's text.
        span_start: where it starts in the notice's clean text.
    """

    id: str
    unit: str
    notice: str
    notice_title: str
    published: str
    issue: str
    issue_title: str
    text: str
    span_start: int


@dataclass(frozen=True)
class FamilyDetail(FamilyHead):
    """A family (its head as stored) with its members, the reference member and each member's
    alignment with it.

    Attributes:
        members: the members, the reference first.
        alignments: for each member after the first, its alignment with the reference (`a`
            is the reference's text, `b` the member's).
    """

    members: list[ShownMember]
    alignments: list[Alignment]

    @property
    def units(self) -> list[str]:
        """The units of its members, sorted, each once."""
        return sorted({m.unit for m in self.members})


def _str(v: Any) -> str:
    return "" if v is None else str(v)


def _members(store: Store, fid: str, kind: str) -> list[ShownMember]:
    rows: list[list[Any]] = []
    for name in _MEMBERS.get(kind, ("family_show_measures",)):
        rows += store.run_internal(name, {"family": fid}).rows
    notices = sorted({_str(r[2]) for r in rows if r[2]})
    issues = sorted({_str(r[3]) for r in rows if r[3]})
    places = {r[0]: r for r in store.run_internal("family_show_places", {"ids": notices}).rows}
    titles = {r[0]: r for r in store.run_internal("family_show_issues", {"ids": issues}).rows}
    out: list[ShownMember] = []
    seen: set[tuple[str, str, str]] = set()
    for mid, unit, notice, issue, text, start in rows:
        key = (_str(mid), _str(unit), _str(notice))
        if key in seen:  # a document named twice in one notice is one member there
            continue
        seen.add(key)
        place = places.get(notice, [notice, "", "", ""])
        issue_row = titles.get(issue)
        issue_title = f"{_str(issue_row[2])} {_str(issue_row[1])}".strip() if issue_row else ""
        out.append(
            ShownMember(
                key[0], key[1], key[2], _str(place[1]), _str(place[2]), _str(issue),
                issue_title, _str(text), int(start or 0),
            )
        )  # fmt: skip
    return out


def _reference(members: list[ShownMember], text: str) -> int:
    """Which member the others are aligned with: the one whose text is the family's stored
    text (the medoid detection chose); when none is (a document family's text is a title), the
    member closest to the others (the highest summed similarity; the first above `MEDOID_MAX`)."""
    for k, m in enumerate(members):
        if m.text == text:
            return k
    if not 2 < len(members) <= MEDOID_MAX:
        return 0
    names = {m.unit: unit_name_variants(m.unit) for m in members}
    sims = [[0.0] * len(members) for _ in members]
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            sims[i][j] = sims[j][i] = align(a.text, b.text, names[a.unit], names[b.unit]).similarity
    return max(range(len(members)), key=lambda i: (sum(sims[i]), -i))


def _aligned(members: list[ShownMember], text: str) -> tuple[list[ShownMember], list[Alignment]]:
    """The members with the reference first, and each other member aligned with it."""
    if not members:
        return [], []
    best = _reference(members, text)
    ref = members[best]
    ordered = [ref, *members[:best], *members[best + 1 :]]
    names = {m.unit: unit_name_variants(m.unit) for m in ordered}
    return ordered, [align(ref.text, m.text, names[ref.unit], names[m.unit]) for m in ordered[1:]]


def read_family(store: Store, family: str, kind: str | None = None) -> FamilyDetail:
    """The family `family` names (its id, or the short id a table shows, of `kind` when several
    kinds share it), its members aligned.

    Raises:
        QueryError: no such family (the message names the closest ids), or a short id that
            several families end with.
    """
    fid = find_family(store, family, kind)
    head = store.run_internal("family_show_header", {"family": fid}).rows
    if not head:  # pragma: no cover - find_family found it a moment ago
        raise QueryError(f"no family {family!r}")
    kind, scope, text, size, _n_units = head[0]
    members, alignments = _aligned(_members(store, fid, _str(kind)), _str(text))
    return FamilyDetail(fid, _str(kind), _str(scope), _str(text), int(size or 0), members, alignments)
