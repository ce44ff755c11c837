"""`graphkit demo`: the bundled sample notices → the store → what was found."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from graphkit.cli.common import out_console, state
from graphkit.cli.warnings_report import report_error

if TYPE_CHECKING:
    from graphkit.config import Settings
    from graphkit.service import DemoResult

NEXT = "next: graphkit {opts} query list · graphkit {opts} recycled --format json · graphkit {opts} export --format ttl"


def demo_command(ctx: typer.Context) -> None:
    """Ingest the bundled sample notices into the demo's own store (.graphkit/demo; --db or --store
    name another) and show the graph, its recycled measures and its leaders."""
    from graphkit import service
    from graphkit.service.demo import demo_settings, store_options

    named = ctx.parent.params if ctx.parent is not None else {}  # flags only, never GRAPHKIT_*
    settings = demo_settings(state.settings, store=named.get("store"), db=named.get("db"))
    with service.open_store(settings) as store:
        result = service.demo(store, on_item=report_error)
    print_demo(result, where(settings))
    out_console.print(NEXT.format(opts=store_options(settings)), soft_wrap=True)
    if result.ingest.errors:
        raise typer.Exit(1)


def where(settings: Settings) -> str:
    """The store, said so that it can be found: the embedded store's folder, Neo4j's address."""
    if settings.store == "neo4j":
        return f"neo4j ({settings.neo4j_uri}, database {settings.neo4j_database})"
    return f"embedded ({settings.db})"


def print_demo(result: DemoResult, where: str) -> None:
    """What the demo found: counts, families by kind and scope, then two tables."""
    from rich.table import Table

    nodes = ", ".join(f"{v} {k}" for k, v in result.stats.nodes.items() if v)
    out_console.print(f"[bold]{result.ingest.summary.notices} sample notices[/] → {where}: {nodes}")
    report = result.ingest.families
    found = sorted(report.families.items()) if report is not None else []
    total = report.total() if report is not None else 0
    out_console.print(f"recycled-measure families: {total} ({', '.join(f'{v} {k}' for k, v in found)})")
    families = Table(title="recycled measures (all scopes)")
    for col in ("scope", "units", "size", "text"):
        families.add_column(col)
    for f in result.families[:12]:
        text = f.text[:50] + ("…" if len(f.text) > 50 else "")
        families.add_row(f.scope, "、".join(f.units), str(f.size), text)
    out_console.print(families)
    leaders = Table(title="who leads the rectification")
    for col in ("unit", "role", "position", "person"):
        leaders.add_column(col)
    for leader in result.leaders:
        leaders.add_row(leader.unit, leader.role, leader.position or "", leader.person or "")
    out_console.print(leaders)
