"""Recycled-measure detection over what a store holds, and its results written back to it.

read measures (and document titles, notice texts) from the store → detect families
(graphkit.analysis.recycled / boilerplate) → attribute each family's source (graphkit.analysis.
sources: its units in date order, the earliest the candidate source) → replace every
MeasureTemplate, INSTANCE_OF, SIMILAR_TO and REUSED_FROM in one transaction. Runs at ingest and on `graphkit recycled --rebuild`; the same
families then answer both the CLI and the Cypher templates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from graphkit.analysis.items import MeasureItem
from graphkit.analysis.laps import Laps
from graphkit.analysis.sources import Attribution, UnitRank, attribute_all
from graphkit.stores.base import Statement, Store, internal_statement
from loaders.graph import GraphBatch

if TYPE_CHECKING:
    from graphkit.analysis.recycled import Detection, DetectParams, Family


class Detector(Protocol):
    """A detection engine: ``graphkit.analysis.recycled.detect`` or one with its signature and
    answers (the Spark engine, ``graphkit.analysis.spark``)."""

    def __call__(
        self,
        items: Sequence[MeasureItem],
        *,
        kind: str = ...,
        names: Mapping[str, Sequence[str]] | None = ...,
        params: DetectParams | None = ...,
    ) -> Detection: ...


@dataclass
class FamilyReport:
    """What a rebuild found, by family kind and scope."""

    measures: int = 0
    families: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    def total(self) -> int:
        """The number of families of every kind and scope."""
        return sum(self.families.values())


def measure_items(store: Store) -> list[MeasureItem]:
    """Every measure with a text, with the ids of its unit, notice and issue, by measure id."""
    res = store.run_internal("measure_items")
    return [MeasureItem(*row) for row in res.rows if row[4]]


def unit_names(store: Store) -> dict[str, list[str]]:
    """Unit id → every name the unit goes by, with the self-reference variants of each."""
    from graphkit.analysis.normalize import unit_name_variants

    res = store.run_internal("unit_names")
    out: dict[str, list[str]] = {}
    for uid, name, aliases in res.rows:
        names: set[str] = set()
        for n in [name, *(aliases or [])]:
            if n:
                names.update(unit_name_variants(n))
        out[uid] = sorted(names, key=lambda s: (-len(s), s))
    return out


def measure_documents(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Measure id → (document id, title) of the documents it issued or cited."""
    res = store.run_internal("measure_documents")
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for m, d, title in res.rows:
        out[m].append((d, title))
    return out


