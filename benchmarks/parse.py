"""Throughput and memory of `graphkit parse` (reading + parsing), single process and -j 2.

    python benchmarks/parse.py                 # shared corpus + ~100 MB synthetic corpus
    python benchmarks/parse.py --synthetic-mb 20 --no-rss   # quicker

Prints MB/s (input bytes per wall-clock second, and per CPU-second of all processes, which
stays meaningful on a machine busy with other work: compare the load average with the cores) for the shared corpus and for a synthetic
corpus made from the seed notices (the shared notices when present, else the bundled samples)
by swapping unit names and numbers, so no two files are equal; the -j 2 / -j 1 ratio; and the
peak RSS of a run over N and 4N files (each in a fresh process, workers included), showing
that memory does not grow with the number of files. Targets: >= 10 MB/s per core, >= 1.8x
with two processes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

_UNIT_SUFFIX = re.compile(r"([\u4e00-\u9fff]{2})(市|县|区|厅|局)")
# Figures to vary: not enumeration labels (`1.` `(12)` `3、`) and not month/day numbers, so
# the variants keep the seed's structure and valid dates.
_NUMBER = re.compile(r"(?<![\d(（])\d+(?![\d.、．)）月日])")
_NAMES = "东南西北江河湖山川林泉石松柏桥溪云峰岭原野田城港湾沙岗"


def seed_notices() -> list[str]:
    from graphkit.paths import samples_dir

    folder = SHARED / "corpus" / "notices"
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    paths = paths or sorted(samples_dir().glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def vary(text: str, rng: random.Random) -> str:
    """Another notice of the same shape: place names and figures swapped, labels and dates kept."""
    names: dict[str, str] = {}

    def unit(m: re.Match[str]) -> str:
        old = m.group(1)
        if old not in names:
            names[old] = "".join(rng.choice(_NAMES) for _ in range(len(old)))
        return names[old] + m.group(2)

    def number(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith("20"):  # keep years plausible
            return str(2015 + rng.randrange(10))
        return str(rng.randrange(1, 10 ** len(digits)))

    return _NUMBER.sub(number, _UNIT_SUFFIX.sub(unit, text))


def make_synthetic(folder: Path, megabytes: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    seeds = seed_notices()
    target = int(megabytes * 1e6)
    total, paths = 0, []
    while total < target:
        text = vary(seeds[len(paths) % len(seeds)], rng)
        sub = folder / f"{len(paths) // 500:03d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"n{len(paths):06d}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        paths.append(str(path))
    return paths


def size_of(paths: list[str]) -> int:
    return sum(os.path.getsize(p) for p in paths)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (pool workers are joined at the end)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def throughput(paths: list[str], jobs: int) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, records, errors) for parsing `paths` with `jobs` processes."""
    from graphkit.errors import InputError
    from graphkit.pipeline import parse_paths_json

    ok = bad = 0
    cpu = _cpu_seconds()
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:  # what `graphkit parse` does, minus the disk
        for result in parse_paths_json(paths, jobs=jobs):
            if isinstance(result, InputError):
                bad += 1
            else:
                sink.write(result.json + "\n")
                ok += 1
    return time.perf_counter() - start, _cpu_seconds() - cpu, ok, bad


def child_rss(paths_file: str, count: int, jobs: int) -> dict[str, float]:
    """Run in a fresh process: parse the first `count` files, report peak RSS in MB."""
    paths = Path(paths_file).read_text().splitlines()[:count]
    seconds, _cpu, ok, bad = throughput(paths, jobs)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "files": len(paths),
        "records": ok,
        "errors": bad,
        "seconds": seconds,
        "main_mb": own,
        "worker_mb": kids,
    }


