"""The family index sees a unit whose names or rank changed (its texts normalise differently,
its families attribute differently), and records only the notices and units that changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from graphkit.analysis.incremental.index import FamilyIndex
from graphkit.analysis.normalize import UnitNames
from graphkit.analysis.recycled import DetectParams
from graphkit.analysis.sources import UnitRank


def _index(tmp_path: Path) -> FamilyIndex:
    idx = FamilyIndex.create(tmp_path / "idx", DetectParams())
    idx.set_sources(
        {"n1": ("h1", "u1"), "n2": ("h2", "u2")},
        UnitNames([("u1", "甲县委", None), ("u2", "乙县委", ["乙县"])]),
        {"u1": UnitRank("county", "110101"), "u2": UnitRank("county", None)},
    )
    return idx


def test_a_change_of_any_rank_field_or_name_is_seen(tmp_path: Path) -> None:
    idx = _index(tmp_path)
    names = UnitNames([("u1", "甲县委", None), ("u2", "乙县委", ["乙县"])])
    ranks = {"u1": UnitRank("county", "110101"), "u2": UnitRank("county", None)}
    assert idx.units_differ(names, ranks) == []
    for f in dataclasses.fields(UnitRank):
        changed = dataclasses.replace(ranks["u1"], **{f.name: "other"})
        assert idx.units_differ(names, {**ranks, "u1": changed}) == ["u1"], f.name
    assert idx.units_differ(UnitNames([("u1", "甲县委", None), ("u2", "乙县委", None)]), ranks) == ["u2"]
    renamed = UnitNames([("u1", "甲县委员会", None), ("u2", "乙县委", ["乙县"])])
    assert idx.units_differ(renamed, ranks) == ["u1"]
    assert renamed["u1"][0] == "中共甲县委员会"  # the names made from the name and aliases
    assert idx.units_differ(names, {"u1": ranks["u1"]}) == ["u2"]  # a rank lost
    idx.close()


def test_set_sources_records_the_new_state(tmp_path: Path) -> None:
    idx = _index(tmp_path)
    now = UnitNames([("u1", "甲县委员会", None)])
    idx.set_sources({"n1": ("h1", "u1"), "n3": ("h3", "u1")}, now, {"u1": UnitRank(None, None)})
    assert idx.notices() == {"n1": "h1", "n3": "h3"}
    assert sorted(idx.db.execute("SELECT id, unit FROM notice")) == [("n1", "u1"), ("n3", "u1")]
    assert idx.units_differ(now, {"u1": UnitRank(None, None)}) == []
    assert [u for (u,) in idx.db.execute("SELECT id FROM unit")] == ["u1"]
    idx.close()
