"""Where each page of a report lives, and links to it from a page ``root`` levels down.

Pages of nodes live in ``f/`` (families), ``n/`` (notices) and ``u/`` (units), named by the slug
of their id (a hash): no text of the graph ever becomes part of a path.
"""

from __future__ import annotations

from graphkit.present.report.model import slug

__all__ = [
    "family_file",
    "family_href",
    "measure_anchor",
    "notice_file",
    "notice_href",
    "unit_file",
    "unit_href",
]


def family_file(family_id: str) -> str:
    """The family page's path inside the report."""
    return f"f/{slug(family_id)}.html"


def notice_file(notice_id: str) -> str:
    """The notice page's path inside the report."""
    return f"n/{slug(notice_id)}.html"


def unit_file(unit: str) -> str:
    """The unit page's path inside the report."""
    return f"u/{slug(unit)}.html"


def measure_anchor(measure_id: str) -> str:
    """The id of a measure's element on its notice page."""
    return f"m-{slug(measure_id)}"


def family_href(family_id: str, root: str = "../") -> str:
    """A link to a family page."""
    return root + family_file(family_id)


def notice_href(notice_id: str, root: str = "../", measure: str | None = None) -> str:
    """A link to a notice page, at one of its measures when ``measure`` is given."""
    return root + notice_file(notice_id) + (f"#{measure_anchor(measure)}" if measure else "")


def unit_href(unit: str, root: str = "../") -> str:
    """A link to a unit page."""
    return root + unit_file(unit)
