"""What the service's operations return: plain dataclasses, no store or driver objects."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError
from graphkit.ingest import LoadSummary
from graphkit.records import NoticeRecord
from graphkit.templates import Template

if TYPE_CHECKING:
    from graphkit.analysis.store_families import FamilyReport


@dataclass(frozen=True)
class NoticeWarning:
    """One thing the parser could not read with confidence in one notice.

    Attributes:
        source: the notice (its file, or `file#k` for the k-th notice in a file).
        code: the warning's code (`unit_not_found`, `date_damaged` …; see the README).
        message: what it means for this notice, in one line.
    """

    source: str
    code: str
    message: str


@dataclass
class WarningTally:
    """The parser's warnings of a run, counted by code; with `strict`, a notice with warnings fails.

    Attributes:
        strict: whether a notice with warnings is held back (no record, the run fails).
        codes: warnings per code.
        notices: notices that had at least one warning.
    """

    strict: bool = False
    codes: Counter[str] = field(default_factory=Counter)
    notices: int = 0

    def add(self, warnings: Sequence[NoticeWarning]) -> bool:
        """Count one notice's warnings; True when the notice may go on (not strict, or none)."""
        if not warnings:
            return True
        self.notices += 1
        self.codes.update(w.code for w in warnings)
        return not self.strict

    def summary(self) -> str:
        """`3 warnings in 2 notices (unit_not_found 2, date_damaged 1)`, or `0 warnings`."""
        total = sum(self.codes.values())
        if not total:
            return "0 warnings"
        parts = ", ".join(f"{c} {n}" for c, n in sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0])))
        word = "warning" if total == 1 else "warnings"
        notices = "notice" if self.notices == 1 else "notices"
        return f"{total} {word} in {self.notices} {notices} ({parts})"


@dataclass(frozen=True)
class Parsed:
    """One result of reading inputs: a notice's record (or its JSON line), or an error.

    Attributes:
        file: the input file it came from (a file holding several notices gives several results).
        source: the notice (`file` or `file#k`), or the file that failed.
        record: the notice's record, when parsed as records.
        line: the record as one JSON Lines line (no newline), when parsed as JSON.
        error: why the input (or one notice in it) gave no record.
        warnings: the parser's warnings on the notice.
        held: True when the notice has warnings and the run is strict: it gives no record.
    """

    file: str
    source: str
    record: NoticeRecord | None = None
    line: str | None = None
    error: GraphkitError | None = None
    warnings: tuple[NoticeWarning, ...] = ()
    held: bool = False

    @property
    def ok(self) -> bool:
        """True when the notice goes on: no error and not held back."""
        return self.error is None and not self.held

    def warning_lines(self) -> list[str]:
        """Each warning as `<source>: warning <code>: <message>` (`error` instead of `warning`
        when the notice is held back)."""
        kind = "error" if self.held else "warning"
        return [f"{w.source}: {kind} {w.code}: {w.message}" for w in self.warnings]


@dataclass
class LoadResult:
    """Records loaded into a store, and the recycled-measure families detected after.

    Attributes:
        summary: what the load wrote, skipped and replaced.
        families: what detection found; None when it did not run (the graph did not change).
    """

    summary: LoadSummary
    families: FamilyReport | None = None


@dataclass
class IngestResult(LoadResult):
    """Inputs (notice files or record files) read, loaded and their families detected.

    Attributes:
        store: the store's name (`embedded` or `neo4j`).
        errors: the inputs (files, notices, record lines) that gave no record.
        warnings: the parser's warnings, counted; `warnings.strict` held back notices with any.
    """

    store: str = ""
    errors: list[GraphkitError] = field(default_factory=list)
    warnings: WarningTally = field(default_factory=WarningTally)

    @property
    def failed(self) -> bool:
        """True when an input gave no record: an error, or a notice held back by `strict`."""
        return bool(self.errors) or (self.warnings.strict and self.warnings.notices > 0)


@dataclass(frozen=True)
class Stats:
    """How much the graph holds.

    Attributes:
        store: the store's name.
        nodes: node count per label (every label of the schema).
        edges: edge count per type (every type of the schema).
        warning: why the counts may be incomplete or the families stale (a load, rebuild or
            migration under way or died; see `graphkit.stores.state`), else None.
    """

    store: str
    nodes: dict[str, int]
    edges: dict[str, int]
    warning: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """`{"store": …, "nodes": {…}, "edges": {…}}` (and `"warning"` when there is one), as
        `graphkit stats --format json` prints."""
        out: dict[str, Any] = {"store": self.store, "nodes": self.nodes, "edges": self.edges}
        if self.warning:
            out["warning"] = self.warning
        return out


@dataclass(frozen=True)
class FamilyMember:
    """One member of a recycled-measure family.

    Attributes:
        id: the member's node id (a measure, a document, or a notice for sentences).
        unit: the name of the unit whose notice holds it.
        notice: the notice's id.
        issue: the issue the measure answers; None for members outside the measures.
        text: the member's own text.
    """

    id: str
    unit: str
    notice: str
    issue: str | None
    text: str


@dataclass(frozen=True)
class FamilyHead:
    """What every view of a stored family (a MeasureTemplate) states about it.

    Attributes:
        id: the MeasureTemplate's id.
        kind: measure, headline, document or sentence.
        scope: across-units, within-unit or across-notices.
        text: the family's representative text (for measures the medoid detection chose).
        size: how many members it has, as stored.
    """

    id: str
    kind: str
    scope: str
    text: str
    size: int


@dataclass(frozen=True)
class Family(FamilyHead):
    """A family of copied, near-copied or reused texts, as stored: its head (``FamilyHead``)
    and its members.

    Attributes:
        units: the names of the units that use it, sorted.
        measures: its members.
    """

    units: list[str]
    measures: list[FamilyMember]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Family:
        """From the dict `graphkit.analysis.family_read.read_families` gives."""
        members = [FamilyMember(**m) for m in d["measures"]]
        return cls(
            d["id"], d["kind"], d["scope"], d["text"], d["size"], units=list(d["units"]), measures=members
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON object `graphkit recycled --format json` prints for the family."""
        from graphkit.fields import field_dict

        measures = [asdict(m) for m in self.measures]
        return field_dict(self, "id kind scope text units size", units=list(self.units), measures=measures)


@dataclass(frozen=True)
class TemplateCall:
    """A template found and its parameters bound and typed, ready to run on a store.

    Attributes:
        template: the template.
        params: every declared parameter's value (given, or its default).
    """

    template: Template
    params: dict[str, Any]

    @property
    def writes(self) -> bool:
        """True when the template changes the graph (`// mode: write`)."""
        return self.template.mode == "write"


@dataclass(frozen=True)
class Leader:
    """Someone who leads a unit's rectification: a row of the `roles/leaders` template.

    Attributes:
        unit: the unit's name.
        role: 组长, 第一责任人 or 责任领导.
        position: the holder's office, when the notice gives it.
        person: the holder's name, when the notice gives it.
    """

    unit: str
    role: str
    position: str | None
    person: str | None


@dataclass
class DemoResult:
    """The bundled sample notices ingested, and what the graph then holds.

    Attributes:
        ingest: the ingest of the samples (families always detected).
        stats: node and edge counts after it.
        families: every stored measure family, widest spread first.
        leaders: who leads the rectification, by unit.
    """

    ingest: IngestResult
    stats: Stats
    families: list[Family]
    leaders: list[Leader]
