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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from graphkit.analysis.items import MeasureItem
from graphkit.analysis.laps import Laps
from graphkit.analysis.sources import Attribution, UnitRank, attribute_all
from graphkit.stores.base import Statement, Store, internal_statement
from loaders.graph import GraphBatch

if TYPE_CHECKING:
    from graphkit.analysis.incremental.grown import GrownWrite
    from graphkit.analysis.normalize import UnitNames
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
    incremental: bool = False  # updated through the family index, not detected over the store
    notices: tuple[int, int] = (0, 0)  # incremental: notices added (or changed), removed
    changed: int = 0  # incremental: families written
    units: int = 0  # incremental: units whose figures were counted again
    similar: int = 0  # incremental: measures whose SIMILAR_TO edges were written again
    grown: int = 0  # incremental: families changed by the members that joined them alone (incremental.grown)
    reattributed: int = 0  # incremental: of those, attributed again whole (their candidate sources changed)

    def total(self) -> int:
        """The number of families of every kind and scope."""
        return sum(self.families.values())

    def how(self) -> str:
        """How they were found, for a summary line: nothing for a full detection."""
        if not self.incremental:
            return ""
        added, removed = self.notices
        return f" (updated through the family index: {self.changed} written for {added} notices in, {removed} out)"


def measure_items(store: Store) -> list[MeasureItem]:
    """Every measure with a text, with the ids of its unit, notice and issue, by measure id."""
    res = store.run_internal("measure_items")
    return [MeasureItem(*row) for row in res.rows if row[4]]


def measure_items_of(store: Store, notices: Sequence[str]) -> list[MeasureItem]:
    """The measures with a text of these notices, by measure id."""
    out: list[MeasureItem] = []
    for s in range(0, len(notices), 2000):
        res = store.run_internal("measure_items_of", {"ids": list(notices[s : s + 2000])})
        out += [MeasureItem(*row) for row in res.rows if row[4]]
    out.sort(key=lambda m: m.id)
    return out


