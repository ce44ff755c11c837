"""Traditional characters: fold a notice written in traditional script to simplified, character
by character, so that the parser's patterns (巡视, 整改进展, 关于, 问题 …) match it while every
offset still points into the notice's own text.

OpenCC's `t2s` tables do the mapping. Phrase conversion may change a text's length, so each
distinct character is converted on its own (its first simplified reading) and the result is
used only where it is again one character.
"""

from __future__ import annotations

from functools import lru_cache

_CJK_LO, _CJK_HI = 0x3400, 0x9FFF
# share of CJK characters that must change for a text to count as written in traditional script;
# a simplified text has next to none (a 乾 or 於 in a name), a traditional one a fifth or more
TRADITIONAL_SHARE = 0.03
_MIN_CHANGED = 5


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified(ch: str) -> str:
    out: str = _converter().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> tuple[str, int]:
    """(same-length simplified copy of `text`, number of characters changed)."""
    table: dict[str, str] = {}
    for ch in set(text):
        if _CJK_LO <= ord(ch) <= _CJK_HI:
            s = _simplified(ch)
            if s != ch:
                table[ch] = s
    if not table:
        return text, 0
    changed = sum(text.count(ch) for ch in table)
    return text.translate(str.maketrans(table)), changed


def is_traditional(text: str, changed: int) -> bool:
    """Whether a text with `changed` characters folded reads as written in traditional script."""
    if changed < _MIN_CHANGED:
        return False
    cjk = sum(1 for ch in text if _CJK_LO <= ord(ch) <= _CJK_HI)
    return cjk > 0 and changed / cjk >= TRADITIONAL_SHARE
