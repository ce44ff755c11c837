"""The unit of analysis: one measure (or headline, document title, sentence) with its place.

``MeasureItem`` is deliberately tiny and id-agnostic: ``unit``, ``notice`` and ``issue`` are ids
of whatever source the items come from (records here, graph nodes later), so detection never
depends on a database. ``items_from_records`` walks NoticeRecord issue trees.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graphkit.fields import field_dict
from graphkit.records import Issue, NoticeRecord

__all__ = ["MeasureItem", "items_from_records", "walk_measures"]


@dataclass(frozen=True, slots=True)
class MeasureItem:
    """One measure: its id, the ids of its unit, notice and issue, and its text."""

    id: str
    unit: str
    notice: str
    issue: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """The item as JSON-ready values."""
        return field_dict(self, "id unit notice issue text")


def walk_measures(record: NoticeRecord) -> Iterator[tuple[str, Issue, int]]:
    """``(issue path, issue, index)`` for every measure, in document order.

    The issue path is the issue's position in the tree (``i0.2.1``); an issue's own measures come
    before its children's. Measures are numbered 0, 1, … across the whole notice.
    """
    k = 0

    def walk(issues: list[Issue], prefix: str) -> Iterator[tuple[str, Issue, int]]:
        """Measures of `issues` and their descendants, numbering them with the shared counter."""
        nonlocal k
        for pos, issue in enumerate(issues):
            path = f"{prefix}.{pos}" if prefix else f"i{pos}"
            for _ in issue.measures:
                yield path, issue, k
                k += 1
            yield from walk(issue.children, path)

    yield from walk(record.issues, "")


def items_from_records(records: Iterable[NoticeRecord]) -> list[MeasureItem]:
    """One ``MeasureItem`` per measure of each record.

    Ids: measure ``f"{notice_id}/m{k}"`` (k counts measures in document order from 0), issue
    ``f"{notice_id}/{issue path}"``, unit = the record's ``unit`` as written, notice = its ``id``.
    """
    out: list[MeasureItem] = []
    for rec in records:
        counters: dict[str, int] = {}
        for path, issue, k in walk_measures(rec):
            j = counters.get(path, 0)
            counters[path] = j + 1
            m = issue.measures[j]
            # a notice that names no unit is a unit of its own (as the loader stores it)
            unit = rec.unit or rec.publisher or f"(unnamed: {rec.id})"
            out.append(MeasureItem(f"{rec.id}/m{k}", unit, rec.id, f"{rec.id}/{path}", m.text))
    return out
