"""The panel's tables and columns: name, type and how each is computed, in one place.

The data dictionary (the folder's README.md), the CSV headers, the Parquet schemas and the
tests all read these definitions, so a column exists only once it is described here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast, get_args

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
        """The columns' names, in the table's order."""
        return [c.name for c in self.columns]


PAPER = "meeting, document, training (the paper kinds of schema/measure_kinds.yaml)"
COPIED = (
    "a member of a family (MeasureTemplate) of scope across-units, or one end of a SIMILAR_TO "
    "pair of scope across-units (as the template units/originality counts)"
)


def _table(name: str, row: str, order: str, columns: str) -> Table:
    """A table whose columns are given as text, one column a line: `name  type  doc`, a doc that
    runs on continued on the lines below it that start with white space; `{paper}` and `{copied}`
    in a doc stand for PAPER and COPIED, said once for the columns that use them."""
    rows: list[list[str]] = []
    for line in columns.strip("\n").splitlines():
        if line[:1].isspace():
            rows[-1][2] += " " + line.strip()
        else:
            rows.append(line.split(maxsplit=2))
    out = []
    for col, typ, doc in rows:
        if typ not in get_args(ColumnType):
            raise ValueError(f"panel column {name}.{col}: unknown type {typ!r}")
        out.append(
            Column(col, cast(ColumnType, typ), doc.replace("{paper}", PAPER).replace("{copied}", COPIED))
        )
    return Table(name, row, order, tuple(out))


NOTICES = _table(
    "notices",
    "notice",
    "unit, date, notice id",
    """
notice                string  Notice.id (n-<hash of the clean text>)
unit                  string  Unit.name of the unit that REPORTED the notice (normalised; null: unit not read)
unit_id               string  Unit.id
unit_name             string  the unit as this notice names it (Notice.unit_name)
title                 string  Notice.title
publisher             string  Notice.publisher
source                string  Notice.source: the file (or URL) it was read from, `#k` for the k-th of a file
province              string  Unit.province (null: not read, or a central body)
city                  string  Unit.city
county                string  Unit.county
division_code         string  Unit.division_code: GB/T 2260 code of the most specific place read
level                 string  Unit.level: central | provincial | city | county | township | village
body_kind             string  Unit.body_kind: party_committee | work_committee | department | enterprise | …
published             string  Notice.published (YYYY-MM-DD)
date                  string  Notice.date: published, else feedback, else inspection end (the date families
                              are ordered by)
date_kind             string  Notice.date_kind: which of them `date` is (published | feedback |
                              inspection_end)
year                  int     the first four characters of `date`, else of `published`, as a number
inspection_kind       string  Inspection.kind of the notice's inspection (ON_INSPECTION)
team                  string  Inspection.team
round                 string  Inspection.round
start_date            string  Inspection.start_date: the team's stay began
end_date              string  Inspection.end_date: the team's stay ended
feedback_date         string  Inspection.feedback_date: the findings were fed back
issues                int     Issue nodes of the notice (every depth: categories, issues, manifestations)
categories            int     its issues of depth 1 (top-level categories)
measures              int     Measure nodes of the notice
paper_measures        int     its measures whose kind is {paper}
paper_share           float   paper_measures / measures (null without measures)
done_share            float   measures with status done / measures (null without measures)
in_progress_share     float   measures with status in_progress / measures
long_term_share       float   measures with status long_term / measures
no_status_share       float   measures stating no status / measures
overdue               int     measures not done whose deadline had passed on the notice's own `published` date
                              (YYYY → end of that year, YYYY-MM → end of that month, as measures/overdue pads
                              them; null when the notice has no published date)
copied                int     its measures that are copied: {copied}
originality           float   (measures - copied) / measures (null without measures)
reuse_across_units    int     its measures that are members of a measure family of scope across-units
reuse_within_unit     int     its measures that are members of a measure family of scope within-unit
reuse_across_notices  int     its measures that are members of a measure family of scope across-notices
sources               int     its measures in an across-units measure family whose candidate source
                              (MeasureTemplate.source_unit) is this notice's unit
