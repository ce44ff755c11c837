"""What the parser could not read with confidence, as the record's `warnings`.

Each warning has a short stable code (see `graphkit.records.WARNING_CODES`) and a sentence.
They describe the text (a notice cut at its start, numbering that skips, a date the page
damaged), never a failure of the parser itself.
"""

from __future__ import annotations

import re

from graphkit.parse.numbering import match_label
from graphkit.parse.sections import Para, Section
from graphkit.parse.width import fold_width
from graphkit.records import Issue, ParseWarning

# how a notice's text opens: its title, or the opening formula about the inspection
_OPENING_RE = re.compile(r"^(?:根据|按照|依据|遵照|为|近日|日前|\d{4}年|今年|去年|经|受|在)|巡视|巡察")
# the last words of a notice that ended where it should: a full stop, a quote, a bracket
_SENTENCE_END = "。!?;”’)」』…"


class Checks:
    """Collects the warnings of one notice."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.warnings: list[ParseWarning] = []

    def warn(self, code: str, message: str, span: tuple[int, int] | None = None) -> None:
        """Record a warning, unless one with the same code and span is already recorded."""
        if any(w.code == code and w.span == span for w in self.warnings):
            return
        self.warnings.append(ParseWarning(code=code, message=message, span=span))

    def structure(
        self,
        paras: list[Para],
        sections: list[Section],
        issues: list[Issue],
        *,
        has_title: bool,
        closed: bool,
    ) -> None:
        """Warnings on the notice's shape: where it starts and ends, its rectification part."""
        if paras and not has_title:
            p = paras[0]
            line = self.norm[p.start : p.end]
            lab = p.label
            if (lab is not None and lab.number > 1) or (lab is None and not _OPENING_RE.search(line[:40])):
                self.warn(
                    "starts_mid_document",
                    "the text starts inside a notice (no title, no opening about the inspection)",
                    (p.start, p.end),
                )
        if paras and not closed:
            last = paras[-1]
            if self.norm[last.end - 1] not in _SENTENCE_END:
                self.warn(
                    "ends_mid_document",
                    "the text stops inside a sentence (no closing, no signature)",
                    (last.start, last.end),
                )
        if not any(s.kind == "issues" for s in sections) or not issues:
            self.warn(
                "no_rectification_section",
                "no part on the rectification of the fed-back problems was found: no issues, no measures",
            )
        self._skips(issues)

    def _skips(self, issues: list[Issue]) -> None:
        """Issues numbered with a gap (1. then 3.), among siblings or where the numbering runs on
        across their parents ((二)…5. then (三)…7.); a numbering that restarts at 1 is no gap."""
        last: dict[str, int] = {}
        for issue in _in_order(issues):
            lab = match_label(fold_width(issue.label) + " x", 0) if issue.label else None
            if lab is None:
                continue
            before = last.get(lab.kind)
            if before is not None and lab.number > before + 1:
                self.warn(
                    "numbering_skips",
                    f"numbering skips from {before} to {lab.number} ({issue.label}): the tree follows the text",
                    issue.span,
                )
            last[lab.kind] = lab.number


def _in_order(issues: list[Issue]) -> list[Issue]:
    out: list[Issue] = []
    for issue in issues:
        out.append(issue)
        out.extend(_in_order(issue.children))
    return out
