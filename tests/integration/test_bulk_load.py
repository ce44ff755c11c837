"""The bulk load path (issue 16 item 2): shared nodes already stored are looked up, not
re-created, and written only when a batch changes them, as MERGE … SET would leave them; edges
between stored shared nodes are not duplicated; a batch built in a forked child that fails is
reported, not taken."""

from __future__ import annotations

import pytest

from graphkit.ingest import _ForkedBuild, load_records
from graphkit.records import Inspection, Issue, Measure, NoticeRecord, Role
from loaders import records_to_graph
from loaders.graph import GraphBatch

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _notice(k: int, document: str) -> NoticeRecord:
    """A notice of 东河县委 by the same team and leader, whose one measure issues `document`."""
    return NoticeRecord(
        id=f"n-bulk-{k}",
        source=f"bulk/{k}.txt",
        unit="东河县委",
        publisher="中共东河县委",
        inspection=Inspection(team="市委第一巡察组", start="2023-03-01"),
        issues=[
            Issue(
                label="（一）",
                title=f"类别{k}",
                measures=[Measure(label="1.", text=f"印发{document}。", documents=[document], status="done")],
            )
        ],
        roles=[Role(role="组长", position="县委书记", person="张三")],
    )


def _rows(store, cypher: str) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return sorted(store.query(cypher).rows)


def test_stored_shared_nodes_are_updated_not_duplicated(store) -> None:  # type: ignore[no-untyped-def]
    first, second = _notice(1, "《整改方案》"), _notice(2, "《整改 方案》")  # one document, two spellings
    load_records(store, [first])
    load_records(store, [second])  # unit, inspection, person and document are stored already
    expected = records_to_graph([first, second]).counts()
    assert {k: v for k, v in store.counts()["nodes"].items() if v} == {
        k: v for k, v in expected["nodes"].items() if k != "Place"
    }
    assert {k: v for k, v in store.counts()["edges"].items() if v and k != "IN"} == {
        k: v for k, v in expected["edges"].items() if k != "IN"
    }
    # the last write of a shared node's property wins, as in one batch holding both notices
    assert _rows(store, "MATCH (d:Document) RETURN d.title") == [["整改 方案"]]
    assert _rows(store, "MATCH (:Person)-[e:MEMBER_OF]->(:Unit) RETURN count(e)") == [[1]]
    assert _rows(store, "MATCH (:Inspection)-[e:INSPECTED]->(:Unit) RETURN count(e)") == [[1]]
    assert _rows(store, "MATCH (u:Unit)-[:REPORTED]->(n:Notice) RETURN u.name, n.id") == [
        ["东河县委", "n-bulk-1"],
        ["东河县委", "n-bulk-2"],
    ]

    # an unchanged reload writes nothing; the other spelling back makes it the title again
    assert load_records(store, [first, second]).written == 0
    third = _notice(3, "《整改方案》")
    load_records(store, [third])
    assert _rows(store, "MATCH (d:Document) RETURN d.title") == [["整改方案"]]
    assert _rows(store, "MATCH (:Measure)-[e:ISSUED|CITES]->(:Document) RETURN count(e)") == [[3]]


def test_a_batch_that_fails_in_its_child_is_reported(embedded_store) -> None:  # type: ignore[no-untyped-def]
    def stager(batch: GraphBatch) -> object:
        raise ValueError("no stage")

    built = _ForkedBuild([_notice(1, "《整改方案》")], stager)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="ValueError: no stage"):
        built.result()


def test_a_pipelined_load_of_many_batches_writes_every_notice(embedded_store) -> None:  # type: ignore[no-untyped-def]
    """Five batches, two building in children while one is written."""
    records = [_notice(k, f"《方案{k % 3}》") for k in range(10)]
    summary = load_records(embedded_store, records, notices_per_batch=2, pipeline=True)
    assert (summary.written, summary.unchanged) == (10, 0)
    assert _rows(embedded_store, "MATCH (n:Notice) RETURN count(n)") == [[10]]
    assert _rows(embedded_store, "MATCH (d:Document) RETURN count(d)") == [[3]]
    assert _rows(embedded_store, "MATCH (:Measure)-[e:ISSUED|CITES]->(:Document) RETURN count(e)") == [[10]]


# A fresh interpreter: the modules staging imports are not loaded yet when the load starts.
STAGING_MODULES_AT_FORK = """
import sys, tempfile
from pathlib import Path
from graphkit import ingest
from graphkit.stores.embedded_store import EmbeddedStore
sys.path.insert(0, sys.argv[1])
from test_bulk_load import _notice

at_fork = []
real = ingest._ForkedBuild.__init__
def init(self, records, stager):
    at_fork.append(set(sys.modules))
    real(self, records, stager)
ingest._ForkedBuild.__init__ = init

store = EmbeddedStore(Path(tempfile.mkdtemp()) / "db")
ingest.load_records(store, [_notice(k, f"《方案{k}》") for k in range(6)], notices_per_batch=2, pipeline=True)
store.stager()(ingest.build_batch([_notice(9, "《方案9》")])[0])  # every module staging needs
store.close()
missing = [sorted(m for m in set(sys.modules) - seen if not m.startswith("multiprocessing")) for seen in at_fork]
print(len(at_fork), missing)
assert at_fork and not any(missing), missing
"""


def test_forked_builders_inherit_what_staging_imports() -> None:
    """The builders are forked after the parent staged once: pyarrow imports pandas on its first
    array (~2 s), which each forked child did again for its batch."""
    import subprocess
    import sys
    from pathlib import Path

    res = subprocess.run(
        [sys.executable, "-c", STAGING_MODULES_AT_FORK, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
