"""Notice-level facts: title, unit, publisher, publication date, the inspection, figures."""

from __future__ import annotations

import re

from graphkit.parse.dates import (
    DAMAGED_DATE_RE,
    DAMAGED_RANGE_RE,
    DATE_RE,
    RANGE_RE,
    find_numeric_date,
    iso,
    parse_date_line,
    read_damaged,
    resolve,
)
from graphkit.parse.numbering import CN_NUMERALS
from graphkit.parse.sections import SIGNATURE_RE, Para
from graphkit.records import Inspection

# the body a team belongs to (省委, 县委, 镇党委, 集团党委 …): a few characters ending in 委 or
# 党组, none of them a word of the sentence around it (将以此次区委…: 区委, not 党工委将以此次区委)
_TEAM_OWNER = (
    r"(?:中央|省委|市委|区委|县委|州委|盟委|旗委|自治区党委|党委|党组"
    r"|(?:(?![将以此次对的在为和与及向由是])[\u4e00-\u9fff]){0,8}?(?:委|党组))"
)
TEAM_RE = re.compile(
    # 省委第八巡视组, 区委巡察一组, 区委第巡察组 (a digit lost on the page)
    rf"{_TEAM_OWNER}?(?:第[{CN_NUMERALS}\d]{{0,4}}(?:巡视|巡察)(?:组|工作组)|(?:巡视|巡察)(?:第)?[{CN_NUMERALS}\d]{{1,4}}组)"
    # 县委机动巡察组, 专项巡察组: a team named by its kind, no number
    rf"|{_TEAM_OWNER}?(?:常规|机动|专项|提级|交叉|联动|延伸)(?:巡视|巡察)(?:组|工作组)"
    rf"|{_TEAM_OWNER}(?:巡视|巡察)(?:组|工作组)(?!长|成员|办)"
)
KIND_RE = re.compile(
    r"(常规|机动|专项|提级|交叉|联动|延伸)(巡视|巡察)|(巡视|巡察)\s*(“回头看”|\"回头看\"|回头看)"
)
ROUND_RE = re.compile(
    rf"[{CN_NUMERALS}]{{1,3}}届(?:中央|省委|市委|区委|县委|州委|自治区党委|[\u4e00-\u9fff]{{1,6}}委)第[{CN_NUMERALS}\d]{{1,3}}轮"
    rf"|(?:中央|省委|市委|区委|县委|州委|自治区党委)\d{{4}}年第[{CN_NUMERALS}\d]{{1,3}}轮"
)
TITLE_HINT_RE = re.compile(r"通报|整改(?:进展|落实)?情况|整改.*公布|公告")
_PAGE_DATE_RE = re.compile(r"(?:发布|更新|发表|公布)(?:时间|日期)\s*[:：]?\s*")
# a phrase naming people or several bodies, never one unit (……主要负责人和被巡察村级党组织领导班子)
_NOT_A_UNIT_RE = re.compile(rf"和|及|与|、|负责人|负责同志|班子|成员|干部|等|[\d{CN_NUMERALS}]+个")
# the phrases that name the inspected unit after the notice's opening, in the order they are
# tried: the body inspected (对……开展了巡察) before the one the findings went to (向……反馈)
_UNIT_PHRASES = (
    re.compile(
        r"对([\u4e00-\u9fff()（）]{2,30}?)(?:开展|进行)了?(?:为期\S*?的)?(?:常规|机动|专项|提级|交叉)?(?:巡视|巡察)"
    ),
    re.compile(
        r"向([\u4e00-\u9fff()（）]{2,30}?)(?:党组|党委|委员会|委|党工委)?(?:反馈|进行了反馈|作了反馈)"
    ),
)


def find_title(norm: str, text: str, paras: list[Para], first_body: int) -> str | None:
    """The notice's own title line, among the lines before its body."""
    for p in paras[:first_body]:
        line = norm[p.start : p.end]
        if (
            len(line) <= 90
            and TITLE_HINT_RE.search(line)
            and not re.match(r"^(?:来源|文章来源|发布)", line)
            and not re.search(r"[:：]|。$", line)  # 整改进展情况:已完成。 is a status line
        ):
            t = text[p.start : p.end].strip().rstrip("|｜ ").strip()
            return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", t)
    return None


