"""The parsed-notice record: the contract between `graphkit parse`, the loaders and the grader.

Field names and meanings follow shared/spec/notice-record.md. Extra fields are allowed (and
used): every Issue and Measure carries `span`, a [start, end) character range into the
notice's clean text, which loaders keep as provenance. `schema/record.schema.json` is
generated from these models (`python -m graphkit.records > schema/record.schema.json`).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graphkit.errors import RecordError

Status = Literal["done", "in_progress", "long_term"]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEADLINE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(v: str | None) -> str | None:
    if v is not None and not _DATE.match(v):
        raise ValueError(f"expected YYYY-MM-DD, got {v!r}")
    return v


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Measure(_Model):
    """What the unit did about an issue: one enumerated action, or one paragraph of action."""

    label: str | None = Field(default=None, description="The number as written (一是, (1), ①), or null.")
    text: str = Field(description="The measure's full text, without its label.")
    status: Status | None = Field(
        default=None,
        description="Stated progress from the issue's status lines: done, in_progress or long_term.",
    )
    deadline: str | None = Field(
        default=None, description="The stated time limit as YYYY, YYYY-MM or YYYY-MM-DD."
    )
    documents: list[str] = Field(
        default_factory=list, description="Titles of the documents the measure issues or cites, without 《》."
    )
    issued: list[str] = Field(
        default_factory=list,
        description="The titles among `documents` that the measure issued (制定《……》); it cites the "
        "others. Decided with `kind` when the record is loaded.",
    )
    kind: str | None = Field(
        default=None,
        description="The kind of action from the lexicon schema/measure_kinds.yaml (meeting, document, "
        "training, inspection, discipline, financial, fix, other); decided when the record is loaded "
        "(graphkit.parse.derived), null until then.",
    )
    span: tuple[int, int] | None = Field(
        default=None,
        description="[start, end) character range of the measure (with its label) in the notice text.",
    )

    @field_validator("deadline")
    @classmethod
    def _deadline(cls, v: str | None) -> str | None:
        if v is not None and not _DEADLINE.match(v):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {v!r}")
        return v


class Issue(_Model):
    """A fed-back problem: a category holds issues, an issue holds its concrete manifestations."""

    label: str | None = Field(
        default=None, description="The number as written (（一）, 1., (1), 一是), or null."
    )
    title: str = Field(description="The problem's words, without its number and the frame around it.")
    children: list[Issue] = Field(default_factory=list, description="Finer problems under this one.")
    measures: list[Measure] = Field(default_factory=list, description="What was done about this problem.")
    span: tuple[int, int] | None = Field(
        default=None,
        description="[start, end) character range of the issue and all it holds in the notice text.",
    )


class Role(_Model):
    """Who leads or answers for the rectification."""

    role: str = Field(description="The role: 组长, 副组长, 第一责任人, 责任领导, 责任单位 …")
    position: str | None = Field(default=None, description="The office that holds it, e.g. 区委书记.")
    person: str | None = Field(default=None, description="The named person, without 同志.")


class Inspection(_Model):
    """The inspection the notice answers: team, kind, round, stay and feedback."""

    team: str | None = Field(
        default=None, description="The inspecting team, e.g. 省委第八巡视组, 县委机动巡察组."
    )
    kind: str | None = Field(default=None, description="e.g. 常规巡视, 机动巡察, 巡视“回头看”.")
    round: str | None = Field(default=None, description="e.g. 十二届省委第九轮.")
    start: str | None = Field(default=None, description="First day of the team's stay, YYYY-MM-DD.")
    end: str | None = Field(default=None, description="Last day of the team's stay, YYYY-MM-DD.")
    feedback: str | None = Field(
        default=None, description="The day the team fed its findings back, YYYY-MM-DD."
    )

    _v = field_validator("start", "end", "feedback")(classmethod(lambda cls, v: _check_date(v)))


#: the warning codes the parser gives; the message says the same in a sentence
WARNING_CODES = (
    "no_rectification_section",
    "unit_not_found",
    "date_damaged",
    "numbering_skips",
    "starts_mid_document",
    "ends_mid_document",
    "traditional_characters",
    "no_issues_found",
)


class ParseWarning(_Model):
    """Something the parser could not read with confidence."""

    code: str = Field(description="A short stable code, e.g. unit_not_found (see WARNING_CODES).")
    message: str = Field(description="The same in a sentence.")
    span: tuple[int, int] | None = Field(
        default=None, description="Where in the notice text, when it is one place."
    )


class NoticeRecord(_Model):
    """One parsed rectification notice: the contract between `graphkit parse`, loaders and grader."""

    id: str = Field(description="Stable id: the same clean text always gets the same id (n-<sha1>).")
    source: str = Field(description="Where it was read: a path or URL, `#k` when one file holds several.")
    title: str | None = Field(default=None, description="The notice's own title line, if it has one.")
    unit: str | None = Field(
        description="The inspected party organisation as the notice names it; null (present, never left "
        "out) when it does not."
    )
    publisher: str | None = Field(default=None, description="The signature line at the end.")
    published: str | None = Field(
        default=None, description="The date under the signature, or the page's publication date (YYYY-MM-DD)."
    )
    inspection: Inspection = Field(default_factory=Inspection, description="The inspection answered.")
    issues: list[Issue] = Field(default_factory=list, description="The fed-back problems, as a tree.")
    roles: list[Role] = Field(default_factory=list, description="Who leads or answers for the rectification.")
    figures: dict[str, Any] = Field(
        default_factory=dict, description="Figures the notice states about its own progress (free keys)."
    )
    warnings: list[ParseWarning] = Field(
        default_factory=list,
        description="What the parser could not read with confidence; empty when all went well.",
    )
    # graphkit's extra: the clean text that spans point into (kept on the Notice node, used for
    # provenance and boilerplate-sentence detection); the grader ignores it.
    text: str | None = Field(default=None, description="The clean text that every span points into.")

    _p = field_validator("published")(classmethod(lambda cls, v: _check_date(v)))

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            raise ValueError("must not be empty (null when the notice does not name its unit)")
        return v


def due_date(deadline: str | None) -> str | None:
    """A deadline as the last day it allows: YYYY → YYYY-12-31, YYYY-MM → YYYY-MM-31 (a padded
    2023-02-31 still sorts after every real day of February and before March, so comparing it
    with a day as strings tells whether that day is past the deadline); None without one."""
    if not deadline:
        return None
    if len(deadline) == 4:
        return deadline + "-12-31"
    if len(deadline) == 7:
        return deadline + "-31"
    return deadline


def notice_id(clean_text: str) -> str:
    """Stable id of a notice: the same clean text always gets the same id."""
    return "n-" + hashlib.sha1(clean_text.encode("utf-8")).hexdigest()[:16]


def validate_record(data: dict[str, Any], where: str) -> NoticeRecord:
    """Check one record against the contract; raise RecordError naming `where` and the field."""
    try:
        return NoticeRecord.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(record)"
        raise RecordError(where, field, err["msg"]) from None


def iter_jsonl(path: str) -> Any:
    """Yield (line number, record dict or RecordError) for each non-empty line of a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{no}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield no, RecordError(where, "(line)", f"not JSON: {exc.msg}")
                continue
            if not isinstance(data, dict):
                yield no, RecordError(where, "(line)", "not a JSON object")
                continue
            try:
                yield no, validate_record(data, where)
            except RecordError as exc:
                yield no, exc


if __name__ == "__main__":
    print(json.dumps(NoticeRecord.model_json_schema(), ensure_ascii=False, indent=2))
