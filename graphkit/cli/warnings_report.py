"""Errors and parser warnings as `ingest`, `load` and `demo` print them: one line each on stderr.

The counting (and `--strict`) is the service's (`graphkit.service.WarningTally`); here is only
how a line looks: red for an error or a warning that fails its notice, yellow for a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphkit.cli.common import err_console

if TYPE_CHECKING:
    from graphkit.service.results import Parsed


def print_line(line: str, style: str) -> None:
    """One line on stderr, as it is: markup off, since a path or a message may hold [brackets]."""
    err_console.print(line, style=style, soft_wrap=True, highlight=False, markup=False)


def report_item(item: Parsed) -> None:
    """Print an input's error, or its notice's parser warnings (red when they hold it back)."""
    if item.error is not None:
        print_line(str(item.error), "red")
    for line in item.warning_lines():
        print_line(line, "red" if item.held else "yellow")


def report_error(item: Parsed) -> None:
    """Print an input's error only (the demo does not list the samples' warnings)."""
    if item.error is not None:
        print_line(str(item.error), "red")
