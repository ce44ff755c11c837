"""`graphkit ingest`, `graphkit load`, `graphkit stats`: records into the store, and its counts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graphkit.cli.common import check_format, err_console, out_console, state
from graphkit.cli.warnings_report import report_item

if TYPE_CHECKING:
    from graphkit.service import IngestResult, Stats


def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Notice files or folders (read recursively); - for stdin")
    ],
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Parse files in parallel")] = 1,
    strict: Annotated[
        bool, typer.Option("--strict", help="A notice with parser warnings fails: it is not loaded, exit 1")
    ] = False,
) -> None:
    """Parse notices and load them into the store (then detect recycled measures)."""
    from graphkit import service

    with service.open_store(state.settings) as store, _loading(store.name) as (advance, stop):
        result = service.ingest(
            store, paths, jobs=jobs, strict=strict, on_item=report_item, on_batch=advance, on_loaded=stop
        )
        print_ingest(result, "ingest")
    if result.failed:
        raise typer.Exit(1)


def load_command(
    files: Annotated[
        list[Path], typer.Argument(help="Record files (JSON Lines, as `graphkit parse` writes)")
    ],
) -> None:
    """Load notice records (JSON Lines) into the store; records that break the contract are skipped."""
    from graphkit import service

    with service.open_store(state.settings) as store, _loading(store.name) as (advance, stop):
        result = service.load(store, files, on_item=report_item, on_batch=advance, on_loaded=stop)
        print_ingest(result, "load")
    if result.failed:
        raise typer.Exit(1)


def stats_command(
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Counts per node label and edge type."""
    from graphkit import service

    check_format(fmt, ("table", "json"), "table or json")
    with service.open_store(state.settings, read_only=True) as store:
        stats = service.stats(store)
    if fmt == "json":
        print(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_stats(stats)


@contextmanager
def _loading(store: str) -> Iterator[tuple[Callable[[int], None], Callable[[object], None]]]:
    """A spinner on stderr counting the notices loaded; yields (advance by n, stop)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.completed} notices"),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(f"loading into {store}", total=None)
        yield (lambda n: progress.advance(task, n)), (lambda _summary: progress.stop())


def print_ingest(result: IngestResult, what: str) -> None:
    """The families line (when detection ran) and the one-line summary of a load."""
    if result.families is not None:
        out_console.print(f"recycled-measure families: {result.families.total()}{result.families.how()}")
    s = result.summary
    dup = f", {len(s.duplicates)} duplicates skipped" if s.duplicates else ""
    out_console.print(
        f"[bold]{what}[/]: {s.notices} notices ({s.written} written, {s.unchanged} unchanged, "
        f"{s.replaced} replaced{dup}) · {s.issues} issues · {s.measures} measures · "
        f"{len(result.errors)} errors · {result.warnings.summary()} · store: {result.store}"
    )
    for source, same_as in s.duplicates:
        out_console.print(f"  duplicate skipped: {source} is the same notice as {same_as}", soft_wrap=True)


def print_stats(stats: Stats) -> None:
    """The counts as a table: one row per label and per edge type."""
    from rich.table import Table

    table = Table(title=f"graph in the {stats.store} store")
    table.add_column("kind")
    table.add_column("name")
    table.add_column("count", justify="right")
    for kind, counts in (("node", stats.nodes), ("edge", stats.edges)):
        for k, v in counts.items():
            table.add_row(kind, k, str(v))
    out_console.print(table)
