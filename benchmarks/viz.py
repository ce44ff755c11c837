"""A 2,000-node viz page: written in ≤ 2 s, interactive in headless Chromium in ≤ 5 s.

    python benchmarks/viz.py [--nodes 2000] [--runs 3] [--chromium /usr/bin/chromium] [--keep out.html]

The graph is generated in the shape `graphkit viz recycled` draws (units, notices, an issue tree,
measures, families with their members, near-copy links), then rendered by graphkit.present.viz.
"Interactive" is the time from navigation until the layout has settled (stabilisation done, physics
off) and a click on a node has opened its details panel. Exit code 1 when a limit is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphkit.present.viz import render
from graphkit.present.viz_graph import VizGraph
from graphkit.stores.values import GraphNode, GraphRel

WORDS = [
    "完善",
    "制度",
    "开展",
    "专题",
    "学习",
    "建立",
    "清单",
    "督促",
    "整改",
    "落实",
    "责任",
    "会议",
    "培训",
    "检查",
    "问题",
    "台账",
]


def text(rng: random.Random, n: int = 18) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n // 2))


def make_graph(n_nodes: int, seed: int = 7) -> VizGraph:
    rng = random.Random(seed)
    g = VizGraph()
    rows: list[list[Any]] = []

    def node(label: str, i: str, **p: Any) -> GraphNode:
        return GraphNode(label, i, {"id": i, **p})

    def rel(etype: str, a: GraphNode, b: GraphNode) -> GraphRel:
        return GraphRel(etype, a.key, b.key, a.label, b.label)

    units = [node("Unit", f"u{k}", name=f"第{k}县委") for k in range(max(2, n_nodes // 100))]
    fams = [node("MeasureTemplate", f"t{k}", text=text(rng), size=3, n_units=2) for k in range(n_nodes // 40)]
    count = len(units) + len(fams)
    k = 0
    while count < n_nodes:
        u = rng.choice(units)
        n = node("Notice", f"n{k}", title=f"通报{k}")
        rows.append([u, rel("REPORTED", u, n), n])
        count += 1
        for c in range(3):
            cat = node("Issue", f"i{k}-{c}", title=text(rng), path=str(c + 1))
            rows.append([n, rel("HAS_ISSUE", n, cat), cat])
            count += 1
            for j in range(4):
                m = node("Measure", f"m{k}-{c}-{j}", text=text(rng, 60))
                rows.append([u, rel("TOOK", u, m), m])
                rows.append([m, rel("ADDRESSES", m, cat), cat])
                if rng.random() < 0.3:
                    fam = rng.choice(fams)
                    rows.append([m, rel("INSTANCE_OF", m, fam), fam])
                count += 1
                if count >= n_nodes:
                    break
            if count >= n_nodes:
                break
        k += 1
    g.add_result(["a", "r", "b"], rows)
    for f in fams:
        g.add_node(f)
    return g


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--keep", type=Path, help="also write the page here")
    args = ap.parse_args()

    g = make_graph(args.nodes)
    out = Path(tempfile.mkdtemp()) / "viz-bench.html"
    writes = []
    for _ in range(args.runs):
        t = time.perf_counter()
        page = render(g, f"benchmark {args.nodes} nodes", max_nodes=max(args.nodes, 2000))
        out.write_text(page.html, encoding="utf-8")
        writes.append(time.perf_counter() - t)
    if args.keep:
        args.keep.write_text(page.html, encoding="utf-8")
    print(
        f"page: {page.nodes} nodes, {page.edges} links, {len(page.html) / 1e6:.2f} MB; "
        f"written in p50 {statistics.median(writes):.2f} s (max {max(writes):.2f} s)"
    )

    from playwright.sync_api import sync_playwright

    ready, interactive = [], []
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=args.chromium,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        for _ in range(args.runs):
            ctx = b.new_context(viewport={"width": 1280, "height": 860})
            pg = ctx.new_page()
            t = time.perf_counter()
            pg.goto(out.as_uri())
            pg.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
            ready.append(time.perf_counter() - t)
            xy = pg.evaluate(
                "(() => { const v = window.__viz.network; const id = window.__viz.nodes.getIds()[0];"
                " return v.canvasToDOM(v.getPositions([id])[id]); })()"
            )
            pg.mouse.click(xy["x"], xy["y"])
            pg.wait_for_selector("#details", state="visible", timeout=10_000)
            interactive.append(time.perf_counter() - t)
            in_page = pg.evaluate("window.__viz.readyMs")
            ctx.close()
        b.close()
    print(
        f"chromium: layout settled p50 {statistics.median(ready):.2f} s (in-page {in_page / 1000:.2f} s); "
        f"click answered p50 {statistics.median(interactive):.2f} s (max {max(interactive):.2f} s)"
    )
    ok = max(writes) <= 2 and statistics.median(interactive) <= 5
    print("OK" if ok else "SLOWER THAN THE LIMITS (write ≤ 2 s, interactive ≤ 5 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
