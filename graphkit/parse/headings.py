"""Reading a heading: where the stated problem stands in it, and the frame around it.

A heading names a problem in one of a few frames — `关于“……”问题的整改`, `针对……问题`,
`“……”问题`, `在“……”方面` — or states it plainly (`1.贯彻落实……有时差。`). `analyze_heading`
finds the problem's words and where the text after them goes on; `clean_title` cuts the
title the record keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.patterns import one_of

COUNT_TAIL_RE = re.compile(r"\s*\((?:共)?\s*\d+\s*(?:条|个|项)(?:具体)?(?:问题|表现)?\)\s*$")
PROBLEM_STOP = "。:;!?"
_FRAME_OPEN_RE = re.compile(r"(?:关于|针对|对于|在)\s*")
_PROBLEM_WORD_RE = re.compile(r"问题|整改|情况|方面")
_TITLE_TAIL_RE = re.compile(r"(?:的)?问题$|(?:的)?整改(?:落实)?情况$|方面(?:存在的问题|的问题)?$")
_QUOTE_MARK = re.compile("[“”\n]")
_AFTER_QUOTE_RE = re.compile(
    r"(?:的)?(?:问题|整改意见|整改措施|整改情况|有关问题|情况|方面(?:存在的?)?(?:问题)?)?(?:的整改(?:落实)?(?:情况)?)?"
)
_JUMP_RE = re.compile(r"(?:整改事项?|事项|问题)\s*\d*\s*(?=“)")
# where a problem named without quotes ends: before a sentence mark or the end
_UNQUOTED_END_RE = one_of(
    r"(?:的)?问题(?:的整改(?:落实)?(?:情况)?)?(?=[。:;,!?]|$)",  # ……问题的整改情况
    r"(?:的)?整改(?:落实)?情况(?=[。:;,]|$)",  # ……的整改落实情况
    r"方面(?:存在的?问题|的问题)?(?=[。:;,]|$)",  # 在……方面存在的问题
)
# frame leftovers cut from the end of a title, longest first (方面存在的问题 before 问题)
_TITLE_TAILS = (
    re.compile(r"方面(?:存在的?问题)?$"),
    re.compile(r"(?:的)?问题$"),
    re.compile(r"(?:的)?整改(?:落实)?(?:情况)?$"),
)
_SENT_MARK = re.compile("[“‘”’。:;!?]")


@dataclass
class Heading:
    """Where the problem stands in a heading."""

    title_start: int
    title_end: int
    rest: int  # where the text after the stated problem starts
    framed: bool  # 关于“……”问题 / 针对……问题 / “……”问题 / 在……方面
    stop: str  # the character right after the problem ("" at the end)


def match_quote(norm: str, i: int, end: int) -> int:
    """Index of the ” that closes the “ at i (nested “” counted), or -1."""
    depth = 0
    for m in _QUOTE_MARK.finditer(norm, i, end):
        c = m.group()
        if c == "“":
            depth += 1
        elif c == "”":
            depth -= 1
            if depth == 0:
                return m.start()
        else:
            break
    return -1


def sentence_end(norm: str, i: int, end: int) -> int:
    """End of the sentence starting at i (at 。;:!? outside quotes), or `end`."""
    depth = 0
    for m in _SENT_MARK.finditer(norm, i, end):
        c = m.group()
        if c in "“‘":
            depth += 1
        elif c in "”’":
            depth = max(0, depth - 1)
        elif depth == 0:
            return m.start()
    return end


def _quoted(norm: str, q: int, end: int, framed: bool) -> Heading | None:
    """关于“……”(的)问题 and its kin, with the quote opening at q."""
    for _ in range(3):
        if q >= end or norm[q] != "“":
            return None
        close = match_quote(norm, q, end)
        if close == -1:
            return None
        jump = _JUMP_RE.match(norm, close + 1, end)
        if jump:  # 针对“举一反三”整改事项1“……”问题
            q = jump.end()
            continue
        after = _AFTER_QUOTE_RE.match(norm, close + 1, end)
        a_end = after.end() if after else close + 1
        nxt = norm[a_end] if a_end < end else ""
        said = norm[close + 1 : a_end]
        if not (
            "问题" in said or "整改" in said or "方面" in said or nxt in PROBLEM_STOP + ",和" or nxt == ""
        ):
            return None
        if not framed and nxt and nxt not in PROBLEM_STOP + ",和":
            return None  # “四风”问题在一些领域仍有反弹: a quoted term inside a plain sentence
        if nxt == "和" and framed:
            # 针对“A”问题和“B”整改意见: skip the second part up to its own end
            k = norm.find("“", a_end, end)
            if k != -1:
                c2 = match_quote(norm, k, end)
                if c2 != -1:
                    a2 = _AFTER_QUOTE_RE.match(norm, c2 + 1, end)
                    a_end = a2.end() if a2 else c2 + 1
                    nxt = norm[a_end] if a_end < end else ""
        return Heading(q + 1, sentence_end(norm, q + 1, close), a_end, True, nxt)
    return None


def analyze_heading(norm: str, start: int, end: int) -> Heading:
    """Find the stated problem in a heading that starts at `start` (after its label)."""
    i = start
    while i < end and norm[i] == " ":
        i += 1
    framed = False
    m = _FRAME_OPEN_RE.match(norm, i, end)
    if m and (m.group().strip() != "在" or _in_aspect(norm, m.end(), end)):
        framed = True
        i = m.end()
    got = _quoted(norm, i, end, framed)
    if got is not None:
        return got
    # unquoted: up to (的)问题 in the first sentence, else the first sentence
    s_end = sentence_end(norm, i, end)
    if framed:
        mm = _UNQUOTED_END_RE.search(norm, i, s_end + 1 if s_end < end else end)
        if mm:
            nxt = norm[mm.end()] if mm.end() < end else ""
            return Heading(i, mm.start(), mm.end(), True, nxt)
    nxt = norm[s_end] if s_end < end else ""
    t_end = s_end
    tail = _TITLE_TAIL_RE.search(norm, i, t_end)
    if tail and tail.start() - i >= 4:
        t_end = tail.start()
    return Heading(i, t_end, s_end, framed, nxt)


def _in_aspect(norm: str, i: int, end: int) -> bool:
    """在 opens a frame only as 在“……”方面 / 在……方面 within the first sentence."""
    s_end = sentence_end(norm, i, end)
    return norm.find("方面", i, min(s_end, i + 60)) != -1


def states_problem(norm: str, h: Heading) -> bool:
    """The heading names a problem in a frame: a quoted one, or one that ends in 问题/整改情况/方面."""
    if not h.framed:
        return False
    if h.title_start > 0 and norm[h.title_start - 1] == "“":
        return True
    return bool(_PROBLEM_WORD_RE.search(norm[h.title_end : h.rest]))


def clean_title(text: str, norm: str, start: int, end: int) -> str:
    """The problem's words from the original text, without count tails and frame leftovers."""
    t = text[start:end].strip()
    nt = norm[start:end].strip()
    m = COUNT_TAIL_RE.search(nt)
    if m:
        t = t[: len(t) - len(m.group(0))].rstrip()
        nt = nt[: len(nt) - len(m.group(0))].rstrip()
    for pat in _TITLE_TAILS:
        mm = pat.search(nt)
        if mm and len(nt) - len(mm.group(0)) >= 4:
            t = t[: len(t) - len(mm.group(0))].rstrip()
            nt = nt[: len(nt) - len(mm.group(0))].rstrip()
    return t.strip(" ,，。;；:：") or text[start:end].strip()
