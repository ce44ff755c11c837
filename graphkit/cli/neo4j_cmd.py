"""``graphkit neo4j fetch|start|stop|status|import``: the local Neo4j Community server (see graphkit.neo4j_server).

Heavy imports stay inside the commands; an error is one line on stderr, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

neo4j_app = typer.Typer(
    name="neo4j",
    help="A local Neo4j Community 5.26 server on 127.0.0.1 (jars from Maven Central, Java 17+).",
    no_args_is_help=True,
    add_completion=False,
)

T = TypeVar("T")


def _run(fn: Callable[[], T]) -> T:
    """Run fn; a GraphkitError (a Neo4jServerError, or a store's or an input's error) becomes one
    red line on stderr and its exit code."""
    from graphkit.cli.common import err_console, state
    from graphkit.errors import GraphkitError

    try:
        return fn()
    except GraphkitError as exc:
        if state.debug:
            raise
        err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


def _say_fetching(why: str = "first run") -> None:
    """One line before a fetch: Maven is silent for minutes, and a log shows no spinner."""
    from graphkit import neo4j_server
    from graphkit.cli.common import out_console

    out_console.print(
        f"Fetching Neo4j {neo4j_server.neo4j_version()} jars from Maven Central into "
        f"[bold]{neo4j_server.lib_dir()}[/] ({why}; this can take minutes) …"
    )


@neo4j_app.command("start")
def start_command(
    timeout: Annotated[float, typer.Option(help="seconds to wait for Bolt to answer")] = 120.0,
    wait: Annotated[bool, typer.Option(help="wait until Bolt answers")] = True,
) -> None:
    """Start the server (fetching its jars the first time), or find it already running."""
    from graphkit import neo4j_server
    from graphkit.cli.common import out_console

    if not neo4j_server.jars_ready():
        _say_fetching()
    with out_console.status("Starting Neo4j …"):
        info = _run(lambda: neo4j_server.start(wait=wait, timeout=timeout))
    state = "started" if info.started else "already running"
    out_console.print(f"[bold green]Neo4j {info.version} {state}[/] (pid {info.pid})")
    out_console.print(f"  bolt     {info.uri}  (user {info.user})")
    out_console.print(f"  browser  {info.browser_url}")
    out_console.print(f"  home     {info.home}")


@neo4j_app.command("stop")
def stop_command(
    timeout: Annotated[float, typer.Option(help="seconds after SIGTERM before SIGKILL")] = 60.0,
) -> None:
    """Stop the server and wait until its process is gone."""
    from graphkit import neo4j_server
    from graphkit.cli.common import out_console

    with out_console.status("Stopping Neo4j …"):
        stopped = _run(lambda: neo4j_server.stop(timeout=timeout))
    out_console.print("[bold]Neo4j stopped[/]" if stopped else "Neo4j was not running")


@neo4j_app.command("status")
def status_command(
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Running or stopped, pid, URIs (exit code 0 either way)."""
    import json

    from graphkit import neo4j_server
    from graphkit.cli.common import out_console

    st = _run(neo4j_server.status)
    if as_json:
        print(json.dumps(neo4j_server.info_dict(st)))
        return
    if st.running:
        label = "[bold green]running[/]" if st.ready else "[bold yellow]starting[/]"
        out_console.print(f"Neo4j {st.version} {label} (pid {st.pid})")
        out_console.print(f"  bolt     {st.uri}")
        out_console.print(f"  browser  {st.browser_url}")
    else:
        jars = "jars ready" if st.jars else "jars not fetched yet"
        out_console.print(f"Neo4j {st.version} [bold]stopped[/] ({jars})")
    out_console.print(f"  home     {st.home}")


@neo4j_app.command("fetch")
def fetch_command(
    force: Annotated[bool, typer.Option(help="fetch again even if the jars are there")] = False,
    timeout: Annotated[float, typer.Option(help="seconds Maven may take")] = 1800.0,
) -> None:
    """Fetch the server's jars from Maven Central with Maven (once)."""
    from graphkit import neo4j_server
    from graphkit.cli.common import out_console

    if not neo4j_server.jars_ready():
        _say_fetching()
    elif force:
        _say_fetching("again, as asked")
    with out_console.status(f"Fetching Neo4j {neo4j_server.neo4j_version()} jars with Maven …"):
        lib = _run(lambda: neo4j_server.ensure_jars(timeout=timeout, force=force))
    out_console.print(f"{len(list(lib.glob('*.jar')))} jars in [bold]{lib}[/]")


@neo4j_app.command("import")
def import_command(
    paths: Annotated[
        list[str], typer.Argument(help="Notice files or folders (or record files with --records)")
    ],
    home: Annotated[
        str | None,
        typer.Option(help="graphkit's home folder, the server's is HOME/neo4j [env GRAPHKIT_HOME]"),
    ] = None,
    records: Annotated[bool, typer.Option(help="the paths are record files (JSON Lines)")] = False,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Parse files in parallel")] = 1,
    strict: Annotated[bool, typer.Option(help="A notice with parser warnings is not loaded")] = False,
    batch: Annotated[int, typer.Option(help="notices built per batch (as `ingest` writes them)")] = 500,
) -> None:
    """First load into an EMPTY local database with Neo4j's offline importer (server stopped
    meanwhile), then the schema and the recycled-measure families, as `ingest` would leave it."""
    import os
    from functools import partial

    from graphkit.cli.common import err_console, out_console, state
    from graphkit.cli.store_cmds import print_ingest
    from graphkit.cli.warnings_report import report_item
    from graphkit.service.neo4j_import import import_notices

    if home:
        os.environ["GRAPHKIT_HOME"] = home
    with err_console.status("neo4j import …") as spin:
        run = partial(import_notices, paths, records=records, jobs=jobs, strict=strict)
        result = _run(
            lambda: run(
                settings=state.settings, notices_per_batch=batch, on_item=report_item, on_phase=spin.update
            )
        )
    print_ingest(result, "neo4j import")
    out_console.print(result.describe())
    if result.failed:
        raise typer.Exit(1)
