"""`graphkit recycled`: families of copied, near-copied and reused measures."""

from __future__ import annotations

import csv
import json
import sys
from typing import Annotated

import typer

from graphkit.analysis.scopes import SCOPES as _STORED_SCOPES
from graphkit.cli.common import fail, out_console, state

SCOPES = (*_STORED_SCOPES, "all")


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
    from graphkit.analysis.family_read import KINDS, read_families
    from graphkit.stores import open_store

    if scope not in SCOPES:
        raise fail(f"unknown scope {scope!r}: choose {', '.join(SCOPES)}", 2)
    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r}: choose {', '.join(KINDS)}", 2)
    if fmt not in ("table", "json", "csv"):
        raise fail(f"unknown format {fmt!r}: choose table, json or csv", 2)
    if threshold is not None and not 0 < threshold <= 1:
        raise fail("--threshold must be in (0, 1]", 2)
    if threshold is not None and not rebuild:
        raise fail("--threshold changes detection: pass --rebuild too (families are stored)", 2)
    if rebuild:
        from graphkit.analysis.store_families import rebuild_families

        with open_store(state.settings) as store:
            kw = {"strong": threshold} if threshold is not None else {}
            report = rebuild_families(store, **kw)
        print(f"families rebuilt from {report.measures} measures: {report.total()}", file=sys.stderr)
    with open_store(state.settings, read_only=True) as store:
        fams = read_families(store, kind=kind, scope=scope, min_units=min_units, limit=limit or None)
    if fmt == "json":
        print(json.dumps(fams, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(
            [
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
            ]
        )
        for f in fams:
            for m in f["measures"]:
                w.writerow(
                    [
                        f["id"],
                        f["scope"],
                        len(f["units"]),
                        f["size"],
                        f["text"],
                        m["id"],
                        m["unit"],
                        m["notice"],
                        m["issue"],
                        m["text"],
                    ]
                )
    else:
        from rich.table import Table

        table = Table(title=f"recycled {kind}s ({scope}): {len(fams)} families")
        table.add_column("#", justify="right")
        table.add_column("units", justify="right")
        table.add_column("size", justify="right")
        table.add_column("scope")
        table.add_column("text")
        table.add_column("where")
        for k, f in enumerate(fams, 1):
            text = f["text"] if len(f["text"]) <= 60 else f["text"][:59] + "…"
            table.add_row(
                str(k), str(len(f["units"])), str(f["size"]), f["scope"], text, "、".join(f["units"])
            )
        out_console.print(table)
