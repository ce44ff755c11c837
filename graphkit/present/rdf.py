"""Export the graph to RDF (Turtle, JSON-LD, N-Triples) or GraphML, from either store.

Only `Store.query` is used, with read Cypher in the subset LadybugDB and Neo4j share. Every
label is read in pages (`WHERE n.id > $after ORDER BY n.id LIMIT $limit`, keyset paging: the same
order as SKIP/LIMIT without re-reading skipped rows), and each edge type is read for one page of
the nodes on its low-degree side (`WHERE x.id IN $ids`), so the store's graph is never held in
memory as a whole.

Formats:
- `nt`: streamed, one triple per line, UTF-8 (N-Triples 1.1 allows raw non-ASCII).
- `ttl`: streamed by a small Turtle writer of our own (consecutive triples of one subject share
  a block; a subject may come back later, which Turtle allows). Nothing is accumulated.
- `jsonld`: NOT streamed: the triples are collected in an in-memory rdflib Graph and serialised
  by rdflib (about the size of the graph in memory, once).
- `graphml`: streamed writer of `<node>`/`<edge>` elements; the `<key>`s (one per property name
  and type, from schema/graph.yaml) are declared up front, node ids are `label/id`.

IRIs: every node is `{base}{label-lowercase}/{id}` (id percent-encoded, `:` kept), e.g.
`https://graphkit.dev/id/measure/m-0123…`. Derived resources hang off them: `…/measure/m-…#derivation`
(the qualified PROV derivation with the span), `…/notice/n-…#issues` (the notice's SKOS scheme of
issues), `{base}membership/{person}--{role}`, `{base}similarity/{a}--{b}`, `{base}org-role/{name}`.
The vocabulary (gk: = https://graphkit.dev/ns#) is in schema/ontology.ttl, shapes in schema/shapes.ttl.
Chinese text is written as is with the language tag @zh.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, NamedTuple
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from graphkit.stores.base import Store

FORMATS = ("ttl", "jsonld", "nt", "graphml")
DEFAULT_BASE = "https://graphkit.dev/id/"
PAGE = 2000

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

A = RDF + "type"


class Iri(str):
    """An IRI (as opposed to a literal)."""


class Lit(NamedTuple):
    lexical: str
    lang: str | None = None
    datatype: str | None = None


Term = Iri | Lit
Triple = tuple[str, str, Term]


def zh(text: str) -> Lit:
    return Lit(text, lang="zh")


def plain(text: str) -> Lit:
    return Lit(text)


def integer(v: int, dt: str = "integer") -> Lit:
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


# -- reading the store ------------------------------------------------------------------------

# Edge types read from their destination's pages (the destination has one such edge, the source
# many): the rest are read from their source's pages.
KEY_BY_DST = {"REPORTED", "HAS_ISSUE", "HAS_SUBISSUE", "TOOK", "HAS_ROLE", "HOLDS"}
# Extra columns some edges need (for derived triples), as Cypher expressions over a and b.
EDGE_EXTRA = {"HOLDS": {"unit": "a.unit_id", "role": "b.role"}}


@dataclass
class NodeRow:
    label: str
    props: dict[str, Any]


@dataclass
class EdgeRow:
    type: str
    src_label: str
    dst_label: str
    src: str
    dst: str
    props: dict[str, Any]


def walk(store: Store, page: int = PAGE) -> Iterator[NodeRow | EdgeRow]:
    """Every node (label by label, in id order) and every edge, in pages."""
    schema = store.schema
    keyed: dict[str, list[tuple[str, str, str, str]]] = {}
    for etype, e in schema.edges.items():
        for a, b in e.pairs:
            side = "b" if etype in KEY_BY_DST else "a"
            keyed.setdefault(b if side == "b" else a, []).append((etype, a, b, side))
    for label, node in schema.nodes.items():
        props = list(node.properties)
        cols = ", ".join(f"n.{p} AS c{i}" for i, p in enumerate(props))
        q = f"MATCH (n:{label}) WHERE n.id > $after RETURN {cols} ORDER BY n.id LIMIT $limit"
        after = ""
        while True:
            rows = store.query(q, {"after": after, "limit": page}).rows
            if not rows:
                break
            ids = []
            for r in rows:
                d = dict(zip(props, r, strict=True))
                ids.append(d["id"])
                yield NodeRow(label, d)
            for etype, a, b, side in keyed.get(label, []):
                yield from _edges(store, etype, a, b, side, ids)
            if len(rows) < page:
                break
            after = ids[-1]


def _edges(store: Store, etype: str, a: str, b: str, side: str, ids: list[str]) -> Iterator[EdgeRow]:
    eprops = list(store.schema.edges[etype].properties)
    extra = EDGE_EXTRA.get(etype, {})
    cols = ["a.id AS s", "b.id AS d"]
    cols += [f"e.{p} AS c{i}" for i, p in enumerate(eprops)]
    cols += [f"{expr} AS x{i}" for i, expr in enumerate(extra.values())]
    q = (
        f"MATCH (a:{a})-[e:{etype}]->(b:{b}) WHERE {side}.id IN $ids "
        f"RETURN {', '.join(cols)} ORDER BY a.id, b.id"
    )
    for r in store.query(q, {"ids": ids}).rows:
        props = dict(zip(eprops, r[2 : 2 + len(eprops)], strict=True))
        props.update(zip(extra, r[2 + len(eprops) :], strict=True))
        yield EdgeRow(etype, a, b, r[0], r[1], props)


# -- graph → triples --------------------------------------------------------------------------

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
}
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
}


class Mapper:
    """Turns walked rows into triples. Keeps only small vocabularies (role names, kinds) seen."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base
        self._seen_roles: set[str] = set()
        self._seen_kinds: set[str] = set()
        self.kind_labels = measure_kind_labels()

    def node_iri(self, label: str, id_: str) -> Iri:
        return Iri(f"{self.base}{label.lower()}/{_seg(id_)}")

    def triples(self, row: NodeRow | EdgeRow) -> Iterator[Triple]:
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
        yield from getattr(self, "_" + label.lower(), self._generic)(s, p)

    def _generic(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        for k, v in p.items():
            if k != "id" and v is not None:
                yield s, GK + k, _literal(v)

    def _notice(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["title"]:
            yield s, DCT + "title", zh(p["title"])
        if p["source"] is not None:
            yield s, DCT + "source", plain(p["source"])
        if p["published"]:
            yield s, DCT + "issued", date_literal(p["published"])
        if p["unit_name"]:
            yield s, GK + "unitName", zh(p["unit_name"])
        if p["publisher"]:
            yield s, GK + "publisherName", zh(p["publisher"])
        if p["figures"] is not None:
            yield s, GK + "figures", Lit(p["figures"], datatype=RDF + "JSON")
        if p["content_hash"]:
            yield s, GK + "contentHash", plain(p["content_hash"])
        for k, pred in (("issue_count", "issueCount"), ("measure_count", "measureCount")):
            if p[k] is not None:
                yield s, GK + pred, integer(p[k], "nonNegativeInteger")
        scheme = Iri(s + "#issues")
        yield s, GK + "issueScheme", scheme
        yield scheme, A, Iri(SKOS + "ConceptScheme")
        yield scheme, PROV + "wasDerivedFrom", Iri(s)

    def _unit(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["name"]:
            yield s, SKOS + "prefLabel", zh(p["name"])
        for alias in p["aliases"] or []:
            yield s, SKOS + "altLabel", zh(alias)

    def _inspection(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        for k, pred in (("team", "team"), ("kind", "inspectionKind"), ("round", "round")):
            if p[k]:
                yield s, GK + pred, zh(p[k])
        for k, pred in (
            ("start_date", "startDate"),
            ("end_date", "endDate"),
            ("feedback_date", "feedbackDate"),
        ):
            if p[k]:
                yield s, GK + pred, date_literal(p[k])

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
        if p["title"] is not None:
            yield s, SKOS + "prefLabel", zh(p["title"])
        if p["label"]:
            yield s, GK + "marker", plain(p["label"])
        if p["path"]:
            yield s, SKOS + "notation", plain(p["path"])
        for k, pred in (("depth", "depth"), ("ord", "order")):
            if p[k] is not None:
                yield s, GK + pred, integer(p[k])
        yield s, SKOS + "inScheme", Iri(self.node_iri("Notice", p["notice_id"]) + "#issues")
        yield from self._derivation(s, p)

    def _measure(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["text"] is not None:
            yield s, GK + "text", zh(p["text"])
        if p["label"]:
            yield s, GK + "marker", plain(p["label"])
        if p["status"]:
            yield s, GK + "status", Iri(STATUS + _seg(p["status"]))
        if p["deadline"]:
            yield s, GK + "deadline", date_literal(p["deadline"])
        if p["ord"] is not None:
            yield s, GK + "order", integer(p["ord"])
        if p.get("kind"):
            k = Iri(KIND + _seg(p["kind"]))
            yield s, GK + "kind", k
            if p["kind"] not in self._seen_kinds:
                self._seen_kinds.add(p["kind"])
                yield k, A, Iri(SKOS + "Concept")
                yield k, SKOS + "inScheme", Iri(GK + "MeasureKinds")
                en, zh_label = self.kind_labels.get(p["kind"], (p["kind"], None))
                yield k, SKOS + "prefLabel", Lit(en, lang="en")
                if zh_label:
                    yield k, SKOS + "prefLabel", zh(zh_label)
        yield from self._derivation(s, p)

    def _role(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["role"]:
            yield s, GK + "roleName", zh(p["role"])
            r = self.org_role(p["role"])
            yield s, ORG + "role", r
            if p["role"] not in self._seen_roles:
                self._seen_roles.add(p["role"])
                yield r, A, Iri(ORG + "Role")
                yield r, SKOS + "prefLabel", zh(p["role"])
        if p["position"]:
            yield s, GK + "position", zh(p["position"])
        if p["person"]:
            yield s, GK + "personName", zh(p["person"])

    def org_role(self, name: str) -> Iri:
        return Iri(f"{self.base}org-role/{_seg(name)}")

    def _person(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["name"]:
            yield s, FOAF + "name", zh(p["name"])

    def _document(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["title"] is not None:
            yield s, DCT + "title", zh(p["title"])

    def _measuretemplate(self, s: str, p: dict[str, Any]) -> Iterator[Triple]:
        if p["kind"]:
            yield s, GK + "familyKind", plain(p["kind"])
        if p["scope"]:
            yield s, GK + "scope", plain(p["scope"])
        if p["text"] is not None:
            yield s, GK + "text", zh(p["text"])
        for k, pred in (("size", "size"), ("n_units", "unitCount")):
            if p[k] is not None:
                yield s, GK + pred, integer(p[k], "nonNegativeInteger")

    # edges
    def _edge(self, e: EdgeRow) -> Iterator[Triple]:
        a, b = self.node_iri(e.src_label, e.src), self.node_iri(e.dst_label, e.dst)
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


def measure_kind_labels() -> dict[str, tuple[str, str | None]]:
    """kind → (English label, Chinese label) from schema/measure_kinds.yaml when it exists.

    The file is another engineer's; it is read leniently: a mapping `kind: {zh:, en:/label:}` or
    a list of `{id|key|name: …, zh:, en:}`, optionally under a top-level `kinds:`."""
    from graphkit.paths import schema_dir

    path = schema_dir() / "measure_kinds.yaml"
    if not path.is_file():
        return {}
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    if isinstance(raw, dict) and "kinds" in raw:
        raw = raw["kinds"]
    items: list[tuple[str, Any]] = []
    if isinstance(raw, dict):
        items = list(raw.items())
    elif isinstance(raw, list):
        for it in raw:
            if isinstance(it, dict):
                key = it.get("id") or it.get("key") or it.get("name") or it.get("kind")
                if key:
                    items.append((str(key), it))
    out: dict[str, tuple[str, str | None]] = {}
    for key, spec in items:
        en, zh_label = str(key), None
        if isinstance(spec, dict):
            en = str(spec.get("en") or spec.get("label_en") or spec.get("label") or key)
            z = spec.get("zh") or spec.get("label_zh") or spec.get("name_zh")
            zh_label = str(z) if z else None
        elif isinstance(spec, str):
            zh_label = spec
        out[key] = (en, zh_label)
    return out


def iter_triples(store: Store, base: str = DEFAULT_BASE, page: int = PAGE) -> Iterator[Triple]:
    mapper = Mapper(base)
    for row in walk(store, page):
        yield from mapper.triples(row)


# -- writers ----------------------------------------------------------------------------------

_NT_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_TTL_ESC = {**_NT_ESC, "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _esc(s: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in s)


def _iri_ref(iri: str) -> str:
    # our IRIs are percent-encoded; encode anything an IRIREF forbids, just in case
    return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: quote(m.group(0)), iri) + ">"


def nt_term(t: Term | str) -> str:
    if isinstance(t, Lit):
        out = '"' + _esc(t.lexical, _NT_ESC) + '"'
        if t.lang:
            return out + "@" + t.lang
        if t.datatype and t.datatype != XSD + "string":
            return out + "^^" + _iri_ref(t.datatype)
        return out
    return _iri_ref(t)


def write_nt(triples: Iterator[Triple], out: IO[str]) -> int:
    n = 0
    for s, p, o in triples:
        out.write(f"{_iri_ref(s)} {_iri_ref(p)} {nt_term(o)} .\n")
        n += 1
    return n


_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _ttl_iri(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}"
    return _iri_ref(iri)


def _ttl_term(t: Term | str) -> str:
    if isinstance(t, Lit):
        out = '"' + _esc(t.lexical, _TTL_ESC) + '"'
        if t.lang:
            return out + "@" + t.lang
        if t.datatype and t.datatype != XSD + "string":
            return out + "^^" + _ttl_iri(t.datatype)
        return out
    return _ttl_iri(t)


def write_ttl(triples: Iterator[Triple], out: IO[str]) -> int:
    """Streaming Turtle: consecutive triples of one subject share a block."""
    for prefix, ns in PREFIXES.items():
        out.write(f"@prefix {prefix}: <{ns}> .\n")
    n = 0
    current: str | None = None
    for s, p, o in triples:
        pred = "a" if p == A else _ttl_iri(p)
        if s == current:
            out.write(f" ;\n    {pred} {_ttl_term(o)}")
        else:
            if current is not None:
                out.write(" .\n")
            out.write(f"\n{_ttl_iri(s)} {pred} {_ttl_term(o)}")
            current = s
        n += 1
    if current is not None:
        out.write(" .\n")
    return n


def to_rdflib(triples: Iterator[Triple]) -> Any:
    """An in-memory rdflib Graph of the triples (the whole export sits in memory)."""
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for s, p, o in triples:
        if isinstance(o, Lit):
            obj: Any = Literal(o.lexical, lang=o.lang, datatype=URIRef(o.datatype) if o.datatype else None)
        else:
            obj = URIRef(o)
        g.add((URIRef(s), URIRef(p), obj))
    return g


def write_jsonld(triples: Iterator[Triple], out: IO[str]) -> int:
    g = to_rdflib(triples)
    context = {k: v for k, v in PREFIXES.items()}
    out.write(g.serialize(format="json-ld", context=context, auto_compact=True, ensure_ascii=False))
    out.write("\n")
    return len(g)


# GraphML

_GRAPHML_TYPES = {
    "string": "string",
    "int": "long",
    "float": "double",
    "bool": "boolean",
    "string[]": "string",
}
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(v: Any, typ: str) -> str:
    if typ == "string[]":
        v = json.dumps(v, ensure_ascii=False)
    elif typ == "bool":
        v = "true" if v else "false"
    # XML 1.0 cannot carry these control characters at all: they are replaced by U+FFFD
    return xml_escape(_XML_BAD.sub("\ufffd", str(v)))


def write_graphml(store: Store, out: IO[str], page: int = PAGE) -> int:
    """Streaming GraphML: keys first (from the schema), then nodes and edges as they are read."""
    schema = store.schema
    node_keys: dict[tuple[str, str], tuple[str, str]] = {}  # (label, prop) → (key id, type)
    by_name: dict[str, set[str]] = {}
    for node in schema.nodes.values():
        for prop, typ in node.properties.items():
            by_name.setdefault(prop, set()).add(typ)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    out.write('  <key id="labels" for="node" attr.name="labels" attr.type="string"/>\n')
    declared: set[str] = set()
    for label, node in schema.nodes.items():
        for prop, typ in node.properties.items():
            kid = f"n.{prop}" if len(by_name[prop]) == 1 else f"n.{label}.{prop}"
            node_keys[(label, prop)] = (kid, typ)
            if kid not in declared:
                declared.add(kid)
                out.write(
                    f'  <key id={quoteattr(kid)} for="node" attr.name={quoteattr(prop)} '
                    f'attr.type="{_GRAPHML_TYPES[typ]}"/>\n'
                )
    out.write('  <key id="label" for="edge" attr.name="label" attr.type="string"/>\n')
    edge_keys: dict[str, tuple[str, str]] = {}
    for e in schema.edges.values():
        for prop, typ in e.properties.items():
            kid = f"e.{prop}"
            if kid not in edge_keys:
                edge_keys[kid] = (prop, typ)
                out.write(
                    f'  <key id={quoteattr(kid)} for="edge" attr.name={quoteattr(prop)} '
                    f'attr.type="{_GRAPHML_TYPES[typ]}"/>\n'
                )
    out.write('  <graph id="graphkit" edgedefault="directed">\n')
    n = 0
    for row in walk(store, page):
        if isinstance(row, NodeRow):
            nid = f"{row.label.lower()}/{row.props['id']}"
            out.write(f"    <node id={quoteattr(nid)}>\n")
            out.write(f'      <data key="labels">:{xml_escape(row.label)}</data>\n')
            for prop, v in row.props.items():
                if v is None:
                    continue
                kid, typ = node_keys[(row.label, prop)]
                out.write(f"      <data key={quoteattr(kid)}>{_xml_text(v, typ)}</data>\n")
            out.write("    </node>\n")
        else:
            src = f"{row.src_label.lower()}/{row.src}"
            dst = f"{row.dst_label.lower()}/{row.dst}"
            out.write(f"    <edge source={quoteattr(src)} target={quoteattr(dst)}>\n")
            out.write(f'      <data key="label">{row.type}</data>\n')
            for prop, typ in schema.edges[row.type].properties.items():
                v = row.props.get(prop)
                if v is not None:
                    out.write(f"      <data key={quoteattr('e.' + prop)}>{_xml_text(v, typ)}</data>\n")
            out.write("    </edge>\n")
        n += 1
    out.write("  </graph>\n</graphml>\n")
    return n


def export(store: Store, out: IO[str], fmt: str = "ttl", base: str = DEFAULT_BASE, page: int = PAGE) -> int:
    """Write the store's graph to `out` in `fmt`; returns the number of triples (or of GraphML
    nodes + edges)."""
    if fmt == "graphml":
        return write_graphml(store, out, page)
    triples = iter_triples(store, base, page)
    if fmt == "nt":
        return write_nt(triples, out)
    if fmt == "ttl":
        return write_ttl(triples, out)
    if fmt == "jsonld":
        return write_jsonld(triples, out)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
