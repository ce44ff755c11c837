"""`graphkit report` at scale: generation time and size, and time to interactive in Chromium.

    python benchmarks/report.py [--notices 1000 10000] [--corpus ../shared/corpus/notices]
                                [--store embedded|neo4j] [--no-browser]

For the shared corpus (when present) and for each ``--notices`` count of generated notices
(graphkit.testing.synth, planted families, a notice text around the issues), loads an empty
store (families detected), writes the report into a temporary folder and prints: load time,
report read and write time, pages, MB, the largest page; then opens the index and the largest
family page in headless Chromium (Debian's) and prints the time from navigation to the page's
``data-ready`` (its script has run: search and picker work), the median of 3 loads.

Generated notices carry issues whose measures are not in the notice text (the generator
writes the text outside the issues), so their notice pages are lighter than real ones; the
shared corpus has real texts with every span.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _stores import empty_store  # benchmarks/_stores.py (this script's folder is on sys.path)

from graphkit import service
from graphkit.present.report.paths import family_file
from graphkit.service.reporting import gather_report, write_report
from graphkit.testing.synth import generate

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def time_to_interactive(pages: list[Path], runs: int = 3) -> list[float]:
    """Median seconds from navigation to ``body[data-ready]`` for each page."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        for page_path in pages:
            times = []
            for _ in range(runs):
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                page = ctx.new_page()
                t = time.perf_counter()
                page.goto(page_path.resolve().as_uri())
                page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
                times.append(time.perf_counter() - t)
                ctx.close()
            out.append(statistics.median(times))
        browser.close()
    return out


def run(label: str, load: object, store_name: str, browser: bool) -> None:
    store = empty_store(store_name, prefix="gk-bench-report-")
    try:
        t = time.perf_counter()
        load(store)  # type: ignore[operator]
        t_load = time.perf_counter() - t
        out = Path(tempfile.mkdtemp(prefix="gk-report-"))
        result = write_report(store, out)
        data = gather_report(store)
    finally:
        store.close()
    files = list(out.rglob("*.html"))
    largest = max(files, key=lambda f: f.stat().st_size)
    pages = ", ".join(f"{n} {k}" for k, n in result.pages.items())
    print(
        f"{label}: {len(data.notices)} notices, {data.measure_count()} measures, {len(data.families)} families; "
        f"load {t_load:.1f} s; report read {result.seconds['read']:.1f} s + write {result.seconds['write']:.1f} s; "
        f"{pages}; {result.bytes / 1e6:.1f} MB; largest page {largest.relative_to(out)} {largest.stat().st_size / 1e6:.2f} MB"
    )
    for note in result.notes:
        print(f"  cut: {note}")
    if browser and data.families:
        big = max(data.families, key=lambda f: len(f.members))
        idx, fam = time_to_interactive([out / "index.html", out / family_file(big.id)])
        print(
            f"  time to interactive: index {idx:.2f} s ({(out / 'index.html').stat().st_size / 1e6:.2f} MB), "
            f"largest family ({len(big.members)} members) {fam:.2f} s"
        )
    print(f"  report in {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notices", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "notices"
    )
    ap.add_argument("--store", default="embedded", choices=["embedded", "neo4j"])
    ap.add_argument("--no-browser", action="store_true")
    a = ap.parse_args()
    if a.corpus.is_dir():
        run(
            f"shared corpus ({a.corpus})",
            lambda s: service.ingest(s, [str(a.corpus)]),
            a.store,
            not a.no_browser,
        )
    else:
        print(f"no shared corpus at {a.corpus}: skipped")
    for n in a.notices:
        units = max(2, round(n / 1.5))  # 1–2 notices per unit
        corpus = generate(n_units=units, n_families=max(10, units // 2), seed=n, with_text=True)

        def load(s: object, recs: list = corpus.records) -> None:  # type: ignore[type-arg]
            service.load_records(s, recs, families="always")  # type: ignore[arg-type]

        run(f"generated ({len(corpus.records)} notices)", load, a.store, not a.no_browser)


if __name__ == "__main__":
    main()