def notice_dates(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """Notice id → (date, kind) its family members are ordered by (stored at load)."""
    return {nid: (d, k) for nid, d, k in store.run_internal("notice_dates").rows}


def unit_ranks(store: Store) -> dict[str, UnitRank]:
    """Unit id → its level and division code (stored at load)."""
    return {uid: UnitRank(level, code) for uid, level, code in store.run_internal("unit_ranks").rows}


def attributions(store: Store, families: Sequence[Family]) -> dict[str, Attribution]:
    """Each family's units in date order, its candidate source and its direction."""
    return attribute_all(families, notice_dates(store), unit_ranks(store))


def _notice_texts(store: Store) -> list[tuple[str, str, str]]:
    """(notice id, unit id, text outside the issues): the part where boilerplate sentences live.

    Issue spans cover the rectification section (every issue and its measures); blanking them
    leaves the preamble, the organisation section and what comes next.
    """
    res = store.run_internal("notice_texts")
    spans = store.run_internal("issue_spans")
    by_notice: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for nid, start, end in spans.rows:
        by_notice[nid].append((int(start), int(end)))
    out = []
    for nid, uid, text in res.rows:
        chars = list(text)
        for start, end in by_notice.get(nid, ()):
            chars[start:end] = "\n" * (min(end, len(chars)) - start)
        out.append((nid, uid, "".join(chars)))
    return out


def detect_all(
    store: Store,
    docs: dict[str, list[tuple[str, str]]],
    timings: dict[str, float] | None = None,
    params: DetectParams | None = None,
    detector: Detector | None = None,
) -> tuple[list[MeasureItem], list[Family]]:
    """Every family of every kind and scope, from what the store holds.

    Args:
        store: the store to read measures, units and notice texts from.
        docs: measure id → (document id, title) of its documents (``measure_documents``).
        timings: seconds per phase are added here.
        params: the tuning of measure detection (``DetectParams()`` when None); headlines,
            documents and sentences keep their own.
        detector: the engine measures and sentences are detected with (``recycled.detect``
            when None).

    Returns:
        The measures read, and the families: measures in every scope, then headlines,
        documents and sentences.
    """
    from graphkit.analysis import boilerplate
    from graphkit.analysis.recycled import SCOPES, detect, scope_families

    lap = Laps(timings)
    items = measure_items(store)
    names = unit_names(store)
    lap("read measures")
    det = (detector or detect)(items, names=names, params=params)
    families = [f for scope in SCOPES for f in scope_families(det.families, scope)]  # type: ignore[arg-type]
    lap("detect measures")
    lap.timings.update({f"  measures: {k}": v for k, v in det.timings.items()})
    families += boilerplate.find_headlines(items)
    lap("headlines")
    texts = _notice_texts(store)
    doc_fams = boilerplate.find_documents(
        items,
        names,
        {m: [t for _, t in v] for m, v in docs.items()},
        named=boilerplate.notice_document_items(texts),
    )
    families += doc_fams
    lap("documents")
    if texts:
        families += boilerplate.find_sentences(texts, names=names, measures=set(det.texts), detector=detector)
    lap("sentences")
    return items, families


def families_batch(
    families: Sequence[Family],
    docs: dict[str, list[tuple[str, str]]],
    sources: dict[str, Attribution] | None = None,
) -> GraphBatch:
    """MeasureTemplate nodes, INSTANCE_OF edges and SIMILAR_TO edges of the families; with
    `sources`, each family's attribution on its node and its REUSED_FROM edges between units."""
    g = GraphBatch()
    sources = sources or {}
    title_to_doc: dict[tuple[str, str], str] = {}
    for measure_id, titled in docs.items():
        for doc_id, title in titled:
            title_to_doc[(measure_id, title)] = doc_id
    for f in families:
        scope = f.scope
        g.node(
            "MeasureTemplate",
            {
                "id": f.id,
                "kind": f.kind,
                "scope": scope,
                "text": f.text,
                "size": f.size,
                "n_units": len(f.units),
            },
        )
        if (att := sources.get(f.id)) is not None:
            _attribution(g, att)
        for m in f.members:
            if f.kind in ("measure", "headline"):
                g.edge("INSTANCE_OF", ("Measure", m.id), ("MeasureTemplate", f.id), text=m.text)
            elif f.kind == "document":
                measure_id = m.id.rsplit("/d", 1)[0]
                doc = title_to_doc.get((measure_id, m.text))
                if doc:
                    g.edge("INSTANCE_OF", ("Document", doc), ("MeasureTemplate", f.id), text=m.text)
                elif m.id.startswith(f"{m.notice}/t"):  # named outside the measures: its notice
                    g.edge("INSTANCE_OF", ("Notice", m.notice), ("MeasureTemplate", f.id), text=m.text)
            elif f.kind == "sentence":
                g.edge("INSTANCE_OF", ("Notice", m.notice), ("MeasureTemplate", f.id), text=m.text)
        if f.kind == "measure":
            where = {m.id: m for m in f.members}
            for a, b, score in f.pairs:
                if a == b or a not in where or b not in where:
                    continue
                a, b = sorted((a, b))
                ma, mb = where[a], where[b]
                pscope = (
                    "across-units"
                    if ma.unit != mb.unit
                    else "within-unit"
                    if ma.notice == mb.notice
                    else "across-notices"
                )
                g.edge("SIMILAR_TO", ("Measure", a), ("Measure", b), score=float(score), scope=pscope)
    return g


def _attribution(g: GraphBatch, att: Attribution) -> None:
    """A family's source attribution: on its MeasureTemplate, and REUSED_FROM edges."""
    g.node(
        "MeasureTemplate",
        {
            "id": att.family,
            "source_unit": att.source,
            "source_date": att.source_date,
            "source_date_kind": att.source_date_kind,
            "source_tie": att.tie,
            "undated": att.undated,
            "direction": att.direction,
            "levels": att.levels,
        },
    )
    for r in att.reuses:
        g.edge(
            "REUSED_FROM",
            ("Unit", r.later),
            ("Unit", r.source),
            key=att.family,
            family=att.family,
            days=r.days,
            score=r.score,
            direction=r.direction,
            tie=r.tie,
        )


def rebuild_families(
    store: Store, params: DetectParams | None = None, detector: Detector | None = None, **changes: Any
) -> FamilyReport:
    """Detect families anew and replace the stored ones, in one transaction.

    Args:
        store: an open store (read-write).
        params: the tuning of measure detection (``DetectParams()`` when None).
        detector: the detection engine (``recycled.detect`` when None).
        changes: fields of ``params`` to change (``strong=0.6``).

    Returns:
        The number of measures read and of families written, by kind and scope, and the
        seconds of each phase.
    """
    if changes:
        from graphkit.analysis.recycled import DetectParams

        params = replace(params or DetectParams(), **changes)
    report = FamilyReport()
    lap = Laps(report.timings)
    docs = measure_documents(store)  # read once: detection and the INSTANCE_OF edges of documents
    lap("read documents")
    items, families = detect_all(store, docs, report.timings, params, detector)
    lap = Laps(report.timings)
    sources = attributions(store, families)
    lap("attribute sources")
    batch = families_batch(families, docs, sources)
    lap("build batch")
    before: list[Statement] = [
        internal_statement("delete_families"),
        internal_statement("delete_similar_to"),
        internal_statement("delete_reused_from"),
    ]
    store.write_batch(batch, [], before=before, all_new=True)  # `before` emptied them
    lap("write")
    report.measures = len(items)
    for f in families:
        key = f"{f.kind}/{f.scope}"
        report.families[key] = report.families.get(key, 0) + 1
    return report
