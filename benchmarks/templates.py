"""Every read template on a generated graph of ≥ 1M measures in Neo4j or LadybugDB: p50 / p95 over 20 runs.

    python benchmarks/templates.py --uri bolt://127.0.0.1:7687 [--measures 1000000] [--runs 20]
    python benchmarks/templates.py --embedded /tmp/bench-store [--measures 150000] [--against HEAD~3]
    python benchmarks/templates.py --start-neo4j /tmp/bench-neo4j-home --measures 300000 --against REV

--against REV times each template's text at that git revision too (runs interleaved with the
current text, so the machine's load falls on both alike) and prints the ratios new / old.

The graph is generated as notice records (units × notices × categories × issues × measures,
with roles, documents, statuses, deadlines) and loaded with graphkit.ingest.load_records, so it
has exactly the shape ingest gives; families (MeasureTemplate + INSTANCE_OF, SIMILAR_TO pairs)
are added as a GraphBatch the way detection would write them, then the figures the templates
read are stored as rebuild_families stores them (graphkit.analysis.figures; the time is printed).
A graph already holding the same number of measures is reused (--reload to rebuild, --refresh to
store the figures again). WARNING: the target database is emptied. --start-neo4j HOME runs a
Neo4j of its own in HOME (the user's jars, free ports, GRAPHKIT_NEO4J_HEAP/PAGECACHE or 2g/1g).

Each template runs once to warm up, then --runs times; the table gives rows, p50, p95 and max
in milliseconds. Templates over the --slow threshold (p95) are listed at the end with their
query plan's operators, to see which index would help.

Measured 2026-12-02 at 1M measures (4,000 notices, 2,000 units, 50,000 families; --runs 5; a
2-core machine at load 3-7 beside other jobs, so the times are high-side), 27 read templates:
- embedded (LadybugDB): graph built in 341 s, figures stored in 114.7 s. 26 of 27 have p50 under
  500 ms (the slowest: graphs/family_spread 353, graphs/unit_rectification 303,
  measures/issues_answered 186, issues/measures 164); measures/overdue 844 ms (p95 1,238).
- Neo4j (2g heap, 1g page cache): graph built in 543 s, figures stored in 202.0 s. 25 of 27 have
  p50 under 500 ms (roles/leaders 240, families_by_spread 249, documents/most_issued 188);
  graphs/family_spread 741 ms (p95 1,468), measures/overdue 4,101 ms (p95 5,212).
measures/overdue is the one template that reads every measure per call: its order (deadline
padded to a day, then unit, notice) needs every overdue measure with its unit (343k of 1M here),
and `today` is a parameter, so no figure can be stored for it. PROFILE on LadybugDB: the scan of
1M measures' properties, the padding expression and the top-k over 343k rows take about a third
each; a stored padded deadline made it x1.5 faster (tried on a copy, not kept: it needs a store
format change). On Neo4j it is ~5M db hits (properties of 1M measures and their TOOK edges).

Store format 6 (2026-12-02) stores that padded deadline as each measure's `due`, and Neo4j indexes
(due, notice_id); measures/overdue orders by due, notice, measure (not by unit name: the index
gives that order, so Neo4j reads ~900 index entries for 500 rows and stops). Measured on the same
1M graphs (`--only overdue --against HEAD`, 10 runs, a quiet machine; the graphs given their due
as `graphkit migrate` does: 714,597 measures, embedded 18.0 s, Neo4j 38.1 s): Neo4j p50 24.3 ms
(HEAD's text 1,260 ms, x0.02), embedded 157.5 ms (HEAD's 235.2, x0.67). The rest of that run,
built in 211 s (embedded) and 300 s (Neo4j) at load ~3: every template p50 under 500 ms on both
stores (slowest: embedded graphs/family_spread 471, graphs/unit_rectification 344; Neo4j
family_spread 142, families_by_spread 130).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphkit.records import Issue, Measure, NoticeRecord, Role
from graphkit.templates import load_templates

CATS = ["落实党中央决策部署", "全面从严治党", "基层党组织建设", "选人用人", "巡视整改落实"]
VERBS = ["制定", "召开", "开展", "组织", "建立", "印发", "督促", "拆除", "追回", "举办"]
OBJECTS = [
    "专题会议",
    "管理办法",
    "培训班",
    "专项检查",
    "违法建筑",
    "违规资金",
    "问责",
    "台账",
    "学习计划",
    "责任清单",
]
STATUS = ["done", "done", "in_progress", "long_term", None]
DEADLINES = [None, None, "2023", "2023-12", "2024-06", "2024-06-30", "2025"]
ROUNDS = ["十三届省委第一轮", "十三届省委第二轮", "十三届省委第三轮", "十三届省委第四轮"]


def generate(
    units: int, notices_per_unit: int, measures_per_notice: int, first_unit: int = 0
) -> list[NoticeRecord]:
    rng = random.Random(first_unit)
    per_issue = 10
    issues_per_cat = max(1, measures_per_notice // (len(CATS) * per_issue))
    out = []
    for u in range(first_unit, first_unit + units):
        unit = f"合成{u}县委"
        for k in range(notices_per_unit):
            nid = f"n-bench-{u:05d}-{k}"
            cats = []
            for c, cat in enumerate(CATS):
                issues = []
                for i in range(issues_per_cat):
                    ms = []
                    for j in range(per_issue):
                        v, o = rng.choice(VERBS), rng.choice(OBJECTS)
                        doc = f"合成{u}县{o}{j % 3}号" if v in ("制定", "印发") else None
                        text = f"{v}{o}，第{u}-{k}-{c}-{i}-{j}项" + (f"，《{doc}》" if doc else "")
                        ms.append(
                            Measure(
                                label=f"({j + 1})",
                                text=text,
                                status=rng.choice(STATUS),
                                deadline=rng.choice(DEADLINES),
                                documents=[doc] if doc else [],
                            )
                        )
                    issues.append(
                        Issue(label=f"{i + 1}.", title=f"问题{rng.randrange(2000)}表述", measures=ms)
                    )
                cats.append(Issue(label=f"（{c + 1}）", title=f"关于{cat}方面的问题", children=issues))
            roles = [
                Role(
                    role="组长",
                    position=rng.choice(["县委书记", "县委书记", "县委副书记、县长"]),
                    person=f"人{u}",
                ),
                Role(role="副组长", position="县委副书记、县长", person=f"副{u}"),
                Role(role="第一责任人", position="县委书记", person=f"人{u}"),
            ]
            out.append(
                NoticeRecord(
                    id=nid,
                    source=f"bench/{nid}.txt",
                    unit=unit,
                    publisher=f"中共{unit}",
                    published=f"202{3 + k}-11-30",
                    inspection={
                        "team": f"省委第{u % 12 + 1}巡视组",
                        "kind": "常规巡视",
                        "round": ROUNDS[(u + k) % len(ROUNDS)],
                        "start": f"202{3 + k}-03-06",
                    },
                    issues=cats,
                    roles=roles,
                )
            )
    return out


def families(store: Any, n_families: int, seed: int = 11) -> None:
    """Families over random measures: 1/2 across units, 1/4 within a unit, 1/4 across notices."""
    from loaders import GraphBatch

    rng = random.Random(seed)
    text = dict(store.query("MATCH (m:Measure) RETURN m.id AS id, m.text AS text").rows)
    ids = sorted(text)
    g = GraphBatch()
    for f in range(n_families):
        scope = ("across-units", "across-units", "within-unit", "across-notices")[f % 4]
        members = rng.sample(ids, 4)
        tid = f"t-bench-{f}"
        g.node(
            "MeasureTemplate",
            {"id": tid, "kind": "measure", "scope": scope, "text": f"族{f}", "size": 4, "n_units": 4},
        )
        for m in members:
            g.edge("INSTANCE_OF", ("Measure", m), ("MeasureTemplate", tid), text=text[m])
        a, b = sorted(members[:2])
        g.edge("SIMILAR_TO", ("Measure", a), ("Measure", b), score=0.9, scope=scope)
    store.run_transaction(store.write_statements(g, []))


def due_dates(store: Any) -> None:
    """Give the measures of a graph built before store format 6 their due, as `graphkit migrate`
    does (timed when there were any)."""
    from graphkit.service.migration import MigrationResult, _write_due

    result = MigrationResult(store.name, 5, "", 6)
    t0 = time.perf_counter()
    _write_due(store, result)
    if result.due:
        print(f"due dates of {result.due} measures written in {time.perf_counter() - t0:.1f} s", flush=True)


def build(store: Any, args: argparse.Namespace) -> None:
    from graphkit.ingest import load_records

    per_notice = 250
    notices = -(-args.measures // per_notice)
    units = notices // 2
    print(f"generating {units} units × 2 notices × {per_notice} measures …", flush=True)
    t0 = time.perf_counter()
    _wipe(store)
    store.apply_schema()
    done = 0
    chunk = 200
    for start in range(0, units, chunk // 2):
        recs = generate(min(chunk // 2, units - start), 2, per_notice, first_unit=start)
        load_records(store, recs, notices_per_batch=50)
        done += len(recs)
        print(f"  {done} notices loaded ({time.perf_counter() - t0:.0f} s)", flush=True)
    families(store, args.families)
    print(f"graph built in {time.perf_counter() - t0:.0f} s", flush=True)
    figures(store)


def figures(store: Any) -> None:
    """The figures the templates read, as rebuild_families stores them after writing families."""
    from graphkit.analysis.figures import refresh_figures

    t0 = time.perf_counter()
    refresh_figures(store)
    print(f"figures stored in {time.perf_counter() - t0:.1f} s", flush=True)


def _wipe(store: Any) -> None:
    while True:
        n = store.query(
            "MATCH (n) WITH n LIMIT 100000 DETACH DELETE n RETURN count(*) AS c", write=True
        ).rows[0][0]
        if not n:
            return


def _stats(times: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max of the times."""
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], times[-1]


