"""The panel's tables and columns: name, type and how each is computed, in one place.

The data dictionary (the folder's README.md), the CSV headers, the Parquet schemas and the
tests all read these definitions, so a column exists only once it is described here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["TABLES", "Column", "ColumnType", "Table"]

ColumnType = Literal["string", "int", "float", "bool"]


@dataclass(frozen=True)
class Column:
    """One column: its name, its type (string, int, float, bool; every column may be null) and
    how it is computed, as the data dictionary says it."""

    name: str
    type: ColumnType
    doc: str


@dataclass(frozen=True)
class Table:
    """One tidy table: a file per format (`{name}.csv`, `{name}.parquet`), one row per `row`."""

    name: str
    row: str
    order: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, typ: ColumnType, doc: str) -> Column:
    return Column(name, typ, doc)


PAPER = "meeting, document, training (the paper kinds of schema/measure_kinds.yaml)"
COPIED = (
    "a member of a family (MeasureTemplate) of scope across-units, or one end of a SIMILAR_TO "
    "pair of scope across-units (as the template units/originality counts)"
)

NOTICES = Table(
    "notices",
    "notice",
    "unit, date, notice id",
    (
        _c("notice", "string", "Notice.id (n-<hash of the clean text>)"),
        _c(
            "unit",
            "string",
            "Unit.name of the unit that REPORTED the notice (normalised; null: unit not read)",
        ),
        _c("unit_id", "string", "Unit.id"),
        _c("unit_name", "string", "the unit as this notice names it (Notice.unit_name)"),
        _c("title", "string", "Notice.title"),
        _c("publisher", "string", "Notice.publisher"),
        _c(
            "source",
            "string",
            "Notice.source: the file (or URL) it was read from, `#k` for the k-th of a file",
        ),
        _c("province", "string", "Unit.province (null: not read, or a central body)"),
        _c("city", "string", "Unit.city"),
        _c("county", "string", "Unit.county"),
        _c("division_code", "string", "Unit.division_code: GB/T 2260 code of the most specific place read"),
        _c("level", "string", "Unit.level: central | provincial | city | county | township | village"),
        _c(
            "body_kind",
            "string",
            "Unit.body_kind: party_committee | work_committee | department | enterprise | …",
        ),
        _c("published", "string", "Notice.published (YYYY-MM-DD)"),
        _c(
            "date",
            "string",
            "Notice.date: published, else feedback, else inspection end (the date families are ordered by)",
        ),
        _c(
            "date_kind",
            "string",
            "Notice.date_kind: which of them `date` is (published | feedback | inspection_end)",
        ),
        _c("year", "int", "the first four characters of `date`, else of `published`, as a number"),
        _c("inspection_kind", "string", "Inspection.kind of the notice's inspection (ON_INSPECTION)"),
        _c("team", "string", "Inspection.team"),
        _c("round", "string", "Inspection.round"),
        _c("start_date", "string", "Inspection.start_date: the team's stay began"),
        _c("end_date", "string", "Inspection.end_date: the team's stay ended"),
        _c("feedback_date", "string", "Inspection.feedback_date: the findings were fed back"),
        _c("issues", "int", "Issue nodes of the notice (every depth: categories, issues, manifestations)"),
        _c("categories", "int", "its issues of depth 1 (top-level categories)"),
        _c("measures", "int", "Measure nodes of the notice"),
        _c("paper_measures", "int", f"its measures whose kind is {PAPER}"),
        _c("paper_share", "float", "paper_measures / measures (null without measures)"),
        _c("done_share", "float", "measures with status done / measures (null without measures)"),
        _c("in_progress_share", "float", "measures with status in_progress / measures"),
        _c("long_term_share", "float", "measures with status long_term / measures"),
        _c("no_status_share", "float", "measures stating no status / measures"),
        _c(
            "overdue",
            "int",
            "measures not done whose deadline had passed on the notice's own `published` date "
            "(YYYY → end of that year, YYYY-MM → end of that month, as measures/overdue pads them; "
            "null when the notice has no published date)",
        ),
        _c("copied", "int", f"its measures that are copied: {COPIED}"),
        _c("originality", "float", "(measures - copied) / measures (null without measures)"),
        _c(
            "reuse_across_units",
            "int",
            "its measures that are members of a measure family of scope across-units",
        ),
        _c(
            "reuse_within_unit",
            "int",
            "its measures that are members of a measure family of scope within-unit",
        ),
        _c(
            "reuse_across_notices",
            "int",
            "its measures that are members of a measure family of scope across-notices",
        ),
        _c(
            "sources",
            "int",
            "its measures in an across-units measure family whose candidate source "
            "(MeasureTemplate.source_unit) is this notice's unit",
        ),
        _c("warnings", "int", "the parser's warnings kept on the Notice (length of Notice.warnings)"),
    ),
)

MEASURES = Table(
    "measures",
    "measure",
    "notice id, position in the notice (ord), measure id",
    (
        _c("measure", "string", "Measure.id"),
        _c("notice", "string", "Measure.notice_id (the notices table's `notice`)"),
        _c("unit", "string", "Unit.name of the unit that TOOK the measure"),
        _c("unit_id", "string", "its Unit.id"),
        _c("issue", "string", "Measure.issue_id: the issue it ADDRESSES"),
        _c("issue_path", "string", "that Issue's path: its place in the notice's issue tree (2.1.3)"),
        _c("issue_depth", "int", "that Issue's depth (1: a top-level category)"),
        _c("label", "string", "Measure.label as the notice numbers it (①, 一是, (1) …)"),
        _c("ord", "int", "Measure.ord: position in document order within the notice"),
        _c(
            "kind",
            "string",
            "Measure.kind (schema/measure_kinds.yaml): meeting, document, training, inspection, …",
        ),
        _c("paper", "bool", f"kind is one of {PAPER}"),
        _c("status", "string", "Measure.status: done | in_progress | long_term (null: none stated)"),
        _c("deadline", "string", "Measure.deadline as stated: YYYY, YYYY-MM or YYYY-MM-DD"),
        _c(
            "overdue",
            "bool",
            "not done and the deadline had passed on the notice's published date (null: no deadline or no date)",
        ),
        _c(
            "family_across_units",
            "string",
            "id of the measure family (kind measure) of scope across-units it belongs to",
        ),
        _c("family_within_unit", "string", "id of its measure family of scope within-unit"),
        _c("family_across_notices", "string", "id of its measure family of scope across-notices"),
        _c(
            "headline_family",
            "string",
            "id of its headline family (kind headline: the measure's opening clause)",
        ),
        _c("similar_across_units", "int", "SIMILAR_TO pairs of scope across-units it is one end of"),
        _c("copied", "bool", COPIED),
        _c(
            "source",
            "bool",
            "its unit is the candidate source (MeasureTemplate.source_unit) of its across-units measure "
            "family (null: in no such family, or the family has no single source: a tie or no dates)",
        ),
    ),
)

FAMILIES = Table(
    "families",
    "family (MeasureTemplate)",
    "family id",
    (
        _c("family", "string", "MeasureTemplate.id"),
        _c("kind", "string", "MeasureTemplate.kind: measure | headline | document | sentence"),
        _c("scope", "string", "MeasureTemplate.scope: across-units | within-unit | across-notices"),
        _c("text", "string", "MeasureTemplate.text: the representative text"),
        _c("size", "int", "MeasureTemplate.size, as detection stored it"),
        _c("n_units", "int", "MeasureTemplate.n_units, as detection stored it"),
        _c("members", "int", "INSTANCE_OF edges into the family (measures, documents or notices)"),
        _c("measures", "int", "members that are measures (the measures table's rows naming it)"),
        _c("units", "int", "distinct units of the member measures"),
        _c("notices", "int", "distinct notices of the member measures"),
        _c(
            "first_date",
            "string",
            "the earliest notice date (`date` of the notices table) of the member measures",
        ),
        _c("last_date", "string", "the latest one"),
        _c(
            "source_unit",
            "string",
            "MeasureTemplate.source_unit: the Unit.id of the earliest member's unit (null: a tie or no dates)",
        ),
        _c("source_date", "string", "MeasureTemplate.source_date: the earliest date"),
        _c(
            "source_date_kind",
            "string",
            "MeasureTemplate.source_date_kind: published | feedback | inspection_end",
        ),
        _c(
            "source_tie",
            "int",
            "MeasureTemplate.source_tie: units sharing the earliest date (1: one candidate source)",
        ),
        _c(
            "undated",
            "int",
            "MeasureTemplate.undated: units of the family with no date (left out of the order)",
        ),
        _c(
            "direction",
            "string",
            "MeasureTemplate.direction: vertical (a unit and one above it) | horizontal (peers)",
        ),
        _c("levels", "string", "MeasureTemplate.levels: the units' levels, highest first (city/county)"),
    ),
)

REUSE_EDGES = Table(
    "reuse_edges",
    "REUSED_FROM edge (a later unit reusing a family's earliest unit)",
    "unit, source unit, family",
    (
        _c("unit", "string", "Unit.name of the reusing (later) unit"),
        _c("unit_id", "string", "its Unit.id"),
        _c("source_unit", "string", "Unit.name of the family's earliest unit, the candidate source"),
        _c("source_unit_id", "string", "its Unit.id"),
        _c("family", "string", "REUSED_FROM.family: the family (MeasureTemplate.id) the reuse is seen in"),
        _c("days", "int", "REUSED_FROM.days: days between the source's date and the reusing unit's"),
        _c("score", "float", "REUSED_FROM.score: the texts' similarity"),
        _c("direction", "string", "REUSED_FROM.direction: vertical | horizontal (null: levels unknown)"),
        _c("tie", "bool", "REUSED_FROM.tie: the source shares the earliest date with another unit"),
    ),
)

TABLES: tuple[Table, ...] = (NOTICES, MEASURES, FAMILIES, REUSE_EDGES)
"""The panel's tables, in the order the data dictionary lists them."""
