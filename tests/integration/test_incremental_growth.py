"""A notice joining families that stand otherwise: the update changes them by their new members
(``analysis.incremental.grown``) and leaves the store equal to a full rebuild, on both stores.

Every notice here holds the boilerplate sentences of its kind of notice and one measure written
word for word by every unit, so each one added joins a measure family and several sentence
families of every unit. Joining them:

- later than the earliest notice: the candidate sources stand, the new unit alone is attributed;
- undated: the family's number of undated units grows by one;
- as a second notice of a unit already in them: its sentences join (that unit's reuse is
  attributed again), its measure does not (two members of one unit: a family across its
  notices appears, so the measure family is re-clustered);
- on the earliest date (one more tied source) or before it (a new source): every member is
  attributed again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_incremental_families import _rebuilt, assert_same, snapshot

from graphkit import service
from graphkit.records import Measure, NoticeRecord
from graphkit.stores.base import Store
from graphkit.stores.embedded_store import EmbeddedStore
from graphkit.testing.synth import generate

VERBATIM = "召开专题会议传达学习巡察反馈意见，逐条研究制定整改方案，明确责任领导、责任部门和完成时限"


def _notice(rec: NoticeRecord, published: str | None, tag: str) -> NoticeRecord:
    """The notice with the verbatim measure added to its first issue, published that day (None:
    undated)."""
    issues = [i.model_copy(deep=True) for i in rec.issues]
    issues[0].measures.append(Measure(text=VERBATIM))
    out = _rebuilt(rec, issues, tag)
    inspection = out.inspection.model_copy(update={"end": None, "feedback": None})
    return out.model_copy(update={"published": published, "inspection": inspection})


def _reuses(store: Store) -> list[tuple[Any, ...]]:
    """Every REUSED_FROM edge with all it says (the shared snapshot leaves out score and tie)."""
    rows = store.query(
        "MATCH (a:Unit)-[r:REUSED_FROM]->(b:Unit) RETURN a.id, b.id, r.family, r.days, r.direction, r.score, r.tie"
    ).rows
    return sorted((a, b, f, d, dr, round(s, 6), t) for a, b, f, d, dr, s, t in rows)


def test_notices_joining_families_that_stand_equal_a_full_rebuild(store: Store, tmp_path: Path) -> None:
    corpus = generate(n_units=14, notices_per_unit=(1, 1), n_families=2, seed=9, with_text=True)
    recs = corpus.records
    # ten holders over ten days, the first two on the first day (two tied sources)
    days = ["2023-03-01", "2023-03-01", *(f"2023-03-{d:02d}" for d in range(2, 10))]
    holders = [_notice(r, d, "holder") for r, d in zip(recs[:10], days, strict=True)]
    second = recs[3].model_copy(update={"source": recs[3].source + "/second"})
    later = [
        ("later", _notice(recs[10], "2023-04-01", "later"), "partial"),
        ("undated", _notice(recs[11], None, "undated"), "partial"),
        ("a second notice of a unit", _notice(second, "2023-04-02", "second"), "partial"),
        ("on the earliest day", _notice(recs[12], "2023-03-01", "tie"), "whole"),
        ("before every other", _notice(recs[13], "2023-02-01", "first"), "whole"),
    ]
    reference = EmbeddedStore(tmp_path / "reference")
    try:
        service.load_records(store, holders)
        service.load_records(reference, holders, families="never")
        for what, rec, how in later:
            got = service.load_records(store, [rec])
            rep = got.families
            assert rep is not None and rep.incremental, what
            assert rep.grown >= 1, (what, rep.grown)  # the case this test is for was met
            if how == "whole":
                assert rep.reattributed >= 1, (what, rep.reattributed)
            else:
                assert rep.reattributed == 0, (what, rep.reattributed)
            service.load_records(reference, [rec], families="never")
            service.rebuild_families(reference)
            assert_same(snapshot(store), snapshot(reference), what)
            assert _reuses(store) == _reuses(reference), what
    finally:
        reference.close()
