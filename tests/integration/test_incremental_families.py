"""Incremental family detection gives what a full rebuild gives, on both stores.

Two stores take the same random sequence of loads: notices added a few at a time, stored
notices replaced by edited versions (same source, other text: a measure edited, dropped, or
copied from another notice), notices whose text repeats a stock measure dozens of times (LSH
buckets past ``max_bucket`` are chains, which an insertion rewires). Store A detects families
as a user's ingest does (the family index updates them); store B loads without detection and
rebuilds in full. After every step both hold the same families (ids, members, texts), the same
SIMILAR_TO and REUSED_FROM edges, the same family properties and the same stored figures
(an update refreshes the figures of the units it names only: those must be all it changed).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_stored_figures import figures  # every stored figure (tests/integration/)

from graphkit import service
from graphkit.analysis.incremental import index_folder
from graphkit.records import Issue, Measure, NoticeRecord, notice_id
from graphkit.stores.base import Store
from graphkit.testing.synth import edit_text, generate

STOCK = "严格落实意识形态工作责任制,定期分析研判意识形态领域情况,及时解决苗头性倾向性问题,牢牢掌握意识形态工作领导权"


def snapshot(store: Store) -> dict[str, Any]:
    """Everything the families put in the store, in a comparable form."""
    q = store.query
    members = sorted(
        tuple(r) for r in q("MATCH (x)-[i:INSTANCE_OF]->(t:MeasureTemplate) RETURN t.id, x.id, i.text").rows
    )
    props = "t.id, t.kind, t.scope, t.text, t.size, t.n_units, t.source_unit, t.source_date, t.direction, t.source_tie, t.undated, t.levels"
    templates = sorted(tuple(r) for r in q(f"MATCH (t:MeasureTemplate) RETURN {props}").rows)
    similar = sorted(
        (a, b, round(s, 6), sc)
        for a, b, s, sc in q(
            "MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) RETURN a.id, b.id, s.score, s.scope"
        ).rows
    )
    reused = sorted(
        tuple(r)
        for r in q(
            "MATCH (a:Unit)-[r:REUSED_FROM]->(b:Unit) RETURN a.id, b.id, r.family, r.days, r.direction"
        ).rows
    )
    return {
        "members": members,
        "templates": templates,
        "similar": similar,
        "reused": reused,
        "figures": figures(store),
    }


def assert_same(got: dict[str, Any], want: dict[str, Any], what: str) -> None:
    """Equal snapshots; else the first rows that differ, by part and label."""
    for part in want:
        if part == "figures":
            for label, rows in want[part].items():
                diff = sorted(set(map(repr, got[part][label])) ^ set(map(repr, rows)))
                assert not diff, (what, label, diff[:6])
        else:
            assert got[part] == want[part], (what, part)


def _rebuilt(rec: NoticeRecord, issues: list[Issue], tag: str) -> NoticeRecord:
    body = "".join(m.text for i in issues for m in i.measures) + (rec.unit or "") + tag
    return rec.model_copy(update={"id": notice_id(body), "issues": issues})


def variant(rec: NoticeRecord, others: list[NoticeRecord], rng: random.Random, tag: str) -> NoticeRecord:
    """An edited version of a notice (same source): one measure edited, dropped, or replaced by
    a measure copied from another notice."""
    issues = [i.model_copy(deep=True) for i in rec.issues]
    filled = [i for i in issues if i.measures]
    issue = rng.choice(filled)
    k = rng.randrange(len(issue.measures))
    op = rng.choice(["edit", "drop", "copy"])
    if op == "edit":
        issue.measures[k] = Measure(text=edit_text(issue.measures[k].text, 0.15, rng))
    elif op == "drop" and len(issue.measures) > 1:
        del issue.measures[k]
    else:
        donor = rng.choice([m for o in others for i in o.issues for m in i.measures])
        issue.measures[k] = Measure(text=edit_text(donor.text, 0.05, rng))
    return _rebuilt(rec, issues, tag)


def with_stock(rec: NoticeRecord, rng: random.Random) -> NoticeRecord:
    """The notice with a lightly edited copy of one stock measure (many distinct near-copies:
    buckets of more than ``max_bucket`` rows)."""
    issues = [i.model_copy(deep=True) for i in rec.issues]
    issues[0].measures.append(Measure(text=edit_text(STOCK, 0.04, rng)))
    return _rebuilt(rec, issues, "stock")


def steps(seed: int) -> Iterator[tuple[str, list[NoticeRecord]]]:
    """(what, records to load) of a random sequence."""
    rng = random.Random(seed)
    corpus = generate(n_units=45, notices_per_unit=(1, 2), n_families=40, seed=seed, with_text=True)
    pool = [with_stock(r, rng) if rng.random() < 0.85 else r for r in corpus.records]
    rng.shuffle(pool)
    loaded: dict[str, NoticeRecord] = {}  # source → record as stored
    first, pool = pool[:12], pool[12:]
    loaded.update({r.source: r for r in first})
    yield "first load", first
    n = 0
    while n < 16:
        n += 1
        if pool and rng.random() < 0.6:
            k = rng.randint(3, 12)
            batch, pool = pool[:k], pool[k:]
            loaded.update({r.source: r for r in batch})
            yield f"add {len(batch)}", batch
        else:
            sources = rng.sample(sorted(loaded), min(len(loaded), rng.randint(1, 3)))
            batch = [variant(loaded[s], list(loaded.values()), rng, f"v{n}") for s in sources]
            loaded.update({r.source: r for r in batch})
            yield f"replace {len(batch)}", batch


@pytest.mark.parametrize("seed", [3, 11])
def test_incremental_updates_equal_a_full_rebuild(store: Store, tmp_path: Path, seed: int) -> None:
    from graphkit.stores.embedded_store import EmbeddedStore

    reference = EmbeddedStore(tmp_path / "reference")
    try:
        updated = 0
        for what, batch in steps(seed):
            got = service.load_records(store, batch)
            service.load_records(reference, batch, families="never")
            service.rebuild_families(reference)
            assert got.families is not None, what
            updated += got.families.incremental
            assert_same(snapshot(store), snapshot(reference), f"after {what} (seed {seed})")
        assert updated >= 12, "most loads after the first must go through the index"
        assert index_folder(store).is_dir()
    finally:
        reference.close()


def test_a_store_whose_families_were_removed_is_rebuilt_not_updated(embedded_store: Store) -> None:
    """The index describes the families the store holds: once they are gone (cleared by other
    means), a load must rebuild them, even when the notices are those the index knows."""
    corpus = generate(n_units=10, seed=5, with_text=True)
    first = service.load_records(embedded_store, corpus.records)
    assert first.families is not None and first.families.total() > 0
    want = snapshot(embedded_store)
    embedded_store.clear()
    again = service.load_records(embedded_store, corpus.records)
    assert again.families is not None and not again.families.incremental
    assert snapshot(embedded_store) == want


def test_an_update_that_died_leaves_an_index_nobody_trusts(embedded_store: Store) -> None:
    """An index marked dirty (an update began and did not commit) is not opened: the next load
    rebuilds, and writes a whole index again."""
    from graphkit.analysis.incremental.index import FamilyIndex
    from graphkit.analysis.recycled import DetectParams

    corpus = generate(n_units=12, seed=8, with_text=True)
    service.load_records(embedded_store, corpus.records[:-2])
    idx = FamilyIndex.open(index_folder(embedded_store), DetectParams())
    assert idx is not None
    idx.mark_dirty()
    idx.close()
    assert FamilyIndex.open(index_folder(embedded_store), DetectParams()) is None
    got = service.load_records(embedded_store, corpus.records[-2:])
    assert got.families is not None and not got.families.incremental
    assert FamilyIndex.open(index_folder(embedded_store), DetectParams()) is not None


def test_ingest_of_one_more_notice_says_it_updated_through_the_index(tmp_path: Path) -> None:
    """`graphkit ingest` of a notice into a store with current families updates them (and says
    so); the families are those `recycled --rebuild` gives."""
    import os
    import subprocess
    import sys

    from graphkit.paths import samples_dir

    files = sorted(samples_dir().glob("*.txt"))
    db = tmp_path / "db"

    def gk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "graphkit.cli.app", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=dict(os.environ),
            timeout=600,
        )

    first = gk("ingest", *map(str, files[:-1]))
    assert first.returncode == 0, first.stderr
    assert "updated through the family index" not in first.stdout
    second = gk("ingest", str(files[-1]))
    assert second.returncode == 0, second.stderr
    assert "updated through the family index" in second.stdout, second.stdout
    updated = gk("recycled", "--scope", "all", "--kind", "measure", "--limit", "0", "--format", "json")
    assert gk("recycled", "--rebuild").returncode == 0
    rebuilt = gk("recycled", "--scope", "all", "--kind", "measure", "--limit", "0", "--format", "json")
    assert updated.stdout == rebuilt.stdout and updated.stdout.strip() not in ("", "[]")
