"""`graphkit recycled show`: one family's members in a terminal, each marked against a reference.

Each member after the first (the reference) is printed as written, with what differs from the
reference marked: deleted text struck out in red, inserted text in green, a block moved
elsewhere underlined in cyan, and characters the comparison ignores (numbers, punctuation, the
unit's names for itself) dimmed. Without colour (a pipe, `NO_COLOR`) the marks are written as
`[-deleted-]`, `{+inserted+}` and `{~moved~}`, as `git diff --word-diff=plain` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from graphkit.analysis.align import Alignment
    from graphkit.service.family_show import FamilyDetail, ShownMember

STYLES = {
    "delete": "strike red",
    "insert": "bold green",
    "replace": "bold green",
    "move": "underline cyan",
    "ignored": "dim",
    "equal": "",
}
PLAIN = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "replace": ("{+", "+}"), "move": ("{~", "~}")}


def marked(al: Alignment, plain: bool) -> Text:
    """The member's text (`al.b`) with the reference's deletions put back where they were, and
    every difference marked (styles, or `plain` brackets)."""
    kinds = ["ignored"] * len(al.b)
    for seg in al.segments("b"):
        for p in range(seg.start, seg.end):
            kinds[p] = seg.kind
    deleted: dict[int, list[str]] = {}
    for op in al.ops:
        if op.kind in ("delete", "replace") and op.a_end > op.a_start:
            deleted.setdefault(op.b_start, []).append(al.a[op.a_start : op.a_end])
    runs: list[tuple[str, str]] = []  # (kind, text), adjacent kinds joined

    def add(kind: str, text: str) -> None:
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + text)
        else:
            runs.append((kind, text))

    for p in range(len(al.b) + 1):
        for gone in deleted.get(p, ()):
            runs.append(("delete", gone))  # never joined: each deletion is its own mark
        if p < len(al.b):
            add(kinds[p], al.b[p])
    out = Text()
    for kind, text in runs:
        if plain and kind in PLAIN:
            left, right = PLAIN[kind]
            out.append(f"{left}{text}{right}")
        else:
            out.append(text, style="" if plain else STYLES.get(kind, ""))
    return out


def _where(k: int, m: ShownMember) -> Text:
    head = Text(f"#{k} ", style="bold")
    head.append(m.unit, style="bold magenta")
    notice = m.notice_title or m.notice
    if m.published:
        notice += f" ({m.published})"
    head.append(f"  {notice}")
    if m.issue_title:
        head.append(f"\n   问题 issue: {m.issue_title}", style="dim")
    head.append(f"\n   {m.id}", style="dim")
    return head


def print_family(console: Console, family: FamilyDetail) -> None:
    """The family's header, a legend and each member (the reference first, as written)."""
    plain = console.no_color or console.color_system is None
    console.print(Text(f"family {family.id}", style="bold"), soft_wrap=True)
    units = "、".join(family.units)
    n, u = len(family.members), len(family.units)
    console.print(
        f"{family.kind} · {family.scope} · {_count(n, 'member')} · {_count(u, 'unit')}: {units}",
        soft_wrap=True,
        markup=False,
    )
    legend = Text("marks against #1: ")
    for kind, word in (
        ("delete", "deleted"),
        ("insert", "inserted"),
        ("move", "moved"),
        ("ignored", "not compared"),
    ):
        left, right = PLAIN.get(kind, ("", ""))
        legend.append(f"{left}{word}{right}" if plain else word, style="" if plain else STYLES[kind])
        legend.append("  ")
    console.print(legend)
    for k, member in enumerate(family.members, 1):
        console.print()
        console.print(_where(k, member))
        if k == 1:
            console.print(Text(member.text))
            continue
        al = family.alignments[k - 2]
        console.print(marked(al, plain))
        edits = _count(len(al.edits()), "edit")
        console.print(Text(f"   similarity to #1: {al.similarity:.2f}, {edits}", style="dim"))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
