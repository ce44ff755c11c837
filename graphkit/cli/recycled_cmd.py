"""`graphkit recycled`: families of copied, near-copied and reused measures."""

from __future__ import annotations

import csv
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from graphkit.cli.common import check_format, fail, one_line_errors, out_console, state

if TYPE_CHECKING:
    from graphkit.service import Family

CSV_COLUMNS = (
    "family",
    "scope",
    "n_units",
    "size",
    "family_text",
    "measure",
    "unit",
    "notice",
    "issue",
    "text",
)


def recycled_command(
    scope: Annotated[
        str, typer.Option(help="across-units | within-unit | across-notices | all")
    ] = "across-units",
    kind: Annotated[str, typer.Option(help="measure | headline | document | sentence")] = "measure",
    min_units: Annotated[int, typer.Option(help="only families spanning at least N units")] = 1,
    threshold: Annotated[
        float | None, typer.Option(help="similarity to join a family (default: the stored detection's)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
    limit: Annotated[int, typer.Option(help="at most K families (0: all)")] = 50,
    rebuild: Annotated[bool, typer.Option(help="detect families anew and store them")] = False,
) -> None:
    """Recycled measures, largest spread first (detection runs at ingest; --rebuild runs it again)."""
    from graphkit import service

    with one_line_errors():
        service.check_family_filter(kind=kind, scope=scope)
    check_format(fmt, ("table", "json", "csv"), "table, json or csv")
    if threshold is not None and not 0 < threshold <= 1:
        raise fail("--threshold must be in (0, 1]", 2)
    if threshold is not None and not rebuild:
        raise fail("--threshold changes detection: pass --rebuild too (families are stored)", 2)
    if rebuild:
        with service.open_store(state.settings) as store:
            report = service.rebuild_families(store, threshold=threshold)
        print(f"families rebuilt from {report.measures} measures: {report.total()}", file=sys.stderr)
    with service.open_store(state.settings, read_only=True) as store:
        fams = service.read_families(store, kind=kind, scope=scope, min_units=min_units, limit=limit or None)
    if fmt == "json":
        print(json.dumps([f.as_dict() for f in fams], ensure_ascii=False, indent=2))
    else:
        (print_csv if fmt == "csv" else print_table)(fams, kind, scope)


def print_csv(fams: list[Family], kind: str, scope: str) -> None:
    """One row per member, with its family's id, scope, spread, size and text."""
    w = csv.writer(sys.stdout)
    w.writerow(CSV_COLUMNS)
    for f in fams:
        for m in f.measures:
            w.writerow([f.id, f.scope, len(f.units), f.size, f.text, m.id, m.unit, m.notice, m.issue, m.text])


def print_table(fams: list[Family], kind: str, scope: str) -> None:
    """One row per family: spread, size, scope, text (cut at 60 characters) and units."""
    from rich.table import Table

    table = Table(title=f"recycled {kind}s ({scope}): {len(fams)} families")
    table.add_column("#", justify="right")
    table.add_column("units", justify="right")
    table.add_column("size", justify="right")
    table.add_column("scope")
    table.add_column("text")
    table.add_column("where")
    for k, f in enumerate(fams, 1):
        text = f.text if len(f.text) <= 60 else f.text[:59] + "…"
        table.add_row(str(k), str(len(f.units)), str(f.size), f.scope, text, "、".join(f.units))
    out_console.print(table)