def _inspection_sentences(norm: str, start: int, stop: int) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^。\n]+", norm[start:stop]):
        s = m.group(0)
        if re.search(r"巡视|巡察", s) and re.search(r"反馈|开展|进行|进驻|至|到", s):
            out.append((start + m.start(), start + m.end()))
    return out


def find_inspection(
    norm: str, text: str, start: int, stop: int, damaged: list[tuple[int, int]] | None = None
) -> Inspection:
    """Team, kind, round, stay and feedback from the opening sentences about the inspection.

    Dates whose 年 and 月 the page stripped (`2024915日至1112日`) are read where only one
    reading is possible; their spans are added to `damaged` (when given) either way."""
    ins = Inspection()
    sentences = _inspection_sentences(norm, start, stop)[:8]
    prev: str | None = None
    for a, b in sentences:
        s = norm[a:b]
        if ins.team is None:
            m = TEAM_RE.search(s)
            if m:
                ins.team = text[a + m.start() : a + m.end()]
        if ins.kind is None:
            m = KIND_RE.search(s)
            if m:
                ins.kind = text[a + m.start() : a + m.end()].replace(" ", "")
        if ins.round is None:
            m = ROUND_RE.search(s)
            if m:
                ins.round = m.group(0)
        s_after = s
        if ins.start is None:
            r = RANGE_RE.search(s)
            if r:
                ins.start = iso(int(r["y1"]), int(r["m1"]), int(r["d1"]))
                ins.end = resolve(r["y2"], r["m2"], r["d2"], ins.start)
                s_after = s[r.end() :]
            else:
                dr = DAMAGED_RANGE_RE.search(s)
                if dr:
                    if damaged is not None:
                        damaged.append((a + dr.start(), a + dr.end()))
                    ins.start, _ = read_damaged(dr["a"], prev)
                    ins.end, _ = read_damaged(dr["b"], ins.start)
                    s_after = s[dr.end() :]
            if ins.start is not None or ins.end is not None:
                prev = ins.end or ins.start
        if ins.feedback is None:
            ins.feedback = _feedback_date(s_after, prev, a + len(s) - len(s_after), damaged)
        if ins.start is not None and ins.feedback is not None and ins.team is not None:
            break
    if ins.team is not None and ins.team.startswith("第"):
        # 十四届旗委第六轮巡察第四巡察组 names its owner only in the round: a later mention
        # (旗委第四巡察组向……反馈) gives the team with it
        for a, b in sentences:
            for m in TEAM_RE.finditer(norm, a, b):
                if m.group().endswith(ins.team) and not m.group().startswith("第"):
                    ins.team = text[m.start() : m.end()]
                    break
            if not ins.team.startswith("第"):
                break
    # a fragment without its opening may name the team and kind later (……以此次区委第三巡察组
    # 交叉巡察整改为契机): read them from the whole text, the stay and feedback only from the opening
    if ins.team is None:
        m = TEAM_RE.search(norm)
        if m:
            ins.team = text[m.start() : m.end()]
    if ins.kind is None:
        m = KIND_RE.search(norm)
        if m:
            ins.kind = text[m.start() : m.end()].replace(" ", "")
    if ins.round is None:
        m = ROUND_RE.search(norm, 0, stop)
        if m:
            ins.round = m.group(0)
    return ins


def _feedback_date(
    s: str, prev: str | None, offset: int, damaged: list[tuple[int, int]] | None
) -> str | None:
    """The date right before 反馈 in `s` (at most 40 characters before it)."""
    fb = s.find("反馈")
    if fb < 0:
        return None
    best = None
    for d in DATE_RE.finditer(s, 0, fb):
        best = d
    if best is not None and fb - best.end() <= 40:
        return resolve(best["y"], best["m"], best["d"], prev)
    if best is None:
        for dd in DAMAGED_DATE_RE.finditer(s, 0, fb):
            best = dd
        if best is not None and fb - best.end() <= 40:
            if damaged is not None:
                damaged.append((offset + best.start(), offset + best.end()))
            return read_damaged(best["digits"], prev)[0]
    return None


