"""Query answers in a terminal: a table that fits the width, or one block per row.

A table is drawn only when every column fits at its narrowest: a header is never split, a
number never wraps, a text column keeps at least `TEXT_MIN` cells. When the columns do not fit
(a 17-column profile at 80 columns), each row becomes a block of `column  value` lines and a
note says so; `--format json` and `--format csv` carry every column in full either way.

Text is wrapped here, not by rich: CJK text breaks between any two characters, but a run of
ASCII letters, digits and signs (`2023`, `0.3226`, `u-c7b9e6627477524b`) is never cut unless
it is wider than the whole column. Graph values (nodes, relationships, paths) print as a
label and a name or key (`Unit 东河县委`), never as a store's internals.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from graphkit.stores.values import GraphNode, GraphPath, GraphRel, json_value

TEXT_MIN = 10  # the narrowest a wrapping text column may become
SUMMARY_CHARS = 24  # a node's name or text in a summary is cut to this many characters
TOKEN_MAX = 24  # an unbreakable ASCII run up to this long widens its column rather than split
# what names a node in a summary, by label (the first that is set); else name, title, text
_NAME_PROPS = {
    "Unit": ("name",),
    "Notice": ("title", "unit_name"),
    "Inspection": ("team", "round"),
    "Issue": ("title",),
    "Measure": ("text",),
    "MeasureTemplate": ("text",),
    "Document": ("title",),
    "Role": ("role", "person"),
    "Person": ("name",),
}
_TOKEN = re.compile(r"[!-~]+|\s+|.", re.DOTALL)  # ASCII runs, blanks, single other characters


def rows_word(n: int) -> str:
    """`0 rows`, `1 row`, `2 rows`."""
    return f"{n} row" if n == 1 else f"{n} rows"


def _short(text: str, n: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def node_summary(node: GraphNode) -> str:
    """`Unit 东河县委`, `Measure 完善理论学习制度。修订《东河…`: the label and what names the node
    (its key when nothing does)."""
    props = node.properties
    for k in (*_NAME_PROPS.get(node.label, ()), "name", "title", "text"):
        v = props.get(k)
        if v not in (None, ""):
            return f"{node.label or 'node'} {_short(str(v))}"
    return f"{node.label or 'node'} {node.key if node.key is not None else cell_text(dict(props))}"


def _end(label: str, key: str | None) -> str:
    return f"{label or 'node'} {key}" if key is not None else label or "node"


def rel_summary(rel: GraphRel) -> str:
    """`Unit u-… -TOOK-> Measure m-…` (with `{score: 0.91}` when it has properties)."""
    props = f" {{{cell_text(dict(rel.properties))}}}" if rel.properties else ""
    return f"{_end(rel.start_label, rel.start)} -{rel.type}{props}-> {_end(rel.end_label, rel.end)}"


def path_summary(path: GraphPath) -> str:
    """Each node summarised, joined by its relationship's type in the direction it is stored."""
    return path.render(node_summary, ("-{type}->", "<-{type}-"), empty="(empty path)", sep=" ")


def cell_text(v: Any) -> str:
    """A value as a table cell: floats to 4 significant digits, graph values summarised, lists
    of texts joined by 、, maps as `key: value` pairs."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        v = json_value(v)
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e6 else f"{v:.6g}"
    if isinstance(v, GraphNode):
        return node_summary(v)
    if isinstance(v, GraphRel):
        return rel_summary(v)
    if isinstance(v, GraphPath):
        return path_summary(v)
    if isinstance(v, list | tuple):
        if not v:
            return "[]"
        sep = "、" if all(isinstance(x, str) for x in v) else "; "
        return sep.join(cell_text(x) for x in v)
    if isinstance(v, Mapping):
        return ", ".join(f"{k}: {cell_text(x)}" for k, x in v.items())
    return str(v)


def is_number(v: Any) -> bool:
    """An int, float or Decimal (a bool is not a number here)."""
    return isinstance(v, int | float | Decimal) and not isinstance(v, bool)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: CJK text breaks anywhere, an ASCII run only when
    it is wider than `width`; newlines in the text are kept."""
    width = max(width, 1)
    out: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0
        for tok in _TOKEN.findall(para):
            w = cell_len(tok)
            if tok.isspace():
                if line and used + w <= width:
                    line, used = line + tok, used + w
                elif line:
                    out.append(line.rstrip())
                    line, used = "", 0
                continue
            if used + w > width and line:
                out.append(line.rstrip())
                line, used = "", 0
            while w > width:  # a run wider than the column: cut it (nothing else can be done)
                head, rest = _cut(tok, width - used)
                out.append(line + head)
                line, used, tok, w = "", 0, rest, cell_len(rest)
            line, used = line + tok, used + w
        out.append(line.rstrip())
    return out


def _cut(tok: str, width: int) -> tuple[str, str]:
    used = 0
    for i, ch in enumerate(tok):
        used += cell_len(ch)
        if used > width:
            return tok[:i] or tok[:1], tok[i:] if i else tok[1:]
    return tok, ""


@dataclass(frozen=True)
class Layout:
    """How an answer is drawn: `widths` of a table's columns, or None for one block per row."""

    widths: list[int] | None
    note: str = ""


