"""Text copied from a PDF or a fixed-width page: lines broken at a width, not at paragraphs,
and headings spaced out letter by letter (党 的 领 导 弱 化); or a page that lost every line
break, the whole notice in one line. These are undone here, before the parser sees the text,
so that one paragraph is one line again.

A text counts as hard-wrapped when many of its lines stop at about the same length without
ending a sentence; a line is then joined to the next when it is that long, does not end a
sentence, and the next line does not open with a number or heading of its own.
"""

from __future__ import annotations

import re

_SENTENCE_END = tuple("。！？!?；;：:”’」』)）】")
# a line that opens a paragraph of its own: a label, a status line, a signature date
_OPENS = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、是]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[①-⑳]"
    r"|问题[一二三四五六七八九十\d]|第[一二三四五六七八九十]{1,3}[,，、]|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$)"
)
_SPACED = re.compile(r"(?:[\u4e00-\u9fff] ){3,}[\u4e00-\u9fff]")
# how many lines it takes to judge, and the share of them that must stop short of a sentence end
_MIN_LINES = 6
_WRAPPED_SHARE = 0.3
_FULL = 0.8  # a line at least this share of the wrap width is a full line


def unspace(line: str) -> str:
    """`党 的 领 导 弱 化 方 面` → `党的领导弱化方面` (runs of single-spaced Han characters)."""
    if " " not in line:
        return line
    return _SPACED.sub(lambda m: m.group().replace(" ", ""), line)


def _wrap_width(lines: list[str]) -> int | None:
    long_lines = sorted(len(s) for s in lines if len(s) >= 10)
    if len(long_lines) < _MIN_LINES:
        return None
    width = long_lines[int(len(long_lines) * 0.75)]
    full = [s for s in lines if len(s) >= _FULL * width]
    open_ended = [s for s in full if not s.endswith(_SENTENCE_END)]
    if len(open_ended) < _MIN_LINES // 2 or len(open_ended) < _WRAPPED_SHARE * len(full):
        return None
    return width


# a line this long holding several parts of a notice lost its line breaks
_FLAT_MIN = 600
_FLAT_CUTS = 3
_FLAT_LINES = 6  # at most this many lines: the page may have lost its breaks
_FLAT_ALWAYS = 5000  # a line this long is cut in any text
# where a paragraph starts after a sentence: a part or item label, a status line
_CUT = re.compile(
    r"(?<=[。；;！!？?])(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d)"
    r"|问题[一二三四五六七八九十\d]{1,2}[:：、]|第[一二三四五六七八九十]{1,3}[,，、]"
    r"|(?:整改|工作|目前|当前)?(?:进展|进度|完成)(?:情况)?[:：]|整改(?:情况|措施|时限|结果)[:：])"
)
# the title running into the opening formula: ……的通报根据县委统一部署
_TITLE_INTO_OPENING = re.compile(
    r"(?<=通报|报告|公告|情况)(?=(?:根据|按照|依据)[^。]{0,30}(?:部署|安排|要求))"
)
# a part heading running into its first paragraph: 一、整改工作组织情况村党支部……
_HEADING_END = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])[^。，,；;：:]{2,24}"
    r"(?:情况|问题|方面|打算|安排|做法|成效|工作)(?![的和及与、])"
)


def _unflatten(line: str) -> list[str]:
    if len(line) < _FLAT_MIN or len(_CUT.findall(line)) < _FLAT_CUTS:
        return [line]
    pieces = _CUT.split(_TITLE_INTO_OPENING.sub("\n", line).replace("\n", "\0"))
    out: list[str] = []
    for piece in pieces:
        for part in piece.split("\0"):
            m = _HEADING_END.match(part)
            if m and m.end() < len(part):
                out.extend([part[: m.end()], part[m.end() :]])
            elif part:
                out.append(part)
    return out


def rejoin(lines: list[str]) -> list[str]:
    """Lines with hard wraps joined back into paragraphs, lines that lost their breaks cut at
    the parts they hold, spaced-out headings closed up."""
    lines = [unspace(s) for s in lines]
    # a page that lost its line breaks has a few very long lines; a notice of ordinary
    # paragraphs is not searched for parts inside its lines
    if len(lines) <= _FLAT_LINES or max(map(len, lines), default=0) >= _FLAT_ALWAYS:
        lines = [piece for s in lines for piece in _unflatten(s)]
    width = _wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and not _OPENS.match(line):
            out[-1] += line
        else:
            out.append(line)
        last = out[-1]
        joining = len(line) >= _FULL * width and not last.endswith(_SENTENCE_END)
    return out
