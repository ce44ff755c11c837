"""Whitespace cleanup: one paragraph per line, no empty lines, no indents or trailing blanks."""

from __future__ import annotations

import re

# Zero-width characters and a stray BOM carry nothing and break matching on the text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Lines are stripped of ASCII blanks, full-width spaces (paragraph indents) and NBSP.
_STRIP = " \t\f\v\u3000\xa0\u2002\u2003\u2009"


def clean_lines(text: str) -> list[str]:
    """Split text into its non-empty paragraphs, each stripped of surrounding blanks.

    Line endings (`\\r\\n`, `\\r`, `\\n`, U+2028/U+2029 and the others `str.splitlines` knows)
    all end a paragraph; a no-break space inside a line becomes a plain space; text inside a
    line is otherwise kept as it is.
    """
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    text = text.replace("\xa0", " ")
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip(_STRIP)
        if line:
            out.append(line)
    return out