warnings              int     the parser's warnings kept on the Notice (length of Notice.warnings)
""",
)

MEASURES = _table(
    "measures",
    "measure",
    "notice id, position in the notice (ord), measure id",
    """
measure               string  Measure.id
notice                string  Measure.notice_id (the notices table's `notice`)
unit                  string  Unit.name of the unit that TOOK the measure
unit_id               string  its Unit.id
issue                 string  Measure.issue_id: the issue it ADDRESSES
issue_path            string  that Issue's path: its place in the notice's issue tree (2.1.3)
issue_depth           int     that Issue's depth (1: a top-level category)
label                 string  Measure.label as the notice numbers it (①, 一是, (1) …)
ord                   int     Measure.ord: position in document order within the notice
kind                  string  Measure.kind (schema/measure_kinds.yaml): meeting, document, training,
                              inspection, …
paper                 bool    kind is one of {paper}
status                string  Measure.status: done | in_progress | long_term (null: none stated)
deadline              string  Measure.deadline as stated: YYYY, YYYY-MM or YYYY-MM-DD
overdue               bool    not done and the deadline had passed on the notice's published date (null: no
                              deadline or no date)
family_across_units   string  id of the measure family (kind measure) of scope across-units it belongs to
family_within_unit    string  id of its measure family of scope within-unit
family_across_notices string  id of its measure family of scope across-notices
headline_family       string  id of its headline family (kind headline: the measure's opening clause)
similar_across_units  int     SIMILAR_TO pairs of scope across-units it is one end of
copied                bool    {copied}
source                bool    its unit is the candidate source (MeasureTemplate.source_unit) of its
                              across-units measure family (null: in no such family, or the family has no
                              single source: a tie or no dates)
""",
)

FAMILIES = _table(
    "families",
    "family (MeasureTemplate)",
    "family id",
    """
family                string  MeasureTemplate.id
kind                  string  MeasureTemplate.kind: measure | headline | document | sentence
scope                 string  MeasureTemplate.scope: across-units | within-unit | across-notices
text                  string  MeasureTemplate.text: the representative text
size                  int     MeasureTemplate.size, as detection stored it
n_units               int     MeasureTemplate.n_units, as detection stored it
members               int     INSTANCE_OF edges into the family (measures, documents or notices)
measures              int     members that are measures (the measures table's rows naming it)
units                 int     distinct units of the member measures
notices               int     distinct notices of the member measures
first_date            string  the earliest notice date (`date` of the notices table) of the member measures
last_date             string  the latest one
source_unit           string  MeasureTemplate.source_unit: the Unit.id of the earliest member's unit (null: a
                              tie or no dates)
source_date           string  MeasureTemplate.source_date: the earliest date
source_date_kind      string  MeasureTemplate.source_date_kind: published | feedback | inspection_end
source_tie            int     MeasureTemplate.source_tie: units sharing the earliest date (1: one candidate
                              source)
undated               int     MeasureTemplate.undated: units of the family with no date (left out of the
                              order)
direction             string  MeasureTemplate.direction: vertical (a unit and one above it) | horizontal
                              (peers)
levels                string  MeasureTemplate.levels: the units' levels, highest first (city/county)
""",
)

REUSE_EDGES = _table(
    "reuse_edges",
    "REUSED_FROM edge (a later unit reusing a family's earliest unit)",
    "unit, source unit, family",
    """
unit                  string  Unit.name of the reusing (later) unit
unit_id               string  its Unit.id
source_unit           string  Unit.name of the family's earliest unit, the candidate source
source_unit_id        string  its Unit.id
family                string  REUSED_FROM.family: the family (MeasureTemplate.id) the reuse is seen in
days                  int     REUSED_FROM.days: days between the source's date and the reusing unit's
score                 float   REUSED_FROM.score: the texts' similarity
direction             string  REUSED_FROM.direction: vertical | horizontal (null: levels unknown)
tie                   bool    REUSED_FROM.tie: the source shares the earliest date with another unit
""",
)

TABLES: tuple[Table, ...] = (NOTICES, MEASURES, FAMILIES, REUSE_EDGES)
"""The panel's tables, in the order the data dictionary lists them."""
