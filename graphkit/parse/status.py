"""Status and time-limit lines: 整改进展情况:已完成,长期推进 / 整改时限:2020年12月."""

from __future__ import annotations

import re

from graphkit.parse.numbering import CN_NUMERALS
from graphkit.patterns import one_of

# prefix of a progress line; what follows must read like a status for it to be one
STATUS_PREFIX_RE = re.compile(
    r"^(?:整改|工作|目前|当前)?(?:进展|进度|落实|进行|完成|推进)?(?:情况|状态|成效|结果)?\s*[:：]+\s*"
)
# which of STATUS_PREFIX_RE's prefixes make a progress line (not 工作情况:, 情况: or a bare colon)
_PREFIX_OK = one_of(
    r"^(?:整改|工作)?(?:进展|进度|落实|进行|完成)情况",
    r"^整改(?:情况|进[展度]|状态|成效|结果)",
    r"^进展|^完成情况",
    r"^(?:目前|当前)(?:进展|进度|状态)",
)
STATUS_WORDS_RE = re.compile(
    r"^(?:此项问题|该问题|本问题|该项|此项|目前|均)?(?:已(?:经)?(?:全部|基本)?(?:完成|整改|落实|办结|解决|取得)|正在|完成|基本完成|部分|持续|长期|取得|落实完成|限期|按期|尚未|未完成|整改完|阶段性)"
)
_COUNT_HEAD = re.compile(rf"(?:\d+|[{CN_NUMERALS}两]+)(?:条|项|个)(?:整改)?(?:措施|问题|任务)?(?:中)?")
DEADLINE_LINE_RE = re.compile(r"^(?:整改|完成)?时限\s*[:：]\s*|^完成时间\s*[:：]\s*")

# a status line's words → its status, the first that matches deciding (长期推进 is long-term, not
# in progress; 基本完成 is in progress, not done)
_STATUS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("long_term", re.compile(r"长期(?:坚持|推进|抓|执行|落实)|久久为功|常态化推进")),
    (
        "in_progress",
        re.compile(
            r"正在|持续整改|持续推进|推进中|部分整改|部分完成|基本完成|阶段性|尚未完成|未完成|整改中|逐步"
        ),
    ),
    (
        "done",
        re.compile(
            r"已(?:经)?(?:全部)?(?:整改)?完成|整改完[毕成]|完成整改|已(?:经)?整改|已落实|落实完成|已办结|已解决|完成$|^完成"
        ),
    ),
)


_CLAUSE_END_RE = re.compile(r"[,，。;；]")
_STATUS_CLAUSE_RE = re.compile(r"整改|完毕|长期|阶段性|正在")


def classify_status(content: str) -> str | None:
    """done / in_progress / long_term from the words of a status line (its first clauses)."""
    head = content[:48]
    return next((status for status, words in _STATUS_WORDS if words.search(head)), None)


def status_line(norm_para: str) -> tuple[str, int] | None:
    """If the paragraph is a progress line, return (status content, offset of content)."""
    m = STATUS_PREFIX_RE.match(norm_para)
    if not m or not _PREFIX_OK.match(norm_para):
        return None
    content = norm_para[m.end() :]
    if not STATUS_WORDS_RE.match(content):
        # 整改进展情况:1条措施已完成。…… / 3项问题正在整改
        c = _COUNT_HEAD.match(content)
        if not c or not STATUS_WORDS_RE.match(content[c.end() :]):
            return None
    clause = _CLAUSE_END_RE.split(content, maxsplit=1)[0]
    if len(clause) > 20:
        return None
    if norm_para.startswith(("整改情况", "落实情况")) and not (
        _STATUS_CLAUSE_RE.search(clause) or clause in ("已完成", "完成", "落实完成", "已落实")
    ):
        return None  # 整改情况:完成用人制度改革…… is a measure, not a status
    return content, m.end()


def deadline_line(norm_para: str) -> str | None:
    """If the paragraph is a time-limit line (整改时限:…), return its content."""
    m = DEADLINE_LINE_RE.match(norm_para)
    return norm_para[m.end() :] if m else None
