"""`graphkit report`: the static, offline site of the graph (index, families, notices, units)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from graphkit.cli.common import one_line_errors, state


def report_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="the report's folder")] = Path(
        "graphkit-report"
    ),
    open_it: Annotated[bool, typer.Option("--open", help="open the index in a web browser")] = False,
) -> None:
    """Write a static, offline report: families side by side with their edits marked, every
    notice with its issues and measures highlighted, every unit, a searchable index."""
    from graphkit.cli.output import protected_paths
    from graphkit.cli.viz_cmd import _open
    from graphkit.service.reporting import check_report_output, write_report
    from graphkit.stores import open_store

    with one_line_errors():
        check_report_output(output, protected_paths())  # refused before the store is opened
        with open_store(state.settings, read_only=True) as store:
            result = write_report(store, output, protected=protected_paths())
    for note in result.notes:
        print(f"report: {note}", file=sys.stderr)
    pages = ", ".join(f"{n} {kind}" for kind, n in result.pages.items())
    print(f"wrote {result.index.resolve()} ({pages}; {result.bytes / 1e6:.1f} MB)", file=sys.stderr)
    if open_it:
        _open(result.index.resolve())
