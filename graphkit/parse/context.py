"""The text being parsed, with the look-ups the tree's parts share (memoised)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphkit.parse.dates import YearIndex
from graphkit.parse.headings import Heading, analyze_heading
from graphkit.parse.numbering import INLINE_KINDS, Segment, find_inline, match_label
from graphkit.parse.outline import Node
from graphkit.parse.sections import Para

_INNER_FRAME = re.compile(r"关于|针对|“")


@dataclass
class NoticeText:
    """The notice's own text, its same-length matching copy `norm`, and its dates."""

    text: str
    norm: str
    years: YearIndex
    _inline: dict[tuple[int, int, tuple[str, ...]], tuple[int, list[Segment]]] = field(default_factory=dict)
    _headings: dict[int, Heading] = field(default_factory=dict)

    def line(self, p: Para) -> str:
        """The matching copy of a paragraph."""
        return self.norm[p.start : p.end]

    def inline(
        self, start: int, end: int, kinds: tuple[str, ...] = INLINE_KINDS
    ) -> tuple[int, list[Segment]]:
        """`find_inline` on the matching copy, memoised (the same ranges are asked for often)."""
        key = (start, end, kinds)
        got = self._inline.get(key)
        if got is None:
            got = self._inline[key] = find_inline(self.norm, start, end, kinds)
        return got

    def heading(self, node: Node) -> Heading:
        """The heading of a node's paragraph (after its label, and after a 一是 that frames it)."""
        p = node.para
        if p is None:
            raise ValueError("the root has no heading")
        got = self._headings.get(p.start)
        if got is None:
            start = p.label.end if p.label else p.start
            lab2 = match_label(self.norm, start, p.end)
            if lab2 is not None and lab2.kind == "shi" and _INNER_FRAME.match(self.norm, lab2.end):
                start = lab2.end  # (27)一是关于“……”
            got = self._headings[p.start] = analyze_heading(self.norm, start, p.end)
        return got

    def own_enumeration(self, p: Para) -> bool:
        """The paragraph opens with the first label of an enumeration it holds (①……②……③……)."""
        lab = p.label
        if lab is None or lab.number != 1 or lab.kind not in INLINE_KINDS:
            return False
        _f, own = self.inline(lab.start, p.end, (lab.kind,))
        return len(own) > 1 and own[0].label.start == lab.start
