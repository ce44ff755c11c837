"""A family's page: its members in a table, and two at a time side by side with every
difference marked character by character (``graphkit.analysis.align``), with a picker.

The marks come from the alignment of the normalised texts mapped back to the texts as written:
``mark.rep`` changed, ``mark.del`` only in the left text, ``mark.ins`` only in the right one,
``mark.mov`` a block moved elsewhere; grey characters were not compared (numbers, punctuation,
the unit's own names and self-references, which normalisation removes).
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz.distance import Indel

from graphkit.analysis.align import Alignment, align
from graphkit.analysis.normalize import normalize, unit_name_variants
from graphkit.present.report.html import esc, link, page
from graphkit.present.report.model import FamilyInfo, FamilyMemberInfo, IssueInfo, NoticeInfo, ReportLimits
from graphkit.present.report.paths import notice_href, unit_href

__all__ = ["MARK", "family_page", "member_order", "pairs"]

# segment kind → (element, class) on the page
MARK = {
    "equal": ("", ""),
    "ignored": ("span", "ign"),
    "insert": ("mark", "ins"),
    "delete": ("mark", "del"),
    "replace": ("mark", "rep"),
    "move": ("mark", "mov"),
}
_KIND_WORD = {"insert": "增", "delete": "删", "replace": "改", "move": "移"}


def member_order(family: FamilyInfo) -> list[FamilyMemberInfo]:
    """Members with the one nearest the family's text first, then in store order."""
    members = list(family.members)
    if len(members) < 2:
        return members
    core = normalize(family.text)
    best = max(
        range(len(members)), key=lambda i: (Indel.normalized_similarity(normalize(members[i].text), core), -i)
    )
    return [members[best], *members[:best], *members[best + 1 :]]


def pairs(n: int, all_up_to: int) -> list[tuple[int, int]]:
    """The pairs offered side by side: every pair up to ``all_up_to`` members, else each
    member with the first."""
    if n <= all_up_to:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    return [(0, j) for j in range(1, n)]


def _marked(al: Alignment, side: str) -> str:
    text = al.a if side == "a" else al.b
    out: list[str] = []
    for seg in al.segments("a" if side == "a" else "b"):
        tag, cls = MARK[seg.kind]
        piece = esc(text[seg.start : seg.end])
        if not tag:
            out.append(piece)
        elif tag == "span":
            out.append(f'<span class="{cls}">{piece}</span>')
        else:
            out.append(f'<mark class="{cls}" title="{_KIND_WORD[seg.kind]}">{piece}</mark>')
    return "".join(out)


def _who(
    k: int, m: FamilyMemberInfo, notices: Mapping[str, NoticeInfo], issues: Mapping[str, IssueInfo]
) -> str:
    n = notices.get(m.notice)
    iss = issues.get(m.issue or "")
    date = (n.published if n else None) or "日期不详"
    issue = f"{iss.path or ''} {iss.title or ''}".strip() if iss else ""
    return (
        f"#{k + 1} {link(unit_href(m.unit), m.unit)} · {esc(date)} · "
        f"{link(notice_href(m.notice, measure=m.measure), '在通报中的位置 ↗', 'goto')}"
        + (f'<br><span class="muted">问题 {esc(issue)}</span>' if issue else "")
    )


def family_page(
    family: FamilyInfo,
    rank: int,
    notices: Mapping[str, NoticeInfo],
    issues: Mapping[str, IssueInfo],
    limits: ReportLimits,
) -> str:
    """The HTML of one family's page (``rank``: its place by spread, from 1)."""
    members = member_order(family)
    cut = len(members) - limits.family_members
    members = members[: limits.family_members]
    rows = []
    for k, m in enumerate(members):
        n = notices.get(m.notice)
        iss = issues.get(m.issue or "")
        rows.append(
            f'<tr id="member-{k + 1}"><td class="num">{k + 1}</td><td>{link(unit_href(m.unit), m.unit)}</td>'
            f"<td>{link(notice_href(m.notice), n.label if n else m.notice)}</td>"
            f"<td>{esc(n.published if n else '')}</td><td>{esc(iss.title if iss else '')}</td>"
            f"<td>{link(notice_href(m.notice, measure=m.measure), '↗')}</td>"
            f'<td class="txt">{esc(m.text)}</td></tr>'
        )
    body = [
        f"<h1>重复措施族 family #{rank}</h1>",
        f'<p class="muted">{esc(family.id)} · {esc(family.kind)} · {esc(family.scope)} · '
        f"{len(family.units)} 个单位 units · {family.notices} 份通报 notices · {len(family.members)} 条 members</p>",
        f'<p class="txt">{esc(family.text)}</p>',
        "<p>单位 units: " + "、".join(link(unit_href(u), u) for u in family.units) + "</p>",
    ]
    if cut > 0:
        body.append(
            f'<p class="note">Only the first {len(members)} of {len(family.members)} members are shown ({cut} left out).</p>'
        )
    offered = pairs(len(members), limits.all_pairs_up_to)
    if offered:
        body.append("<h2>并排对照 side by side</h2>")
        if len(members) > limits.all_pairs_up_to:
            body.append(
                f'<p class="note">{len(members)} members: each is compared with #1 '
                f"(the nearest to the family's text); {len(members) * (len(members) - 1) // 2 - len(offered)} other pairs are not offered.</p>"
            )
        opts = "".join(
            f'<option value="{i + 1}-{j + 1}">#{i + 1} {esc(members[i].unit)} ↔ #{j + 1} {esc(members[j].unit)}</option>'
            for i, j in offered
        )
        body.append(
            f'<label>对照 pair: <select id="pair-pick">{opts}</select></label> <span class="legend muted">'
            '<mark class="rep">改 changed</mark><mark class="del">删 only left</mark>'
            '<mark class="ins">增 only right</mark><mark class="mov">移 moved</mark>'
            '<span class="ign">灰 not compared (numbers, punctuation, own names)</span></span>'
        )
        for p, (i, j) in enumerate(offered):
            a, b = members[i], members[j]
            al = align(a.text, b.text, unit_name_variants(a.unit), unit_name_variants(b.unit))
            hidden = "" if p == 0 else " hidden"
            body.append(
                f'<section class="pair-sec" data-pair="{i + 1}-{j + 1}" data-similarity="{al.similarity:.3f}"{hidden}>'
                f'<p class="muted">相似度 similarity {al.similarity:.2f} (normalised alignment)</p><div class="pair">'
                f'<div class="col side-a"><h3>{_who(i, a, notices, issues)}</h3><div class="txt">{_marked(al, "a")}</div></div>'
                f'<div class="col side-b"><h3>{_who(j, b, notices, issues)}</h3><div class="txt">{_marked(al, "b")}</div></div>'
                "</div></section>"
            )
    body.append("<h2>成员 members</h2><table><tr><th>#</th><th>单位 unit</th><th>通报 notice</th><th>日期 date</th>"
                "<th>问题 issue</th><th>位置</th><th>文本 text</th></tr>" + "".join(rows) + "</table>")  # fmt: skip
    return page(f"family #{rank} · {family.text[:40]}", "\n".join(body), "../")