def measure_documents_of(store: Store, notices: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """Measure id → (document id, title) of the documents the measures of these notices issued
    or cited."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s in range(0, len(notices), 2000):
        for m, d, title in store.run_internal(
            "measure_documents_of", {"ids": list(notices[s : s + 2000])}
        ).rows:
            out[m].append((d, title))
    return {m: sorted(v) for m, v in sorted(out.items())}


def unit_names(store: Store) -> UnitNames:
    """Unit id → every name the unit goes by, with the self-reference variants of each (made
    when first asked for)."""
    from graphkit.analysis.normalize import UnitNames

    return UnitNames(store.run_internal("unit_names").rows)


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
    """Each family's units in date order, its candidate source and its direction (reuse
    scores of members detection did not pair compare the texts as detection does: without
    their units' names)."""
    return attribute_all(families, notice_dates(store), unit_ranks(store), unit_names(store))


def notice_texts(store: Store, ids: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
    """(notice id, unit id, text outside the issues) of every notice, or of the notices ``ids``:
    the part where boilerplate sentences live.

    Issue spans cover the rectification section (every issue and its measures); blanking them
    leaves the preamble, the organisation section and what comes next.
    """
    if ids is None:
        res, spans = store.run_internal("notice_texts"), store.run_internal("issue_spans")
    else:
        res = store.run_internal("notice_texts_of", {"ids": list(ids)})
        spans = store.run_internal("issue_spans_of", {"ids": list(ids)})
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


@dataclass
class Detected:
    """Every family of every kind and scope found over a store, and what it was found from.

    Attributes:
        items: the measures read, in measure-id order.
        names: unit id → the names removed from its texts before comparing.
        texts: (notice id, unit id, text outside the issues) of every notice.
        measures: the measure detection (scope ``all``).
        sentence_items: the sentences detection was given, in the order it met them.
        sentences: the sentence detection (scope ``all``).
        families: as stored: measures in every scope, then headlines, documents, sentences.
        exact: the headline and document families, by kind.
    """

    items: list[MeasureItem]
    names: UnitNames
    texts: list[tuple[str, str, str]]
    measures: Detection
    sentence_items: list[MeasureItem]
    sentences: Detection | None
    families: list[Family]
    exact: dict[str, list[Family]]


def detect_all(
    store: Store,
    docs: dict[str, list[tuple[str, str]]],
    timings: dict[str, float] | None = None,
    params: DetectParams | None = None,
    detector: Detector | None = None,
    keep: bool = False,
) -> Detected:
    """Every family of every kind and scope, from what the store holds.

    Args:
        store: the store to read measures, units and notice texts from.
        docs: measure id → (document id, title) of its documents (``measure_documents``).
        timings: seconds per phase are added here.
        params: the tuning of measure detection (``DetectParams()`` when None); headlines,
            documents and sentences keep their own.
        detector: the engine measures and sentences are detected with (``recycled.detect``
            when None).
        keep: keep what the incremental index is built from (``recycled.detect`` only).

    Returns:
        The families and what they were found from.
    """
    from graphkit.analysis import boilerplate
    from graphkit.analysis.recycled import SCOPES, detect, scope_families

    lap = Laps(timings)
    items = measure_items(store)
    names = unit_names(store)
    lap("read measures")
    det = (
        detect(items, names=names, params=params, keep=True)
        if keep
        else (detector or detect)(items, names=names, params=params)
    )
    families = [f for scope in SCOPES for f in scope_families(det.families, scope)]  # type: ignore[arg-type]
    lap("detect measures")
    lap.timings.update({f"  measures: {k}": v for k, v in det.timings.items()})
    heads = boilerplate.find_headlines(items)
    lap("headlines")
    texts = notice_texts(store)
    doc_fams = boilerplate.find_documents(
        items,
        names,
        {m: [t for _, t in v] for m, v in docs.items()},
        named=boilerplate.notice_document_items(texts),
    )
    families += heads + doc_fams
    lap("documents")
    sents: list[MeasureItem] = []
    sdet = None
    if texts:
        sents = boilerplate.sentence_items(texts, names, set(det.texts))
        sdet = boilerplate.detect_sentences(sents, names, detector, keep)
        families += boilerplate.sentence_families(sdet.families)
    lap("sentences")
    return Detected(
        items, names, texts, det, sents, sdet, families, {"headline": heads, "document": doc_fams}
    )


End = tuple[str, str]  # (label, id): the node an INSTANCE_OF edge goes from


def families_batch(
    families: Sequence[Family],
    docs: dict[str, list[tuple[str, str]]],
    sources: dict[str, Attribution] | None = None,
    kept: Mapping[str, AbstractSet[End] | None] | None = None,
    similar: AbstractSet[str] | None = None,
) -> GraphBatch:
    """MeasureTemplate nodes, INSTANCE_OF edges and SIMILAR_TO edges of the families; with
    `sources`, each family's attribution on its node and its REUSED_FROM edges between units.

    `kept`: families whose node stands in the store (an update that kept their id): no node is
    written for them, and only the INSTANCE_OF edges from the ends listed (every end: None);
    their REUSED_FROM edges are all written. `similar`: only the SIMILAR_TO pairs with an end
    among these measures are written (an update: the others stand); None: every pair."""
    g = GraphBatch()
    sources = sources or {}
    kept = kept or {}
    title_to_doc: dict[tuple[str, str], str] = {}
    for measure_id, titled in docs.items():
        for doc_id, title in titled:
            title_to_doc[(measure_id, title)] = doc_id
    for f in families:
        in_place = f.id in kept
        only = kept.get(f.id)
        if not in_place:
            g.node(
                "MeasureTemplate",
                {
                    "id": f.id,
                    "kind": f.kind,
                    "scope": f.scope,
                    "text": f.text,
                    "size": f.size,
                    "n_units": len(f.units),
                },
            )
        if (att := sources.get(f.id)) is not None:
            _attribution(g, att, node=not in_place)
        for m in f.members:
            end = instance_end(f.kind, m, title_to_doc)
            if end is not None and (only is None or end in only):
                g.edge("INSTANCE_OF", end, ("MeasureTemplate", f.id), text=m.text)
        if f.kind == "measure":
            where = {m.id: m for m in f.members}
            for a, b, score in f.pairs:
                if a == b or a not in where or b not in where:
                    continue
                if similar is not None and a not in similar and b not in similar:
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


def instance_end(kind: str, m: MeasureItem, title_to_doc: Mapping[tuple[str, str], str]) -> End | None:
    """The node a member's INSTANCE_OF edge goes from: its measure (measures, headlines), the
    document it names (documents: by its measure and title; a title named outside the measures,
    its notice) or its notice (sentences); None for a document title no document holds."""
    if kind in ("measure", "headline"):
        return ("Measure", m.id)
    if kind == "document":
        doc = title_to_doc.get((m.id.rsplit("/d", 1)[0], m.text))
        if doc:
            return ("Document", doc)
        if m.id.startswith(f"{m.notice}/t"):  # named outside the measures: its notice
            return ("Notice", m.notice)
        return None
    return ("Notice", m.notice)  # sentence


def _member_end(kind: str, item: str) -> End | None:
    """The end of a member known by its id alone (a member an update dropped): None for a
    document, whose end depends on its title."""
    if kind in ("measure", "headline"):
        return ("Measure", item)
    if kind == "sentence":  # boilerplate.sentence_items: "<notice>/s<k>"
        return ("Notice", item.rsplit("/s", 1)[0])
    return None


def _attribution(g: GraphBatch, att: Attribution, *, node: bool = True) -> None:
    """A family's source attribution: on its MeasureTemplate (`node`), and REUSED_FROM edges."""
    if node:
        g.node("MeasureTemplate", {"id": att.family, **_attribution_props(att)})
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


def _attribution_props(att: Attribution | None) -> dict[str, Any]:
    """The attribution's properties of a MeasureTemplate (all null without one)."""
    if att is None:
        return dict.fromkeys(_ATTRIBUTION, None)
    return {
        "source_unit": att.source,
        "source_date": att.source_date,
        "source_date_kind": att.source_date_kind,
        "source_tie": att.tie,
        "undated": att.undated,
        "direction": att.direction,
        "levels": att.levels,
    }


_ATTRIBUTION = (
    "source_unit",
    "source_date",
    "source_date_kind",
    "source_tie",
    "undated",
    "direction",
    "levels",
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
    from graphkit.analysis import incremental
    from graphkit.analysis.recycled import DetectParams

    params = replace(params or DetectParams(), **changes)
    report = FamilyReport()
    lap = Laps(report.timings)
    # the index describes the families about to be replaced: gone before they are
    incremental.discard_index(store)
    docs = measure_documents(store)  # read once: detection and the INSTANCE_OF edges of documents
    lap("read documents")
    found = detect_all(store, docs, report.timings, params, detector, keep=detector is None)
    families = found.families
    lap = Laps(report.timings)
    sources = attributions(store, families)
    lap("attribute sources")
    batch = families_batch(families, docs, sources)
    lap("build batch")
    before = store.empty_families_statements()
    store.write_batch(batch, [], before=before, all_new=True)  # `before` emptied them
    lap("write")
    if detector is None:
        incremental.build_index(store, found, docs, params)
        lap("write the family index")
    report.measures = len(found.items)
    for f in families:
        key = f"{f.kind}/{f.scope}"
        report.families[key] = report.families.get(key, 0) + 1
    from graphkit.analysis.figures import refresh_figures

    refresh_figures(store)
    return report


ONE_BY_ONE = 300  # write_changes: up to this many measures, their edges are deleted one by one


def write_changes(
    store: Store,
    deleted: Sequence[str],
    families: Sequence[Family],
    measures: Sequence[str],
    docs: dict[str, list[tuple[str, str]]],
    before: Mapping[str, Mapping[str, str]] | None = None,
    notices: AbstractSet[str] = frozenset(),
    units: tuple[Mapping[str, Sequence[str]], Mapping[str, UnitRank]] | None = None,
    grown: GrownWrite | None = None,
    dates: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> None:
    """Replace some stored families in one transaction: delete the families ``deleted`` (ids)
    with their REUSED_FROM edges and the SIMILAR_TO edges of ``measures``, then write
    ``families`` (with their attribution; ``docs`` as ``families_batch``'s) and those of their
    SIMILAR_TO pairs with an end among ``measures`` (every pair that changed has one: the others
    stand).

    A family of ``families`` whose id is among ``deleted`` and whose members before are in
    ``before`` (id → member id → unit id) is changed in place. Its members that came or went,
    or whose notice is among ``notices`` (the notices added or replaced: their texts may
    differ), have changed; then
    - its node's properties are set (its figures stay, to be refreshed);
    - the INSTANCE_OF edges from the changed members' ends are deleted and written again;
    - when its candidate sources stand (the stored source, earliest date and tie are the new
      ones, and no source unit has a changed member), only the REUSED_FROM edges of the units
      with a changed member are; otherwise all of them.
    A family of 40,000 notices that one notice joined so changes by a few edges, not by 80,000
    (LadybugDB deletes ~3,000 edges a second).

    ``units``: every unit's names and rank (``unit_names``, ``unit_ranks``) when the caller
    has read them (read from the store otherwise); ``dates``: every notice's, likewise
    (``notice_dates``).

    ``grown``: the families an update changed by their members alone, written in the same
    transaction (``incremental.grown``): their nodes' properties set, the edges of the items
    that came and the REUSED_FROM edges it names written."""
    gone = set(deleted)
    before = before or {}
    kept = {f.id: f for f in families if f.id in gone and f.id in before}
    changed = {fid: _changed_members(f, before[fid], notices) for fid, f in kept.items()}
    sources, partial = _attributions(store, families, changed, units, dates)
    from graphkit.analysis.incremental.grown import GrownWrite  # here: a full rebuild needs none of it

    more = grown or GrownWrite()
    kept_ends: dict[str, AbstractSet[End] | None] = {
        fid: _changed_ends(f, changed[fid]) for fid, f in kept.items()
    }
    batch = families_batch(
        [*families, *more.families],
        docs,
        {**sources, **more.sources},
        {**kept_ends, **more.ends},
        similar=set(measures),
    )
    steps: list[Statement] = []
    ids, mids = sorted(gone - kept.keys()), sorted(measures)
    whole = sorted((gone - partial.keys()) | set(more.whole))
    for s in range(0, len(ids), 5000):
        steps.append(internal_statement("delete_families_by_id", {"ids": ids[s : s + 5000]}))
    for s in range(0, len(whole), 5000):
        steps.append(internal_statement("delete_reused_from_of", {"ids": whole[s : s + 5000]}))
    for fid, f in sorted(kept.items()):
        props = {"id": fid, "text": f.text, "size": f.size, "n_units": len(f.units)}
        steps.append(internal_statement("set_family", {**props, **_attribution_props(sources.get(fid))}))
        steps += [
            internal_statement("delete_reused_from_later", {"id": fid, "later": u})
            for u in sorted(partial.get(fid, ()))
        ]
        ends = _changed_ends(f, changed[fid])
        if ends is None:
            steps.append(internal_statement("delete_instance_of_family", {"id": fid}))
            continue
        steps += [
            internal_statement(f"delete_instance_of_{label.lower()}", {"id": fid, "from_id": end})
            for label, end in sorted(ends)
        ]
    for f in more.families:
        props = {"id": f.id, "text": f.text, "size": f.size, "n_units": len(f.units)}
        steps.append(
            internal_statement("set_family", {**props, **_attribution_props(more.sources.get(f.id))})
        )
        steps += [
            internal_statement("delete_reused_from_later", {"id": f.id, "later": u})
            for u in sorted(more.partial.get(f.id, ()))
        ]
    if len(mids) <= ONE_BY_ONE:  # a few measures: each one's edges found through its key
        steps += [
            internal_statement(f"delete_similar_to_{end}_one", {"id": m})
            for m in mids
            for end in ("from", "to")
        ]
    else:
        for s in range(0, len(mids), 5000):
            steps.append(internal_statement("delete_similar_to_of", {"ids": mids[s : s + 5000]}))
    store.write_batch(batch, [], before=steps, all_new=True)  # `steps` deleted what they replace


def _changed_members(f: Family, before: Mapping[str, str], notices: AbstractSet[str]) -> dict[str, str]:
    """Member id → unit of the members of a kept family that came or went, or whose notice is
    among ``notices``."""
    now = {m.id: m.unit for m in f.members}
    out = {i: u for i, u in now.items() if i not in before}
    out.update((i, u) for i, u in before.items() if i not in now)
    out.update((m.id, m.unit) for m in f.members if m.notice in notices)
    return out


def _changed_ends(f: Family, changed: Mapping[str, str]) -> set[End] | None:
    """The ends of a kept family's INSTANCE_OF edges an update rewrites: those of its changed
    members; None: every end (a document family: a member's end depends on its title, which a
    dropped member no longer has)."""
    ends = {_member_end(f.kind, item) for item in changed}
    if None in ends:
        return None
    return {e for e in ends if e is not None}


def _attributions(
    store: Store,
    families: Sequence[Family],
    changed: Mapping[str, Mapping[str, str]],
    units: tuple[Mapping[str, Sequence[str]], Mapping[str, UnitRank]] | None,
    dates: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> tuple[dict[str, Attribution], dict[str, set[str]]]:
    """Each family's attribution (as ``attributions``); and for the kept families (``changed``:
    id → their changed members) whose candidate sources stand, the units whose REUSED_FROM
    edges alone change: those families' attributions hold the reuses of those units only."""
    from graphkit.analysis.sources import Scorer, attribute

    names, ranks = units or (unit_names(store), unit_ranks(store))
    dates = notice_dates(store) if dates is None else dates
    scorer = Scorer(names)
    stored: dict[str, tuple[Any, ...]] = {}
    kept = sorted(changed)
    for s in range(0, len(kept), 5000):
        rows = store.run_internal("family_sources", {"ids": kept[s : s + 5000]}).rows
        stored.update((fid, (src, day, tie)) for fid, src, day, tie, *_ in rows)
    out: dict[str, Attribution] = {}
    partial: dict[str, set[str]] = {}
    for f in families:
        if len(f.units) < 2:
            continue
        if f.id in changed:
            touched = set(changed[f.id].values())
            head = attribute(f, dates, ranks, names, reuses_of=touched, scorer=scorer)
            firsts = {u for u, day, _ in head.order if day == head.source_date}
            if stored.get(f.id) == (head.source, head.source_date, head.tie) and not firsts & touched:
                out[f.id] = head  # the reuses of the touched units alone
                partial[f.id] = touched
                continue
        out[f.id] = attribute(f, dates, ranks, names, scorer=scorer)
    return out, partial
