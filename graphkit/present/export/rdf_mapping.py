"""Walked rows → RDF triples: graphkit's graph in W3C vocabularies (ORG, PROV-O, DCTERMS, SKOS, FOAF).

IRIs: every node is `{base}{label-lowercase}/{id}` (id percent-encoded, `:` kept), e.g.
`https://graphkit.dev/id/measure/m-0123…`. Derived resources hang off them: `…/measure/m-…#derivation`
(the qualified PROV derivation with the span), `…/notice/n-…#issues` (the notice's SKOS scheme of
issues), `{base}membership/{person}--{role}`, `{base}similarity/{a}--{b}`, `{base}org-role/{name}`,
`{base}reuse/{later unit}--{earlier unit}--{family}` (a REUSED_FROM edge, qualified: a unit pair
holds one edge per family, so the plain `gk:reusedFrom` triple alone would merge them).
The vocabulary (gk: = https://graphkit.dev/ns#) is schema/ontology.ttl, the shapes the export
conforms to schema/shapes.ttl. Chinese text is written as is, tagged @zh.

Terms are plain Python values (`Iri`, `Lit`), so the streaming writers need no RDF library.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from graphkit.present.export.walk import PAGE, EdgeRow, NodeRow, Row, walk

if TYPE_CHECKING:
    from graphkit.stores.base import Store

DEFAULT_BASE = "https://graphkit.dev/id/"

GK = "https://graphkit.dev/ns#"
KIND = "https://graphkit.dev/ns/measure-kind#"
STATUS = "https://graphkit.dev/ns/measure-status#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"

PREFIXES = {
    "gk": GK,
    "kind": KIND,
    "status": STATUS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "org": ORG,
    "prov": PROV,
    "dcterms": DCT,
    "skos": SKOS,
    "foaf": FOAF,
}
"""Prefix → namespace, in the order the Turtle and JSON-LD writers declare them."""

A = RDF + "type"


class Iri(str):
    """An IRI (as opposed to a literal)."""


class Lit(NamedTuple):
    """A literal: its lexical form, and a language tag or a datatype IRI."""

    lexical: str
    lang: str | None = None
    datatype: str | None = None


Term = Iri | Lit
Triple = tuple[str, str, Term]


def zh(text: str) -> Lit:
    """Chinese text, tagged @zh."""
    return Lit(text, lang="zh")


def plain(text: str) -> Lit:
    """A plain string (xsd:string)."""
    return Lit(text)


def integer(v: int, dt: str = "integer") -> Lit:
    """An integer of the XSD datatype `dt` (integer, nonNegativeInteger …)."""
    return Lit(str(int(v)), datatype=XSD + dt)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YM = re.compile(r"^\d{4}-\d{2}$")
_Y = re.compile(r"^\d{4}$")


def date_literal(v: str) -> Lit:
    """YYYY-MM-DD → xsd:date, YYYY-MM → xsd:gYearMonth, YYYY → xsd:gYear; anything else stays a
    plain string (and then fails the shapes, which is the point)."""
    if _DATE.match(v):
        return Lit(v, datatype=XSD + "date")
    if _YM.match(v):
        return Lit(v, datatype=XSD + "gYearMonth")
    if _Y.match(v):
        return Lit(v, datatype=XSD + "gYear")
    return Lit(v)


def _seg(s: str) -> str:
    return quote(s, safe="-._~:")


def _set(v: object) -> bool:
    return v is not None


class Field(NamedTuple):
    """A node property written as one triple `(node, predicate, term(value))` when it holds a value.

    `given` says when it does: truthy by default; `_set` (not None) keeps 0 and an empty title.
    """

    key: str
    predicate: str
    term: Callable[[Any], Term]
    given: Callable[[Any], bool] = bool


def _fields(s: str, p: dict[str, Any], fields: Sequence[Field]) -> Iterator[Triple]:
    for f in fields:
        if f.given(p[f.key]):
            yield s, f.predicate, f.term(p[f.key])


def _count(v: int) -> Lit:
    return integer(v, "nonNegativeInteger")


def _json(v: str) -> Lit:
    return Lit(v, datatype=RDF + "JSON")


def _status(v: str) -> Iri:
    return Iri(STATUS + _seg(v))


_TERMS: dict[str, Callable[[Any], Term]] = {
    "zh": zh,
    "plain": plain,
    "date": date_literal,
    "integer": integer,
    "count": _count,
    "json": _json,
    "status": _status,
}
"""A term's name in a field table → the function that makes the term of a value."""


