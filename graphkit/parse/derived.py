"""What a measure's own text says about it, decided once and carried on the record: its kind
(the lexicon of schema/measure_kinds.yaml, through `graphkit.analysis.kinds`) and which of
its documents it issued rather than cited. `graphkit.ingest` completes every record with these
as it builds a batch (in the load worker, so that `graphkit parse` keeps its speed); loaders
only copy them into the graph."""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.parse.documents import issued_documents
from graphkit.records import Issue, NoticeRecord


def describe_measures(issues: Iterable[Issue], *, only_missing: bool = False) -> None:
    """Set `kind` and `issued` on every measure of `issues` (in place).

    With `only_missing`, measures that carry a kind already are left as they are (records
    written by an earlier graphkit lack them)."""
    from graphkit.analysis.kinds import lexicon

    classify = lexicon().classify  # classify_measure, looked up once

    def describe(issues: Iterable[Issue]) -> None:
        for issue in issues:
            for m in issue.measures:
                if only_missing and m.kind is not None:
                    continue
                kind = classify(m.text)
                issued = issued_documents(m.text, m.documents) if m.documents else []
                m.kind = kind
                m.issued = issued
            describe(issue.children)

    describe(issues)


def complete_record(record: NoticeRecord) -> NoticeRecord:
    """The record with its measures' kinds and issued documents derived where they are missing."""
    describe_measures(record.issues, only_missing=True)
    return record
