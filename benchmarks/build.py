"""Build benchmark and check: records → nodes and edges (`graphkit.ingest.build_batch`), this
tree's code against a git revision's, on the same records.

    python benchmarks/build.py [--notices 500] [--rounds 3] [--against HEAD]
    python benchmarks/build.py --check [--against HEAD]

Building a batch is completing the records (`graphkit.parse.derived`: measure kinds, issued
documents), hashing them (`loaders.notice.record_hash`) and their nodes and edges
(`loaders.notice.record_to_graph` with the unit's place and the notice's date).

--check builds, in this tree and in a subprocess running the whole tree of `--against`
(unpacked with `git archive`), the graph of: load.py's synthetic notices (2,000),
`graphkit.testing.synth.generate` notices with their texts (~1,500), and the real notices
(/work/shared/corpus/notices and the bundled samples, parsed), in batches of 500, and compares
the completed records, their hashes and every node and edge row, in order (labels, ids, property
names and values): it fails on the first difference.

The timing runs both codes in this process, interleaved, on copies of the same records: the
revision's versions of the modules this benchmark is about (loaders, graphkit.parse.derived,
graphkit.analysis.kinds) are imported from its unpacked tree under their own names and swapped
into `sys.modules` while they run (lazy imports inside them then find their own revision's).
CPU seconds per `--notices` notices (process time), best of `--rounds`, with the load average.

Measured 2026-12-02 (issue 16; a 2-core machine shared with a Spark benchmark, load 3.1-4.5),
against 5efb677, output identical in every run: load.py's notices (500) 1.406 -> 1.066 CPU-s
(x1.32, 7 rounds) and 1.461 -> 1.126 (x1.30, 5 rounds); generate's notices with texts (500)
0.555 -> 0.477 (x1.16) and 0.781 -> 0.635 (x1.23). --check: 2,000 load.py notices (180,000
nodes, 304,000 edges), 1,506 generated (50,960 nodes, 89,548 edges) and 16 real ones (3,591
nodes, 5,550 edges) identical. What changed: measure and issue ids hashed from parts joined once
per issue, measures without documents skip their documents, GraphBatch.node copies a row once,
the unit-name patterns compiled once, the kind lexicon's rules looked up once per call and the
title-blanking pass skipped when a text has no 《 or “ (the two derived fields were first set past
pydantic's __setattr__, through the model's __dict__; set plainly again in review: a measure's
kind and issued are set once each). Tried and dropped: one combined regex for all the kinds (2.5x slower than
the per-kind searches), model_dump in python mode for the record hash (no faster once garbage
collection is counted). What is left per measure is pure-Python dict and tuple building.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/corpus/notices")
# the modules whose building this benchmark compares; the rest of graphkit is shared
SWAPPED = (
    "loaders",
    "loaders.ids",
    "loaders.graph",
    "loaders.notice",
    "graphkit.analysis.kinds",
    "graphkit.parse.derived",
)


def unpack(rev: str) -> Path:
    """The tree of `rev`, unpacked into a temporary folder."""
    out = Path(tempfile.mkdtemp(prefix="gk-build-"))
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive.stdout, check=True)
    return out


def records(kind: str) -> list[Any]:
    """The records of one set: `load` (load.py's synthetic notices), `synth` (generate, with
    texts), `real` (the corpus and samples, parsed)."""
    if kind == "load":
        sys.path.insert(0, str(Path.cwd() / "benchmarks"))
        from load import synth_records

        return list(synth_records(2000))
    if kind == "synth":
        from graphkit.testing.synth import generate

        return generate(n_units=1000, with_text=True, seed=7).records
    from graphkit.parse import parse_notice
    from graphkit.paths import samples_dir

    files = sorted(CORPUS.glob("*")) + sorted(Path(samples_dir()).glob("*.txt"))
    out = []
    for f in files:
        try:
            out.append(parse_notice(f.read_text(encoding="utf-8"), str(f.name)))
        except Exception:
            continue
    return out


def canonical(recs: list[Any]) -> bytes:
    """The built graph of `recs` (batches of 500), the completed records and their hashes, as
    ordered plain lists, pickled."""
    from graphkit.ingest import build_batch

    out: list[Any] = []
    for i in range(0, len(recs), 500):
        part = recs[i : i + 500]
        batch, hashes = build_batch(part)
        out.append(
            (
                [r.model_dump(mode="json") for r in part],
                list(hashes.items()),
                [
                    (label, [(k, list(row.items())) for k, row in rows.items()])
                    for label, rows in batch.nodes.items()
                ],
                [
                    (key, [(k, list(row.items())) for k, row in rows.items()])
                    for key, rows in batch.edges.items()
                ],
            )
        )
    return pickle.dumps(out, protocol=4)


def dump(folder: str) -> None:
    """Worker: this process's tree is `folder` (first on sys.path); prints each set's pickle path."""
    os.chdir(folder)
    for kind in ("load", "synth", "real"):
        data = canonical(records(kind))
        path = Path(tempfile.mkdtemp(prefix="gk-build-dump-")) / f"{kind}.pkl"
        path.write_bytes(data)
        print(kind, path, flush=True)


def check(rev: str) -> int:
    old = unpack(rev)
    code = f"import sys; sys.path.insert(0, {str(old)!r}); sys.argv = ['b', '--dump', {str(old)!r}]; "
    # the revision may not have this script: run this one's dump with the revision's tree first
    code += f"sys.path.insert(1, {str(REPO / 'benchmarks')!r}); import build; build.dump({str(old)!r})"
    env = {**os.environ, "PYTHONPATH": str(old)}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=old)
    if res.returncode:
        print(res.stderr[-3000:])
        return 2
    theirs = dict(line.split(" ", 1) for line in res.stdout.splitlines())
    bad = 0
    for kind in ("load", "synth", "real"):
        recs = records(kind)
        mine = canonical(recs)
        other = Path(theirs[kind]).read_bytes()
        same = mine == other
        n = sum(len(nodes) for b in pickle.loads(mine) for _, nodes in b[2])
        e = sum(len(edges) for b in pickle.loads(mine) for _, edges in b[3])
        print(f"{kind}: {len(recs)} notices, {n} nodes, {e} edges: {'identical' if same else 'DIFFERENT'}")
        if not same:
            bad += 1
            _first_difference(pickle.loads(mine), pickle.loads(other))
    return 1 if bad else 0


def _first_difference(a: Any, b: Any, where: str = "") -> None:
    if type(a) is not type(b) or not isinstance(a, list | tuple):
        if a != b:
            print(f"  first difference at {where}: {str(a)[:300]} != {str(b)[:300]}")
        return
    for k, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return _first_difference(x, y, f"{where}[{k}]")
    if len(a) != len(b):
        print(f"  first difference at {where}: lengths {len(a)} != {len(b)}")


def _load_old(folder: Path) -> dict[str, ModuleType]:
    """The revision's versions of SWAPPED, imported under their own names from `folder`."""
    saved = {name: sys.modules.pop(name) for name in SWAPPED if name in sys.modules}
    old: dict[str, ModuleType] = {}
    try:
        for name in SWAPPED:  # in dependency order
            rel = Path(*name.split("."))
            path = folder / rel / "__init__.py" if (folder / rel).is_dir() else folder / f"{rel}.py"
            kw: dict[str, Any] = (
                {"submodule_search_locations": [str(path.parent)]} if path.name == "__init__.py" else {}
            )
            spec = importlib.util.spec_from_file_location(name, path, **kw)
            assert spec is not None and spec.loader is not None
            mod = importlib.util.module_from_spec(spec)
            sys.modules[name] = mod
            if name == "loaders":
                # the package's __init__ imports its submodules: do them first
                continue
            spec.loader.exec_module(mod)
            old[name] = mod
        spec = importlib.util.spec_from_file_location("loaders", folder / "loaders" / "__init__.py")
        assert spec is not None and spec.loader is not None
        spec.loader.exec_module(sys.modules["loaders"])
        old["loaders"] = sys.modules["loaders"]
    finally:
        for name in SWAPPED:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
    return old


