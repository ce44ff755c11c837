"""`graphkit query list|show|run` (the Cypher templates) and `graphkit cypher "…"` (ad-hoc queries).

Everything here reads unless --write is given: the embedded store is then opened read-only
(LadybugDB itself refuses writes), and Neo4j runs the statement in a read transaction. An
ad-hoc statement is also checked before it runs (graphkit.stores.guard): one that writes needs
--write, one that reaches files, the network, extensions or other databases (LOAD CSV, LOAD
FROM, COPY, INSTALL, ATTACH, EXPORT DATABASE, CALL apoc.* …) needs --allow-files. Any mistake —
unknown template or parameter, a bad value, a Cypher error, a refused statement, a query past
its time limit — is one line on stderr and exit code 2, with nothing changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from graphkit.cli.common import check_format, one_line_errors, out_console, state

if TYPE_CHECKING:
    from graphkit.stores.base import QueryResult, Store
    from graphkit.templates import Template

query_app = typer.Typer(
    help="Cypher templates from queries/: list them, show one, run one.",
    no_args_is_help=True,
)

FORMATS = ("table", "json", "csv")
NameArg = Annotated[str, typer.Argument(help="Template name, e.g. units/profile")]
ParamOpt = Annotated[
    list[str] | None,
    typer.Option("-p", "--param", help="A parameter as name=value (repeatable)", metavar="NAME=VALUE"),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv")]
TimeoutOpt = Annotated[
    float | None, typer.Option("--timeout", help="Stop the query after this many seconds", min=0.001)
]
WriteOpt = Annotated[bool, typer.Option("--write", help="Allow the query to change the graph")]
FilesOpt = Annotated[
    bool,
    typer.Option(
        "--allow-files",
        help="Allow the query to reach files, the network, extensions or other databases "
        "(LOAD CSV, LOAD FROM, COPY, INSTALL, ATTACH, CALL apoc.* …)",
    ),
]


def _quiet_driver() -> None:
    # Neo4j logs a warning per unknown label / relationship type (an empty graph has none); the
    # answer (no rows) says the same thing, so the warnings are noise on a terminal.
    import logging

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


def print_result(result: QueryResult, fmt: str, title: str | None = None) -> None:
    """Print a QueryResult as a table that fits the terminal, JSON (a list of objects, graph
    values as objects) or CSV (with a header; lists, maps and graph values as JSON)."""
    from graphkit.cli import tables

    if fmt == "json":
        rows = [dict(zip(result.columns, map(tables.plain, r), strict=True)) for r in result.rows]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv
        import sys

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(result.columns)
        for r in result.rows:
            w.writerow([tables.csv_cell(v) for v in r])
    else:
        tables.render(out_console, result.columns, result.rows, title=title)


def _answer(fmt: str, read_only: bool, run: Callable[[Store], QueryResult], title: str | None = None) -> None:
    """Open the store, `run` the question on it and print the answer; a GraphkitError on the way
    is one line on stderr (exit code 2 for a query's mistakes)."""
    from graphkit import service

    with one_line_errors():
        _quiet_driver()
        with service.open_store(state.settings, read_only=read_only) as store:
            result = run(store)
    print_result(result, fmt, title=title)


@query_app.command("list")
def list_command(fmt: FormatOpt = "table") -> None:
    """The templates: name, parameters and what each answers."""
    from graphkit import service

    check_format(fmt, ("table", "json"))
    with one_line_errors():
        templates = service.templates()
    if fmt == "json":
        print(json.dumps([t.as_dict() for t in templates.values()], ensure_ascii=False, indent=2))
    else:
        print_templates(templates)


def print_templates(templates: dict[str, Template]) -> None:
    """The templates as a table: name, parameters, summary."""
    from graphkit.cli import tables

    rows = [[t.name, ", ".join(p.describe() for p in t.params), t.summary] for t in templates.values()]
    title = "Cypher templates (graphkit query run NAME -p name=value)"
    tables.render(
        out_console, ["name", "params", "summary"], rows, title=title, caption=f"{len(rows)} templates"
    )


@query_app.command("show")
def show_command(name: NameArg) -> None:
    """Print one template: its header and its Cypher."""
    from graphkit import service

    with one_line_errors():
        t = service.template(name)
    print(t.path.read_text(encoding="utf-8").rstrip("\n"))


@query_app.command("run")
def run_command(
    name: NameArg,
    param: ParamOpt = None,
    fmt: FormatOpt = "table",
    timeout: TimeoutOpt = None,
    write: WriteOpt = False,
) -> None:
    """Run a template with its parameters (typed as its header declares)."""
    from graphkit import service
    from graphkit.service.checks import check_names
    from graphkit.templates import parse_assignments

    check_format(fmt, FORMATS)
    with one_line_errors():
        call = service.prepare_template(name, parse_assignments(param), write=write)

    def run(store: Store) -> QueryResult:
        check_names(store, call.params)  # a unit (notice, family) that is not there: no "0 rows"
        return service.run_template(store, call, timeout=timeout)

    _answer(fmt, not call.writes, run, call.template.summary)


def cypher_command(
    query: Annotated[str, typer.Argument(help="A Cypher statement (read-only unless --write)")],
    param: ParamOpt = None,
    fmt: FormatOpt = "table",
    write: WriteOpt = False,
    timeout: TimeoutOpt = None,
    allow_files: FilesOpt = False,
) -> None:
    """Run an ad-hoc Cypher statement; -p values are read as int, float, true/false, null or text.

    It only reads the graph unless --write (changes to the graph) or --allow-files (files, the
    network, extensions, other databases) say more; a statement that does more is refused.
    """
    from graphkit import service
    from graphkit.service.checks import check_params_given
    from graphkit.templates import parse_values

    check_format(fmt, FORMATS)
    with one_line_errors():
        service.check_cypher(query)
        params = parse_values(param)
        check_params_given(query, params)  # a $name without -p: an error, not null and 0 rows

    def run(store: Store) -> QueryResult:
        return service.run_cypher(store, query, params, write=write, allow_files=allow_files, timeout=timeout)

    _answer(fmt, not write, run)
