"""`graphkit export`: the graph as RDF (Turtle, JSON-LD, N-Triples) or GraphML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

_FORMATS = ("ttl", "jsonld", "nt", "graphml")


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl | jsonld | nt | graphml")] = "ttl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write to FILE (default: stdout)")
    ] = None,
    base: Annotated[
        str, typer.Option("--base", help="IRI prefix of the nodes: {base}{label}/{id}")
    ] = "https://graphkit.dev/id/",
) -> None:
    """Export the whole graph (from the embedded store or Neo4j) to RDF or GraphML.

    Nodes get stable IRIs {base}{label-lowercase}/{id}; the vocabulary is schema/ontology.ttl and
    the export conforms to schema/shapes.ttl. nt, ttl and graphml are streamed; jsonld is built
    in memory first. With -o the file is replaced only once the export is complete.
    """
    import contextlib
    import os
    import sys
    import tempfile
    from io import TextIOWrapper

    from graphkit.cli.common import fail, state
    from graphkit.present.rdf import export
    from graphkit.stores import open_store

    if fmt not in _FORMATS:
        raise fail(f"unknown format {fmt!r}: choose {', '.join(_FORMATS)}", 2)
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$", base):
        raise fail(f"--base {base!r} is not an absolute IRI (e.g. https://example.org/id/)", 2)
    if not base.endswith(("/", "#")):
        base += "/"

    with open_store(state.settings, read_only=True) as store:
        if output is None:
            buf = getattr(sys.stdout, "buffer", None)
            if buf is None:  # a text-only stdout (some test runners): write to it as is
                export(store, sys.stdout, fmt, base)
                return
            sys.stdout.flush()
            out = TextIOWrapper(buf, encoding="utf-8", newline="\n")
            try:
                export(store, out, fmt, base)
                out.flush()
            except BrokenPipeError:  # `graphkit export | head`: the reader has had enough
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise typer.Exit(0) from None
            finally:
                with contextlib.suppress(BrokenPipeError, ValueError):
                    out.detach()  # leave sys.stdout open
            return
        folder = output.resolve().parent
        if not folder.is_dir():
            raise fail(f"{output}: no such folder {folder}", 2)
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                export(store, out, fmt, base)
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
