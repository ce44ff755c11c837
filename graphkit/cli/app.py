"""The Typer app. Each command is a thin function in its own module, registered here explicitly."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from graphkit.cli import (
    compare_cmd,
    demo_cmd,
    export_cmd,
    migrate_cmd,
    neo4j_cmd,
    parse_cmd,
    query_cmds,
    recycled_cmd,
    report_cmd,
    store_cmds,
    viz_cmd,
)
from graphkit.cli.common import err_console, state
from graphkit.config import STORES, Settings

app = typer.Typer(
    name="graphkit",
    help="Rectification notices (巡视/巡察整改进展情况的通报) → a knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _global(
    store: Annotated[
        str | None, typer.Option(help="embedded (default) or neo4j [env GRAPHKIT_STORE]")
    ] = None,
    db: Annotated[Path | None, typer.Option(help="embedded store folder [env GRAPHKIT_DB]")] = None,
    neo4j_uri: Annotated[str | None, typer.Option(help="[env GRAPHKIT_NEO4J_URI]")] = None,
    neo4j_user: Annotated[str | None, typer.Option(help="[env GRAPHKIT_NEO4J_USER]")] = None,
    neo4j_password: Annotated[str | None, typer.Option(help="[env GRAPHKIT_NEO4J_PASSWORD]")] = None,
    neo4j_database: Annotated[str | None, typer.Option(help="[env GRAPHKIT_NEO4J_DATABASE]")] = None,
    debug: Annotated[bool, typer.Option(help="show tracebacks")] = False,
) -> None:
    """Store options, read before every command (flags over GRAPHKIT_* environment variables)."""
    state.settings = Settings().override(  # fresh per invocation: env, then flags
        store=store,
        db=db,
        neo4j_uri=neo4j_uri,
        neo4j_user=neo4j_user,
        neo4j_password=neo4j_password,
        neo4j_database=neo4j_database,
    )
    state.debug = debug
    if state.settings.store not in STORES:
        err_console.print(
            f"[bold red]error:[/] unknown store {state.settings.store!r}: choose embedded or neo4j"
        )
        raise typer.Exit(2)


app.command("ingest")(store_cmds.ingest_command)
app.command("load")(store_cmds.load_command)
app.command("stats")(store_cmds.stats_command)
app.command("recycled")(recycled_cmd.recycled_command)
app.command("demo")(demo_cmd.demo_command)
app.command("migrate")(migrate_cmd.migrate_command)


app.command("parse")(parse_cmd.parse_command)
app.command("export")(export_cmd.export_command)
app.command("report")(report_cmd.report_command)
app.command("compare")(compare_cmd.compare_command)
app.command("cypher")(query_cmds.cypher_command)
app.add_typer(query_cmds.query_app, name="query")
app.add_typer(neo4j_cmd.neo4j_app, name="neo4j")
app.add_typer(viz_cmd.viz_app, name="viz")


_GLOBAL_VALUE = ("--store", "--db", "--neo4j-uri", "--neo4j-user", "--neo4j-password", "--neo4j-database")
_GLOBAL_FLAG = ("--debug", "--no-debug")


def hoist_global_options(argv: list[str]) -> list[str]:
    """Store options may stand anywhere (`graphkit stats --store neo4j`): move them before the
    command, where the app's callback reads them. Values after `--` are left alone."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        name = arg.split("=", 1)[0]
        if name in _GLOBAL_VALUE:
            if "=" in arg or i + 1 >= len(argv):
                front.append(arg)
            else:
                front += [arg, argv[i + 1]]
                i += 1
        elif arg in _GLOBAL_FLAG:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def main() -> None:
    """Console entry point: a GraphkitError is one line on stderr and its exit code, no traceback."""
    from graphkit.errors import GraphkitError

    try:
        app(args=hoist_global_options(sys.argv[1:]))
    except GraphkitError as exc:
        if state.debug:
            raise
        err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
