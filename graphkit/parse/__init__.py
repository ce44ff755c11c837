"""The structure parser: the clean text of one rectification notice → a NoticeRecord.

    from graphkit.parse import parse_notice
    record = parse_notice(text, "corpus/notices/x.txt")

Every Issue and Measure carries `span=(start, end)`, character offsets into `text` as given.
Matching runs on a same-length normalised copy (full-width forms folded), so offsets map 1:1;
titles and texts are cut from the original text.
"""

from __future__ import annotations

import re

from graphkit.errors import NotANoticeError
from graphkit.parse.dates import YearIndex
from graphkit.parse.metadata import (
    find_figures,
    find_inspection,
    find_page_date,
    find_signature,
    find_title,
    find_unit,
)
from graphkit.parse.normalize import normalize
from graphkit.parse.roles import extract_roles
from graphkit.parse.sections import body_bounds, paragraphs, split_sections
from graphkit.parse.tree import build_issues
from graphkit.records import NoticeRecord, notice_id

__all__ = ["parse_notice"]

_VOCAB_INSPECT = re.compile(r"巡视|巡察")
_VOCAB_RECTIFY = re.compile(r"整改")
_LEADER_LINES = ("责任领导", "牵头领导", "责任人")


def parse_notice(text: str, source: str) -> NoticeRecord:
    """Parse the clean text of one notice. Raise NotANoticeError when it is not one."""
    if not isinstance(text, str):
        raise TypeError("text must be str")
    norm = normalize(text)
    if not _VOCAB_INSPECT.search(norm) or len(_VOCAB_RECTIFY.findall(norm)) < 2:
        raise NotANoticeError(source, "no inspection/rectification vocabulary (巡视/巡察, 整改)")
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
    intro_end = sections[0].heading.start if sections and sections[0].heading else body_end  # type: ignore[union-attr]
    # the stay and feedback are told in the opening, or in the first section's opening
    ins_stop = intro_end
    if sections and sections[0].paras:
        ins_stop = max(ins_stop, sections[0].paras[0].end)
    inspection = find_inspection(norm, text, body_start, ins_stop)
    unit = find_unit(norm, text, publisher, title, body_start)

    years = YearIndex(norm, default=int(published[:4]) if published else None)
    issues = build_issues(text, norm, sections, years)
    has_structure = sum(1 for p in body if p.label is not None) >= 2
    if not issues and not has_structure:
        raise NotANoticeError(source, "no numbered problems or rectification measures found")

    org_text = "\n".join(
        text[p.start : p.end]
        for s in sections
        if s.kind == "org"
        for p in ([s.heading] if s.heading else []) + s.paras
    )
    if not any(s.kind == "org" for s in sections):
        org_text = "\n".join(text[p.start : p.end] for p in preface)
    roles = extract_roles(org_text)
    # named 责任领导/责任人 lines anywhere in the body
    for r in extract_roles(
        "\n".join(text[p.start : p.end] for p in body if norm.startswith(_LEADER_LINES, p.start, p.end))
    ):
        if r not in roles:
            roles.append(r)

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
        unit=unit or publisher or "未知单位",
        publisher=publisher,
        published=published,
        inspection=inspection,
        issues=issues,
        roles=roles,
        figures=figures,
    )
