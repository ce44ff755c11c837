"""Store format 6: each measure carries `due`, its deadline as the last day it allows, which
measures/overdue orders by through an index. A store of format 5 is migrated by writing each
measure's due from its deadline: nothing is read again and its families are kept as they are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_store_upgrade import gk, unpack_commit

from graphkit.paths import samples_dir
from graphkit.records import due_date

FORMAT_5 = "e661038"  # the last commit writing store format 5


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        (None, None),
        ("", None),
        ("2023", "2023-12-31"),
        ("2024-02", "2024-02-31"),
        ("2024-06-30", "2024-06-30"),
    ],
)
def test_the_due_date_is_the_last_day_a_deadline_allows(deadline: str | None, due: str | None) -> None:
    assert due_date(deadline) == due


def test_a_padded_month_sorts_after_its_days_and_before_the_next_month() -> None:
    due = due_date("2024-02")
    assert due is not None and "2024-02-29" < due < "2024-03-01"


def _json(db: Path, *args: str, code: Path | None = None) -> list[dict[str, object]]:
    res = gk("--db", str(db), *args, "--format", "json", code=code)
    assert res.returncode == 0, res.stderr
    rows: list[dict[str, object]] = json.loads(res.stdout)
    return rows


def _measures(db: Path) -> list[dict[str, object]]:
    return _json(
        db, "cypher", "MATCH (m:Measure) RETURN m.id AS id, m.deadline AS deadline, m.due AS due ORDER BY id"
    )


def _families(db: Path, code: Path | None = None) -> list[dict[str, object]]:
    """Every family member, with the family's id, size and the store's own id of its node (a
    family detected again is written as a new node)."""
    return _json(
        db,
        "cypher",
        "MATCH (x)-[:INSTANCE_OF]->(t:MeasureTemplate) "
        "RETURN t.id AS id, t.size AS size, x.id AS member, ID(t) AS node ORDER BY id, member",
        code=code,
    )


def test_a_store_of_format_5_gets_its_due_dates_and_keeps_its_families(tmp_path: Path) -> None:
    old = unpack_commit(FORMAT_5, tmp_path / "old")
    files = [str(p) for p in sorted(samples_dir().glob("*.txt"))]
    db, fresh = tmp_path / "db", tmp_path / "fresh"
    assert gk("--db", str(db), "ingest", *files, code=old).returncode == 0
    before = _families(db, code=old)
    overdue = ("query", "run", "measures/overdue", "-p", "today=2026-01-01")

    refused = gk("--db", str(db), *overdue)
    assert refused.returncode == 2 and "graphkit migrate" in refused.stderr, refused.stderr
    migrated = gk("--db", str(db), "migrate")
    assert migrated.returncode == 0, migrated.stderr
    said = " ".join(migrated.stdout.split())
    assert "from store format 5" in said and "0 notices read again" in said, said

    assert gk("--db", str(fresh), "ingest", *files).returncode == 0
    got, want = _measures(db), _measures(fresh)
    assert got == want
    dated = [m for m in want if m["deadline"]]
    assert dated and all(m["due"] == due_date(str(m["deadline"])) for m in dated)
    assert f"measures given their due date: {len(dated)}" in said, said
    assert _families(db) == before and before  # the same nodes: not detected again
    assert _json(db, *overdue) == _json(fresh, *overdue)
    assert _json(db, *overdue)  # the samples' deadlines (2023-12 … 2025-06, in progress) are past

    again = gk("--db", str(db), "migrate")
    assert again.returncode == 0 and "nothing to migrate" in " ".join(again.stdout.split()), again.stdout
