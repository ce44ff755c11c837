"""`graphkit export`: the graph as RDF (Turtle, JSON-LD, N-Triples) or GraphML, or as a panel.

The stream formats are those of the export registry (`graphkit.present.export.writers.WRITERS`):
the option's help and the error for an unknown name list its names. `panel` is a folder of tidy
tables, not a stream, so it is no writer of the registry: `graphkit.service.panel` writes it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

# the registry module is light (no RDF library, no store driver): it names the formats in --help
from graphkit.present.export.rdf_mapping import DEFAULT_BASE
from graphkit.present.export.writers import WRITERS

PANEL = "panel"  # a folder (graphkit.service.panel), not a stream writer of the registry


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=" | ".join([*WRITERS, PANEL]))] = "ttl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write to FILE (default: stdout); panel: to DIR")
    ] = None,
    base: Annotated[
        str, typer.Option("--base", help="IRI prefix of the nodes: {base}{label}/{id}")
    ] = DEFAULT_BASE,
) -> None:
    """Export the whole graph (from the embedded store or Neo4j) to RDF or GraphML.

    Nodes get stable IRIs {base}{label-lowercase}/{id}; the vocabulary is schema/ontology.ttl and
    the export conforms to schema/shapes.ttl. nt, ttl and graphml are streamed; jsonld is built
    in memory first. With -o the export goes to a temporary file beside FILE that replaces it
    only once the export is complete, and one line on stderr says what was written. An -o that
    is a folder, in a missing folder, or inside the graph store is refused: one line, exit code 2.

    --format panel -o DIR writes tidy tables (notices, measures, families, reuse_edges) as CSV and
    Parquet with a data dictionary (DIR/README.md); DIR is written beside its place and replaces
    an earlier panel only once complete; a DIR holding anything else is refused.
    """
    from graphkit.cli.common import fail
    from graphkit.errors import GraphkitError
    from graphkit.present.export import ExportError, check_base, writer

    if fmt == PANEL:
        _panel(output)
        return
    try:
        chosen, base = writer(fmt), check_base(base)
    except ExportError as exc:
        raise fail(str(exc), exc.exit_code) from None
    if output is None or str(output) == "-":
        _to_stdout(chosen.name, base)
        return
    try:
        count = _to_file(output, chosen.name, base)
    except GraphkitError as exc:
        raise fail(str(exc), exc.exit_code) from None
    print(f"wrote {output} ({chosen.name}, {count} {chosen.counts})", file=sys.stderr)


def _panel(output: Path | None) -> None:
    from graphkit.cli.common import fail, one_line_errors, state
    from graphkit.cli.output import protected_paths
    from graphkit.service.panel import check_panel_output, write_panel
    from graphkit.stores import open_store

    if output is None or str(output) == "-":
        raise fail("--format panel writes a folder of files: give it with -o DIR", 2)
    with one_line_errors():
        check_panel_output(output, protected_paths())  # refused before the store is opened
        with open_store(state.settings, read_only=True) as store:
            result = write_panel(store, output, protected_paths())
    rows = ", ".join(f"{n} {name}" for name, n in result.rows.items())
    size = f"{len(result.files)} files, {result.bytes / 1e6:.1f} MB"
    print(f"wrote {output} (panel: {rows}; {size})", file=sys.stderr)


def _to_file(output: Path, fmt: str, base: str) -> int:
    from graphkit.cli.common import state
    from graphkit.cli.output import AtomicOutput, protected_paths
    from graphkit.present.export import export
    from graphkit.stores import open_store

    # checked and opened before the store: a refused path costs nothing, and the store is never
    # opened by a run that would write onto it
    with (
        AtomicOutput(output, protected_paths()) as target,
        open_store(state.settings, read_only=True) as store,
    ):
        return export(store, target.file, fmt, base)


def _to_stdout(fmt: str, base: str) -> None:
    import contextlib
    import os
    from io import TextIOWrapper

    from graphkit.cli.common import state
    from graphkit.present.export import export
    from graphkit.stores import open_store

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
