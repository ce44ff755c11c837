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

TEXT_CHARS = 60  # a family's text in the table (`recycled show` prints it whole)
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
    action: Annotated[
        str | None, typer.Argument(help="show: one family's members, aligned", metavar="[show FAMILY_ID]")
    ] = None,
    family: Annotated[
        str | None, typer.Argument(help="the family's id (or the short id a table shows)")
    ] = None,
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
    engine: Annotated[
        str | None, typer.Option(help="with --rebuild: local (in this process) | spark (PySpark)")
    ] = None,
    master: Annotated[
        str | None, typer.Option(help="with --engine spark: the Spark master (local[2], spark://host:7077)")
    ] = None,
    direction: Annotated[
        bool, typer.Option("--direction", help="who reused whom: later unit → earlier unit, per pair")
    ] = False,
) -> None:
    """Recycled measures, largest spread first (detection runs at ingest; --rebuild runs it again).

    `graphkit recycled show FAMILY_ID` prints one family's members side by side, each with its
    unit, notice and issue, the differences from the first member marked. `--direction` prints
    the diffusion network: each unit that reused an earlier unit's text, per pair of units.
    """
    from graphkit import service

    if action is not None:
        return show(action, family, kind)
    if direction:
        return print_direction(kind, fmt, limit)
    with one_line_errors():
        service.check_family_filter(kind=kind, scope=scope)
    check_format(fmt, ("table", "json", "csv"), "table, json or csv")
    if threshold is not None and not 0 < threshold <= 1:
        raise fail("--threshold must be in (0, 1]", 2)
    if threshold is not None and not rebuild:
        raise fail("--threshold changes detection: pass --rebuild too (families are stored)", 2)
    check_engine(engine, master, rebuild)
    if rebuild:
        rebuild_families(threshold, engine or "local", master)
    with service.open_store(state.settings, read_only=True) as store:
        fams = service.read_families(store, kind=kind, scope=scope, min_units=min_units, limit=limit or None)
    if fmt == "json":
        print(json.dumps([f.as_dict() for f in fams], ensure_ascii=False, indent=2))
    else:
        (print_csv if fmt == "csv" else print_table)(fams, kind, scope)


def check_engine(engine: str | None, master: str | None, rebuild: bool) -> None:
    """Refuse (one line, exit 2, before a store is opened) an unknown engine, --engine or
    --master without --rebuild, --master without --engine spark, and the spark engine without
    PySpark."""
    from graphkit.service.loading import ENGINES

    if engine is not None and engine not in ENGINES:
        raise fail(f"unknown engine {engine!r}: choose {' or '.join(ENGINES)}", 2)
    if (engine is not None or master is not None) and not rebuild:
        raise fail(f"--{'engine' if engine else 'master'} chooses how detection runs: pass --rebuild too", 2)
    if master is not None and engine != "spark":
        raise fail("--master is the Spark master: pass --engine spark too", 2)
    if engine == "spark":
        from graphkit.analysis.spark import check_pyspark

        with one_line_errors():  # before the store is marked as rebuilding
            check_pyspark()


def rebuild_families(threshold: float | None, engine: str, master: str | None) -> None:
    """`recycled --rebuild [--engine spark [--master M]]`: detect anew and store the families."""
    from graphkit import service

    with one_line_errors(), service.open_store(state.settings) as store:
        report = service.rebuild_families(store, threshold=threshold, engine=engine, master=master)
    print(f"families rebuilt from {report.measures} measures: {report.total()}", file=sys.stderr)


def show(action: str, family: str | None, kind: str) -> None:
    """`recycled show FAMILY_ID`: the family's members aligned (an unknown id: exit 2 with the
    closest ids)."""
    from graphkit import service
    from graphkit.cli.family_view import print_family
    from graphkit.service.family_show import read_family

    if action != "show" or not family:
        what = "give the family's id" if action == "show" else f"unknown action {action!r}"
        raise fail(f"{what}: graphkit recycled show FAMILY_ID (ids: graphkit recycled)", 2)
    with one_line_errors(), service.open_store(state.settings, read_only=True) as store:
        detail = read_family(store, family, kind)
    print_family(out_console, detail)


def print_direction(kind: str, fmt: str, limit: int) -> None:
    """`recycled --direction`: the diffusion network (template recycled/diffusion), one row per
    (later unit, earlier unit) pair, most families first."""
    from graphkit import service
    from graphkit.cli import tables
    from graphkit.service.loading import read_diffusion

    check_format(fmt, ("table", "json", "csv"), "table, json or csv")
    with one_line_errors(), service.open_store(state.settings, read_only=True) as store:
        res = read_diffusion(store, kind=kind, limit=limit or None)
    rows = [dict(zip(res.columns, r, strict=True)) for r in res.rows]
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(res.columns)
        w.writerows(res.rows)
        return
    table = [
        [
            f"{r['unit']}\n{r['unit_level'] or '?'}",
            f"{r['source']}\n{r['source_level'] or '?'}",
            r["families"],
            f"{r['vertical']} / {r['horizontal']}",
            r["tied"],
            f"{r['min_days']}" if r["min_days"] == r["max_days"] else f"{r['min_days']}–{r['max_days']}",
            f"{r['mean_score']:.2f}",
        ]
        for r in rows
    ]
    title = f"who reused whom ({kind or 'every kind'}): later unit → the family's earliest unit"
    caption = f"{len(rows)} pair" + ("" if len(rows) == 1 else "s")
    heads = ["unit", "reused from", "families", "vert / horiz", "tied", "days", "score"]
    tables.render(out_console, heads, table, title=title, caption=caption)


def short_id(family_id: str) -> str:
    """The part of a family's id after its kind and scope (`measure:across-units:275eb782958b`
    → `275eb782958b`): what a table shows and `recycled show` accepts."""
    return family_id.rsplit(":", 1)[-1]


def print_csv(fams: list[Family], kind: str, scope: str) -> None:
    """One row per member, with its family's id, scope, spread, size and text."""
    w = csv.writer(sys.stdout)
    w.writerow(CSV_COLUMNS)
    for f in fams:
        for m in f.measures:
            w.writerow([f.id, f.scope, len(f.units), f.size, f.text, m.id, m.unit, m.notice, m.issue, m.text])


def print_table(fams: list[Family], kind: str, scope: str) -> None:
    """One row per family: its short id (for `recycled show`; its scope under it when several are
    listed), spread, size, units and text (cut at `TEXT_CHARS`), drawn to fit the terminal."""
    from graphkit.cli import tables

    rows = [
        [
            short_id(f.id) + (f"\n{f.scope}" if scope == "all" else ""),
            len(f.units),
            f.size,
            "、".join(f.units),
            f.text if len(f.text) <= TEXT_CHARS else f.text[: TEXT_CHARS - 1] + "…",
        ]
        for f in fams
    ]
    title = f"recycled {kind}s ({scope}): `graphkit recycled show FAMILY --kind {kind}` shows one"
    caption = f"{len(fams)} family" if len(fams) == 1 else f"{len(fams)} families"
    tables.render(
        out_console, ["family", "units", "size", "where", "text"], rows, title=title, caption=caption
    )
