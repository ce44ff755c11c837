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
    label: str | None = None
    text: str
    status: Status | None = None
    deadline: str | None = None
    documents: list[str] = Field(default_factory=list)
    span: tuple[int, int] | None = None

    @field_validator("deadline")
    @classmethod
    def _deadline(cls, v: str | None) -> str | None:
        if v is not None and not _DEADLINE.match(v):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {v!r}")
        return v


class Issue(_Model):
    label: str | None = None
    title: str
    children: list[Issue] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    span: tuple[int, int] | None = None


class Role(_Model):
    role: str
    position: str | None = None
    person: str | None = None


class Inspection(_Model):
    team: str | None = None
    kind: str | None = None
    round: str | None = None
    start: str | None = None
    end: str | None = None
    feedback: str | None = None

    _v = field_validator("start", "end", "feedback")(classmethod(lambda cls, v: _check_date(v)))


class NoticeRecord(_Model):
    id: str
    source: str
    title: str | None = None
    unit: str
    publisher: str | None = None
    published: str | None = None
    inspection: Inspection = Field(default_factory=Inspection)
    issues: list[Issue] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    figures: dict[str, Any] = Field(default_factory=dict)
    # graphkit's extra: the clean text that spans point into (kept on the Notice node, used for
    # provenance and boilerplate-sentence detection); the grader ignores it.
    text: str | None = None

    _p = field_validator("published")(classmethod(lambda cls, v: _check_date(v)))

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v


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