def read_only(paths: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of the reading layer alone (decode, chrome, split), in this process."""
    from graphkit.errors import InputError
    from graphkit.read import read_path

    cpu = _cpu_seconds()
    start = time.perf_counter()
    for path in paths:
        with contextlib.suppress(InputError):
            read_path(path)
    return time.perf_counter() - start, _cpu_seconds() - cpu


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speedup(jobs: int = 2, n: int = 10_000_000) -> float:
    """Speed-up this machine gives right now to `jobs` processes of pure CPU work (no I/O).

    On a machine shared with other work the cores may not be free; the parse speed-up can be
    no better than this.
    """
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(jobs):
        _burn(n)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [1] * jobs))  # start the workers first
        start = time.perf_counter()
        list(pool.map(_burn, [n] * jobs))
        parallel = time.perf_counter() - start
    return serial / parallel


def report(label: str, paths: list[str], jobs_list: list[int]) -> dict[int, float]:
    mb = size_of(paths) / 1e6
    speeds: dict[int, float] = {}
    cpu_speeds: dict[int, float] = {}
    wall, cpu = read_only(paths)
    print(f"{label:<10} read only: {mb / wall:6.2f} MB/s wall, {mb / cpu:6.2f} MB per CPU-second", flush=True)
    for jobs in jobs_list:
        seconds, cpu, ok, bad = throughput(paths, jobs)
        speeds[jobs] = mb / seconds
        cpu_speeds[jobs] = mb / cpu
        print(
            f"{label:<10} -j {jobs}: {len(paths):6d} files {mb:8.1f} MB {seconds:7.2f} s "
            f"{speeds[jobs]:6.2f} MB/s wall, {mb / cpu:6.2f} MB per CPU-second  "
            f"({ok} records, {bad} errors; load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    if 1 in speeds and 2 in speeds:
        efficiency = cpu_speeds[2] / cpu_speeds[1]
        print(
            f"{label:<10} speed-up -j 2 / -j 1: {speeds[2] / speeds[1]:.2f}x wall (target >= 1.8x); "
            f"CPU efficiency of -j 2 {efficiency:.2f}, i.e. {2 * efficiency:.2f}x on two free cores; "
            f"this machine now gives pure CPU work {machine_speedup():.2f}x",
            flush=True,
        )
    return speeds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--synthetic-mb",
        type=float,
        default=100.0,
        help="size of the synthetic corpus (>= 100 for the target)",
    )
    ap.add_argument("--jobs", default="1,2", help="comma-separated process counts to time")
    ap.add_argument("--no-rss", action="store_true", help="skip the memory runs")
    ap.add_argument("--keep", type=Path, help="write the synthetic corpus here and keep it")
    ap.add_argument("--child", nargs=3, metavar=("PATHS_FILE", "COUNT", "JOBS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child_rss(args.child[0], int(args.child[1]), int(args.child[2]))))
        return

    jobs_list = [int(j) for j in args.jobs.split(",")]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        from graphkit.pipeline import iter_inputs

        report("shared", list(iter_inputs([str(corpus)])), jobs_list)
    else:
        print(f"shared corpus not found at {corpus}: skipped")

    folder = args.keep or Path(tempfile.mkdtemp(prefix="graphkit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        paths = make_synthetic(folder, args.synthetic_mb)
        print(
            f"synthetic corpus: {len(paths)} files, {size_of(paths) / 1e6:.1f} MB, made in {time.perf_counter() - start:.1f} s"
        )
        report("synthetic", paths, jobs_list)

        if not args.no_rss:
            listing = folder / "paths.txt"
            listing.write_text("\n".join(paths))
            quarter = max(1, len(paths) // 4)
            for jobs in (1, 2):
                for count in (quarter, len(paths)):
                    out = subprocess.run(
                        [sys.executable, __file__, "--child", str(listing), str(count), str(jobs)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    r = json.loads(out.stdout)
                    print(
                        f"peak RSS   -j {jobs}: {r['files']:6d} files: main {r['main_mb']:6.1f} MB, "
                        f"largest worker {r['worker_mb']:6.1f} MB ({r['seconds']:.1f} s)",
                        flush=True,
                    )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
