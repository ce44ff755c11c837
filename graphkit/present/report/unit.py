"""A unit's page: figures, notices, roles, the families it shares and with whom, and the issue
tree of each notice as a collapsible outline (``<details>``), measures linked to their place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from graphkit.present.report.html import esc, link, page, pct
from graphkit.present.report.model import (
    FamilyInfo,
    IssueInfo,
    MeasureInfo,
    NoticeInfo,
    ReportLimits,
    RoleInfo,
    UnitInfo,
    slug,
)
from graphkit.present.report.paths import family_href, notice_href, unit_href

__all__ = ["unit_page"]


def _tree(
    notice: NoticeInfo,
    issues: Sequence[IssueInfo],
    measures: Sequence[MeasureInfo],
    family_rank: Mapping[str, int],
    budget: list[int],
) -> str:
    """One notice's issue tree as nested ``<details>``; ``budget``: measures still to list."""
    children: dict[str | None, list[IssueInfo]] = {}
    ids = {i.id for i in issues}
    for i in issues:
        children.setdefault(i.parent if i.parent in ids else None, []).append(i)
    by_issue: dict[str | None, list[MeasureInfo]] = {}
    for m in measures:
        by_issue.setdefault(m.issue, []).append(m)

    def item(m: MeasureInfo) -> str:
        budget[0] -= 1
        fams = "".join(
            " " + link(family_href(f), f"族{family_rank[f]}", "famlink")
            for f in m.families
            if f in family_rank
        )
        short = m.text if len(m.text) <= 90 else m.text[:90] + "…"
        return f"<li>{link(notice_href(notice.id, measure=m.id), short)}{fams}</li>"

    def node(i: IssueInfo) -> str:
        ms = [item(m) for m in by_issue.get(i.id, []) if budget[0] > 0]
        inner = "".join(node(c) for c in children.get(i.id, []))
        n_ms = len(by_issue.get(i.id, []))
        head = f'{esc(i.label or i.path or "")} {esc(i.title or "")} <span class="muted">({n_ms})</span>'
        lst = f'<ul class="measures">{"".join(ms)}</ul>' if ms else ""
        return f"<details{' open' if i.depth <= 1 else ''}><summary>{head}</summary>{lst}{inner}</details>"

    return "".join(node(i) for i in children.get(None, []))


def unit_page(
    unit: UnitInfo,
    rank: int | None,
    n_units: int,
    notices: Mapping[str, NoticeInfo],
    issues: Mapping[str, list[IssueInfo]],
    measures: Mapping[str, list[MeasureInfo]],
    roles: Sequence[RoleInfo],
    families: Sequence[tuple[int, FamilyInfo]],
    limits: ReportLimits,
) -> str:
    """The HTML of one unit's page (``rank``: by originality; ``families``: (rank, family)
    for each family the unit is in)."""
    family_rank = {f.id: r for r, f in families}
    with_whom = Counter(u for _, f in families for u in set(f.units) if u != unit.name)
    body = [
        f"<h1>{esc(unit.name)}</h1>",
        '<table class="figures"><tr><th>通报 notices</th><th>措施 measures</th><th>被复用 copied</th>'
        "<th>原创度 originality</th><th>原创度排名 rank</th><th>纸面措施 paper share</th><th>重复措施族 families</th></tr>"
        f'<tr><td class="num">{len(unit.notices)}</td><td class="num">{unit.measures}</td><td class="num">{unit.copied}</td>'
        f'<td class="num">{pct(unit.originality)}</td><td class="num">{rank or "–"} / {n_units}</td>'
        f'<td class="num">{pct(unit.paper_share)}</td><td class="num">{len(families)}</td></tr></table>',
        '<p class="muted">原创度 = 不属于跨单位重复措施族的措施占比 (units/originality); '
        "纸面措施 = 会议、文件、培训类措施占比 (units/measure_kinds).</p>",
        "<h2>通报 notices</h2><ul>",
    ]
    for nid in unit.notices:
        n = notices[nid]
        body.append(f"<li>{esc(n.published or '日期不详')} {link(notice_href(nid), n.label)}</li>")
    body.append("</ul>")
    if roles:
        body.append(
            "<h2>职责 roles</h2><table><tr><th>职责 role</th><th>人员 person</th><th>职务 position</th><th>通报</th></tr>"
        )
        for r in roles:
            nl = (
                link(notice_href(r.notice), notices[r.notice].published or "通报")
                if r.notice is not None and r.notice in notices
                else ""
            )
            body.append(
                f"<tr><td>{esc(r.role)}</td><td>{esc(r.person)}</td><td>{esc(r.position)}</td><td>{nl}</td></tr>"
            )
        body.append("</table>")
    body.append("<h2>与谁共享 shared with</h2>")
    if with_whom:
        body.append("<table><tr><th>单位 unit</th><th>共享族 families</th></tr>")
        for other, k in sorted(with_whom.items(), key=lambda t: (-t[1], t[0])):
            body.append(
                f'<tr id="with-{slug(other)}"><td>{link(unit_href(other), other)}</td><td class="num">{k}</td></tr>'
            )
        body.append("</table>")
    else:
        body.append('<p class="muted">No family shared with another unit.</p>')
    if families:
        body.append(
            "<h2>重复措施族 families</h2><table><tr><th>#</th><th>范围 scope</th><th>文本 text</th><th>其他单位 other units</th></tr>"
        )
        for k, f in families:
            others = "、".join(link(unit_href(u), u) for u in f.units if u != unit.name)
            short = f.text if len(f.text) <= 80 else f.text[:80] + "…"
            body.append(f'<tr><td class="num">{link(family_href(f.id), k)}</td><td>{esc(f.scope)}</td>'
                        f"<td>{link(family_href(f.id), short)}</td><td>{others}</td></tr>")  # fmt: skip
        body.append("</table>")
    body.append("<h2>问题树 issue tree</h2>")
    budget = [limits.unit_measures]
    total = sum(len(measures.get(n, [])) for n in unit.notices)
    for nid in unit.notices:
        n = notices[nid]
        body.append(
            f"<details open><summary><b>{esc(n.published or '')} {esc(n.label)}</b></summary>"
            f"{_tree(n, issues.get(nid, []), measures.get(nid, []), family_rank, budget)}</details>"
        )
    if budget[0] <= 0:
        body.append(f'<p class="note">The tree lists the first {limits.unit_measures} of {total} measures; '
                    "the notice pages hold them all.</p>")  # fmt: skip
    return page(unit.name, "\n".join(body), "../")
