"""`graphkit report` in a real headless Chromium, on both stores.

The store holds the bundled samples and two notices written here with a PLANTED family: one
measure copied from 青禾县委 to 白沙区委 with exactly three edits (长效 → 常态, 跟踪问效和 deleted,
切实 inserted), plus a number and a self-reference that differ and must not be marked; 白沙's
notice also carries a measure of hostile markup. The report must make no request but its own
files, raise no console error, resolve every link of the index, mark exactly the planted
edits, highlight exactly the measure's span on the notice page, keep the markup as text, and
draw something on every kind of page.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from tests.integration.test_viz_browser import browser, png_colours  # noqa: F401  (fixture)

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
BASE = "建立健全巡视整改长效机制，完善督查督办、跟踪问效和责任追究制度，{ref}召开{n}次专题会推动整改成果转化为治理效能。"
EDITED = "建立健全巡视整改常态机制，完善督查督办、责任追究制度，{ref}召开{n}次专题会切实推动整改成果转化为治理效能。"
# (class, text) of the marks on each side, 青禾 (the original) on the left.
PLANTED_LEFT = [("rep", "长效"), ("del", "跟踪问效和")]
PLANTED_RIGHT = [("rep", "常态"), ("ins", "切实")]


def _notice(place: str, kind: str, ref: str, planted: str, other: str, extra: str = "") -> str:
    return f"""中共{place}{kind}委关于省委巡视整改进展情况的通报
根据省委统一部署，省委第一巡视组于2023年3月1日至5月1日对{place}{kind}开展了常规巡视，6月1日向{place}{kind}委反馈了巡视意见。按照巡视工作有关要求，现将巡视整改进展情况予以公布。
一、整改工作组织情况
{kind}委成立巡视整改工作领导小组，由{kind}委书记林{place[0]}同志任组长。
二、反馈问题整改落实情况
（一）关于贯彻落实党中央决策部署方面的问题
1.关于“整改机制不健全”问题的整改。
①{planted}
②{other}
整改进展情况：已整改完成。
2.关于“基层减负落实不到位”问题的整改。
①清理规范各类督查检查考核事项，{ref}精简会议文件，切实为基层松绑减负。{extra}
整改进展情况：已整改完成。
"""


def planted_notices(folder: Path) -> Path:
    """Write the two planted notices into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "qinghe.txt").write_text(
        _notice(
            "青禾",
            "县",
            "县委",
            BASE.format(ref="县委", n=3),
            "完善乡村振兴项目库管理办法，对入库项目实行动态调整。",
        ),
        encoding="utf-8",
    )
    (folder / "baisha.txt").write_text(
        _notice(
            "白沙", "区", "区委", EDITED.format(ref="区委", n=5), "开展营商环境专项整治，建立企业诉求快速响应机制。",
            f"③整改{HOSTILE}落实到位。",
        ),
        encoding="utf-8",
    )  # fmt: skip
    return folder


def load(store: Any, tmp: Path) -> Any:
    from graphkit import service
    from graphkit.paths import samples_dir

    recs = service.parse([str(samples_dir()), str(planted_notices(tmp / "planted"))]).records()
    service.load_records(store, recs, families="always")
    return store


@pytest.fixture
def report(store: Any, tmp_path: Path) -> tuple[Any, Path]:
    from graphkit.service.reporting import write_report

    load(store, tmp_path)
    result = write_report(store, tmp_path / "report")
    assert result.pages["family"] >= 1 and result.pages["notice"] == 5
    return store, tmp_path / "report"


