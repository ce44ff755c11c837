"""Boilerplate beyond whole measures: headlines, issued documents, sentences of the notice body.

Three kinds of family besides ``measure``, each found by turning the pieces into
``MeasureItem``s and running the same detection (``recycled.detect``) on them:

* ``headline`` — the short phrase a measure opens with (``一是提高政治站位。…`` → 提高政治站位):
  a first sentence or clause of at most ``MAX_HEADLINE`` characters ended by 。；：, followed
  by more text. Headlines are short, so they are grouped by equal normalised text.
* ``document`` — titles of issued documents (``Measure.documents`` and 《…》 in the text), with
  the issuing unit's own name removed (``normalize_title``), grouped by equal normalised title:
  ``《衡水市委省委巡视反馈意见整改落实专题民主生活会方案》`` and the same title of another unit
  are one family.
* ``sentence`` — sentences of the notice text outside the measures (preamble, 部署推进 part,
  closing pledge), near-duplicates across notices by the measure pipeline.

Spark: extraction is a ``flatMap`` per record; grouping by normalised text is a ``groupBy``;
near-duplicate sentences use the same LSH stages as measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

from graphkit.analysis.items import MeasureItem
from graphkit.analysis.normalize import NameStripper, normalize, normalize_title
from graphkit.analysis.recycled import Detection, DetectParams, Family, _make_family, detect

__all__ = [
    "detect_sentences",
    "document_items",
    "exact_families",
    "find_documents",
    "find_headlines",
    "find_sentences",
    "headline",
    "notice_document_items",
    "sentence_families",
    "sentence_items",
]

MAX_HEADLINE = 16
MIN_SENTENCE = 15
_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[（(]?\d+[)）.、]|[①-⑳])?\s*([^。；;：:，,]{2,"
    + str(MAX_HEADLINE)
    + r"})[。；;：:]"
)
_DOC = re.compile(r"《([^《》]{4,80})》")
_SENT = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def headline(text: str) -> str | None:
    """The measure's headline phrase, or None when it does not open with one."""
    m = _HEAD.match(text.strip())
    if not m or len(text.strip()) <= m.end() + 4:
        return None
    return m.group(1)


def exact_families(
    items: Iterable[MeasureItem], kind: str, key: Mapping[str, str], min_units: int = 2
) -> list[Family]:
    """Families of items with equal ``key[item.id]`` spanning at least ``min_units`` units."""
    groups: dict[str, list[MeasureItem]] = {}
    for it in items:
        k = key.get(it.id)
        if k:
            groups.setdefault(k, []).append(it)
    out = []
    for members in groups.values():
        if len({m.unit for m in members}) >= min_units:
            text = min((m.text for m in members), key=len)
            out.append(_make_family(kind, "across-units", members, text, []))
    out.sort(key=lambda f: (-len(f.units), -f.size, f.id))
    return out


def find_headlines(items: Sequence[MeasureItem], min_units: int = 2) -> list[Family]:
    """Headlines (as ``MeasureItem``s whose text is the headline) shared by ``min_units``+ units."""
    heads = []
    for it in items:
        h = headline(it.text)
        if h:
            heads.append(MeasureItem(it.id, it.unit, it.notice, it.issue, h))
    return exact_families(heads, "headline", {h.id: normalize(h.text) for h in heads}, min_units)


def document_items(
    items: Sequence[MeasureItem], documents: Mapping[str, Sequence[str]] | None = None
) -> list[MeasureItem]:
    """One item per document title named by a measure (``documents``: measure id → titles,
    e.g. from ``Measure.documents``; titles in 《》 in the text are added)."""
    out = []
    for it in items:
        titles = list((documents or {}).get(it.id, ())) + _DOC.findall(it.text)
        for k, t in enumerate(dict.fromkeys(titles)):
            out.append(MeasureItem(f"{it.id}/d{k}", it.unit, it.notice, it.issue, t))
    return out


def notice_document_items(notices: Iterable[tuple[str, str, str]]) -> list[MeasureItem]:
    """One item per title in 《》 of notice texts ``(notice id, unit, text)``: documents named
    outside the measures (the organisation section: 《省应急厅领导班子…专题民主生活会方案》).
    Ids are ``{notice}/t{k}``; the issue is the notice."""
    out = []
    for nid, unit, text in notices:
        for k, t in enumerate(dict.fromkeys(_DOC.findall(text))):
            out.append(MeasureItem(f"{nid}/t{k}", unit, nid, nid, t))
    return out