@contextmanager
def swapped(mods: dict[str, ModuleType]) -> Iterator[None]:
    saved = {name: sys.modules[name] for name in mods}
    sys.modules.update(mods)
    try:
        yield
    finally:
        sys.modules.update(saved)


def builder(mods: dict[str, ModuleType] | None) -> Callable[[list[Any]], Any]:
    """`build_batch` with the given modules (None: this tree's)."""
    from graphkit.analysis.places import record_place
    from graphkit.analysis.sources import notice_date

    derived = mods["graphkit.parse.derived"] if mods else sys.modules["graphkit.parse.derived"]
    notice = mods["loaders.notice"] if mods else sys.modules["loaders.notice"]
    graph = mods["loaders.graph"] if mods else sys.modules["loaders.graph"]

    def build(recs: list[Any]) -> Any:
        batch = graph.GraphBatch()
        hashes = {}
        for rec in recs:
            derived.complete_record(rec)
            hashes[rec.id] = h = notice.record_hash(rec)
            notice.record_to_graph(
                rec, batch, content_hash=h, place=record_place(rec), dated=notice_date(rec)
            )
        return batch, hashes

    if mods is None:
        return build

    def build_old(recs: list[Any]) -> Any:
        with swapped(mods):
            return build(recs)

    return build_old


def timing(rev: str, n: int, rounds: int) -> None:
    import graphkit.analysis.kinds
    import graphkit.ingest
    import graphkit.parse.derived  # noqa: F401

    old = _load_old(unpack(rev))
    sys.path.insert(0, str(REPO / "benchmarks"))
    from load import synth_records

    from graphkit.testing.synth import generate

    sets = {
        "load.py notices": list(synth_records(n)),
        "generate notices": generate(n_units=n * 2 // 3, with_text=True, seed=3).records[:n],
    }
    builds = {rev: builder(old), "this tree": builder(None)}
    for b in builds.values():  # lazy state (lexicons, gazetteer) not counted
        b(copy.deepcopy(sets["load.py notices"][:5]))
    for name, recs in sets.items():
        best: dict[str, float] = {}
        outs: dict[str, Any] = {}
        for _ in range(rounds):
            for who, build in builds.items():
                work = copy.deepcopy(recs)
                t = time.process_time()
                outs[who] = build(work)
                dt = time.process_time() - t
                best[who] = min(best.get(who, dt), dt)
        same = canonical_batch(outs[rev]) == canonical_batch(outs["this tree"])
        line = f"{name} ({len(recs)}): " + ", ".join(f"{who} {s:.3f} CPU-s" for who, s in best.items())
        print(
            f"{line}  → ×{best[rev] / best['this tree']:.2f}, output {'identical' if same else 'DIFFERENT'}"
        )
    print("load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


def canonical_batch(out: Any) -> Any:
    batch, hashes = out
    return (
        list(hashes.items()),
        [(label, [(k, list(row.items())) for k, row in rows.items()]) for label, rows in batch.nodes.items()],
        [(key, [(k, list(row.items())) for k, row in rows.items()]) for key, rows in batch.edges.items()],
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--notices", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--against", default="HEAD")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--dump", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        dump(args.dump)
        return 0
    if args.check:
        return check(args.against)
    timing(args.against, args.notices, args.rounds)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
