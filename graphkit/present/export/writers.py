"""The export formats, found by name in one explicit registry, and `export()`, which uses it.

`WRITERS` is a plain dict built here (name → `Writer`): a new format is one more entry in it,
never an import side effect. `export()` and `graphkit export` both look formats up in it, and
the command's help and errors list its names.

| name    | streamed | what is written                                                  |
|---------|----------|------------------------------------------------------------------|
| ttl     | yes      | Turtle (rdf_syntax.write_ttl) of the RDF mapping                 |
| jsonld  | no       | JSON-LD through rdflib: the graph is held in memory once         |
| nt      | yes      | N-Triples, one line a triple                                     |
| graphml | yes      | GraphML of the property graph itself (no RDF mapping, no base)   |

`graphkit export --format panel -o DIR` is no writer here: a folder of tables (CSV, Parquet and a
data dictionary) is no text stream, so `graphkit.service.panel` writes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from graphkit.errors import GraphkitError
from graphkit.present.export.graphml import write_graphml
from graphkit.present.export.rdf_mapping import DEFAULT_BASE, Triple, iter_triples
from graphkit.present.export.rdf_syntax import write_jsonld, write_nt, write_ttl
from graphkit.present.export.walk import PAGE, walk

if TYPE_CHECKING:
    from graphkit.stores.base import Store

__all__ = ["FORMATS", "WRITERS", "ExportError", "Writer", "check_base", "export", "writer"]


class ExportError(GraphkitError, ValueError):
    """An export cannot be made as asked: an unknown format, a base that is no absolute IRI."""

    exit_code = 2


WriteFn = Callable[["Store", IO[str], str, int], int]
"""(store, out, base, page) → the number of items written."""


@dataclass(frozen=True)
class Writer:
    """One export format.

    Attributes:
        name: what `--format` and `export(fmt=…)` call it.
        media_type: its IANA media type.
        counts: what the number `write` returns counts ("triples", "nodes and edges").
        streamed: True when the graph is never held in memory as a whole.
        write: writes the store's graph to a text stream: (store, out, base, page) → count.
    """

    name: str
    media_type: str
    counts: str
    streamed: bool
    write: WriteFn


def _rdf(serialise: Callable[[Iterable[Triple], IO[str]], int]) -> WriteFn:
    def write(store: Store, out: IO[str], base: str, page: int) -> int:
        """Serialise the store's triples to `out`; the number written."""
        return serialise(iter_triples(store, base, page), out)

    return write


def _graphml(store: Store, out: IO[str], base: str, page: int) -> int:
    # node ids are label/id: the base of the RDF IRIs plays no part
    return write_graphml(store.schema, walk(store, page), out)


WRITERS: dict[str, Writer] = {
    "ttl": Writer("ttl", "text/turtle", "triples", True, _rdf(write_ttl)),
    "jsonld": Writer("jsonld", "application/ld+json", "triples", False, _rdf(write_jsonld)),
    "nt": Writer("nt", "application/n-triples", "triples", True, _rdf(write_nt)),
    "graphml": Writer("graphml", "application/graphml+xml", "nodes and edges", True, _graphml),
}
"""Format name → writer, in the order help texts list them."""

FORMATS = tuple(WRITERS)


def writer(name: str) -> Writer:
    """The writer registered as `name`; ExportError (listing the names) when there is none."""
    try:
        return WRITERS[name]
    except KeyError:
        raise ExportError(f"unknown format {name!r}: choose {', '.join(WRITERS)}") from None


_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")


def check_base(base: str) -> str:
    """`base` as node IRIs are built on it: an absolute IRI ending in `/` or `#` (a `/` is added
    when it ends otherwise). ExportError when it is no absolute IRI."""
    if not _ABSOLUTE_IRI.match(base):
        raise ExportError(f"--base {base!r} is not an absolute IRI (e.g. https://example.org/id/)")
    return base if base.endswith(("/", "#")) else base + "/"


def export(store: Store, out: IO[str], fmt: str = "ttl", base: str = DEFAULT_BASE, page: int = PAGE) -> int:
    """Write the store's graph to `out` in the format registered as `fmt`.

    Args:
        store: an open store (only read).
        out: a text stream; the caller opens and closes it.
        fmt: a name in `WRITERS` (ttl, jsonld, nt, graphml).
        base: the prefix of node IRIs, `{base}{label-lowercase}/{id}` (see `check_base`).
        page: nodes read per query; changes memory and round trips, never the output's content.

    Returns:
        The number of triples (RDF formats) or of nodes + edges (GraphML).

    Raises:
        ExportError: `fmt` is not registered, or `base` is no absolute IRI.
    """
    return writer(fmt).write(store, out, check_base(base), page)