class Tab:
    """A page opened with every request intercepted: only files of the report may load."""

    def __init__(self, chromium: Any, root: Path) -> None:
        self.ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.ctx.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.root = root.resolve()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.ctx.route("**/*", self._route)

    def _route(self, r: Any) -> None:
        url = urlparse(r.request.url)
        if url.scheme == "file" and Path(unquote(url.path)).resolve().is_relative_to(self.root):
            r.continue_()
        else:
            self.foreign.append(r.request.url)
            r.abort()

    def open(self, rel: str) -> Any:
        path, _, anchor = rel.partition("#")
        self.page.goto((self.root / path).as_uri() + (f"#{anchor}" if anchor else ""))
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
        return self.page

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign
        assert self.page.evaluate("window.__pwned === undefined")

    def drawn(self) -> int:
        return png_colours(self.page.screenshot())


def search(p: Any, q: str) -> None:
    """Type ``q`` into the index's search and wait for its results."""
    p.fill("#search", q)
    p.wait_for_selector(f'#results[data-q="{q}"]', state="attached", timeout=5_000)


def _planted_family(root: Path) -> str:
    """The planted family's page (the index row whose text opens with the planted measure)."""
    html = (root / "index.html").read_text(encoding="utf-8")
    m = re.search(r'href="(f/[0-9a-f]+\.html)">建立健全巡视整改', html)
    assert m, "the planted family is not on the index"
    return m.group(1)


def test_index_links_search_and_heat_map(browser: Any, report: tuple[Any, Path]) -> None:  # noqa: F811
    _, root = report
    tab = Tab(browser, root)
    p = tab.open("index.html")
    hrefs = p.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert len(hrefs) > 20
    for href in hrefs:
        path, _, anchor = href.partition("#")
        target = root / path
        assert target.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    # the heat map joins the planted pair (and the samples' 东河 × 西山)
    assert "青禾县委 × 白沙区委: 1" in p.inner_html("table.heat")
    search(p, "白沙")
    found = p.evaluate("[...document.querySelectorAll('#results a')].map(a => a.textContent)")
    assert "白沙区委" in found
    search(p, "整改成果转化为治理效能")
    hits = p.evaluate(
        "[...document.querySelectorAll('#results section')].map(s => s.querySelectorAll('a').length)"
    )
    assert hits == [0, 1, 2]  # no unit, the planted family, its two members
    assert tab.drawn() > 40
    tab.clean()


def test_planted_edits_are_marked_exactly(browser: Any, report: tuple[Any, Path]) -> None:  # noqa: F811
    _, root = report
    tab = Tab(browser, root)
    p = tab.open(_planted_family(root))
    marks = p.evaluate(
        """['side-a', 'side-b'].map(s => [...document.querySelectorAll(
             'section.pair-sec:not([hidden]) .' + s + ' mark')].map(m => [m.className, m.textContent]))"""
    )
    left_unit = p.inner_text("section.pair-sec:not([hidden]) .side-a h3")
    left, right = (marks[0], marks[1]) if "青禾" in left_unit else (marks[1], marks[0])
    swap = {"ins": "del", "del": "ins", "rep": "rep"}
    if "青禾" not in left_unit:  # 白沙 on the left: what it lacks is deleted, what it adds inserted
        left = [[swap[c], t] for c, t in left]
        right = [[swap[c], t] for c, t in right]
    assert [tuple(m) for m in left] == PLANTED_LEFT
    assert [tuple(m) for m in right] == PLANTED_RIGHT
    # numbers and self-references differ but are not compared: grey, never marked
    grey = p.evaluate(
        "[...document.querySelectorAll('section.pair-sec:not([hidden]) span.ign')].map(s => s.textContent)"
    )
    assert {"县委", "区委"} <= {g.strip("，") for g in grey} and any("3次" in g for g in grey)
    assert tab.drawn() > 40
    tab.clean()


