"""`graphkit compare A B` / `graphkit compare --unit U`: what changed from one notice to another."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from graphkit.cli.common import check_format, fail, one_line_errors, out_console, state

if TYPE_CHECKING:
    from graphkit.analysis.compare import Comparison, IssueRow, MeasureRow, NoticeInfo

OPENING = 20  # a measure in a table: its label and this many characters of its text


def compare_command(
    notices: Annotated[
        list[str] | None, typer.Argument(help="Two notices: ids, sources or file names (A, then B)")
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Compare this unit's two latest notices")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Compare two notices: issues matched by title, measures verbatim / edited / new / dropped,
    status and deadline moves (A is the earlier; --unit takes the unit's two latest)."""
    from graphkit import service
    from graphkit.service import comparing

    check_format(fmt, ("table", "json"))
    given = list(notices or [])
    if (unit is None and len(given) != 2) or (unit is not None and given):
        raise fail("give two notices (ids, sources or file names), or --unit UNIT", 2)
    with one_line_errors(), service.open_store(state.settings, read_only=True) as store:
        result = comparing.compare_unit(store, unit) if unit is not None else comparing.compare(store, *given)
    if fmt == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_comparison(result)


def _line(text: str) -> None:
    """Print `text` in bold, wrapped to the terminal's width (CJK anywhere, ASCII runs whole)."""
    from rich.text import Text

    from graphkit.cli.tables import wrap

    for line in wrap(text, out_console.width):
        out_console.print(Text(line, style="bold"), soft_wrap=True)


def _notice(side: str, n: NoticeInfo) -> str:
    return f"{side}: {n.unit or '?'} {n.published or '(no date)'} {n.title or ''} [{n.id}]"


def _issue(i: IssueRow | None) -> str:
    return "—" if i is None else f"{i.label or ''}{i.title}"


def _measure(m: MeasureRow) -> str:
    text = " ".join(m.text.split())
    return f"{m.label or ''}{text[:OPENING]}{'…' if len(text) > OPENING else ''}"


def _move(a: str | None, b: str | None) -> str:
    from graphkit.analysis.compare import STATUS_NAMES

    a, b = STATUS_NAMES.get(a or "", a), STATUS_NAMES.get(b or "", b)
    return "" if not (a or b) else f"{a or '?'}→{b or '?'}" if a != b else str(a)


def _when(a: str | None, b: str | None) -> str:
    return f" {a or '?'}→{b or '?'}" if a != b else ""


def print_comparison(c: Comparison) -> None:
    """The comparison for an 80-column terminal: the two notices, issues, paired measures, new
    and dropped measures, then the summary line."""
    from graphkit.cli import tables

    for side, n in (("A", c.a), ("B", c.b)):
        _line(_notice(side, n))
    rows: list[list[str]] = [
        [
            _issue(p.a),
            _issue(p.b),
            f"{p.score:.2f}",
            _move(p.status_a, p.status_b) + _when(p.deadline_a, p.deadline_b),
        ]
        for p in c.issues
    ]
    rows += [[_issue(i), "—", "", ""] for i in c.issues_only_a]
    rows += [["—", _issue(i), "", ""] for i in c.issues_only_b]
    tables.render(
        out_console, ["A", "B", "score", "status"], rows, title="issues", caption=f"{len(rows)} issues"
    )
    rows = [
        [
            p.kind,
            _measure(p.a),
            _measure(p.b),
            f"{p.score:.2f}",
            "；".join(f"{x or '∅'}→{y or '∅'}" for x, y in p.changes)
            + ("；" if p.changes and (p.status_moved or p.deadline_moved) else "")
            + (_move(p.a.status, p.b.status) if p.status_moved else "")
            + (_when(p.a.deadline, p.b.deadline).strip() if p.deadline_moved else ""),
        ]
        for p in c.pairs()
    ]
    tables.render(out_console, ["pair", "A", "B", "score", "changes"], rows, title="measures in both")
    rows = [["dropped", _measure(m)] for m in c.dropped] + [["new", _measure(m)] for m in c.new]
    tables.render(out_console, ["", "measure"], rows, title="measures in one only")
    _line(c.summary())
