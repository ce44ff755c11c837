"""The parser against the dev gold records, graded by shared/eval/score.py.

Skipped when the shared folder is absent, except on CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.parse import parse_notice
from graphkit.records import validate_record

SHARED = Path(__file__).parents[2].parent / "shared"
GOLD = SHARED / "eval" / "gold"
NOTICES = SHARED / "corpus" / "notices"
SCORE = SHARED / "eval" / "score.py"
# corpus notices annotated by reading for this project (not the parser's dev set)
HOLDOUT = Path(__file__).parents[1] / "data" / "holdout"


def _need_shared() -> None:
    if SCORE.is_file() and GOLD.is_dir() and NOTICES.is_dir():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"shared eval data missing at {SHARED} (required on CI)")
    pytest.skip(f"shared eval data not found at {SHARED}")


def _walk(issues):
    for i in issues:
        yield i
        yield from _walk(i.children)


def _score(gold_dir: Path, tmp_path: Path) -> dict:
    out = tmp_path / f"pred-{gold_dir.name}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for gold in sorted(gold_dir.glob("*.json")):
            text = (NOTICES / f"{gold.stem}.txt").read_text(encoding="utf-8")
            rec = parse_notice(text, f"{gold.stem}.txt")
            fh.write(json.dumps(rec.model_dump(mode="json"), ensure_ascii=False) + "\n")
    res = subprocess.run(
        [sys.executable, str(SCORE), "--pred", str(out), "--gold", str(gold_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(res.stdout)


def test_dev_gold_scores(tmp_path):
    _need_shared()
    macro = _score(GOLD, tmp_path)["macro"]
    assert macro["overall"] >= 0.90, macro
    for col, v in macro.items():
        if v is not None:
            assert v >= 0.80, (col, macro)


def test_holdout_gold_scores(tmp_path):
    """Three corpus notices the parser was not tuned on when they were annotated
    (tests/data/holdout/README.md); scored 0.992 before the rules they prompted, 0.998 after."""
    _need_shared()
    assert len(list(HOLDOUT.glob("*.json"))) == 3
    scores = _score(HOLDOUT, tmp_path)
    macro = scores["macro"]
    assert macro["overall"] >= 0.95, macro
    for name, row in scores["notices"].items():
        assert row["overall"] >= 0.90, (name, row)
    for col, v in macro.items():
        if v is not None:
            assert v >= 0.90, (col, macro)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in NOTICES.glob("*.txt")) if NOTICES.is_dir() else ["(none)"]
)
def test_every_corpus_notice_parses(name):
    _need_shared()
    text = (NOTICES / name).read_text(encoding="utf-8")
    rec = parse_notice(text, name)
    # what the parser builds is valid at the boundary: the record survives a JSON round trip
    assert validate_record(rec.model_dump(mode="json"), name).model_dump() == rec.model_dump()
    issues = list(_walk(rec.issues))
    measures = [m for i in issues for m in i.measures]
    assert issues and measures, name
    assert rec.unit.strip()
    for i in issues:
        assert i.title.strip()
        for m in i.measures:
            s, e = m.span
            assert m.text[:20] in text[s:e]