def test_notice_span_covers_exactly_the_measure(browser: Any, report: tuple[Any, Path]) -> None:  # noqa: F811
    from graphkit.present.report.paths import measure_anchor

    store, root = report
    tab = Tab(browser, root)
    p = tab.open(_planted_family(root))
    for k in range(2):  # jump from the family page to each member's place in its notice
        tab.open(_planted_family(root))
        p.locator("section.pair-sec:not([hidden]) a.goto").nth(k).click()
        p.wait_for_selector("body[data-ready]", state="attached")
        anchor = urlparse(p.url).fragment
        target = p.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        assert target == anchor and anchor.startswith("m-")
        shown = p.evaluate(f"document.getElementById('{anchor}').textContent")
        row = next(
            r for r in store.run_internal("report_measures").records() if measure_anchor(r["id"]) == anchor
        )
        assert "长效机制" in row["text"] or "常态机制" in row["text"]
        text = store.run_internal("report_notice_texts", {"ids": [row["notice"]]}).records()[0]["text"]
        assert shown == text[row["s"] : row["e"]]
        assert shown == "①" + row["text"]  # the measure and its label, nothing more
        assert p.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top") < 900
    assert tab.drawn() > 40
    tab.clean()


def test_hostile_text_stays_text(browser: Any, report: tuple[Any, Path]) -> None:  # noqa: F811
    _, root = report
    tab = Tab(browser, root)
    index = (root / "index.html").read_text(encoding="utf-8")
    unit = re.search(r'href="(u/[0-9a-f]+\.html)">白沙区委', index)
    assert unit
    p = tab.open(unit.group(1))
    notice = p.evaluate(
        "[...document.querySelectorAll('a[href*=\"/n/\"]')].map(a => a.getAttribute('href'))"
    )[0]
    p = tab.open(notice.replace("../", ""))
    assert HOSTILE in p.inner_text("#text")
    assert p.query_selector("#text img, #text script, main img") is None
    search(tab.open("index.html"), "pwned")
    assert p.query_selector("#results img, #results script") is None
    assert HOSTILE in p.inner_text("#results")
    tab.clean()


def test_unit_page_outline_and_shares(browser: Any, report: tuple[Any, Path]) -> None:  # noqa: F811
    _, root = report
    tab = Tab(browser, root)
    index = (root / "index.html").read_text(encoding="utf-8")
    unit = re.search(r'href="(u/[0-9a-f]+\.html)">青禾县委', index)
    assert unit
    p = tab.open(unit.group(1))
    assert p.evaluate("document.querySelectorAll('details').length") >= 3
    assert "白沙区委" in p.inner_text("#" + p.evaluate("document.querySelector('tr[id^=with-]').id"))
    assert tab.drawn() > 40
    tab.clean()


def test_every_page_links_resolve(report: tuple[Any, Path]) -> None:
    """All pages, statically: every local link names a file of the report and, with an
    anchor, an element of that file."""
    _, root = report
    ids: dict[Path, set[str]] = {}
    for page in root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+)"', html):
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.is_file(), (page, href)
            if anchor:
                if target not in ids:
                    ids[target] = set(re.findall(r' id="([^"]+)"', target.read_text(encoding="utf-8")))
                assert anchor in ids[target], (page, href)


def test_the_cli_writes_and_refuses_the_store(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "db"
    gk = [sys.executable, "-m", "graphkit.cli.app", "--db", str(db)]
    subprocess.run(
        [*gk, "ingest", str(planted_notices(tmp_path / "planted"))], check=True, capture_output=True
    )
    r = subprocess.run([*gk, "report", "-o", str(tmp_path / "site")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "site" / "index.html").is_file() and "2 notice" in r.stderr
    r = subprocess.run([*gk, "report", "-o", str(db / "site")], capture_output=True, text=True)
    assert r.returncode == 2 and "inside the graph store" in r.stderr


@pytest.mark.neo4j
def test_both_stores_give_the_same_report(embedded_store: Any, neo4j_store: Any, tmp_path: Path) -> None:
    from graphkit.service.reporting import gather_report

    got = []
    for s in (embedded_store, neo4j_store):
        load(s, tmp_path)  # one folder: the notices' sources are equal too
        d = asdict(gather_report(s))
        d.pop("store")
        got.append(d)
    assert got[0]["families"] and got[0]["units"]
    assert got[0] == got[1]
