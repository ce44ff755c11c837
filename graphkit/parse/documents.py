"""Titles of documents cited as 《…》, with nested 〈〉/<>/《》 kept inside the outer title."""

from __future__ import annotations

import re

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