def _old_text(rev: str, name: str) -> str | None:
    """The template's query text at git revision `rev` (None when it did not exist)."""
    import subprocess

    from graphkit.templates import parse_template

    root = Path(__file__).resolve().parents[1]
    path = f"queries/{name}.cypher"
    res = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, text=True)
    if res.returncode:
        return None
    return parse_template(res.stdout, root / path, name).cypher


PARAMS = {"unit": "合成123县委", "issue": "问题17表述", "text": "第123-1-2-3-", "today": "2024-07-01"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uri", default="bolt://127.0.0.1:7687")
    ap.add_argument(
        "--embedded", type=Path, default=None, help="an embedded LadybugDB folder instead of Neo4j"
    )
    ap.add_argument("--user", default="neo4j")
    ap.add_argument("--password", default="graphkit-local")
    ap.add_argument("--measures", type=int, default=1_000_000)
    ap.add_argument("--families", type=int, default=0, help="families to add (default: measures / 20)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--slow", type=float, default=1000.0, help="p95 in ms above which a template is slow")
    ap.add_argument("--only", default="", help="run only templates whose name contains this")
    ap.add_argument("--reload", action="store_true")
    ap.add_argument(
        "--refresh", action="store_true", help="store the figures again (timed) on a reused graph"
    )
    ap.add_argument(
        "--start-neo4j",
        type=Path,
        default=None,
        metavar="HOME",
        help="start a Neo4j of its own in HOME (jars linked from the user's home, free ports), stop it at the end",
    )
    ap.add_argument(
        "--against",
        default="",
        help="a git revision: time its text of each template too, runs interleaved, and give new/old ratios",
    )
    args = ap.parse_args()
    args.families = args.families or args.measures // 20

    import logging

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    store: Any
    if args.embedded is not None:
        from graphkit.stores.embedded_store import EmbeddedStore

        store = EmbeddedStore(args.embedded)
    else:
        from graphkit.stores.neo4j_store import Neo4jStore

        if args.start_neo4j is not None:
            args.uri, args.password = _start_neo4j(args.start_neo4j)
        store = Neo4jStore(args.uri, args.user, args.password)
    have = store.query("MATCH (m:Measure) RETURN count(m) AS c").rows[0][0]
    if args.reload or have < args.measures:
        build(store, args)
    else:
        store.apply_schema()  # the indexes of this graphkit's schema
        if (
            args.refresh
            or store.query("MATCH (u:Unit) WHERE u.measures IS NULL RETURN count(u) AS c").rows[0][0]
        ):
            figures(store)  # a graph built before figures were stored, or asked for
        due_dates(store)  # a graph built before measures carried their due (store format 6)
    counts = store.counts()
    print("graph:", {k: v for k, v in counts["nodes"].items() if v}, flush=True)

    slow = []
    print(f"\n{'template':32} {'rows':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for name, t in load_templates().items():
        if args.only not in name or t.mode != "read":
            continue
        params = t.bind({p.name: PARAMS[p.name] for p in t.params if p.required})
        old = _old_text(args.against, name) if args.against else None
        if old is not None and old.strip() == t.cypher.strip():
            old = None
        times: list[float] = []
        old_times: list[float] = []
        rows = 0
        try:
            store.query(t.cypher, params, timeout=args.timeout)  # warm-up
            if old is not None:
                store.query(old, params, timeout=args.timeout)
            for _ in range(args.runs):  # interleaved: the machine's load falls on both alike
                t0 = time.perf_counter()
                rows = len(store.query(t.cypher, params, timeout=args.timeout).rows)
                times.append((time.perf_counter() - t0) * 1000)
                if old is not None:
                    t0 = time.perf_counter()
                    store.query(old, params, timeout=args.timeout)
                    old_times.append((time.perf_counter() - t0) * 1000)
        except Exception as exc:  # a time-out is a result too
            print(f"{name:32} failed: {exc}", flush=True)
            slow.append((name, float("inf")))
            continue
        p50, p95, top = _stats(times)
        line = f"{name:32} {rows:>6} {p50:>9.1f} {p95:>9.1f} {top:>9.1f}"
        if old_times:
            o50, o95, _ = _stats(old_times)
            line += f"   {args.against}: p50 {o50:.1f} p95 {o95:.1f} → ×{p50 / o50:.2f} / ×{p95 / o95:.2f}"
        print(line, flush=True)
        if p95 > args.slow:
            slow.append((name, p95))
    if slow:
        print(f"\nslow (p95 > {args.slow:.0f} ms):")
        for name, p95 in slow:
            print(f"  {name}: p95 {p95:.0f} ms")
    store.close()
    if args.start_neo4j is not None:
        from graphkit import neo4j_server

        neo4j_server.stop()


def _start_neo4j(home: Path) -> tuple[str, str]:
    """A Neo4j in a home of its own (as tests/integration/private_neo4j.py makes one): its URI
    and password. The home keeps its database, so a later run reuses the graph."""
    import os
    import socket

    from graphkit import neo4j_server

    user_lib = neo4j_server.neo4j_home() / "lib"
    lib = home / "neo4j" / "lib"
    if not lib.exists():
        lib.parent.mkdir(parents=True, exist_ok=True)
        lib.symlink_to(user_lib, target_is_directory=True)

    def free_port() -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return str(s.getsockname()[1])

    os.environ.update(
        GRAPHKIT_HOME=str(home),
        GRAPHKIT_NEO4J_BOLT_PORT=os.environ.get("GRAPHKIT_NEO4J_BOLT_PORT") or free_port(),
        GRAPHKIT_NEO4J_HTTP_PORT=os.environ.get("GRAPHKIT_NEO4J_HTTP_PORT") or free_port(),
        GRAPHKIT_NEO4J_HEAP=os.environ.get("GRAPHKIT_NEO4J_HEAP", "2g"),
        GRAPHKIT_NEO4J_PAGECACHE=os.environ.get("GRAPHKIT_NEO4J_PAGECACHE", "1g"),
    )
    for k in ("GRAPHKIT_NEO4J_URI", "GRAPHKIT_NEO4J_PASSWORD"):
        os.environ.pop(k, None)
    info = neo4j_server.start(timeout=300)
    print(f"Neo4j of its own at {info.uri} (home {home})", flush=True)
    return info.uri, info.password


if __name__ == "__main__":
    main()
