"""The viz pages in a real, headless Chromium (Debian's, driven by Python Playwright).

Every request the page makes is intercepted: anything but the page's own file fails the test. The
page must raise no console error, hold the expected nodes and links, draw something, and a measure
whose text is hostile markup must show as text (tooltip and details panel) and never run.
Under CI=true a missing Chromium or Playwright is a failure, elsewhere a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI, load_records

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = '整改<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">"引号"\'单引\''
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def chromium_path() -> str:
    path = os.environ.get("GRAPHKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright; no `playwright install` needed)")
    exe = chromium_path()
    if not os.path.exists(exe):
        _missing(f"no Chromium at {exe} (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=LAUNCH_ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, page: Any, errors: list[str], requests: list[str], ready_s: float) -> None:
        self.page, self.errors, self.requests, self.ready_s = page, errors, requests, ready_s


def open_page(browser: Any, path: Path) -> Opened:
    """Open `path` with every request intercepted; wait until the layout has settled."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    own = path.resolve().as_uri()

    def route(r: Any) -> None:
        requests.append(r.request.url)
        if r.request.url == own:
            r.continue_()
        else:
            r.abort()

    ctx.route("**/*", route)
    t = time.perf_counter()
    page.goto(own)
    page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
    return Opened(page, errors, requests, time.perf_counter() - t)