def find_signature(norm: str, text: str, paras: list[Para], body_stop: int) -> tuple[str | None, str | None]:
    """(publisher, published) from the signature block after the body."""
    publisher = None
    published = None
    tail = paras[body_stop:]
    for i, p in enumerate(tail):
        line = norm[p.start : p.end].strip()
        if published is None:
            d = parse_date_line(line)
            if d:
                published = d
                if i > 0 and publisher is None:
                    prev = norm[tail[i - 1].start : tail[i - 1].end].strip()
                    if len(prev) <= 40 and SIGNATURE_RE.match(prev):
                        publisher = text[tail[i - 1].start : tail[i - 1].end].strip()
                continue
        if (
            publisher is None
            and len(line) <= 40
            and SIGNATURE_RE.match(line)
            and re.search(r"委|党组|工委", line)
        ):
            publisher = text[p.start : p.end].strip()
    return publisher, published


def find_page_date(norm: str, paras: list[Para]) -> str | None:
    """The page's publication date from leftover furniture (发布时间:2022-07-01)."""
    for m in _PAGE_DATE_RE.finditer(norm):
        d = find_numeric_date(norm[m.end() : m.end() + 20])
        if d:
            return d
        dm = DATE_RE.match(norm, m.end())
        if dm and dm["y"]:
            return iso(int(dm["y"]), int(dm["m"]), int(dm["d"]))
    return None


def find_unit(norm: str, text: str, publisher: str | None, title: str | None, body_start: int) -> str | None:
    """The inspected party organisation as the notice names it."""
    if publisher:
        u = re.sub(r"^(?:中共|中国共产党)", "", publisher).strip()
        if len(u) >= 2:
            return u
    if title:
        m = re.match(r"^(?:中共)?([\u4e00-\u9fff()（）]{2,30}?)关于", title)
        if m:
            return m.group(1)
    head = norm[body_start : body_start + 600]
    # the inspected body (对……开展了巡察) before the one the findings went to (向……反馈)
    for rx in _UNIT_PHRASES:
        for m in rx.finditer(head):
            u = text[body_start + m.start(1) : body_start + m.end(0)]
            u = re.sub(r"(?:反馈|进行了反馈|作了反馈|开展了?|进行了?).*$", "", u)
            if len(u) >= 2 and not u.startswith(("我", "本")) and not _NOT_A_UNIT_RE.search(u):
                return u
    return None


_FIG_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "issues",
        re.compile(
            r"(?:共|指出|反馈|提出的?)(?:具体)?问题(?:具体表现)?(\d+)(?:个|项|条)|(?:指出|反馈|提出)的?(\d+)(?:项|个|条)(?:具体)?问题"
        ),
    ),
    (
        "issues_done",
        re.compile(r"已(?:经)?(?:全部)?(?:完成整改|整改完成)(?:问题具体表现|问题)?(\d+)(?:个|项|条)"),
    ),
    ("issues_in_progress", re.compile(r"正在整改的?(?:问题具体表现|问题)?(\d+)(?:个|项|条)")),
    ("done_rate_pct", re.compile(r"整改(?:完成)?率(?:达到?|为)?(\d+(?:\.\d+)?)%")),
    ("measures_planned", re.compile(r"(\d+)(?:项|条)(?:具体)?整改措施|制定(?:了)?整改措施(\d+)(?:项|条)")),
    ("tasks", re.compile(r"(\d+)项(?:整改)?任务")),
]


def find_figures(norm: str, spans: list[tuple[int, int]]) -> dict[str, float | int]:
    """Figures the notice states about its own progress, from the given text ranges."""
    out: dict[str, float | int] = {}
    for a, b in spans:
        s = norm[a:b]
        for key, rx in _FIG_PATTERNS:
            if key in out:
                continue
            m = rx.search(s)
            if m:
                raw = next(g for g in m.groups() if g)
                out[key] = float(raw) if "." in raw else int(raw)
    return out


__all__ = [
    "find_figures",
    "find_inspection",
    "find_page_date",
    "find_signature",
    "find_title",
    "find_unit",
    "resolve",
]