def find_documents(
    items: Sequence[MeasureItem],
    names: Mapping[str, Sequence[str]] | None = None,
    documents: Mapping[str, Sequence[str]] | None = None,
    min_units: int = 2,
    named: Sequence[MeasureItem] = (),
) -> list[Family]:
    """Issued documents whose titles, without the unit's own name, recur in ``min_units``+ units.

    Titles come from the measures (``document_items``) and from ``named`` (titles found
    elsewhere in a notice: ``notice_document_items``); a title a notice names twice counts once.
    """
    docs = document_items(items, documents)
    seen = {(d.notice, d.text) for d in docs}
    docs += [d for d in named if (d.notice, d.text) not in seen]
    key = {d.id: normalize_title(d.text, (names or {}).get(d.unit, ())) for d in docs}
    key = {k: v for k, v in key.items() if len(v) >= 6}
    return exact_families(docs, "document", key, min_units)


def sentence_items(
    notices: Iterable[tuple[str, str, str]],
    names: Mapping[str, Sequence[str]] | None = None,
    measures: AbstractSet[str] = frozenset(),
) -> list[MeasureItem]:
    """Sentences of notice texts ``(notice id, unit, text)`` that are not a measure: a sentence
    is left out when its normalised text (its unit's ``names`` removed) is in ``measures``, the
    measure texts normalised the same way (as detection has them: ``Detection.texts``)."""
    strip = NameStripper(names)
    seen: dict[str, str] = {}  # the same sentence stands in many notices: normalised once
    out = []
    for nid, unit, text in notices:
        for k, m in enumerate(_SENT.finditer(text)):
            s = m.group(0).strip()
            if len(s) < MIN_SENTENCE or strip.normalize(s, unit, seen) in measures:
                continue
            out.append(MeasureItem(f"{nid}/s{k}", unit, nid, nid, s))
    return out


SENTENCE_PARAMS = DetectParams(min_chars=MIN_SENTENCE, containment=False)
"""Sentences are detected without containment: a sentence is one statement, not a measure cut
down from a longer one; with it, 新邱区's preamble sentence (the formula plus its feedback date)
joined the 根据省委…常规巡视 family through its runs and pushed 省应急厅's below the
complete-link floor."""


def detect_sentences(
    sents: Sequence[MeasureItem],
    names: Mapping[str, Sequence[str]] | None = None,
    detector: Callable[..., Detection] | None = None,
    keep: bool = False,
) -> Detection:
    """Near-identical sentences (``sentence_items``) by the measure pipeline with
    ``SENTENCE_PARAMS``; ``detector`` is the engine (``recycled.detect`` when None), ``keep``
    as ``detect``'s."""
    if keep:
        return detect(sents, kind="sentence", names=names, params=SENTENCE_PARAMS, keep=True)
    return (detector or detect)(sents, kind="sentence", names=names, params=SENTENCE_PARAMS)


def sentence_families(families: Iterable[Family], min_units: int = 2) -> list[Family]:
    """The sentence families (scope ``all``) spanning ``min_units``+ units, as stored."""
    out = [
        _make_family("sentence", "across-units", f.members, f.text, f.pairs)
        for f in families
        if len(f.units) >= min_units
    ]
    out.sort(key=lambda f: (-len(f.units), -f.size, f.id))
    return out


def find_sentences(
    notices: Iterable[tuple[str, str, str]],
    names: Mapping[str, Sequence[str]] | None = None,
    min_units: int = 2,
    measures: AbstractSet[str] = frozenset(),
    detector: Callable[..., Detection] | None = None,
) -> list[Family]:
    """Near-identical sentences of notice bodies recurring in ``min_units``+ units (sentences
    that are measures are left out: see ``sentence_items``); ``detector`` is the engine
    (``recycled.detect`` when None)."""
    sents = sentence_items(notices, names, measures)
    return sentence_families(detect_sentences(sents, names, detector).families, min_units)
