"""Split a page that holds several notices in a row into one block of lines per notice.

A notice starts at its title line (`……关于……巡视整改进展情况的通报`) or, where it has no
title, at its opening formula (`根据省委……统一部署,……省委第八巡视组对我厅开展了机动巡视`).
Both also occur inside one notice (a title repeated above the text, an opening formula
after an introductory sentence), so a start only opens a *new* notice once the current one
has ended: it has had its closing (the call for public supervision `欢迎广大干部群众……监督`,
or a signature line followed by a date), or it has reached its second numbered section
(`二、`): a notice that ends with neither closing nor signature is ended by the next one's
title or opening formula. Lines after a notice's closing and before the next start (footnotes)
stay with the notice they follow.

Text before the first start is the page's header (a collection's introduction and list of
units). When the page holds two or more notices, the header is not a notice and is dropped;
when it holds one, the header stays with it (it may be the notice's title or page metadata).
"""

from __future__ import annotations

import itertools
import re

from graphkit.patterns import one_of

_TITLE = re.compile(r"(巡视|巡察).{0,40}整改.{0,30}(通报|报告|公告|公示)\s*[。.]?$")
_TITLE_MAX = 90
_OPENING = re.compile(r"^(根据|按照|依据|遵照)[^。]{0,80}(部署|安排|要求|决定)")
_OPENING_VISIT = re.compile(r"(巡视|巡察)[^。]{0,12}组[^。]{0,60}对[^。]{1,80}(开展|进行|实施)")
_SUPERVISION = re.compile(r"^(欢迎|以上是).{0,60}监督")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_SIGNATURE = one_of(
    r"^(中共|中国共产党).{2,40}$",  # 中共……委员会: the party named first
    r"^.{2,40}(委员会|党组|党委|党工委|工委|区委|县委|市委|省委|厅|局|办公室)$",  # ……局: a body named last
)
_SECOND_SECTION = re.compile(r"^[二三四五六七八九十]+、")
# A piece shorter than this cannot be a notice (a stray title, a heading): it is kept with
# the notice it belongs to instead of standing alone.
_MIN_NOTICE_CHARS = 200


def is_title(line: str) -> bool:
    """A notice's title line: short, names an inspection and its rectification, ends in 通报 or the like."""
    return len(line) <= _TITLE_MAX and "。" not in line[:-1] and bool(_TITLE.search(line))


def is_opening(line: str) -> bool:
    """A notice's opening formula: `根据……部署,……巡视组……对……开展/进行了……`."""
    return bool(_OPENING.match(line)) and bool(_OPENING_VISIT.search(line))


def _is_start(line: str) -> bool:
    return is_title(line) or is_opening(line)


def _is_closing(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _SUPERVISION.match(line):
        return True
    if _DATE_LINE.match(line):
        # The date under a signature: a signature within the three lines above it.
        return any(_SIGNATURE.match(lines[j]) for j in range(max(0, i - 3), i))
    return False


def split_notices(lines: list[str]) -> list[list[str]]:
    """Cut a page's lines into notices.

    Args:
        lines: the page's non-empty paragraphs, chrome already dropped.

    Returns:
        One list of lines per notice, in page order; a single-element list when the page
        holds one notice (or no recognisable start at all: then all lines, unchanged).
    """
    starts: list[int] = []
    closed = False
    second_section = False
    size = 0
    for i, line in enumerate(lines):
        if _is_start(line):
            if not starts:
                starts.append(i)
            elif size >= _MIN_NOTICE_CHARS and (closed or second_section):
                starts.append(i)
                closed = second_section = False
                size = 0
        if starts:
            size += len(line)
            closed = closed or _is_closing(lines, i)
            second_section = second_section or bool(_SECOND_SECTION.match(line))
    if len(starts) <= 1:
        return [lines]
    bounds = [*starts, len(lines)]
    return [lines[a:b] for a, b in itertools.pairwise(bounds)]
