"""The panel export (`graphkit export --format panel`) on a generated store: time and memory.

    python benchmarks/panel.py [--measures 1000000] [--store embedded|neo4j] [--families 50000]

Builds an empty store (benchmarks/_stores.py) from generated notice records (the generator of
benchmarks/templates.py: units × 2 notices × 250 measures with statuses, deadlines, documents and
roles, loaded with graphkit.ingest.load_records, so the graph has the shape ingest gives), adds
families over random measures (1/2 across units, 1/4 within a unit, 1/4 across notices, a
SIMILAR_TO pair each) as detection writes them, then times `write_panel` — reading the store,
computing the tables, writing CSV, Parquet and the data dictionary — and prints its phases, the
rows per table, the size of the files and the peak resident memory. Target (issue 15): a
1M-measure store in ≤ 2 minutes.
Measured on the 2-core machine (embedded, shared with other jobs): 2,000 units × 2 notices ×
250 measures = 1,000,000 measures, 120,000 issues, 50,000 families; store built in 299 s; the
panel in 51.8 s (read 21.6 s, build 25.5 s, write 4.0 s), 178 MB of files; 100,000 measures in
23.6 s. Peak RSS of the whole process, store build included, 6.97 GB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _stores import empty_store  # benchmarks/_stores.py (this script's folder is on sys.path)
from templates import families, generate  # benchmarks/templates.py: the same generated graph

from graphkit.ingest import load_records
from graphkit.service.panel import write_panel


def build(store: object, measures: int, n_families: int) -> None:
    per_notice = 250
    units = max(1, -(-measures // per_notice) // 2)
    print(f"generating {units} units × 2 notices × {per_notice} measures …", flush=True)
    t0 = time.perf_counter()
    chunk = 100  # units per batch of records
    for start in range(0, units, chunk):
        load_records(store, generate(min(chunk, units - start), 2, per_notice, first_unit=start))  # type: ignore[arg-type]
        print(
            f"  {2 * min(units, start + chunk)} notices loaded ({time.perf_counter() - t0:.0f} s)", flush=True
        )
    families(store, n_families)
    print(f"store built in {time.perf_counter() - t0:.0f} s", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measures", type=int, default=1_000_000)
    ap.add_argument("--families", type=int, default=0, help="default: one per 20 measures")
    ap.add_argument("--store", choices=("embedded", "neo4j"), default="embedded")
    args = ap.parse_args()

    store = empty_store(args.store, prefix="gk-bench-panel-")
    try:
        build(store, args.measures, args.families or args.measures // 20)
        counts = store.counts()  # type: ignore[attr-defined]
        print("graph:", {k: v for k, v in counts["nodes"].items() if v}, flush=True)
        out = Path(tempfile.mkdtemp(prefix="gk-bench-panel-out-")) / "panel"
        t0 = time.perf_counter()
        result = write_panel(store, out)  # type: ignore[arg-type]
        total = time.perf_counter() - t0
    finally:
        store.close()  # type: ignore[attr-defined]
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    print(f"\npanel of {result.rows['measures']:,} measures in {total:.1f} s ({phases})")
    print("rows:", result.rows, f"files {result.bytes / 1e6:.0f} MB in {out}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"peak RSS of the process (store build included): {peak:.2f} GB")
    print(f"target: 1M measures ≤ 120 s — {'met' if total <= 120 else 'NOT met'} at this size")


if __name__ == "__main__":
    main()
