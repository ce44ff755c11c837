"""Recognise enumeration labels: 一、 (一) 1. 1、 (1) 一是 ① … and the enumerations inside a paragraph.

All functions work on the width-folded text (see `graphkit.parse.width.fold_width`), in which （１） has become (1).
A label has a *kind* (its shape) and a *number*; which kind sits above which is decided by the
caller from the order in which kinds appear, as notices mix them freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: the numerals of labels (一、 (一) 一是 第一 问题一), spelled once for the whole parser
CN_NUMERALS = "一二三四五六七八九十"

#: the kinds of label, roughly from coarse to fine
KINDS = ("cn_dun", "wen", "cn_paren", "num_dot", "num_paren", "shi", "di", "num_rparen", "circle")


def cn_to_int(s: str) -> int | None:
    """Chinese numeral up to 99 (一, 十, 十二, 二十, 二十三) to int; None if not one."""
    if not s or any(c not in CN_DIGITS and c != "十" for c in s):
        return None
    if "十" not in s:
        return CN_DIGITS[s] if len(s) == 1 else None
    head, _, tail = s.partition("十")
    if len(head) > 1 or len(tail) > 1 or "十" in tail:
        return None
    tens = CN_DIGITS[head] if head else 1
    ones = CN_DIGITS[tail] if tail else 0
    return tens * 10 + ones


def int_to_cn(n: int) -> str:
    """Inverse of cn_to_int for 1..99."""
    if n < 1 or n > 99:
        raise ValueError(n)
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@dataclass(frozen=True)
class Label:
    """An enumeration label found in the text: its kind (shape), number and span."""

    kind: str
    number: int
    start: int  # offset of the label's first character
    end: int  # offset just after the label (and the blanks that follow it)

    def text(self, source: str) -> str:
        """The label as written in `source` (without trailing blanks)."""
        return source[self.start : self.end].rstrip().rstrip(":：,，")


_N = CN_NUMERALS
_LEAD = re.compile(
    rf"问题(?P<wen>[{_N}]{{1,3}}|\d{{1,2}})(?:[:：、.]|\s)"  # 问题一: / 问题1、
    rf"|第(?P<di>[{_N}]{{1,3}})[,，、](?!\d)"  # 第一,……第二,……
    rf"|(?P<cn_dun>[{_N}]{{1,3}})、"
    rf"|\((?P<cn_paren>[{_N}]{{1,3}})\)"
    r"|(?P<num_paren>\d{1,3})\)"  # 1) is rare but seen
    r"|\((?P<num_paren2>\d{1,3})\)"
    r"|(?P<num_dot>\d{1,2})(?:\.(?!\d)|、)"
    rf"|(?P<shi>[{_N}]{{1,3}})是(?![否的])"
    r"|(?P<circle>[①-⑳])"
)


def match_label(norm: str, pos: int = 0, end: int | None = None) -> Label | None:
    """The label opening `norm[pos:end]` (after blanks), or None."""
    end = len(norm) if end is None else end
    while pos < end and norm[pos] == " ":
        pos += 1
    m = _LEAD.match(norm, pos, end)
    if not m:
        return None
    kind = m.lastgroup or ""
    raw = m.group(kind)
    if kind == "num_paren2":
        kind = "num_paren"
    if kind == "num_paren" and not m.group(0).startswith("("):
        kind = "num_rparen"  # 1) 2)
    if kind in ("num_dot", "num_paren", "num_rparen") or (kind == "wen" and raw.isdigit()):
        number = int(raw)
    elif kind == "circle":
        number = CIRCLED.index(raw) + 1
    else:
        n = cn_to_int(raw)
        if n is None:
            return None
        number = n
    stop = m.end()
    while stop < end and norm[stop] == " ":
        stop += 1
    if stop >= end:  # a bare label with nothing after it is no label
        return None
    return Label(kind, number, pos, stop)


@lru_cache(maxsize=512)
def label_string(kind: str, number: int) -> str:
    """The canonical (normalised) spelling of a label, used for inline search."""
    if kind == "shi":
        return int_to_cn(number) + "是"
    if kind == "circle":
        return CIRCLED[number - 1]
    if kind == "num_paren":
        return f"({number})"
    if kind == "cn_paren":
        return f"({int_to_cn(number)})"
    if kind == "di":
        return f"第{int_to_cn(number)}"
    if kind == "num_rparen":
        return f"{number})"
    if kind == "num_dot":
        return f"{number}."
    raise ValueError(kind)


_BOUNDARY = set("。;:!?,.、 \n)”\"'")
INLINE_KINDS = ("shi", "circle", "num_paren", "di", "num_rparen", "num_dot")
# kinds that only count inside a paragraph when at least two items follow each other
_PAIRED = ("num_paren", "di", "num_rparen", "num_dot")
_DIGIT_BEFORE = set("0123456789.(")


def _at_boundary(norm: str, i: int, start: int, kind: str) -> bool:
    if i == start:
        return True
    prev = norm[i - 1]
    if kind == "circle":
        return prev != "["
    if kind == "num_paren" and prev == "”":
        return False
    if kind in ("num_rparen", "num_dot"):
        return prev in "。;:!? \n"  # 1) 1. only where a sentence or a clause list starts
    return prev in _BOUNDARY


def _find_label(norm: str, kind: str, number: int, pos: int, end: int, start: int) -> int:
    if number > (20 if kind == "circle" else 99):
        return -1
    s = label_string(kind, number)
    i = norm.find(s, pos, end)
    while i != -1:
        after = i + len(s)
        if (
            _at_boundary(norm, i, start, kind)
            and after < end
            and not (kind == "shi" and norm[after] in "否的")
            and not (kind == "di" and norm[after] not in ",、")
            and not (kind == "num_dot" and norm[after].isdigit())
        ):
            return i
        i = norm.find(s, i + 1, end)
    return -1


def find_sequence(norm: str, kind: str, start: int, end: int) -> list[Label]:
    """Labels of `kind` numbered 1, 2, 3 … in order inside norm[start:end] (restarts at 1 allowed)."""
    out: list[Label] = []
    pos = start
    number = 1
    # number → a position from which that label is known not to occur any more: a search that
    # failed is not run again from further on (a line of (1)(1)(1)… stays linear)
    absent: dict[int, int] = {}

    def find(n: int, at: int) -> int:
        """Where label `n` next occurs from `at`, or -1; a miss is remembered so it is not searched again."""
        if n in absent and at >= absent[n]:
            return -1
        i = _find_label(norm, kind, n, at, end, start)
        if i == -1:
            absent[n] = at
        return i

    while True:
        i = find(number, pos)
        if i == -1:
            if number == 1:
                break
            # the sequence ended; a new one may start later (下一步工作:一是……)
            j = find(1, pos)
            if j == -1:
                break
            i, number = j, 1
        stop = i + len(label_string(kind, number))
        if kind == "di":
            stop += 1  # the comma after 第一
        while stop < end and norm[stop] == " ":
            stop += 1
        out.append(Label(kind, number, i, stop))
        pos = stop
        number += 1
    # a lone "(1)" or "一是" with no "2" is no enumeration (一是 alone is still common: keep it)
    if kind in _PAIRED and len(out) < 2:
        return []
    return out


@dataclass(frozen=True)
class Segment:
    """One enumerated item inside a paragraph: its label and [start, end) of its body."""

    label: Label
    end: int
    children: tuple[Segment, ...] = ()


_FIRST_KIND = {
    "一是": "shi",
    "①": "circle",
    "(1)": "num_paren",
    "第一": "di",
    "1)": "num_rparen",
    "1.": "num_dot",
}
_FIRST_ANY = re.compile("|".join(re.escape(k) for k in _FIRST_KIND))


def find_inline(
    norm: str, start: int, end: int, kinds: tuple[str, ...] = INLINE_KINDS
) -> tuple[int, list[Segment]]:
    """Split norm[start:end] at its outermost enumeration.

    Returns (first, segments): `first` is where the first label starts (== end when there is
    none), so norm[start:first] is the preamble. Each segment may hold one nested enumeration
    of another kind (三是……:①……②……).
    """
    best: list[Label] = []
    best_kind = ""
    # one scan for the first label of every kind: most ranges hold none or one kind
    present = {_FIRST_KIND[m.group()] for m in _FIRST_ANY.finditer(norm, start, end)}
    for kind in kinds:
        if kind not in present:
            continue
        seq = find_sequence(norm, kind, start, end)
        if seq and (not best or seq[0].start < best[0].start):
            best, best_kind = seq, kind
    if not best:
        return end, []
    rest = tuple(k for k in kinds if k != best_kind)
    segs: list[Segment] = []
    for i, lab in enumerate(best):
        seg_end = best[i + 1].start if i + 1 < len(best) else end
        children: list[Segment] = []
        if rest:
            _first, children = find_inline(norm, lab.end, seg_end, rest)
        segs.append(Segment(lab, seg_end, tuple(children)))
    return best[0].start, segs
