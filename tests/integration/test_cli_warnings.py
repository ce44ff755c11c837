"""Parser warnings through the CLI: one line per warning, a tally in the summary, --strict."""

from __future__ import annotations

from pathlib import Path

from test_cli_ingest import gk, stats

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
UNNAMED = LAYOUTS / "b-meta-unit-unknown-2022.txt"  # names no unit: unit_not_found
CLEAN = LAYOUTS / "a-no-top-sections-county-2023.txt"


def test_ingest_reports_warnings_and_loads_the_notice(tmp_path: Path) -> None:
    db = tmp_path / "db"
    res = gk("--db", str(db), "ingest", str(UNNAMED), str(CLEAN))
    assert res.returncode == 0, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines == [
        f"{UNNAMED}: warning unit_not_found: the notice names no inspected unit that could be read"
    ]
    assert "1 warning in 1 notice (unit_not_found 1)" in " ".join(res.stdout.split())
    counts = stats(db)
    assert counts["nodes"]["Notice"] == 2
    # the unnamed notice has a unit node of its own, with no name
    assert counts["nodes"]["Unit"] == 2


def test_strict_ingest_fails_the_notice_with_warnings(tmp_path: Path) -> None:
    db = tmp_path / "db"
    res = gk("--db", str(db), "ingest", "--strict", str(UNNAMED), str(CLEAN))
    assert res.returncode == 1
    assert f"{UNNAMED}: error unit_not_found" in res.stderr
    assert stats(db)["nodes"]["Notice"] == 1
