"""A notice's page: its clean text with every issue and measure highlighted by its span.

The spans are the parser's provenance (``span_start``/``span_end`` into ``Notice.text``): an
issue is an element ``#i-<slug>`` around its characters, a measure ``#m-<slug>`` (yellow when it
belongs to a family, followed by a link to each family). Spans nest (a measure inside its
issue, an issue inside its category); one that would cross its enclosing span is cut at its
end, and the page says how many were cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graphkit.present.report.html import esc, link, page
from graphkit.present.report.model import IssueInfo, MeasureInfo, NoticeInfo, slug
from graphkit.present.report.paths import family_href, measure_anchor, unit_href

__all__ = ["highlight", "notice_page"]


def highlight(
    text: str, issues: Sequence[IssueInfo], measures: Sequence[MeasureInfo], family_rank: Mapping[str, int]
) -> tuple[str, int]:
    """The text as HTML with the spans as nested elements; and how many spans were cut."""
    # (start, end, rank, open tag, close tag): outer spans first at one start.
    items: list[tuple[int, int, int, str, str]] = []
    for i in issues:
        if i.start is None or i.end is None:
            continue
        items.append((i.start, i.end, i.depth, f'<span class="iss d{i.depth}" id="i-{slug(i.id)}" title="{esc(i.path)} {esc(i.title)}">', "</span>"))  # fmt: skip
    for m in measures:
        if m.start is None or m.end is None:
            continue
        fams = [f for f in m.families if f in family_rank]
        cls = "mea fam" if fams else "mea"
        links = "".join(link(family_href(f), f"族{family_rank[f]}", "famlink") for f in fams)
        items.append(
            (m.start, m.end, 100, f'<span class="{cls}" id="{measure_anchor(m.id)}">', "</span>" + links)
        )
    items.sort(key=lambda t: (t[0], -t[1], t[2]))
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    pos = 0
    cut = 0
    n = len(text)
    for start, end, _, open_tag, close_tag in items:
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if start >= end:
            continue
        while stack and stack[-1][0] <= start:
            stop, close = stack.pop()
            out.append(esc(text[pos:stop]) + close)
            pos = stop
        if stack and end > stack[-1][0]:
            end = stack[-1][0]
            cut += 1
        out.append(esc(text[pos:start]) + open_tag)
        pos = start
        stack.append((end, close_tag))
    while stack:
        stop, close = stack.pop()
        out.append(esc(text[pos:stop]) + close)
        pos = stop
    out.append(esc(text[pos:]))
    return "".join(out), cut


def notice_page(
    notice: NoticeInfo,
    text: str,
    issues: Sequence[IssueInfo],
    measures: Sequence[MeasureInfo],
    family_rank: Mapping[str, int],
) -> str:
    """The HTML of one notice's page (``family_rank``: family id → its rank on the index)."""
    marked, cut = highlight(text, issues, measures, family_rank)
    in_fam = sum(1 for m in measures if any(f in family_rank for f in m.families))
    no_span = sum(1 for m in measures if m.start is None) + sum(1 for i in issues if i.start is None)
    body = [
        f"<h1>{esc(notice.label)}</h1>",
        f"<p>{link(unit_href(notice.unit), notice.unit)} · {esc(notice.published or '日期不详')} · "
        f'<span class="muted">{esc(notice.source)} · {esc(notice.id)}</span></p>',
        f'<p class="muted">{len(issues)} 个问题 issues · {len(measures)} 条措施 measures · {in_fam} 条属于重复措施族 in families. '
        '<span class="iss d1">问题 issue</span> <span class="mea">措施 measure</span> '
        '<span class="mea fam">重复措施 in a family</span></p>',
    ]
    if cut or no_span:
        body.append(f'<p class="note">{cut} spans crossed the span around them and were cut at its end; '
                    f"{no_span} issues or measures have no span and are not marked.</p>")  # fmt: skip
    if not text:
        body.append('<p class="note">This notice has no stored text (its record carried none).</p>')
    body.append(f'<div class="notice-text" id="text">{marked}</div>')
    return page(f"{notice.unit} · {notice.title or notice.id}", "\n".join(body), "../")