def _field_tables(text: str) -> dict[str, tuple[Field, ...]]:
    """Field tables from text: a node label on a line of its own, then its fields indented, one a
    line: `key  prefix:name  term`, and `set` where the field is written whenever it is not None
    (else only when truthy). `prefix` is one of PREFIXES, `term` one of _TERMS."""
    tables: dict[str, list[Field]] = {}
    rows: list[Field] = []
    for line in text.strip("\n").splitlines():
        if not line[:1].isspace():
            rows = tables.setdefault(line.strip(), [])
            continue
        key, curie, term, *given = line.split()
        prefix, _, name = curie.partition(":")
        if given not in ([], ["set"]):
            raise ValueError(f"field table: {line.strip()!r} ends in neither a term nor `set`")
        rows.append(Field(key, PREFIXES[prefix] + name, _TERMS[term], _set if given else bool))
    return {label: tuple(rows) for label, rows in tables.items()}


FIELDS = _field_tables(
    """
Notice
    title             dcterms:title           zh
    source            dcterms:source          plain    set
    published         dcterms:issued          date
    unit_name         gk:unitName             zh
    publisher         gk:publisherName        zh
    figures           gk:figures              json     set
    content_hash      gk:contentHash          plain
    issue_count       gk:issueCount           count    set
    measure_count     gk:measureCount         count    set
    date              gk:orderDate            date
    date_kind         gk:orderDateKind        plain
Unit
    province          gk:province             zh
    city              gk:city                 zh
    county            gk:county               zh
    division_code     gk:divisionCode         plain
    level             gk:level                plain
    body_kind         gk:bodyKind             plain
Place
    name              skos:prefLabel          zh
    level             gk:level                plain
Inspection
    team              gk:team                 zh
    kind              gk:inspectionKind       zh
    round             gk:round                zh
    start_date        gk:startDate            date
    end_date          gk:endDate              date
    feedback_date     gk:feedbackDate         date
Issue
    title             skos:prefLabel          zh       set
    label             gk:marker               plain
    path              skos:notation           plain
    depth             gk:depth                integer  set
    ord               gk:order                integer  set
Measure
    text              gk:text                 zh       set
    label             gk:marker               plain
    status            gk:status               status
    deadline          gk:deadline             date
    ord               gk:order                integer  set
Role
    position          gk:position             zh
    person            gk:personName           zh
Person
    name              foaf:name               zh
Document
    title             dcterms:title           zh       set
MeasureTemplate
    kind              gk:familyKind           plain
    scope             gk:scope                plain
    text              gk:text                 zh       set
    size              gk:size                 count    set
    n_units           gk:unitCount            count    set
    source_date       gk:sourceDate           date
    source_date_kind  gk:sourceDateKind       plain
    source_tie        gk:sourceTie            count    set
    undated           gk:undatedUnits         count    set
    direction         gk:direction            plain
    levels            gk:levels               plain
"""
)
"""Node label → the properties written as one triple each, in the order they are written."""


EDGE_PREDICATES = {
    "REPORTED": GK + "reported",
    "ON_INSPECTION": GK + "onInspection",
    "INSPECTED": GK + "inspected",
    "HAS_ISSUE": GK + "hasIssue",
    "HAS_SUBISSUE": GK + "hasSubIssue",
    "ADDRESSES": GK + "addresses",
    "TOOK": GK + "took",
    "HAS_ROLE": ORG + "hasPost",
    "LEADS": GK + "leads",
    "HOLDS": ORG + "holds",
    "MEMBER_OF": ORG + "memberOf",
    "ISSUED": GK + "issued",
    "CITES": GK + "cites",
    "INSTANCE_OF": GK + "instanceOf",
    "SIMILAR_TO": GK + "similarTo",
    "LOCATED_IN": GK + "locatedIn",
}
"""Edge type of schema/graph.yaml → its predicate (REUSED_FROM: `gk:reusedFrom`, and a
`gk:Reuse` per edge, see `Mapper._edge`)."""

REUSE = GK + "reusedFrom"

NODE_CLASSES = {
    "Notice": [GK + "Notice"],
    "Unit": [GK + "Unit", ORG + "Organization"],
    "Inspection": [GK + "Inspection"],
    "Issue": [GK + "Issue", SKOS + "Concept"],
    "Measure": [GK + "Measure"],
    "Role": [GK + "Role", ORG + "Post"],
    "Person": [GK + "Person", FOAF + "Person"],
    "Document": [GK + "Document"],
    "MeasureTemplate": [GK + "MeasureTemplate"],
    "Place": [GK + "Place"],
}
"""Node label → its classes: the gk: class and, where there is one, its W3C class (so the shapes
hold without RDFS inference)."""


_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


class KindLabels(NamedTuple):
    """A measure kind's labels: English, and Chinese when the lexicon gives one."""

    en: str
    zh: str | None