def _longest_run(text: str) -> int:
    runs = [cell_len(t) for t in _TOKEN.findall(text) if not t.isspace()]
    return max((r for r in runs if r <= TOKEN_MAX), default=0)


def layout(
    columns: Sequence[str], cells: Sequence[Sequence[str]], numeric: Sequence[bool], width: int
) -> Layout:
    """The widths of a table of `cells` (rows of texts) within `width` cells, or a block view."""
    n = len(columns)
    if n == 0:
        return Layout([])
    overhead = 3 * n + 1  # rich's box: a rule before each column, one cell of padding each side
    want, least = [], []
    for c, head in enumerate(columns):
        texts = [row[c] for row in cells]
        longest = max((cell_len(line) for t in texts for line in t.split("\n")), default=0)
        head_w = cell_len(head)
        if numeric[c]:
            low = max(head_w, longest)
        else:
            low = max(head_w, min(longest, TEXT_MIN), max((_longest_run(t) for t in texts), default=0))
        least.append(low)
        want.append(max(low, longest))
    if sum(least) + overhead > width:
        return Layout(
            None,
            f"{n} columns do not fit in {width}: one block per row "
            "(--format json or csv gives every column as a table)",
        )
    widths = list(least)
    need = {c: want[c] - least[c] for c in range(n) if want[c] > least[c]}
    spare = width - overhead - sum(widths)
    # share the spare cells fairly (water-filling): a column that needs less than an equal share
    # gets all it needs, the rest split what is left, so short columns are never wrapped to
    # make room for a long text that wraps anyway
    while need and spare > 0:
        share = spare // len(need)
        done = [c for c, k in need.items() if k <= share]
        if not share:
            for c in sorted(need)[:spare]:
                widths[c] += 1
            break
        if done:
            for c in done:
                k = need.pop(c)
                widths[c] += k
                spare -= k
            continue
        for c in need:
            widths[c] += share
            need[c] -= share
        spare -= share * len(need)
    return Layout(widths)


def render(
    console: Console,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    caption: str | None = None,
    width: int | None = None,
) -> None:
    """Print an answer for a terminal `width` cells wide (default: the console's width)."""
    width = width or console.width
    cells = [[cell_text(v) for v in row] for row in rows]
    numeric = [bool(rows) and all(r[c] is None or is_number(r[c]) for r in rows) for c in range(len(columns))]
    numeric = [num and any(r[c] is not None for r in rows) for c, num in enumerate(numeric)]
    shape = layout(columns, cells, numeric, width)
    caption = caption or rows_word(len(rows))
    if shape.widths is None:
        _blocks(console, columns, cells, title=title, caption=f"{caption}; {shape.note}", width=width)
    else:
        _table(console, columns, cells, numeric, shape.widths, title=title, caption=caption, width=width)


def _table(
    console: Console,
    columns: Sequence[str],
    cells: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    widths: Sequence[int],
    *,
    title: str | None,
    caption: str,
    width: int,
) -> None:
    from rich.table import Table

    _lines(console, title, "bold", width)  # over the full width: a narrow table would wrap them
    table = Table()
    for head, num, w in zip(columns, numeric, widths, strict=True):
        table.add_column(head, width=w, no_wrap=True, justify="right" if num else "left", overflow="crop")
    for row in cells:
        table.add_row(*(Text("\n".join(wrap(t, w))) for t, w in zip(row, widths, strict=True)))
    console.print(table)
    _lines(console, caption, "dim", width)


def _lines(console: Console, text: str | None, style: str, width: int) -> None:
    for line in wrap(text, width) if text else ():
        console.print(Text(line, style=style), soft_wrap=True)


def _blocks(
    console: Console,
    columns: Sequence[str],
    cells: Sequence[Sequence[str]],
    *,
    title: str | None,
    caption: str,
    width: int,
) -> None:
    _lines(console, title, "bold", width)
    key_w = min(max((cell_len(c) for c in columns), default=0), width // 3)
    value_w = width - key_w - 2
    for k, row in enumerate(cells, 1):
        rule = f"── {k}/{len(cells)} "
        console.print(Text(rule + "─" * max(0, width - cell_len(rule)), style="dim"))
        for head, text in zip(columns, row, strict=True):
            lines = wrap(text, value_w) or [""]
            if cell_len(head) > key_w:  # a long header on its own line: never split
                console.print(Text(head, style="bold cyan"), soft_wrap=True)
                head_text, lines = " " * key_w, lines
            else:
                head_text = head + " " * (key_w - cell_len(head))
            out = Text(head_text, style="bold cyan")
            out.append("  " + lines[0])
            for line in lines[1:]:
                out.append("\n" + " " * (key_w + 2) + line)
            console.print(out, soft_wrap=True)
    _lines(console, caption, "dim", width)


def plain(v: Any) -> Any:
    """A value as JSON-ready Python: graph values as objects (`label`, `key`, `properties` …)."""
    return json_value(v)


def csv_cell(v: Any) -> Any:
    """A value as a CSV cell: scalars as they are, lists, maps and graph values as JSON."""
    v = json_value(v)
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return v
