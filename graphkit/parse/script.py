"""Traditional characters: fold a notice written in traditional script to simplified, character
by character, so that the parser's patterns (巡视, 整改进展, 关于, 问题 …) match it while every
offset still points into the notice's own text.

OpenCC's `t2s` tables do the mapping. Phrase conversion may change a text's length, so each
character is converted on its own (its first simplified reading) and used only where the
result is again one character.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CJK_LO, _CJK_HI = 0x3400, 0x9FFF
# share of CJK characters that must change for a text to count as written in traditional script;
# a simplified text has next to none (a 乾 or 於 in a name), a traditional one a fifth or more
TRADITIONAL_SHARE = 0.03
_MIN_CHANGED = 5


@lru_cache(maxsize=1)
def _table() -> tuple[dict[int, str], re.Pattern[str]]:
    """Every CJK character that t2s changes into one other character, and a pattern for them.

    Built once (about 10 ms): the characters are converted in one call, one per line, so that
    no phrase spans two of them."""
    import opencc

    chars = [chr(c) for c in range(_CJK_LO, _CJK_HI + 1)]
    out = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # a converter that joined lines: fall back to one call each
        conv = opencc.OpenCC("t2s")
        out = [conv.convert(c) for c in chars]
    table = {ord(a): b for a, b in zip(chars, out, strict=True) if a != b and len(b) == 1}
    pattern = re.compile("[" + "".join(chr(k) for k in sorted(table)) + "]")
    return table, pattern


# Characters that every text in traditional script is full of (們 個 這 為 會 關 於 問 題 …, the
# words of any notice). A text with none of them is read as it is, without building the table
# (about half a second of OpenCC's dictionaries, once a process).
_COMMON_TRADITIONAL = re.compile(
    "[這們個來說時會與對問題關於為國進開發實現動學經過還後從當長區縣黨組織領導幹貫徹視]"
)


def to_simplified(text: str) -> tuple[str, int]:
    """(same-length simplified copy of `text`, number of characters changed)."""
    if not _COMMON_TRADITIONAL.search(text):
        return text, 0
    table, pattern = _table()
    found = pattern.findall(text)
    if not found:
        return text, 0
    return text.translate(table), len(found)


def is_traditional(text: str, changed: int) -> bool:
    """Whether a text with `changed` characters folded reads as written in traditional script."""
    if changed < _MIN_CHANGED:
        return False
    cjk = sum(1 for ch in text if _CJK_LO <= ord(ch) <= _CJK_HI)
    return cjk > 0 and changed / cjk >= TRADITIONAL_SHARE
