"""Adding notices to a large store: incremental family detection against a full rebuild.

    python benchmarks/incremental.py [--measures 100000] [--store embedded|neo4j] [--adds 1,10,100]
                                     [--verbatim N] [--each N]

Generates notices with planted near-copies and notice texts (graphkit.testing.synth; unique
measures from the real clauses of ``--corpus`` when it exists), holds some back, loads the rest
and rebuilds the families in full (the baseline: it also writes the family index), then loads
the held-back notices 1, 10, 100 at a time (as `graphkit ingest` does: the families updated
through the index), and last replaces one stored notice by an edited version. Prints, for each,
the load, the family update and its phases, and the update's share of the full rebuild
measured in the same run; then checks that the families equal a full rebuild of the final store.
With ``--verbatim N``, one measure is written word for word into N of the stored notices and
into every notice added (the boilerplate real notices share: one row of the family index, one
family of N units); each line then says how many units' figures the update counted again.
With ``--each N`` (embedded), N more notices are then added one per open and close of the store,
as N runs of `graphkit ingest` would: each line gives the open (it replays the store's log), the
add, the close and the log's size after, and the mean per notice, checkpoints included.

Measured 2026-12-02 (``--verbatim 2000 --measures 12000``-like store: 2,000 notices of 4–8
measures, each with the verbatim one; an ad-hoc script, old and new code on copies of one
store, a 2-core machine at load ~6): one notice more with the verbatim measure, before
(66e9d41) 13.7–18.6 s, of which figures 12.8–17.5 s (every unit holding the measure counted
again: ~2,000); after 3.2–5.0 s, figures 1.6–1.8 s (2 units: the notice's and the first
copy's). With the SIMILAR_TO edges of the new copy alone written again (f7cc470; before, every
copy's: 2,001 measures), the write 0.48–0.56 s -> 0.23–0.25 s, same run.

Measured 2026-12-02 at ``--measures 1000000`` (eec9167; a fresh-clone CI run and an ad-hoc script
beside it, load 3-4 on 2 cores): load 136 s, full rebuild 450 s; add 1: families 14.5 s (the
first update after the build: index 5.2 s, figures 5.0 s); add 10: 23.8 s (figures 15.2 s);
add 100: 70.2 s (write 27.2 s: over 5,000 elements it COPYs, and its commit checkpoints the store;
figures 29.3 s); replace 1: 14.5 s; families after the updates EQUAL a full rebuild (whose deletes
of the old families' 4.4M REUSED_FROM edges ran about an hour before 01d43a1 dropped the tables
instead). One notice added to a copy of such a store, families current after, same notice
(ad-hoc script): 15.0 and 17.6 s at 11c5163 (quiet); 6.5 and 8.5 s at bfeedcf (CI beside it):
index 1.1-1.5 s, write 0.6-1.0 s, figures 3.3-4.1 s (issue wordings: every issue of a title
shared by 40,000 notices counted again, and its record rewritten with its 40,000 unit ids). The
store checkpoints on close: 1.0 s before, 5-7.7 s now (the work the commits deferred, most of it
rewriting the node group that holds every unit's 4.4M REUSED_FROM edges).

Measured 2026-12-02 (6be05af), one notice per open and close, as `graphkit ingest` runs would:
- ``--measures 100000 --adds 1,10,100 --each 12`` (quiet machine): load 9 s, rebuild 23.9 s; add 1:
  families 0.88 s, add 10: 2.72 s, add 100: 11.18 s; each: 0.84-2.08 s, mean 1.21 s per notice
  (open 0.06-0.41 s replaying a log of up to 4 MB; one commit checkpointed it); replace 1: 1.17 s;
  EQUAL a full rebuild. At 63485b7 a store under 256 MB (this one: 180 MB) checkpoints at close
  again: ``--adds 1 --each 8``, each 0.83-1.70 s, mean 1.07 s (close 0.23-0.46 s, open 0.03-0.05 s).
- At 1M measures (40,000 notices; the store the ``--measures 1000000`` generator gives, built and
  copied by an ad-hoc script that adds the held-back notices as ``--each`` does): 6c386f2 6.0-9.1 s
  a notice, mean 6.87 s (close 2.3-3.9 s: its checkpoint); a6be185 + b4ae6b9 (issue wordings by
  delta, the log left to the next open) mean 5.34 s, every second add checkpointing its 8.4 MB of
  log; ff706b4 (the units of widely used titles in buckets: 0.4-0.5 MB of log an add) mean 3.30 s
  over eight; 6be05af (checkpoint past 4 MB), twenty notices beside a CI run: 2.9-4.7 s each, one
  checkpoint (10.5 s), mean 4.01 s; open 0.06-0.25 s (1.0-1.3 s with the 15 MB log LadybugDB's
  default threshold let grow).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _stores import empty_store  # benchmarks/_stores.py

from graphkit import service
from graphkit.records import Measure, NoticeRecord, notice_id
from graphkit.testing.synth import edit_text, generate


def edited(rec: NoticeRecord, rng: random.Random) -> NoticeRecord:
    """The notice with one measure edited (same source: a replacement)."""
    issues = [i.model_copy(deep=True) for i in rec.issues]
    issue = rng.choice([i for i in issues if i.measures])
    k = rng.randrange(len(issue.measures))
    issue.measures[k] = Measure(text=edit_text(issue.measures[k].text, 0.15, rng))
    body = "".join(m.text for i in issues for m in i.measures) + (rec.unit or "") + "edited"
    return rec.model_copy(update={"id": notice_id(body), "issues": issues})


VERBATIM = "召开专题会议传达学习巡察反馈意见，逐条研究制定整改方案，明确责任领导、责任部门和完成时限"


def with_verbatim(rec: NoticeRecord) -> NoticeRecord:
    """The notice with the boilerplate measure added word for word to its first issue."""
    issues = [i.model_copy(deep=True) for i in rec.issues]
    issues[0].measures.append(Measure(text=VERBATIM))
    body = "".join(m.text for i in issues for m in i.measures) + (rec.unit or "") + "verbatim"
    return rec.model_copy(update={"id": notice_id(body), "issues": issues})


def families_snapshot(store) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = store.query("MATCH (x)-[:INSTANCE_OF]->(t:MeasureTemplate) RETURN t.id, x.id").rows
    return sorted((a, b) for a, b in rows)


def one_per_open(store, extra: list[NoticeRecord], n: int) -> list[NoticeRecord]:  # type: ignore[no-untyped-def]
    """Add `n` of the held-back notices one per open and close of the embedded store; the rest."""
    import os

    folder = store.folder
    store.close()
    total = 0.0
    for k, rec in enumerate(extra[:n]):
        t0 = time.perf_counter()
        one = type(store)(folder)
        t1 = time.perf_counter()
        got = service.load_records(one, [rec])
        t2 = time.perf_counter()
        one.close()
        t3 = time.perf_counter()
        total += t3 - t0
        wal = sum(f.stat().st_size for f in os.scandir(folder) if f.name.endswith(".wal"))
        rep = got.families
        how = "incremental" if rep is not None and rep.incremental else "FULL REBUILD"
        print(
            f"each #{k}: open {t1 - t0:.2f} s, add {t2 - t1:.2f} s ({how}), close {t3 - t2:.2f} s = "
            f"{t3 - t0:.2f} s; log {wal / 1e6:.1f} MB",
            flush=True,
        )
    print(f"each: {total / max(1, n):.2f} s per notice (open, add, close; checkpoints included)", flush=True)
    return extra[n:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measures", type=int, default=100_000)
    ap.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    ap.add_argument("--adds", default="1,10,100")
    ap.add_argument("--no-check", action="store_true", help="skip the final comparison with a rebuild")
    ap.add_argument(
        "--verbatim",
        type=int,
        default=0,
        help="write one measure word for word into this many stored notices and every notice added",
    )
    ap.add_argument(
        "--each",
        type=int,
        default=0,
        help="then add this many notices one per open and close of the store (embedded)",
    )
    ap.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/notices"
    )
    args = ap.parse_args()
    adds = [int(x) for x in args.adds.split(",") if x]
    clauses = None
    if args.corpus.is_dir():
        from graphkit.testing.synth import corpus_clauses

        clauses = corpus_clauses(args.corpus)
    per_notice = 25
    held = sum(adds) + args.each
    n_units = max(2, args.measures // per_notice) + held
    corpus = generate(
        n_units=n_units,
        measures_per_notice=(per_notice, per_notice),
        notices_per_unit=(1, 1),
        n_families=max(1, n_units * per_notice // 40),
        family_size=(2, 10),
        edit_rate=0.2,
        clauses=clauses,
        with_text=True,
    )
    rng = random.Random(7)
    records = corpus.records
    rng.shuffle(records)
    base, extra = records[held:], records[:held]
    if args.verbatim:
        base = [with_verbatim(r) if k < args.verbatim else r for k, r in enumerate(base)]
        extra = [with_verbatim(r) for r in extra]
    store = empty_store(args.store, "gk-inc-")
    t = time.perf_counter()
    service.load_records(store, base, families="never", notices_per_batch=2000)
    print(
        f"[{args.store}] loaded {len(base):,} notices ({len(base) * per_notice:,} measures) in {time.perf_counter() - t:.0f} s",
        flush=True,
    )
    t = time.perf_counter()
    full = service.rebuild_families(store)
    rebuild = time.perf_counter() - t
    print(
        f"full rebuild: {rebuild:.1f} s, {full.total():,} families from {full.measures:,} measures "
        f"(of which writing the family index {full.timings.get('write the family index', 0):.1f} s)",
        flush=True,
    )
    for n in adds:
        batch, extra = extra[:n], extra[n:]
        t = time.perf_counter()
        got = service.load_records(store, batch)
        total = time.perf_counter() - t
        rep = got.families
        assert rep is not None
        fam = sum(rep.timings.values())
        how = "incremental" if rep.incremental else "FULL REBUILD"
        print(
            f"add {n:>4}: {total:6.2f} s in all, families {fam:6.2f} s ({how}, ×{fam / rebuild:.3f} of the rebuild; "
            f"{rep.changed} families written, {rep.units:,} units' figures counted again) phases {rep.timings}",
            flush=True,
        )
    if args.each and args.store == "embedded":
        extra = one_per_open(store, extra, args.each)
        store = type(store)(store.folder)  # type: ignore[attr-defined]
    victim = base[0]
    t = time.perf_counter()
    got = service.load_records(store, [edited(victim, rng)])
    total = time.perf_counter() - t
    rep = got.families
    assert rep is not None
    fam = sum(rep.timings.values())
    print(
        f"replace 1: {total:6.2f} s in all, families {fam:6.2f} s (incremental={rep.incremental}, "
        f"×{fam / rebuild:.3f} of the rebuild)",
        flush=True,
    )
    if not args.no_check:
        before = families_snapshot(store)
        service.rebuild_families(store)
        same = families_snapshot(store) == before
        print(
            f"families after the updates {'EQUAL' if same else 'DIFFER FROM'} a full rebuild of the final store"
        )
    store.close()


if __name__ == "__main__":
    main()