def png_colours(png: bytes) -> int:
    """Distinct RGB colours of an 8-bit RGB/RGBA PNG (a small decoder: zlib and the 5 filters)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    ctype = 2
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            w, _h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(len(raw) // (stride + 1)):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[i : i + 3]) for i in range(0, stride, bpp))
        prev = line
    return len(colours)


def check_page(o: Opened, nodes: int, edges: int) -> None:
    assert o.errors == [], o.errors
    assert o.requests == [o.page.url], o.requests  # nothing but the file itself
    counts = o.page.evaluate(
        "[window.__viz.network.body.data.nodes.length, window.__viz.network.body.data.edges.length]"
    )
    assert counts == [nodes, edges]
    shot = o.page.screenshot(clip={"x": 340, "y": 230, "width": 600, "height": 400})
    assert png_colours(shot) > 40, "the drawing looks blank"
    assert o.page.evaluate("window.__pwned === undefined")


def _hostile_records() -> list[Any]:
    recs = load_records(DATA / "records" / "two-notices.jsonl")
    m = recs[0].issues[0].children[0].measures[0]
    recs[0] = recs[0].model_copy(deep=True)
    recs[0].issues[0].children[0].measures[0] = m.model_copy(update={"text": HOSTILE})
    return recs


@pytest.fixture
def loaded(store: Any) -> Any:
    from graphkit import service
    from graphkit.paths import samples_dir

    samples = service.parse([str(samples_dir())]).records()
    service.load_records(store, [*samples, *_hostile_records()], families="always")
    return store


def test_unit_page_and_hostile_text(browser: Any, loaded: Any, tmp_path: Path) -> None:
    from graphkit.present.viz import render, unit_graph

    unit = _hostile_records()[0].unit
    page = render(unit_graph(loaded, unit), f"{unit} {HOSTILE}")
    out = tmp_path / "unit.html"
    out.write_text(page.html, encoding="utf-8")
    o = open_page(browser, out)
    check_page(o, page.nodes, page.edges)
    assert o.page.title().endswith(HOSTILE)  # the title is text too

    # the hostile measure: hover it (tooltip) and click it (details panel); its text shows as text
    p = o.page
    nid = p.evaluate(
        "window.__viz.nodes.get().filter(n => n.title.textContent.indexOf('__pwned') >= 0).map(n => n.id)"
    )
    assert len(nid) == 1
    xy = p.evaluate(
        f"(() => {{ const v = window.__viz.network; v.moveTo({{position: v.getPositions([{nid[0]}])[{nid[0]}],"
        " scale: 1.5}); const q = v.getPositions(["
        f"{nid[0]}])[{nid[0]}]; return v.canvasToDOM(q); }})()"
    )
    p.mouse.move(xy["x"] + 1, xy["y"] + 1)
    p.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    tip = p.query_selector("div.vis-tooltip")
    assert tip is not None
    assert HOSTILE in tip.text_content()
    assert tip.query_selector("img, script") is None
    p.mouse.click(xy["x"] + 1, xy["y"] + 1)
    p.wait_for_selector("#details", state="visible", timeout=10_000)
    assert HOSTILE in p.inner_text("#details")
    assert p.query_selector("#details img, #details script, #panel img") is None
    time.sleep(0.3)
    assert p.evaluate("window.__pwned === undefined")
    assert o.errors == [] and o.requests == [p.url]


def test_recycled_page_from_the_cli(browser: Any, tmp_path: Path) -> None:
    db, out = tmp_path / "db", tmp_path / "rec.html"
    gk = [sys.executable, "-m", "graphkit.cli.app", "--db", str(db)]
    from graphkit.paths import samples_dir

    subprocess.run([*gk, "ingest", str(samples_dir())], check=True, capture_output=True)
    r = subprocess.run(
        [*gk, "viz", "recycled", "--min-units", "2", "-o", str(out)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    shown = r.stderr.rsplit("(", 1)[1]
    nodes, edges = int(shown.split()[0]), int(shown.split()[2])
    o = open_page(browser, out)
    check_page(o, nodes, edges)  # the units network: the samples' two units, one link
    assert (nodes, edges) == (2, 1)
    assert_stable(o)
    p = o.page
    assert p.evaluate("window.__viz.mode") == "reuse"
    label = p.evaluate("window.__viz.edges.get()[0].label")
    both = p.evaluate(
        "JSON.parse(document.getElementById('gk-data').textContent).families.filter(f => f.units.length === 2).length"
    )
    # every kind: the 6 planted measure families and the headlines, documents, sentences both use
    assert int(label) == both >= 6
    # drill into a family: its members, units and issues replace the network, then settle
    first = p.evaluate(
        "JSON.parse(document.getElementById('gk-data').textContent).families"
        ".map(f => f.id).filter(id => id.startsWith('measure:'))[0]"
    )
    assert p.evaluate(f"window.__viz.drill({json.dumps(first)})")
    p.wait_for_selector("body[data-drilled][data-ready]", state="attached", timeout=30_000)
    groups = set(p.evaluate("window.__viz.nodes.get().map(n => n.group)"))
    assert {"MeasureTemplate", "Measure", "Unit", "Issue"} <= groups, groups
    assert_stable(o)
    assert o.errors == [] and o.requests == [p.url]


def positions(o: Opened) -> dict[str, Any]:
    return o.page.evaluate("window.__viz.network.getPositions()")  # type: ignore[no-any-return]


def assert_stable(o: Opened, wait: float = 1.0) -> None:
    """Once the page says it is ready, nothing moves any more."""
    before = positions(o)
    time.sleep(wait)
    after = positions(o)
    assert before == after, "the layout still moved after the page reported ready"
    assert len(before) == o.page.evaluate("window.__viz.nodes.length")


def test_unit_page_is_a_tree(browser: Any, loaded: Any, tmp_path: Path) -> None:
    from graphkit.present.viz import render, unit_graph

    page = render(unit_graph(loaded, "东河县委"), "东河县委", view="tree")
    out = tmp_path / "tree.html"
    out.write_text(page.html, encoding="utf-8")
    o = open_page(browser, out)
    check_page(o, page.nodes, page.edges)
    assert_stable(o)
    # left to right: the unit, its notices, the categories, the issues, the measures
    rows = o.page.evaluate(
        "(() => { const p = window.__viz.network.getPositions();"
        " return window.__viz.nodes.get().map(n => [n.group, n.level, p[n.id].x]); })()"
    )
    xs: dict[str, list[float]] = {}
    for group, _level, x in rows:
        xs.setdefault(group, []).append(x)
    assert min(xs["Unit"]) < min(xs["Notice"]) < min(xs["Issue"]) < min(xs["Measure"])
    # families: side markers in one column beside the unit's measures (near-copies of other units too)
    assert len(set(xs["MeasureTemplate"])) == 1 and min(xs["MeasureTemplate"]) > min(xs["Measure"])
    # one column per level: every node of a level at one x
    by_level: dict[int, set[float]] = {}
    for _group, level, x in rows:
        by_level.setdefault(level, set()).add(round(x))
    assert all(len(v) == 1 for v in by_level.values()), by_level


def test_cap_is_said_in_the_page(browser: Any, tmp_path: Path) -> None:
    from graphkit.present.viz import render
    from graphkit.present.viz_graph import VizGraph
    from graphkit.stores.values import GraphNode, GraphRel

    g = VizGraph()
    rows = [
        [
            GraphNode("Unit", f"u{k // 10}", {"id": f"u{k // 10}"}),
            GraphRel("TOOK", f"u{k // 10}", f"m{k}", "Unit", "Measure"),
            GraphNode("Measure", f"m{k}", {"id": f"m{k}"}),
        ]
        for k in range(300)
    ]
    g.add_result(["u", "r", "m"], rows)
    page = render(g, "cap", max_nodes=100)
    out = tmp_path / "cap.html"
    out.write_text(page.html, encoding="utf-8")
    o = open_page(browser, out)
    check_page(o, 100, page.edges)
    assert "left out" in o.page.inner_text("#panel")


def test_corpus_views_settle(browser: Any, tmp_path: Path) -> None:
    """The shared corpus: the reuse network of its 13 notices and the tree of its largest unit
    open without errors, hold still once ready, and a family drills down."""
    from tests.conftest import shared_path

    folder = shared_path("corpus/notices")
    db = tmp_path / "db"
    gk = [sys.executable, "-m", "graphkit.cli.app", "--db", str(db)]
    subprocess.run([*gk, "ingest", str(folder)], check=True, capture_output=True)
    rec, unit = tmp_path / "rec.html", tmp_path / "unit.html"
    r = subprocess.run([*gk, "viz", "recycled", "-o", str(rec)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    o = open_page(browser, rec)
    assert o.errors == [] and o.requests == [o.page.url]
    n_units = o.page.evaluate("window.__viz.nodes.length")
    assert n_units >= 5
    assert_stable(o)
    # the heaviest link's families: click it, the list shows them, a click drills down
    o.page.evaluate(
        "(() => { const es = window.__viz.edges.get().sort((a, b) => Number(b.label) - Number(a.label));"
        " window.__viz.network.selectEdges([es[0].id]);"
        " window.__viz.network.body.emitter.emit('click', {nodes: [], edges: [es[0].id]}); })()"
    )
    o.page.wait_for_selector("#details .fam", state="visible", timeout=10_000)
    o.page.click("#details .fam")
    o.page.wait_for_selector("body[data-drilled][data-ready]", state="attached", timeout=30_000)
    assert_stable(o)
    assert o.errors == []
    name = subprocess.run(
        [*gk, "query", "run", "units/status_shares", "-f", "json"], capture_output=True, text=True, check=True
    )
    biggest = max(json.loads(name.stdout), key=lambda row: row["measures"])["unit"]
    r = subprocess.run([*gk, "viz", "unit", biggest, "-o", str(unit)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    o = open_page(browser, unit)
    assert o.errors == [] and o.requests == [o.page.url]
    assert o.page.evaluate("window.__viz.mode") == "tree"
    assert_stable(o)
    print(f"corpus: reuse network of {n_units} units; tree of {biggest} ready in {o.ready_s:.2f} s")


@pytest.mark.neo4j
def test_neo4j_browser_loads(browser: Any, neo4j_settings: dict[str, str]) -> None:
    from graphkit.neo4j_server import server

    url = f"http://127.0.0.1:{server.http_port()}/browser/"
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    resp = page.goto(url, wait_until="load", timeout=60_000)
    assert resp is not None and resp.status == 200
    page.wait_for_function("document.title.length > 0", timeout=30_000)
    assert "neo4j" in (page.title() + page.content()[:5000]).lower()
    assert errors == [], json.dumps(errors)
    ctx.close()
