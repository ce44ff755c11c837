"""`graphkit viz unit|recycled|query|cypher`: the graph as one self-contained, offline HTML page."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from graphkit.cli.common import fail, state

viz_app = typer.Typer(
    help="Interactive HTML views (offline, self-contained): a unit, recycled families, a template's answer.",
    no_args_is_help=True,
)

OutOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="the HTML file (default ./graphkit-<what>.html)")
]
OpenOpt = Annotated[bool, typer.Option("--open", help="open the page in a web browser")]
MaxOpt = Annotated[
    int, typer.Option("--max-nodes", help="keep at most N nodes, the most connected (0: no cap)", min=0)
]
ParamOpt = Annotated[
    list[str] | None,
    typer.Option("-p", "--param", help="A parameter as name=value (repeatable)", metavar="NAME=VALUE"),
]


def _slug(text: str) -> str:
    import re

    s = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-.")
    return s[:60] or "view"


def _write(
    graph: Any, title: str, subtitle: str, out: Path, max_nodes: int, open_it: bool, view: str = "force"
) -> None:
    from graphkit.cli.output import AtomicOutput, protected_paths
    from graphkit.errors import OutputError
    from graphkit.present.viz import render

    page = render(graph, title, subtitle=subtitle, max_nodes=max_nodes, view=view)
    for note in page.notes[1:]:  # what was left out, and how links are shown
        print(f"viz: {note}", file=sys.stderr)
    try:
        with AtomicOutput(out, protected_paths(), make_folder=True) as target:
            target.file.write(page.html)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    except OutputError as exc:
        raise fail(str(exc), exc.exit_code) from None
    path = out.resolve()
    print(f"wrote {path} ({page.nodes} nodes, {page.edges} links)", file=sys.stderr)
    if open_it:
        _open(path)


def _open(path: Path) -> None:
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        print(f"no web browser found: open {path.as_uri()} yourself", file=sys.stderr)
        return
    if not browser.open(path.as_uri()):
        print(f"the browser did not start: open {path.as_uri()} yourself", file=sys.stderr)


def _graph(build: Any) -> Any:
    """Run `build(store)` on the store opened read-only; a GraphkitError becomes one line."""
    from graphkit.errors import GraphkitError
    from graphkit.stores import open_store

    try:
        with open_store(state.settings, read_only=True) as store:
            return build(store)
    except GraphkitError as exc:
        raise fail(str(exc), exc.exit_code) from None


@viz_app.command("unit")
def unit_command(
    name: Annotated[str, typer.Argument(help="the unit's name, e.g. 东河县委")],
    output: OutOpt = None,
    open_it: OpenOpt = False,
    max_nodes: MaxOpt = 2000,
) -> None:
    """A unit as a tree, left to right: notices, issue categories, issues, measures, with the
    documents, families and near-copies beside the measures."""
    from graphkit.present.viz import unit_graph

    g = _graph(lambda s: unit_graph(s, name))
    out = output or Path(f"graphkit-unit-{_slug(name)}.html")
    _write(g, f"{name} — 单位图谱 unit graph", "", out, max_nodes, open_it, view="tree")


@viz_app.command("recycled")
def recycled_command(
    min_units: Annotated[int, typer.Option(help="only families spanning at least N units", min=1)] = 1,
    family: Annotated[str | None, typer.Option(help="one family by id (see graphkit recycled)")] = None,
    kind: Annotated[str, typer.Option(help="measure | headline | document | sentence | all")] = "all",
    scope: Annotated[str, typer.Option(help="across-units | within-unit | across-notices | all")] = "all",
    output: OutOpt = None,
    open_it: OpenOpt = False,
    max_nodes: MaxOpt = 2000,
) -> None:
    """Units joined by the recycled-measure families they share; click a link or a unit for its
    families and a family for its members (--family: one family's members straight away)."""
    from graphkit.analysis.family_read import KINDS
    from graphkit.present.viz import families_graph

    if kind != "all" and kind not in KINDS:
        raise fail(f"unknown kind {kind!r}: choose {', '.join(KINDS)} or all", 2)
    if scope not in ("across-units", "within-unit", "across-notices", "all"):
        raise fail(f"unknown scope {scope!r}: choose across-units, within-unit, across-notices or all", 2)
    g = _graph(lambda s: families_graph(s, min_units=min_units, family=family, kind=kind, scope=scope))
    what = f"family {family}" if family else f"kind {kind}, scope {scope}, ≥{min_units} units"
    out = output or Path(f"graphkit-recycled{'-' + _slug(family) if family else ''}.html")
    _write(g, "重复措施 recycled measures", what, out, max_nodes, open_it, "force" if family else "reuse")


@viz_app.command("query")
def query_command(
    name: Annotated[str, typer.Argument(help="template name (graphkit query list)")],
    param: ParamOpt = None,
    templates: Annotated[
        Path | None, typer.Option(help="a folder of templates (default: the bundled queries/)")
    ] = None,
    output: OutOpt = None,
    open_it: OpenOpt = False,
    max_nodes: MaxOpt = 2000,
) -> None:
    """A read template that returns nodes, relationships or paths, drawn."""
    from graphkit.errors import GraphkitError
    from graphkit.present.viz import result_graph
    from graphkit.templates import get_template, parse_assignments

    try:
        t = get_template(name, templates)
        params = t.bind(parse_assignments(param))
    except GraphkitError as exc:
        raise fail(str(exc), exc.exit_code) from None
    if t.mode == "write":
        raise fail(f"template {t.name} writes to the store; viz only reads", 2)

    def build(store: Any) -> Any:
        """Run the template on `store` (a unit it names must exist) and collect its answer's graph."""
        from graphkit.service.checks import check_names

        check_names(store, params)
        res = store.query(t.cypher, params)
        return result_graph(res.columns, res.rows, f"template {t.name}")

    g = _graph(build)
    sub = ", ".join(f"{k}={v}" for k, v in params.items())
    out = output or Path(f"graphkit-query-{_slug(name.replace('/', '-'))}.html")
    _write(g, f"{t.summary}", f"{t.name} {sub}".strip(), out, max_nodes, open_it)


@viz_app.command("cypher")
def cypher_command(
    query: Annotated[str, typer.Argument(help="a read-only Cypher statement returning nodes/rels/paths")],
    param: ParamOpt = None,
    output: OutOpt = None,
    open_it: OpenOpt = False,
    max_nodes: MaxOpt = 2000,
) -> None:
    """An ad-hoc read-only Cypher statement's nodes, relationships and paths, drawn."""
    from graphkit.errors import GraphkitError
    from graphkit.present.viz import result_graph
    from graphkit.service.checks import check_params_given
    from graphkit.templates import guess_value, parse_assignments

    if not query.strip():
        raise fail("empty query", 2)
    try:
        params = {k: guess_value(v) for k, v in parse_assignments(param).items()}
        check_params_given(query, params)
    except GraphkitError as exc:
        raise fail(str(exc), exc.exit_code) from None

    def build(store: Any) -> Any:
        """Run the statement read-only on `store` and collect its answer's graph."""
        res = store.run_adhoc(query, params)  # reads only: no writes, files or network
        return result_graph(res.columns, res.rows, "the query")

    g = _graph(build)
    _write(g, "Cypher", query, output or Path("graphkit-cypher.html"), max_nodes, open_it)
