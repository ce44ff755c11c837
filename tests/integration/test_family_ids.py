"""Store format 5: a family's id comes from its least member, so an update that adds a notice to
a family changes it in place (the node stays, a few INSTANCE_OF edges change) on both stores,
and a store of format 4 (family ids hashed from every member) is migrated to the ids a fresh
ingest gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_store_upgrade import gk, unpack_commit

from graphkit import service
from graphkit.analysis.recycled import family_id
from graphkit.paths import samples_dir
from graphkit.stores.base import Store
from graphkit.testing.synth import generate

FORMAT_4 = "50bcfd2"  # the last commit writing store format 4


def test_the_id_is_the_least_members_and_survives_new_members() -> None:
    ids = ["n-b/m2", "n-a/m7", "n-c/m1"]
    assert family_id("measure", "all", ids) == family_id("measure", "all", sorted(ids)[:1])
    assert family_id("measure", "all", ids) == family_id("measure", "all", [*ids, "n-z/m1"])
    assert family_id("measure", "all", ids) != family_id("measure", "all", [*ids, "n-0/m1"])
    assert family_id("measure", "all", ids) != family_id("sentence", "all", ids)


def _largest_sentence_family(store: Store) -> tuple[str, int, int]:
    """(id, size, number of INSTANCE_OF edges) of the largest sentence family."""
    rows = store.query(
        "MATCH (n:Notice)-[i:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.kind = 'sentence' "
        "RETURN t.id AS id, t.size AS size, count(i) AS edges ORDER BY size DESC, id LIMIT 1"
    ).rows
    fid, size, edges = rows[0]
    return str(fid), int(size), int(edges)


def _node_key(store: Store, fid: str) -> str:
    """The store's own id of a family's node (a node deleted and written again gets a new one)."""
    expr = "elementId(t)" if store.name == "neo4j" else "ID(t)"
    (key,) = store.query(f"MATCH (t:MeasureTemplate) WHERE t.id = $id RETURN {expr}", {"id": fid}).rows[0]
    return str(key)


def test_a_notice_joining_a_family_changes_it_in_place(store: Store) -> None:
    corpus = generate(n_units=14, seed=21, with_text=True)
    first, last = corpus.records[:-1], corpus.records[-1:]
    service.load_records(store, first)
    fid, size, edges = _largest_sentence_family(store)
    assert size >= 10 and edges == size  # a boilerplate sentence of (nearly) every notice
    key = _node_key(store, fid)
    got = service.load_records(store, last)
    assert got.families is not None and got.families.incremental
    fid2, size2, edges2 = _largest_sentence_family(store)
    assert (fid2, size2, edges2) == (fid, size + 1, edges + 1)
    assert _node_key(store, fid) == key, "the family's node was written again, not changed in place"


def _families(code: Path | None, db: Path) -> list[list[object]]:
    res = gk(
        "--db",
        str(db),
        "cypher",
        "MATCH (x)-[:INSTANCE_OF]->(t:MeasureTemplate) RETURN t.id AS id, t.size AS size, x.id AS member "
        "ORDER BY id, member",
        "--format",
        "json",
        code=code,
    )
    assert res.returncode == 0, res.stderr
    return [[r["id"], r["size"], r["member"]] for r in json.loads(res.stdout)]


def test_a_store_of_format_4_is_migrated_to_the_ids_a_fresh_ingest_gives(tmp_path: Path) -> None:
    old = unpack_commit(FORMAT_4, tmp_path / "old")
    files = [str(p) for p in sorted(samples_dir().glob("*.txt"))]

    db, fresh = tmp_path / "db", tmp_path / "fresh"
    assert gk("--db", str(db), "ingest", *files, code=old).returncode == 0
    before = _families(old, db)
    refused = gk("--db", str(db), "query", "run", "units/originality")
    assert refused.returncode == 2 and "graphkit migrate" in refused.stderr, refused.stderr
    migrated = gk("--db", str(db), "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "from store format 4" in " ".join(migrated.stdout.split()), migrated.stdout
    assert gk("--db", str(fresh), "ingest", *files).returncode == 0
    after, want = _families(None, db), _families(None, fresh)
    assert after == want and want
    assert {r[0] for r in after} != {r[0] for r in before}  # the ids did change
    assert sorted(r[1:] for r in after) == sorted(r[1:] for r in before)  # the families did not
