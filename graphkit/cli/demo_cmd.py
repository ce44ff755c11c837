"""`graphkit demo`: the bundled sample notices → the store → what was found."""

from __future__ import annotations

import typer

from graphkit.cli.common import err_console, out_console, state


def demo_command() -> None:
    """Ingest the bundled sample notices and show the graph, its recycled measures and its leaders."""
    from rich.table import Table

    from graphkit.analysis.family_read import read_families
    from graphkit.analysis.store_families import rebuild_families
    from graphkit.errors import InputError
    from graphkit.ingest import load_records
    from graphkit.paths import samples_dir
    from graphkit.pipeline import parse_paths
    from graphkit.records import NoticeRecord
    from graphkit.stores import open_store

    records: list[NoticeRecord] = []
    errors: list[InputError] = []
    for res in parse_paths([str(samples_dir())]):
        if isinstance(res, InputError):
            errors.append(res)
        else:
            records.append(res)
    for e in errors:
        err_console.print(f"[red]{e}[/]")
    with open_store(state.settings) as store:
        summary = load_records(store, records)
        report = rebuild_families(store)
        counts = store.counts()
        fams = read_families(store, scope="all")
        leaders = store.query(
            "MATCH (u:Unit)-[:HAS_ROLE]->(r:Role) WHERE r.role IN ['组长', '第一责任人', '责任领导'] "
            "RETURN u.name AS unit, r.role AS role, r.position AS position, r.person AS person "
            "ORDER BY unit, role, person"
        ).rows
        where = store.name if store.name != "embedded" else f"embedded ({state.settings.db})"
    out_console.print(
        f"[bold]{summary.notices} sample notices[/] → {where}: "
        + ", ".join(f"{v} {k}" for k, v in counts["nodes"].items() if v)
    )
    out_console.print(
        f"recycled-measure families: {report.total()} ({', '.join(f'{v} {k}' for k, v in sorted(report.families.items()))})"
    )
    t = Table(title="recycled measures (all scopes)")
    for col in ("scope", "units", "size", "text"):
        t.add_column(col)
    for f in fams[:12]:
        t.add_row(
            f["scope"],
            "、".join(f["units"]),
            str(f["size"]),
            f["text"][:50] + ("…" if len(f["text"]) > 50 else ""),
        )
    out_console.print(t)
    t2 = Table(title="who leads the rectification")
    for col in ("unit", "role", "position", "person"):
        t2.add_column(col)
    seen = set()
    for row in leaders:
        if tuple(row) not in seen:
            seen.add(tuple(row))
            t2.add_row(*[str(x or "") for x in row])
    out_console.print(t2)
    out_console.print(
        "next: graphkit query list · graphkit recycled --format json · graphkit export --format ttl"
    )
    if errors:
        raise typer.Exit(1)
