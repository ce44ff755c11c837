"""`graphkit ingest`, `graphkit load`, `graphkit stats`: records into the store, and its counts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from graphkit.cli.common import err_console, fail, out_console, state
from graphkit.cli.warnings_report import WarningTally


def _load(records: Iterable[Any], errors: list[str], what: str, tally: WarningTally | None = None) -> None:
    """Stream records into the store (memory follows the batch, not the corpus), then families."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from graphkit.ingest import load_records
    from graphkit.stores import open_store

    with (
        open_store(state.settings) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}: {task.completed} notices"),
            console=err_console,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task(f"loading into {store.name}", total=None)
        summary = load_records(store, records, on_batch=lambda n: progress.advance(task, n))
        progress.stop()
        _families_after_load(store, summary.written + summary.replaced > 0)
        _print_summary(summary.as_dict(), errors, store.name, what, tally)


def _families_after_load(store: Any, changed: bool) -> None:
    """Recycled-measure detection runs at ingest when the graph changed."""
    if not changed:
        return
    from graphkit.analysis.store_families import rebuild_families

    report = rebuild_families(store)
    out_console.print(f"recycled-measure families: {report.total()}")


def _print_summary(
    s: dict[str, Any], errors: list[str], store: str, what: str, tally: WarningTally | None
) -> None:
    warned = f" · {tally.summary()}" if tally is not None else ""
    out_console.print(
        f"[bold]{what}[/]: {s['notices']} notices ({s['written']} written, {s['unchanged']} unchanged, "
        f"{s['replaced']} replaced) · {s['issues']} issues · {s['measures']} measures · "
        f"{len(errors)} errors{warned} · store: {store}"
    )


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
    from graphkit.pipeline import parse_paths

    errors: list[str] = []
    tally = WarningTally(strict)
    _load(_reported(parse_paths(paths, jobs=jobs), errors, tally), errors, "ingest", tally)
    if errors or (strict and tally.notices):
        raise typer.Exit(1)


def load_command(
    files: Annotated[
        list[Path], typer.Argument(help="Record files (JSON Lines, as `graphkit parse` writes)")
    ],
) -> None:
    """Load notice records (JSON Lines) into the store; records that break the contract are skipped."""
    from graphkit.errors import InputError
    from graphkit.records import iter_jsonl

    def results() -> Iterator[Any]:
        for f in files:
            if f.is_file():
                yield from (rec for _, rec in iter_jsonl(str(f)))
            else:
                yield InputError(str(f), "no such file")

    errors: list[str] = []
    tally = WarningTally()
    _load(_reported(results(), errors, tally), errors, "load", tally)
    if errors:
        raise typer.Exit(1)


def _reported(results: Iterable[Any], errors: list[str], tally: WarningTally | None = None) -> Iterator[Any]:
    """The records among `results`; each error is one line on stderr and kept in `errors`; each
    record's parser warnings are reported through `tally` (which may hold the record back)."""
    from graphkit.errors import GraphkitError

    for res in results:
        if isinstance(res, GraphkitError):
            errors.append(str(res))
            # markup off: a path or a field may hold [brackets]
            err_console.print(str(res), style="red", soft_wrap=True, highlight=False, markup=False)
        elif tally is None or tally.report(res.source, ((w.code, w.message) for w in res.warnings)):
            yield res


def stats_command(
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Counts per node label and edge type."""
    from rich.table import Table

    from graphkit.stores import open_store

    if fmt not in ("table", "json"):
        raise fail(f"unknown format {fmt!r}: choose table or json", 2)
    with open_store(state.settings, read_only=True) as store:
        counts = store.counts()
        name = store.name
    if fmt == "json":
        print(json.dumps({"store": name, **counts}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"graph in the {name} store")
    table.add_column("kind")
    table.add_column("name")
    table.add_column("count", justify="right")
    for kind in ("nodes", "edges"):
        for k, v in counts[kind].items():
            table.add_row(kind[:-1], k, str(v))
    out_console.print(table)
