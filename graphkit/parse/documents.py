"""Titles of documents cited as 《…》, with nested 〈〉/<>/《》 kept inside the outer title."""

from __future__ import annotations

import re

# Verbs that, right before 《…》, say the measure issued the document rather than cited it.
_ISSUE_VERBS = re.compile(
    r"(制定|制订|印发|出台|下发|修订|修改|起草|编制|编印|形成|发布|颁布|草拟|拟定|重新制定|研究制定|完善)"
    r"(了|出|完成|并印发|并下发|并实施)?[^，。；,;]{0,6}$"
)
_OPEN = "《"
_CLOSE = "》"
_MARK = re.compile("[《》\n]")


def extract_documents(s: str) -> list[str]:
    """Outermost 《…》 titles in order of appearance, without the brackets, deduplicated.

    Nested 《》 inside a title are kept as written; an unclosed 《 is ignored.
    """
    out: list[str] = []
    if _OPEN not in s:
        return out
    seen: set[str] = set()
    depth = 0
    start = -1
    for mk in _MARK.finditer(s):
        i, ch = mk.start(), mk.group()
        if ch == _OPEN:
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == _CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                title = s[start:i].strip()
                if title and title not in seen:
                    seen.add(title)
                    out.append(title)
        elif ch in "\n":
            depth = 0
    return out


def issued_documents(text: str, documents: list[str]) -> list[str]:
    """The titles among `documents` that the measure issued (an issuing verb right before the
    title: 制定《……》, 印发了《……》); the others it cites."""
    out = []
    for title in documents:
        pos = text.find(title)
        before = text[max(0, pos - 13) : max(0, pos - 1)] if pos > 0 else ""
        if _ISSUE_VERBS.search(before):
            out.append(title)
    return out
