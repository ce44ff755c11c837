"""A load's transaction on the embedded store holds several batches (issue 16 item 2): its
notices are built in parts by forked builders, each part COPYed as it arrives, and the
transaction is committed once. It leaves what one batch of its notices leaves (the shared
nodes' last write wins as in one batch); a part that fails rolls the whole transaction back; a
load killed (SIGKILL) between two parts keeps every committed transaction whole and nothing of
the open one, and run again it ends as a clean load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graphkit import service
from graphkit.errors import StoreError
from graphkit.ingest import load_records
from graphkit.records import Inspection, Issue, Measure, NoticeRecord, Role
from graphkit.stores.embedded_store import EmbeddedStore
from loaders.graph import GraphBatch

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DATA = ("Notice", "Unit", "Inspection", "Issue", "Measure", "Role", "Person", "Document", "Place")


def _notice(k: int, *, unit: str = "东河县委", document: str = "《整改方案》", span: int = 9) -> NoticeRecord:
    """A notice of `unit` with two issues of two measures each; its first measure issues
    `document` (the same document spelled two ways is one node, its title the last spelling)."""
    issues = [
        Issue(
            label=f"{i + 1}.",
            title=f"问题{k}-{i}",
            span=(i * 100, i * 100 + 99),
            measures=[
                Measure(
                    label=f"({j + 1})",
                    text=f"印发{document}，第{k}-{i}-{j}项。" if j == 0 else f"召开专题会议第{k}-{i}-{j}次。",
                    documents=[document] if j == 0 else [],
                    status="done",
                    span=(i * 100 + j, i * 100 + j + span),
                )
                for j in range(2)
            ],
        )
        for i in range(2)
    ]
    return NoticeRecord(
        id=f"n-load-tx-{k}",
        source=f"load-tx/{k}.txt",
        unit=unit,
        publisher="中共" + unit,
        inspection=Inspection(team="市委第一巡察组", start="2023-03-01"),
        issues=[Issue(label="（一）", title=f"类别{k}", children=issues)],
        roles=[Role(role="组长", position="县委书记", person="张三")],
    )


def _records() -> list[NoticeRecord]:
    """Eight notices of three units; the shared document spelled two ways, alternately."""
    units = ["东河县委", "西山区委", "东河县委", "南湖镇党委"]
    return [
        _notice(k, unit=units[k % 4], document="《整改 方案》" if k % 3 == 1 else "《整改方案》")
        for k in range(8)
    ]


def _dump(store: EmbeddedStore) -> dict[str, Any]:
    """Every node of the data labels with all its properties, and every edge by its ends."""
    out: dict[str, Any] = {}
    for label in DATA:
        props = sorted(store.schema.nodes[label].properties)
        cols = ", ".join(f"n.{p} AS {p}" for p in props)
        out[label] = store.query(f"MATCH (n:{label}) RETURN {cols} ORDER BY n.id").records()
    for etype in store.schema.edges:
        out[etype] = sorted(store.query(f"MATCH (a)-[e:{etype}]->(b) RETURN a.id, b.id").rows)
    return out


class Counting(EmbeddedStore):
    """The embedded store, counting its commits."""

    commits = 0

    def _commit(self) -> None:
        self.commits += 1
        super()._commit()


def test_a_transaction_in_parts_leaves_what_one_batch_leaves(tmp_path: Path) -> None:
    """Eight notices in two transactions of four, built and written one notice a part by forked
    builders: two commits for the notices (one more for the units' aliases), and the graph of
    the same transactions each built and written whole."""
    records = _records()
    whole = EmbeddedStore(tmp_path / "whole")
    parts = Counting(tmp_path / "parts")
    try:
        load_records(whole, records, notices_per_batch=4, pipeline=False)
        parts.commits = 0  # opening a new store stamped it
        summary = load_records(parts, records, notices_per_batch=4, notices_per_part=1, pipeline=True)
        assert (summary.written, summary.unchanged) == (8, 0)
        assert parts.commits == 3
        assert _dump(parts) == _dump(whole)
        titles = parts.query("MATCH (d:Document) RETURN d.title").rows
        assert titles == [["整改 方案"]]  # notice 7, the last, spells it so

        # a changed notice in the second transaction replaces its own; the rest stay unchanged
        changed = [r.model_copy(deep=True) for r in records]
        changed[5].issues[0].children[1].measures[1].text = "召开专题民主生活会。"
        for store in (whole, parts):
            again = load_records(
                store, changed, notices_per_batch=4, notices_per_part=1, pipeline=store is parts
            )
            assert (again.written, again.replaced, again.unchanged) == (1, 1, 7)
        assert _dump(parts) == _dump(whole)
    finally:
        whole.close()
        parts.close()


def test_shared_nodes_written_twice_in_a_transaction_keep_one_batchs_row(tmp_path: Path) -> None:
    """A shared node in two batches of one transaction, the second without a property the first
    set: one batch of both keeps the property (`GraphBatch.node`: the last write of each
    property wins), and so does the transaction; the second batch's value wins where it has one."""
    first, second = GraphBatch(), GraphBatch()
    first.node("Unit", {"id": "u1", "name": "东河县委", "aliases": [], "province": "某省", "level": "county"})
    second.node("Unit", {"id": "u1", "name": "东河县委", "aliases": ["东河县"], "level": "city"})
    both = GraphBatch()
    for g in (first, second):
        for label, rows in g.nodes.items():
            for row in rows.values():
                both.node(label, row)

    one = EmbeddedStore(tmp_path / "one")
    two = EmbeddedStore(tmp_path / "two")
    try:
        one.write_batch(both, [])
        with two.load_transaction() as tx:
            tx.write(first, [], [])
            tx.write(second, [], [])
        assert _dump(two) == _dump(one)
        row = two.query("MATCH (u:Unit) RETURN u.province, u.level, u.aliases").rows
        assert row == [["某省", "city", ["东河县"]]]
    finally:
        one.close()
        two.close()


def test_a_part_that_fails_rolls_its_whole_transaction_back(tmp_path: Path) -> None:
    """Transactions of two notices in parts of one: the fourth notice's span does not fit its
    column, so the second transaction (the third notice, written already) is rolled back; the
    first stays committed, and the error is one StoreError."""
    records = [*_records()[:3], _notice(3, span=2**70)]
    store = EmbeddedStore(tmp_path / "db")
    clean = EmbeddedStore(tmp_path / "clean")
    try:
        # one line naming the notice's file
        with pytest.raises(StoreError, match=r"^load-tx/3\.txt: .*does not fit its column[^\n]*$"):
            load_records(store, records, notices_per_batch=2, notices_per_part=1, pipeline=True)
        load_records(clean, records[:2], pipeline=False)
        ids = store.query("MATCH (n:Notice) RETURN n.id ORDER BY n.id").rows
        assert ids == [["n-load-tx-0"], ["n-load-tx-1"]]
        dump, want = _dump(store), _dump(clean)
        for label in ("Unit",):  # the units' aliases are refreshed when a load ends
            for rows in (dump[label], want[label]):
                for r in rows:
                    r.pop("aliases")
        assert dump == want
    finally:
        store.close()
        clean.close()


# A load killed (GRAPHKIT_TEST_CRASH_AT) through the service, as `graphkit ingest` loads.
KILLED_LOAD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from graphkit import service
from graphkit.stores.embedded_store import EmbeddedStore
from test_load_transactions import _records

store = EmbeddedStore(Path(sys.argv[1]))
service.load_records(
    store, _records(), families="never", notices_per_batch=3, notices_per_part=1, pipeline=True
)
store.close()
"""


def test_a_load_killed_between_parts_keeps_its_commits_and_is_completed_by_a_rerun(tmp_path: Path) -> None:
    """Transactions of three notices in parts of one, killed once the fifth part is written:
    the first transaction is stored whole, nothing of the second (two parts written, not
    committed) is; the store says a load died; the same load again ends as a clean load."""
    db = tmp_path / "killed"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_LOAD, str(db), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        env={**os.environ, "GRAPHKIT_TEST_CRASH_AT": "part-written:5"},
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    first = EmbeddedStore(tmp_path / "first")
    clean = EmbeddedStore(tmp_path / "clean")
    store = EmbeddedStore(db)
    try:
        load_records(first, _records()[:3], pipeline=False)
        dump, want = _dump(store), _dump(first)
        assert [r["id"] for r in dump["Notice"]] == ["n-load-tx-0", "n-load-tx-1", "n-load-tx-2"]
        for label in ("Unit",):  # the killed load never refreshed its units' aliases
            for rows in (dump[label], want[label]):
                for r in rows:
                    r.pop("aliases")
        assert dump == want
        from graphkit.stores import state

        assert state.read_state(store).busy  # the record says a load began and did not end

        again = service.load_records(store, _records(), families="never", notices_per_batch=3)
        assert (again.summary.written, again.summary.unchanged) == (5, 3)
        service.load_records(clean, _records(), families="never", notices_per_batch=3)
        assert _dump(store) == _dump(clean)
        assert not state.read_state(store).busy
    finally:
        store.close()
        first.close()
        clean.close()
