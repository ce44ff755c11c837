"""The graph exported as RDF (Turtle, JSON-LD, N-Triples) or GraphML, from either store.

Data flows one way through four rooms:

- `walk`: the store read into neutral rows (`NodeRow`, `EdgeRow`), in pages; every format reads it;
- `rdf_mapping`: rows → triples in ORG, PROV-O, DCTERMS, SKOS and FOAF (vocabulary gk:,
  schema/ontology.ttl; shapes schema/shapes.ttl);
- `rdf_syntax` and `graphml`: triples → N-Triples, Turtle, JSON-LD; rows → GraphML;
- `writers`: the name → `Writer` registry (`WRITERS`) and `export()`, used by `graphkit export`.
"""

from __future__ import annotations

from graphkit.present.export.rdf_mapping import DEFAULT_BASE, iter_triples
from graphkit.present.export.walk import PAGE, walk
from graphkit.present.export.writers import FORMATS, WRITERS, ExportError, Writer, check_base, export, writer

__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "PAGE",
    "WRITERS",
    "ExportError",
    "Writer",
    "check_base",
    "export",
    "iter_triples",
    "walk",
    "writer",
]
