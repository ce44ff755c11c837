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
    in memory first. With -o the export goes to a temporary file beside FILE that replaces it
    only once the export is complete, and one line on stderr says what was written. An -o that
    is a folder, in a missing folder, or inside the graph store is refused: one line, exit code 2.
    """
    import contextlib
    import os
    import sys
    from io import TextIOWrapper

    from graphkit.cli.common import fail, state
    from graphkit.cli.output import AtomicOutput, protected_paths
    from graphkit.errors import GraphkitError
    from graphkit.present.rdf import export
    from graphkit.stores import open_store

    if fmt not in _FORMATS:
        raise fail(f"unknown format {fmt!r}: choose {', '.join(_FORMATS)}", 2)
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$", base):
        raise fail(f"--base {base!r} is not an absolute IRI (e.g. https://example.org/id/)", 2)
    if not base.endswith(("/", "#")):
        base += "/"

    if output is not None and str(output) != "-":
        try:
            # checked and opened before the store: a refused path costs nothing, and the store
            # is never opened by a run that would write onto it
            with (
                AtomicOutput(output, protected_paths()) as target,
                open_store(state.settings, read_only=True) as store,
            ):
                count = export(store, target.file, fmt, base)
        except GraphkitError as exc:
            raise fail(str(exc), exc.exit_code) from None
        unit = "nodes and edges" if fmt == "graphml" else "triples"
        print(f"wrote {output} ({fmt}, {count} {unit})", file=sys.stderr)
        return

    with open_store(state.settings, read_only=True) as store:
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
