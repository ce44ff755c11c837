"""The items of each family kind, with the rank the full detection meets them in.

The same pieces ``store_families.detect_all`` gives detection (``boilerplate``), for any set of
notices, each with a rank: the full detection reads measures in measure-id order, documents
named by measures (by measure id, then position) before documents named elsewhere in a notice
(by notice id, then position), and sentences by notice id, then position. Ranks are strings
that sort in that order; ``SEP`` sorts before every character of an id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graphkit.analysis import boilerplate
from graphkit.analysis.incremental.exact import Keyed
from graphkit.analysis.incremental.near import Ranked
from graphkit.analysis.items import MeasureItem
from graphkit.analysis.normalize import normalize, normalize_title

__all__ = ["Parts", "SentenceCandidate", "extract"]

SEP = "\x1f"


@dataclass(frozen=True)
class SentenceCandidate:
    """A sentence of a notice body, its rank and its normalised text (a sentence whose
    normalised text is a measure's is left out of detection while that measure stands)."""

    item: MeasureItem
    rank: str
    norm: str


@dataclass
class Parts:
    """Every kind's items of some notices."""

    measures: list[Ranked]
    headlines: list[Keyed]
    documents: list[Keyed]
    sentences: list[SentenceCandidate]


def extract(
    items: Sequence[MeasureItem],
    docs: Mapping[str, Sequence[tuple[str, str]]],
    texts: Sequence[tuple[str, str, str]],
    names: Mapping[str, Sequence[str]],
    sentence_norms: Mapping[str, str] | None = None,
) -> Parts:
    """The parts of the notices whose measures are ``items`` (in measure-id order), whose
    measures' documents are ``docs`` (measure id → (document id, title), in document-id order)
    and whose texts outside the issues are ``texts`` ((notice id, unit id, text), by notice id).
    ``sentence_norms``: sentence id → normalised text, where detection computed it already."""
    out = Parts([(it, it.id) for it in items], [], [], [])
    for it in items:
        h = boilerplate.headline(it.text)
        if h:
            out.headlines.append(
                Keyed(MeasureItem(it.id, it.unit, it.notice, it.issue, h), it.id, normalize(h))
            )
    title_to_doc = {(m, title): d for m, titled in docs.items() for d, title in titled}
    by_rank = {it.id: it.id for it in items}
    measure_docs = boilerplate.document_items(items, {m: [t for _, t in v] for m, v in docs.items()})
    seen = {(d.notice, d.text) for d in measure_docs}
    for d in measure_docs:
        mid, k = d.id.rsplit("/d", 1)
        key = normalize_title(d.text, names.get(d.unit, ()))
        if len(key) >= 6:
            rank = f"0{SEP}{by_rank[mid]}{SEP}{int(k):06d}"
            out.documents.append(Keyed(d, rank, key, title_to_doc.get((mid, d.text))))
    for d in boilerplate.notice_document_items(texts):
        if (d.notice, d.text) in seen:
            continue
        key = normalize_title(d.text, names.get(d.unit, ()))
        if len(key) >= 6:
            k = d.id.rsplit("/t", 1)[1]
            out.documents.append(Keyed(d, f"1{SEP}{d.notice}{SEP}{int(k):06d}", key))
    known = sentence_norms or {}
    for s in boilerplate.sentence_items(texts, names):
        k = s.id.rsplit("/s", 1)[1]
        norm = known.get(s.id) or normalize(s.text, names.get(s.unit, ()))
        out.sentences.append(SentenceCandidate(s, f"{s.notice}{SEP}{int(k):06d}", norm))
    return out
