"""`graphkit parse` reports parser warnings: one line each, a tally, and --strict."""

from __future__ import annotations

import json
from pathlib import Path

from test_parse_cmd import run

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
UNNAMED = LAYOUTS / "b-meta-unit-unknown-2022.txt"  # names no unit
TRADITIONAL = LAYOUTS / "b-trad-university-2023.txt"
CLEAN = LAYOUTS / "a-no-top-sections-county-2023.txt"


def test_each_warning_is_one_line_and_the_tally_closes_stderr() -> None:
    res = run(str(UNNAMED), str(TRADITIONAL), str(CLEAN))
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs[0]["unit"] is None and len(recs) == 3
    assert [w["code"] for w in recs[0]["warnings"]] == ["unit_not_found"]
    assert [w["code"] for w in recs[1]["warnings"]] == ["traditional_characters"]
    assert recs[2]["warnings"] == []
    assert res.stderr.splitlines() == [
        f"{UNNAMED}: warning unit_not_found: the notice names no inspected unit that could be read",
        f"{TRADITIONAL}: warning traditional_characters: written in traditional characters (read through OpenCC t2s)",
        "2 warnings in 2 notices (traditional_characters 1, unit_not_found 1)",
    ]


def test_strict_fails_the_notices_with_warnings_and_keeps_the_others() -> None:
    res = run("--strict", str(UNNAMED), str(CLEAN))
    assert res.returncode == 1
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 1 and recs[0]["warnings"] == []
    assert res.stderr.splitlines()[0].startswith(f"{UNNAMED}: error unit_not_found")


def test_a_clean_run_prints_nothing_on_stderr() -> None:
    res = run(str(CLEAN))
    assert res.returncode == 0 and res.stderr == ""
