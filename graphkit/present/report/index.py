"""The index (figures, search, families by spread, units by originality, the unit × unit heat
map of shared families) and the full lists of families, units and notices, in pages."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations

from graphkit.present.report.html import esc, json_block, link, page, pct
from graphkit.present.report.model import FamilyInfo, ReportData, ReportLimits, UnitInfo, slug
from graphkit.present.report.paths import family_href, notice_href, unit_href

__all__ = ["index_page", "list_pages", "search_data", "shared_counts"]


def shared_counts(families: Sequence[FamilyInfo]) -> Counter[tuple[str, str]]:
    """Families shared by each pair of units (a < b)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for f in families:
        for a, b in combinations(sorted(set(f.units)), 2):
            pairs[(a, b)] += 1
    return pairs


def _family_row(rank: int, f: FamilyInfo, root: str) -> str:
    short = f.text if len(f.text) <= 70 else f.text[:70] + "…"
    units = "、".join(f.units[:4]) + (f" … +{len(f.units) - 4}" if len(f.units) > 4 else "")
    return (
        f'<tr><td class="num">{rank}</td><td>{link(family_href(f.id, root), short)}</td><td>{esc(f.kind)}</td>'
        f'<td>{esc(f.scope)}</td><td class="num">{len(f.units)}</td><td class="num">{f.notices}</td>'
        f'<td class="num">{len(f.members)}</td><td>{esc(units)}</td></tr>'
    )


_FAMILY_HEAD = (
    "<table><tr><th>#</th><th>文本 text</th><th>kind</th><th>范围 scope</th><th>单位 units</th>"
    "<th>通报 notices</th><th>成员 members</th><th>单位 who</th></tr>"
)
_UNIT_HEAD = (
    "<table><tr><th>#</th><th>单位 unit</th><th>通报 notices</th><th>措施 measures</th>"
    "<th>原创度 originality</th><th>纸面 paper share</th><th>共享族 families</th></tr>"
)


def _unit_row(rank: int, u: UnitInfo, n_families: int, root: str) -> str:
    return (
        f'<tr><td class="num">{rank}</td><td>{link(unit_href(u.name, root), u.name)}</td>'
        f'<td class="num">{len(u.notices)}</td><td class="num">{u.measures}</td>'
        f'<td class="num">{pct(u.originality)}</td><td class="num">{pct(u.paper_share)}</td>'
        f'<td class="num">{n_families}</td></tr>'
    )


def _heat(data: ReportData, pairs: Counter[tuple[str, str]], limit: int) -> str:
    per_unit: Counter[str] = Counter()
    for (a, b), k in pairs.items():
        per_unit[a] += k
        per_unit[b] += k
    units = [u for u, _ in sorted(per_unit.items(), key=lambda t: (-t[1], t[0]))[:limit]]
    if not units:
        return '<p class="muted">No family is shared by two units.</p>'
    top = max(pairs.values())
    head = "".join(f'<th class="col">{esc(u)}</th>' for u in units)
    rows = [f'<table class="heat"><tr><th></th>{head}</tr>']
    for a in units:
        cells = []
        for b in units:
            k = pairs.get((min(a, b), max(a, b)), 0) if a != b else 0
            if not k:
                cells.append("<td></td>")
                continue
            alpha = 0.15 + 0.85 * math.log1p(k) / math.log1p(top)
            cells.append(
                f'<td style="background: rgba(214,39,40,{alpha:.2f})" title="{esc(a)} × {esc(b)}: {k}">'
                f'<a href="{esc(unit_href(a, ""))}#with-{slug(b)}">{k}</a></td>'
            )
        rows.append(f"<tr><th>{link(unit_href(a, ''), a)}</th>{''.join(cells)}</tr>")
    rows.append("</table>")
    cut = len(per_unit) - len(units)
    note = (
        f'<p class="note">The map shows the {len(units)} units sharing the most families; {cut} more share some '
        "(their pages list with whom).</p>"
        if cut > 0
        else ""
    )
    return note + "".join(rows)


def search_data(data: ReportData, limits: ReportLimits) -> tuple[dict[str, list[list[str]]], int]:
    """Rows for the client-side search (text, link, note) and how many measures were left out."""
    rank = {f.id: k + 1 for k, f in enumerate(data.families)}
    units = [[u.name, unit_href(u.name, ""), f"{len(u.notices)} 通报"] for u in data.units]
    fams = [[f.text, family_href(f.id, ""), f"族{rank[f.id]} · {len(f.units)} 单位"] for f in data.families]
    budget = limits.search_chars
    measures: list[list[str]] = []
    everything = [m for ms in data.measures.values() for m in ms]
    everything.sort(key=lambda m: (not m.families, m.notice, m.ord))  # family members first
    left = 0
    for m in everything:
        if budget < len(m.text):
            left += 1
            continue
        budget -= len(m.text)
        unit = data.notices[m.notice].unit if m.notice in data.notices else ""
        measures.append([m.text, notice_href(m.notice, "", m.id), unit])
    return {"u": units, "f": fams, "m": measures}, left