def measure_kind_labels() -> dict[str, KindLabels]:
    """Measure kind → its labels, from the project's lexicon (`graphkit.analysis.kinds.lexicon`).

    The lexicon's `label` reads `中文 | English`. graphkit.analysis.kinds offers no function for
    the two halves, so they are split here; a label without `|` is Chinese when it holds a CJK
    character, English otherwise, and a kind without an English label is named by its key.
    """
    from graphkit.analysis.kinds import lexicon

    out: dict[str, KindLabels] = {}
    for kind, spec in lexicon().kinds.items():
        label = str((spec or {}).get("label") or "")
        first, sep, rest = (part.strip() for part in label.partition("|"))
        if sep:
            zh_label, en_label = first, rest
        elif _CJK.search(first):
            zh_label, en_label = first, ""
        else:
            zh_label, en_label = "", first
        out[kind] = KindLabels(en_label or kind, zh_label or None)
    return out


class Mapper:
    """Turns walked rows into triples. Keeps only small vocabularies (role names, kinds) seen."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base
        self._seen_roles: set[str] = set()
        self._seen_kinds: set[str] = set()
        self._kind_labels: dict[str, KindLabels] | None = None

    @property
    def kind_labels(self) -> dict[str, KindLabels]:
        """The lexicon's kind labels, read when the first measure with a kind comes."""
        if self._kind_labels is None:
            self._kind_labels = measure_kind_labels()
        return self._kind_labels

    def node_iri(self, label: str, id_: str) -> Iri:
        """The IRI of a node: `{base}{label-lowercase}/{id}`."""
        return Iri(f"{self.base}{label.lower()}/{_seg(id_)}")

    def org_role(self, name: str) -> Iri:
        """The org:Role named `name` (one per role name, shared by every post of that role)."""
        return Iri(f"{self.base}org-role/{_seg(name)}")

    def triples(self, row: Row) -> Iterator[Triple]:
        """The triples of one walked node or edge (and of what derives from it)."""
        if isinstance(row, NodeRow):
            yield from self._node(row)
        else:
            yield from self._edge(row)

    # nodes
    def _node(self, row: NodeRow) -> Iterator[Triple]:
        p, label = row.props, row.label
        s = self.node_iri(label, p["id"])
        for cls in NODE_CLASSES.get(label, [GK + label]):
            yield s, A, Iri(cls)
        yield s, DCT + "identifier", plain(p["id"])
        # a label with more than its fields has a method of its own (_notice for Notice …)
        own = getattr(self, "_" + label.lower(), None)
        if own is not None:
            yield from own(s, p)
        elif label in FIELDS:
            yield from _fields(s, p, FIELDS[label])
        else:
            yield from self._generic(s, p)

    def _generic(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        for k, v in p.items():
            if k != "id" and v is not None:
                yield s, GK + k, _literal(v)

    def _notice(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        yield from _fields(s, p, FIELDS["Notice"])
        scheme = Iri(s + "#issues")
        yield s, GK + "issueScheme", scheme
        yield scheme, A, Iri(SKOS + "ConceptScheme")
        yield scheme, PROV + "wasDerivedFrom", Iri(s)

    def _unit(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["name"]:
            yield s, SKOS + "prefLabel", zh(p["name"])
        for alias in p["aliases"] or []:
            yield s, SKOS + "altLabel", zh(alias)
        yield from _fields(s, p, FIELDS["Unit"])

    def _derivation(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        notice = self.node_iri("Notice", p["notice_id"])
        d = Iri(s + "#derivation")
        yield s, PROV + "wasDerivedFrom", notice
        yield s, PROV + "qualifiedDerivation", d
        yield d, A, Iri(PROV + "Derivation")
        yield d, PROV + "entity", notice
        if p["span_start"] is not None:
            yield d, GK + "spanStart", integer(p["span_start"], "nonNegativeInteger")
        if p["span_end"] is not None:
            yield d, GK + "spanEnd", integer(p["span_end"], "nonNegativeInteger")

    def _issue(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        yield from _fields(s, p, FIELDS["Issue"])
        yield s, SKOS + "inScheme", Iri(self.node_iri("Notice", p["notice_id"]) + "#issues")
        yield from self._derivation(s, p)

    def _measure(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        yield from _fields(s, p, FIELDS["Measure"])
        if p.get("kind"):
            k = Iri(KIND + _seg(p["kind"]))
            yield s, GK + "kind", k
            if p["kind"] not in self._seen_kinds:
                self._seen_kinds.add(p["kind"])
                yield from self._kind(k, p["kind"])
        yield from self._derivation(s, p)

    def _kind(self, k: Iri, kind: str) -> Iterator[Triple]:
        # declared where first met, so a kind the ontology does not list is still a concept
        yield k, A, Iri(SKOS + "Concept")
        yield k, SKOS + "inScheme", Iri(GK + "MeasureKinds")
        labels = self.kind_labels.get(kind, KindLabels(kind, None))
        yield k, SKOS + "prefLabel", Lit(labels.en, lang="en")
        if labels.zh:
            yield k, SKOS + "prefLabel", zh(labels.zh)

    def _role(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["role"]:
            yield s, GK + "roleName", zh(p["role"])
            r = self.org_role(p["role"])
            yield s, ORG + "role", r
            if p["role"] not in self._seen_roles:
                self._seen_roles.add(p["role"])
                yield r, A, Iri(ORG + "Role")
                yield r, SKOS + "prefLabel", zh(p["role"])
        yield from _fields(s, p, FIELDS["Role"])

    def _measuretemplate(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        yield from _fields(s, p, FIELDS["MeasureTemplate"])
        if p.get("source_unit"):
            yield s, GK + "sourceUnit", self.node_iri("Unit", p["source_unit"])

    # edges
    def _edge(self, e: EdgeRow) -> Iterator[Triple]:
        a, b = self.node_iri(e.src_label, e.src), self.node_iri(e.dst_label, e.dst)
        if e.type == "REUSED_FROM":
            yield from self._reuse(a, b, e)
            return
        yield a, EDGE_PREDICATES.get(e.type, GK + e.type.lower()), b
        if e.type == "HAS_ISSUE":
            yield b, SKOS + "topConceptOf", Iri(a + "#issues")
        elif e.type == "HAS_SUBISSUE":
            yield b, SKOS + "broader", a
        elif e.type == "HOLDS" and e.props.get("unit"):
            m = Iri(f"{self.base}membership/{_seg(e.src)}--{_seg(e.dst)}")
            yield m, A, Iri(ORG + "Membership")
            yield m, ORG + "member", a
            yield m, ORG + "organization", self.node_iri("Unit", e.props["unit"])
            yield m, GK + "post", b
            if e.props.get("role"):
                yield m, ORG + "role", self.org_role(e.props["role"])
        elif e.type == "SIMILAR_TO":
            q = Iri(f"{self.base}similarity/{_seg(e.src)}--{_seg(e.dst)}")
            yield q, A, Iri(GK + "Similarity")
            yield q, GK + "pairMember", a
            yield q, GK + "pairMember", b
            if e.props.get("score") is not None:
                yield q, GK + "score", Lit(repr(float(e.props["score"])), datatype=XSD + "double")
            if e.props.get("scope"):
                yield q, GK + "scope", plain(e.props["scope"])

    def _reuse(self, a: Iri, b: Iri, e: EdgeRow) -> Iterator[Triple]:
        """A REUSED_FROM edge: `a gk:reusedFrom b`, and a gk:Reuse naming the family, the days
        between the two units' dates, the score, the direction, and whether the source is tied."""
        yield a, REUSE, b
        family = str(e.props.get("family") or "")
        q = Iri(f"{self.base}reuse/{_seg(e.src)}--{_seg(e.dst)}--{_seg(family)}")
        yield q, A, Iri(GK + "Reuse")
        yield q, GK + "reuser", a
        yield q, GK + "reuseSource", b
        if family:
            yield q, GK + "family", self.node_iri("MeasureTemplate", family)
        if e.props.get("days") is not None:
            yield q, GK + "days", integer(e.props["days"])
        if e.props.get("score") is not None:
            yield q, GK + "score", Lit(repr(float(e.props["score"])), datatype=XSD + "double")
        if e.props.get("direction"):
            yield q, GK + "direction", plain(e.props["direction"])
        if e.props.get("tie") is not None:
            yield q, GK + "tie", _literal(bool(e.props["tie"]))


def _literal(v: Any) -> Lit:
    if isinstance(v, bool):
        return Lit("true" if v else "false", datatype=XSD + "boolean")
    if isinstance(v, int):
        return integer(v)
    if isinstance(v, float):
        return Lit(repr(v), datatype=XSD + "double")
    if isinstance(v, list):
        return Lit(json.dumps(v, ensure_ascii=False), datatype=RDF + "JSON")
    return zh(str(v))


def map_rows(rows: Iterable[Row], base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """The triples of walked rows, in their order."""
    mapper = Mapper(base)
    for row in rows:
        yield from mapper.triples(row)


def iter_triples(store: Store, base: str = DEFAULT_BASE, page: int = PAGE) -> Iterator[Triple]:
    """The store's graph as triples, streamed (read in pages of `page` nodes)."""
    return map_rows(walk(store, page), base)
