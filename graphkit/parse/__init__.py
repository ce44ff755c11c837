"""The structure parser: the clean text of one rectification notice → a NoticeRecord.

    from graphkit.parse import parse_notice
    record = parse_notice(text, "corpus/notices/x.txt")

Every Issue and Measure carries `span=(start, end)`, character offsets into `text` as given.
Matching runs on a same-length copy (full-width forms folded, traditional characters read as
simplified), so offsets map 1:1; titles and texts are cut from the original text.

Any text that reads as a rectification notice (巡视/巡察 and 整改, in either script) gives a
record, also a partial one: what could not be read is said in the record's `warnings`.
"""

from __future__ import annotations

import re

from graphkit.errors import NotANoticeError
from graphkit.parse.checks import Checks
from graphkit.parse.dates import YearIndex
from graphkit.parse.metadata import (
    find_figures,
    find_inspection,
    find_page_date,
    find_signature,
    find_title,
    find_unit,
)
from graphkit.parse.roles import LEADER_LINE_RE, extract_roles
from graphkit.parse.script import is_traditional, to_simplified
from graphkit.parse.sections import Para, Section, body_bounds, paragraphs, split_sections
from graphkit.parse.tree import build_issues
from graphkit.parse.width import fold_width
from graphkit.records import NoticeRecord, Role, notice_id

__all__ = ["parse_notice"]

# outside the organisation part, a sentence names the rectification's leaders only when it is
# about the rectification and its leading group or first responsible person
_SENTENCE = re.compile(r"[^。\n]+")

_VOCAB_INSPECT = re.compile(r"巡视|巡察")
_VOCAB_RECTIFY = re.compile(r"整改")


def parse_notice(text: str, source: str) -> NoticeRecord:
    """Parse the clean text of one notice. Raise NotANoticeError when it is not one."""
    if not isinstance(text, str):
        raise TypeError("text must be str")
    norm, folded = to_simplified(fold_width(text))
    if not _VOCAB_INSPECT.search(norm) or len(_VOCAB_RECTIFY.findall(norm)) < 2:
        raise NotANoticeError(source, "no inspection/rectification vocabulary (巡视/巡察, 整改)")
    checks = Checks(norm)
    if is_traditional(text, folded):
        checks.warn("traditional_characters", "written in traditional characters (read through OpenCC t2s)")
    paras = paragraphs(norm)
    first, stop = body_bounds(norm, paras)
    body = paras[first:stop]
    preface, sections = split_sections(norm, body)

    title = find_title(norm, text, paras, first)
    publisher, published = find_signature(norm, text, paras, stop)
    if published is None:
        published = find_page_date(norm, paras[:first] + paras[stop:])
    body_start = body[0].start if body else 0
    body_end = body[-1].end if body else len(norm)
    intro_end = sections[0].heading.start if sections and sections[0].heading else body_end
    # the stay and feedback are told in the opening, or in the first section's opening
    ins_stop = intro_end
    if sections and sections[0].paras:
        ins_stop = max(ins_stop, sections[0].paras[0].end)
    damaged: list[tuple[int, int]] = []
    inspection = find_inspection(norm, text, body_start, ins_stop, damaged)
    for span in damaged:
        checks.warn("date_damaged", f"a date lost its 年/月 on the page: {text[span[0] : span[1]]}", span)
    unit = find_unit(norm, text, publisher, title, body_start)
    if unit is None:
        checks.warn("unit_not_found", "the notice names no inspected unit that could be read")

    years = YearIndex(norm, default=int(published[:4]) if published else None)
    issues = build_issues(text, norm, sections, years)
    checks.structure(paras, sections, issues, has_title=title is not None, closed=stop < len(paras))

    roles = _roles(text, norm, preface, sections, body)

    fig_spans = [(p.start, p.end) for p in preface]
    for s in sections:
        if s.kind == "issues":
            for p in s.paras[:2]:
                if p.label is None:
                    fig_spans.append((p.start, p.end))
        elif s.kind == "org":
            fig_spans.extend((p.start, p.end) for p in s.paras)
    figures = find_figures(norm, fig_spans)

    return NoticeRecord(
        id=notice_id(text),
        source=source,
        title=title,
        unit=unit,
        publisher=publisher,
        published=published,
        inspection=inspection,
        issues=issues,
        roles=roles,
        figures=figures,
        warnings=checks.warnings,
    )


def _roles(
    text: str, norm: str, preface: list[Para], sections: list[Section], body: list[Para]
) -> list[Role]:
    """Roles wherever the notice states them: the opening and the organisation part in full;
    elsewhere the sentences on the rectification's leaders, and 责任领导 lines everywhere.

    Roles are read on the matching copy (so traditional characters match too) and given back
    in the notice's own characters."""
    org = [p for s in sections if s.kind == "org" for p in ([s.heading] if s.heading else []) + s.paras]
    main = preface + org
    spans = [(p.start, p.end) for p in main]
    seen = {p.start for p in main}
    # the rectification part speaks of other bodies' groups too (区人大党组成立了以党组书记为组长的……):
    # there only 责任领导 lines are read
    in_issues = {p.start for s in sections if s.kind == "issues" for p in s.paras}
    extra: list[tuple[int, int]] = []
    for p in body:
        if p.start in seen:
            continue
        if LEADER_LINE_RE.match(norm, p.start, p.end):
            extra.append((p.start, p.end))
        elif p.start not in in_issues and (
            "组长" in norm[p.start : p.end] or "第一责任人" in norm[p.start : p.end]
        ):
            extra.extend(
                (m.start(), m.end())
                for m in _SENTENCE.finditer(norm, p.start, p.end)
                if "整改" in m.group() and ("组长" in m.group() or "第一责任人" in m.group())
            )
    roles: list[Role] = []
    for group in (spans, extra):
        joined_norm = "\n".join(norm[a:b] for a, b in group)
        joined_text = "\n".join(text[a:b] for a, b in group)
        for r in extract_roles(joined_norm):
            r = _own_characters(r, joined_norm, joined_text)
            if r not in roles:
                roles.append(r)
    return roles


def _own_characters(role: Role, norm: str, text: str) -> Role:
    """The role with each field as the notice writes it (the copies have the same length)."""
    if norm == text:
        return role

    def back(v: str | None) -> str | None:
        """The span of `text` where `v` sits in `norm`; `v` itself when not found."""
        if not v:
            return v
        i = norm.find(v)
        return text[i : i + len(v)] if i != -1 else v

    return Role(role=back(role.role) or role.role, position=back(role.position), person=back(role.person))