def index_page(data: ReportData, limits: ReportLimits) -> tuple[str, list[str]]:
    """The index's HTML, and what it cut (as notes)."""
    notes: list[str] = []
    pairs = shared_counts(data.families)
    fam_per_unit: Counter[str] = Counter(u for f in data.families for u in set(f.units))
    by_scope = Counter(f.scope for f in data.families)
    figures = [
        ("通报 notices", len(data.notices)),
        ("单位 units", len(data.units)),
        ("问题 issues", data.issue_count()),
        ("措施 measures", data.measure_count()),
        ("重复措施族 families", len(data.families)),
        *((f"· {s}", k) for s, k in sorted(by_scope.items())),
        *((f"{k} families (not paged)", v) for k, v in sorted(data.other_families.items())),
    ]
    body = [
        "<h1>整改通报知识图谱报告 · graphkit report</h1>",
        f'<p class="muted">store: {esc(data.store)}. Every page is a file of this folder; nothing is fetched.</p>',
        '<table class="figures"><tr>' + "".join(f"<th>{esc(k)}</th>" for k, _ in figures) + "</tr><tr>"
        + "".join(f'<td class="num">{v}</td>' for _, v in figures) + "</tr></table>",
        '<h2>搜索 search</h2><input id="search" type="search" placeholder="单位、族、措施文本 units, families, measure text" '
        'autocomplete="off"><div id="results"></div>',
    ]  # fmt: skip
    search, left = search_data(data, limits)
    if left:
        notes.append(f"search covers {len(search['m'])} measures; {left} measures left out (text budget)")
        body.append(f'<p class="note">Search covers the texts of {len(search["m"])} measures (family members first); '
                    f"{left} others are left out — their notice pages hold them.</p>")  # fmt: skip
    body.append(f"<h2>重复措施族 · 按传播范围 families by spread</h2>{_FAMILY_HEAD}")
    for k, f in enumerate(data.families[: limits.index_families]):
        body.append(_family_row(k + 1, f, ""))
    body.append("</table>")
    if len(data.families) > limits.index_families:
        notes.append(f"index lists {limits.index_families} of {len(data.families)} families")
        body.append(f'<p class="note">The top {limits.index_families} of {len(data.families)} families; '
                    f'{link("families-1.html", "all families")}.</p>')  # fmt: skip
    body.append(f"<h2>单位 · 按原创度 units by originality</h2>{_UNIT_HEAD}")
    for k, u in enumerate(data.units[: limits.index_units]):
        body.append(_unit_row(k + 1, u, fam_per_unit[u.name], ""))
    body.append("</table>")
    if len(data.units) > limits.index_units:
        notes.append(f"index lists {limits.index_units} of {len(data.units)} units")
        body.append(f'<p class="note">The top {limits.index_units} of {len(data.units)} units; '
                    f'{link("units-1.html", "all units")}.</p>')  # fmt: skip
    body.append("<h2>单位 × 单位 共享族 shared families</h2>")
    body.append(_heat(data, pairs, limits.heatmap_units))
    body.append(
        "<h2>通报 notices</h2><p>" + link("notices-1.html", f"all {len(data.notices)} notices") + "</p>"
    )
    return page("graphkit report", "\n".join(body), "", json_block("search-data", search)), notes


def _pager(prefix: str, k: int, n_pages: int) -> str:
    links = [link(f"{prefix}-{p}.html", p) if p != k else f"<b>{p}</b>" for p in range(1, n_pages + 1)]
    return f'<p class="pager">pages: {" ".join(links)}</p>' if n_pages > 1 else ""


def list_pages(data: ReportData, limits: ReportLimits) -> dict[str, str]:
    """The full lists, ``families-k.html``, ``units-k.html``, ``notices-k.html``: file → HTML."""
    out: dict[str, str] = {}
    size = limits.list_page
    fam_per_unit: Counter[str] = Counter(u for f in data.families for u in set(f.units))
    notices = sorted(data.notices.values(), key=lambda n: (n.unit, n.published or "", n.id))

    def family(i: int) -> str:
        return _family_row(i + 1, data.families[i], "")

    def unit(i: int) -> str:
        return _unit_row(i + 1, data.units[i], fam_per_unit[data.units[i].name], "")

    def notice(i: int) -> str:
        n = notices[i]
        return (
            f'<tr><td class="num">{i + 1}</td><td>{link(unit_href(n.unit, ""), n.unit)}</td>'
            f"<td>{esc(n.published)}</td><td>{link(notice_href(n.id, ''), n.label)}</td></tr>"
        )

    notice_head = "<table><tr><th>#</th><th>单位 unit</th><th>日期 date</th><th>通报 notice</th></tr>"
    lists: list[tuple[str, str, str, int, Callable[[int], str]]] = [
        ("families", "重复措施族 families", _FAMILY_HEAD, len(data.families), family),
        ("units", "单位 units", _UNIT_HEAD, len(data.units), unit),
        ("notices", "通报 notices", notice_head, len(notices), notice),
    ]
    for prefix, title, head, n, row in lists:
        n_pages = max(1, math.ceil(n / size))
        for k in range(1, n_pages + 1):
            rows = "".join(row(i) for i in range((k - 1) * size, min(n, k * size)))
            pager = _pager(prefix, k, n_pages)
            body = f'<h1>{title}</h1><p class="muted">{n} in all</p>{pager}{head}{rows}</table>{pager}'
            out[f"{prefix}-{k}.html"] = page(f"{title} {k}/{n_pages}", body, "")
    return out
