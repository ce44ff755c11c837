"""A measure written word for word by many units, and one more notice that writes it too.

The copies are one row of the family index, and the copy first in rank order stands for the
others in every SIMILAR_TO pair (each other copy is paired with it alone). A notice adding one
more copy therefore changes the pairs of its own unit and of that first copy's unit only: the
update counts the figures of those units again, not those of every unit holding the measure
(before: all of them, so a boilerplate measure of thousands of units meant a refresh of
thousands of units at each notice), and writes the SIMILAR_TO edge of the new copy alone (before:
every copy's). When the new copy comes first in rank order, every pair of the row changes.
Either way, the store then equals a full rebuild, on both stores.
"""

from __future__ import annotations

from pathlib import Path

from test_incremental_families import _rebuilt, assert_same, snapshot

from graphkit import service
from graphkit.records import Measure, NoticeRecord
from graphkit.stores.base import Store
from graphkit.testing.synth import generate

VERBATIM = "召开专题会议传达学习巡察反馈意见，逐条研究制定整改方案，明确责任领导、责任部门和完成时限"
HOLDERS = 12


def _with_verbatim(rec: NoticeRecord) -> NoticeRecord:
    issues = [i.model_copy(deep=True) for i in rec.issues]
    issues[0].measures.append(Measure(text=VERBATIM))
    return _rebuilt(rec, issues, "verbatim")


def _verbatim_only(rec: NoticeRecord) -> NoticeRecord:
    """The notice with one issue answered by the verbatim measure alone (its other measures
    would touch rows of their own, whose first copies count too)."""
    issue = rec.issues[0].model_copy(update={"children": [], "measures": [Measure(text=VERBATIM)]})
    return _rebuilt(rec, [issue], "verbatim only")


def _first_copy(store: Store) -> str:
    (row,) = store.query("MATCH (m:Measure) WHERE m.text = $t RETURN min(m.id) AS m", {"t": VERBATIM}).rows
    return str(row[0])


def test_one_more_copy_of_a_verbatim_measure_counts_few_units_again(store: Store, tmp_path: Path) -> None:
    from graphkit.stores.embedded_store import EmbeddedStore

    # no notice text: no boilerplate sentence rows, whose first copies would be counted too
    corpus = generate(n_units=24, notices_per_unit=(1, 1), n_families=0, seed=5)
    holders = [_with_verbatim(r) for r in corpus.records[:HOLDERS]]
    later = [_verbatim_only(r) for r in corpus.records[HOLDERS:]]
    reference = EmbeddedStore(tmp_path / "reference")
    try:
        service.load_records(store, holders)
        service.load_records(reference, holders, families="never")
        seen = {"first": 0, "not first": 0}
        for rec in later:
            before = _first_copy(store)
            got = service.load_records(store, [rec])
            assert got.families is not None and got.families.incremental
            first = _first_copy(store) != before  # the new copy stands for the row now
            seen["first" if first else "not first"] += 1
            if not first:
                # its unit and the first copy's; the SIMILAR_TO edges of the new copy alone
                assert got.families.units <= 2, (rec.unit, got.families.units)
                assert got.families.similar == 1, (rec.unit, got.families.similar)
            service.load_records(reference, [rec], families="never")
            service.rebuild_families(reference)
            assert_same(snapshot(store), snapshot(reference), f"after {rec.unit}")
        assert seen["not first"] >= 3, seen  # the case this test is for was met
    finally:
        reference.close()
