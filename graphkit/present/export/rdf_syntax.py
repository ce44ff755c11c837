"""Triples → text: N-Triples and Turtle written here, streamed; JSON-LD through rdflib, in memory.

- N-Triples: one triple per line, UTF-8 (N-Triples 1.1 allows raw non-ASCII).
- Turtle: a small writer of our own: consecutive triples of one subject share a block (a subject
  may come back later, which Turtle allows). Nothing is accumulated.
- JSON-LD: the triples are collected in an in-memory rdflib Graph and serialised by rdflib
  (about the size of the graph in memory, once), compacted with the prefixes as its context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import IO, Any
from urllib.parse import quote

from graphkit.present.export.rdf_mapping import PREFIXES, XSD, A, Lit, Term, Triple

_NT_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_TTL_ESC = {**_NT_ESC, "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _esc(s: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in s)


def _iri_ref(iri: str) -> str:
    # our IRIs are percent-encoded; encode anything an IRIREF forbids, in case a base brings one
    return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: quote(m.group(0)), iri) + ">"


def _term(t: Term | str, escapes: dict[str, str], iri: Callable[[str], str]) -> str:
    """A term in the N-Triples/Turtle literal syntax the two formats share; they differ only in
    which characters a string escapes and how an IRI (the term's, a datatype's) is written."""
    if isinstance(t, Lit):
        out = '"' + _esc(t.lexical, escapes) + '"'
        if t.lang:
            return out + "@" + t.lang
        if t.datatype and t.datatype != XSD + "string":
            return out + "^^" + iri(t.datatype)
        return out
    return iri(t)


def nt_term(t: Term | str) -> str:
    """A term as N-Triples writes it."""
    return _term(t, _NT_ESC, _iri_ref)


def write_nt(triples: Iterable[Triple], out: IO[str]) -> int:
    """N-Triples, one line a triple as they come; returns the number of triples."""
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
    return _term(t, _TTL_ESC, _ttl_iri)


def write_ttl(triples: Iterable[Triple], out: IO[str]) -> int:
    """Streaming Turtle: consecutive triples of one subject share a block; returns the number of
    triples."""
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


def to_rdflib(triples: Iterable[Triple]) -> Any:
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


def write_jsonld(triples: Iterable[Triple], out: IO[str]) -> int:
    """JSON-LD compacted with the prefixes as context; returns the number of distinct triples."""
    g = to_rdflib(triples)
    context = dict(PREFIXES)
    out.write(g.serialize(format="json-ld", context=context, auto_compact=True, ensure_ascii=False))
    out.write("\n")
    return len(g)
