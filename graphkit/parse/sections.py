"""Cut a notice into paragraphs and top-level sections, and tell which sections hold issues.

A notice has (1) a section on how the rectification was organised, (2) one or more sections on
the fed-back problems and their rectification, and (3) what comes next, the call for public
supervision and the signature. Only (2) yields issues; (1) yields roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphkit.parse.numbering import CN_NUMERALS, Label, match_label
from graphkit.parse.width import is_chrome


@dataclass
class Para:
    """A paragraph as a span of the text, with its enumeration label if it opens with one."""

    start: int  # offset of the first non-blank character in the text
    end: int  # offset just after the last non-blank character
    label: Label | None = None


@dataclass
class Section:
    """A top-level section: its heading, paragraphs and what kind of content it holds."""

    heading: Para | None
    title: str  # normalised heading text without its label
    paras: list[Para] = field(default_factory=list)
    kind: str = "issues"  # org / issues / next
    category: bool = False  # the heading itself names a category of problems (一、在……方面)


_LINE_RE = re.compile(r"[^\n]+")
# the call for supervision, contact lines and the like end the body of a notice
END_RE = re.compile(
    r"^(?:欢迎(?:广大|社会各界|各位)|联系电话|联系方式|联系地址|邮政信箱|邮政地址|电子邮箱|通信地址|来信地址|邮编|以上是)"
)
SIGNATURE_RE = re.compile(
    r"^(?:中共|中国共产党)?[\u4e00-\u9fff()（）]{2,40}?(?:委员会|党委|党组|工委|委|党工委|纪委|政府|办公室|局|厅)$"
)
TOP_HEADING_RE = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}、|、(?=[\u4e00-\u9fff]))")

ORG_TITLE_RE = re.compile(
    r"组织|部署|做法|整体情况|总体|履责|政治站位|政治任务|政治意识|政治担当|思想认识|提高认识|统一思想|"
    r"工作情况$|领导|主体责任落实情况$|基本情况"
)
NEXT_TITLE_RE = re.compile(
    r"下一步|打算|巩固|今后|新常态|久久为功|常抓不懈|存在的主要问题|存在的问题|计划安排|持续做好|持续抓好|"
    r"长效机制$|工作安排|努力方向|后续工作"
)
# problem cues a section needs to be taken for the rectification when none reads like it
_FALLBACK_MIN_CUES = 2
_FRAME_START_RE = re.compile(r"\s*(?:关于|针对|在|“)")
# a heading about the rectification in general, not about one problem
_GENERIC_PART_RE = re.compile(
    r"^(?:巡视|巡察)?反馈(?:意见|问题)|^(?:巡视|巡察)(?:整改|反馈)|整改(?:落实|进展)?(?:情况|工作)$"
)
_ISSUE_CUE_RE = re.compile(r"关于“|针对“|问题|整改措施|整改进展|进展情况")


def paragraphs(norm: str) -> list[Para]:
    """Non-blank, non-chrome lines as paragraphs, with their leading labels.

    A line that runs several paragraphs together (a page that lost its line breaks: `……公布。
    一、整改工作组织情况 市教育局党组……`) is cut where a top-level or category label follows a
    blank after a sentence or a heading, after such a heading, and before a closing date."""
    out: list[Para] = []
    for m in _LINE_RE.finditer(norm):
        raw = m.group()
        line = raw.strip()
        if not line:
            continue
        s = m.start() + len(raw) - len(raw.lstrip())
        e = s + len(line)
        if is_chrome(line):
            continue
        for a, b in _run_together(norm, s, e):
            out.append(Para(a, b, match_label(norm, a, b)))
    return out


# a blank between two paragraphs of a line: before a 一、/(一) label, or before a closing date
_JOIN_RE = re.compile(
    rf"(?<=[\u4e00-\u9fff。;:!?”)])\s+(?=(?:[{CN_NUMERALS}]{{1,3}}、|\([{CN_NUMERALS}]{{1,3}}\))"
    r"|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$"
    r"|(?:整改|工作)?(?:进展|进度|完成)情况\s*[:：]|整改(?:进展|时限)\s*[:：])"
)
_HEADING_GAP_RE = re.compile(r"\s+")
_HEADING_MAX = 60


def _run_together(norm: str, s: int, e: int) -> list[tuple[int, int]]:
    """[start, end) of each paragraph run together in the line norm[s:e]."""
    if " " not in norm[s:e]:
        return [(s, e)]
    cuts = [s]
    for m in _JOIN_RE.finditer(norm, s, e):
        before = norm[cuts[-1] : m.start()]
        if before.endswith(("。", ";", "!", "?", "”", ")")) or _is_heading(norm, cuts[-1], m.start()):
            cuts.append(m.end())
        elif norm[m.end()].isdigit() or before.endswith("。"):
            cuts.append(m.end())  # the date under a signature, a status line after a sentence
    bounds: list[tuple[int, int]] = []
    for k, a in enumerate(cuts):
        b = cuts[k + 1] if k + 1 < len(cuts) else e
        while b > a and norm[b - 1] == " ":
            b -= 1
        # a heading and its first paragraph on one line: 一、整改工作组织情况 市教育局党组……
        lab = match_label(norm, a, b)
        if lab is not None and lab.kind in ("cn_dun", "cn_paren"):
            g = _HEADING_GAP_RE.search(norm, lab.end, min(b, lab.end + _HEADING_MAX))
            if g and "。" not in norm[lab.end : g.start()] and b - g.end() >= 10:
                bounds.append((a, g.start()))
                a = g.end()
        bounds.append((a, b))
    return bounds


def _is_heading(norm: str, a: int, b: int) -> bool:
    lab = match_label(norm, a, b)
    return (
        lab is not None
        and lab.kind in ("cn_dun", "cn_paren")
        and b - a <= _HEADING_MAX
        and "。" not in norm[a:b]
    )


def body_bounds(norm: str, paras: list[Para]) -> tuple[int, int]:
    """Index range [first, stop) of the paragraphs that form the notice body.

    The body starts at the first long paragraph about the inspection (the title and page
    furniture stand before it) and stops at the call for supervision or the signature.
    """
    first = 0
    for i, p in enumerate(paras):
        line = norm[p.start : p.end]
        if (
            (p.end - p.start >= 30 and re.search(r"巡视|巡察|督察|整改", line))
            or TOP_HEADING_RE.match(line)
            or (p.label is not None and opens_rectification(norm, p))  # a text that starts mid-part
        ):
            first = i
            break
    stop = len(paras)
    for i in range(first + 1, len(paras)):
        line = norm[paras[i].start : paras[i].end]
        if END_RE.match(line):
            stop = i
            break
        if len(line) <= 40 and SIGNATURE_RE.match(line) and i + 1 >= len(paras) - 3:
            stop = i
            break
    return first, stop


def opens_rectification(norm: str, p: Para) -> bool:
    """A paragraph that names a fed-back problem or a category of problems as a heading:
    `（一）在“……”方面`, `1.关于“……”问题的整改`, `问题一:……`, or a numbered heading that
    is one sentence stating a shortcoming (`（一）……方面存在的问题`, `1.……不够健全`)."""
    from graphkit.parse.headings import analyze_heading, sentence_end, states_problem
    from graphkit.parse.wording import states_shortcoming

    if p.label is not None and p.label.kind in ("shi", "circle", "di"):
        return False  # 一是/①/第一 items enumerate; they do not open a part
    if p.label is not None and p.label.kind == "wen":
        return True  # 问题一: names a problem by its label
    start = p.label.end if p.label else p.start
    if _FRAME_START_RE.match(norm, start):
        h = analyze_heading(norm, start, p.end)
        return states_problem(norm, h) and not _GENERIC_PART_RE.search(norm[h.title_start : h.title_end])
    if p.label is None:
        return False
    end = sentence_end(norm, start, p.end)
    if end - start > _HEADING_MAX:
        return False
    if end < p.end - 1 and match_label(norm, end + 1, p.end) is None:
        # a heading is one sentence, or one that runs on into its problems (1.……不够深入。一是……);
        # more is a paragraph of the organisation part
        return False
    title = norm[start:end]
    return states_shortcoming(title) and not _GENERIC_PART_RE.search(title) and not ORG_TITLE_RE.search(title)


def _split_preface(norm: str, preface: list[Para]) -> tuple[list[Para], Section | None]:
    """Where the text before the first top-level section holds problem headings (a notice with
    no 一、/二、 sections, or one that starts mid-document), the rectification part starts at
    the first of them: (what comes before, that part as a section with no heading)."""
    for i, p in enumerate(preface):
        if opens_rectification(norm, p):
            return preface[:i], Section(None, "", list(preface[i:]), "issues")
    return preface, None


def split_sections(norm: str, paras: list[Para]) -> tuple[list[Para], list[Section]]:
    """(preface paragraphs, sections) of the body paragraphs."""
    preface, sections = _top_sections(norm, paras)
    preface, part = _split_preface(norm, preface)
    classify_sections(norm, sections, fallback=part is None)
    if part is not None:
        sections.insert(0, part)
    return preface, _cut_closing_remarks(norm, sections)


# an unnumbered paragraph that turns to what comes next (下一步,…将… / 今后,…) ends the
# rectification part where the notice has no 三、下一步 heading of its own
_CLOSING_REMARKS_RE = re.compile(r"(?:下一步|今后|接下来)\s*[,，]")  # used with match() at a position


def _cut_closing_remarks(norm: str, sections: list[Section]) -> list[Section]:
    out: list[Section] = []
    for sec in sections:
        cut = None
        if sec.kind == "issues":
            cut = next(
                (
                    k
                    for k, p in enumerate(sec.paras)
                    if k > 0 and p.label is None and _CLOSING_REMARKS_RE.match(norm, p.start, p.end)
                ),
                None,
            )
        if cut is None:
            out.append(sec)
            continue
        out.append(Section(sec.heading, sec.title, sec.paras[:cut], sec.kind, sec.category))
        out.append(Section(None, "", sec.paras[cut:], "next"))
    return out


def _top_sections(norm: str, paras: list[Para]) -> tuple[list[Para], list[Section]]:
    preface: list[Para] = []
    sections: list[Section] = []
    for p in paras:
        line = norm[p.start : p.end]
        is_top = (p.label is not None and p.label.kind == "cn_dun") or (
            p.label is None and TOP_HEADING_RE.match(line)
        )
        if is_top and len(line) <= 80:
            lab_end = p.label.end if p.label else p.start + 1
            sections.append(Section(p, norm[lab_end : p.end].strip()))
        elif sections:
            sections[-1].paras.append(p)
        else:
            preface.append(p)
    return preface, sections


def _issue_score(norm: str, sec: Section) -> int:
    score = 0
    for p in sec.paras:
        head = norm[p.start : min(p.end, p.start + 40)]
        if _ISSUE_CUE_RE.search(head):
            score += 1
    return score


def classify_sections(norm: str, sections: list[Section], *, fallback: bool = True) -> None:
    """Mark each section org / issues / next (in place); a section whose heading names a
    category of problems is an issues section whose heading is itself an issue.

    With `fallback`, when no section reads like the rectification, the one richest in problem
    cues is taken for it (a notice always has one unless it is cut short)."""
    if not sections:
        return
    scores = [_issue_score(norm, s) for s in sections]
    for i, sec in enumerate(sections):
        score = scores[i]
        # the first of several sections is the organisation part unless it is as rich in problem
        # cues as the richest that follows (一是……问题…… items of the organisation part count too)
        first_is_org = i == 0 and len(sections) > 1 and (score < 3 or 2 * score <= max(scores[1:]))
        if sec.heading is not None and opens_rectification(norm, sec.heading):
            sec.kind, sec.category = "issues", True
        elif NEXT_TITLE_RE.search(sec.title) and score < 6:
            sec.kind = "next"
        elif (ORG_TITLE_RE.search(sec.title) and score < 3) or first_is_org:
            sec.kind = "org"
        else:
            sec.kind = "issues"
    if fallback and not any(s.kind == "issues" for s in sections):
        # no section reads like the rectification itself: take the one richest in problem cues; a section titled as the organisation part stays one (a notice cut after it)
        open_ = [k for k, s in enumerate(sections) if not ORG_TITLE_RE.search(s.title)]
        if open_:
            best = max(open_, key=lambda k: scores[k])
            if scores[best] >= _FALLBACK_MIN_CUES:
                sections[best].kind = "issues"
