"""The layout zoo (tests/data/layouts): written notices in the layouts ANNOTATING.md describes,
each with a gold record, graded by shared/eval/score.py.

Every `<stem>.json` gold has its notice `<stem>.txt` beside it; `collections/<stem>.txt` is a
page holding several notices, with `<stem>.expected.json` (`{"notices": [gold, …]}`).
The grader lives in ../shared: without it the grading tests skip, except under CI=true where
they fail. The warning and span checks need no ../shared.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from conftest import need_shared, shared_path

from graphkit.errors import InputError, NotANoticeError
from graphkit.parse import parse_notice
from graphkit.read import read_path
from graphkit.records import Issue, NoticeRecord, validate_record

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
COLLECTIONS = LAYOUTS / "collections"
SCORE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
RECORD_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "record.schema.json"
MIN_OVERALL = 0.95
# the zoo written for each layout, and three sets written by people who had not read the parser
GOLD_DIRS = [LAYOUTS, LAYOUTS / "blind", LAYOUTS / "blind2", LAYOUTS / "blind3"]


@lru_cache(maxsize=4)
def _zoo(folder: Path = LAYOUTS) -> tuple[tuple[str, str, NoticeRecord | None, str | None], ...]:
    """(stem, clean text, record or None, why none) for every single-notice gold in `folder`."""
    out = []
    for gold in sorted(folder.glob("*.json")):
        stem = gold.stem
        try:
            texts = read_path(str(folder / f"{stem}.txt"))
        except InputError as exc:
            out.append((stem, "", None, f"read: {exc}"))
            continue
        if len(texts) != 1:
            out.append((stem, "", None, f"read_path gave {len(texts)} texts, not one"))
            continue
        text = texts[0].text
        try:
            out.append((stem, text, parse_notice(text, f"{stem}.txt"), None))
        except NotANoticeError as exc:
            out.append((stem, text, None, f"no record: {exc}"))
    return tuple(out)


@lru_cache(maxsize=1)
def _collections() -> tuple[tuple[str, list[dict[str, Any]], list[tuple[str, NoticeRecord]]], ...]:
    """(stem, gold notices, [(clean text, record)] of the page's notices) for every collection."""
    out = []
    for expected in sorted(COLLECTIONS.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        golds = json.loads(expected.read_text(encoding="utf-8"))["notices"]
        texts = read_path(str(COLLECTIONS / f"{stem}.txt"))
        recs = [(st.text, parse_notice(st.text, f"{stem}-{k}.txt")) for k, st in enumerate(texts, 1)]
        out.append((stem, golds, recs))
    return tuple(out)


def _grade(pred: Path, gold_dir: Path) -> dict[str, Any]:
    need_shared()
    shared_path("eval/score.py")  # skipped (or, under CI=true, failed) when the grader is missing
    res = subprocess.run(
        [sys.executable, str(SCORE), "--pred", str(pred), "--gold", str(gold_dir), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def _line(rec: NoticeRecord) -> str:
    return json.dumps(rec.model_dump(mode="json"), ensure_ascii=False) + "\n"


def _table(scores: dict[str, Any]) -> str:
    rows = [
        f"{name}: " + " ".join(f"{k}={v:.2f}" for k, v in row.items() if v is not None)
        for name, row in scores["notices"].items()
    ]
    return "\n".join(rows)


def _walk(issues: list[Issue]) -> Any:
    for i in issues:
        yield i
        yield from _walk(i.children)


# ---- single notices ----------------------------------------------------------------------


@pytest.mark.parametrize("folder", GOLD_DIRS, ids=lambda p: p.name)
def test_layout_zoo_scores(tmp_path: Path, folder: Path) -> None:
    zoo = _zoo(folder)
    assert zoo, f"no gold in {folder}"
    no_record = [(stem, why) for stem, _t, rec, why in zoo if rec is None]
    pred = tmp_path / "zoo.jsonl"
    pred.write_text("".join(_line(rec) for _s, _t, rec, _w in zoo if rec is not None), encoding="utf-8")
    scores = _grade(pred, folder)
    assert no_record == [], no_record
    assert sorted(scores["notices"]) == sorted(stem for stem, *_ in zoo)
    macro = scores["macro"]
    assert macro["overall"] >= MIN_OVERALL, f"macro {macro}\n{_table(scores)}"


@pytest.mark.parametrize("folder", GOLD_DIRS, ids=lambda p: p.name)
def test_layout_zoo_warnings(folder: Path) -> None:
    """Every warning code a gold expects is in the record's warnings (more are allowed)."""
    mismatches = []
    for stem, _text, rec, why in _zoo(folder):
        gold = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        want = sorted({w["code"] for w in gold.get("warnings") or []})
        got = sorted({w.code for w in rec.warnings}) if rec is not None else [f"(no record: {why})"]
        missing = [c for c in want if c not in got]
        if missing:
            mismatches.append({"notice": stem, "missing": missing, "expected": want, "got": got})
    print("\n".join(json.dumps(m, ensure_ascii=False) for m in mismatches))
    assert mismatches == [], json.dumps(mismatches, ensure_ascii=False, indent=1)


# ---- pages of several notices ------------------------------------------------------------


def test_layout_collections(tmp_path: Path) -> None:
    colls = _collections()
    assert colls, f"no collection in {COLLECTIONS}"
    problems = []
    for stem, golds, recs in colls:
        if len(recs) != len(golds):
            problems.append(
                f"{stem}: read_path split the page into {len(recs)} texts, the gold holds {len(golds)} "
                f"notices; the texts open with {[t[:30] for t, _r in recs]}"
            )
            continue
        gold_dir = tmp_path / stem
        gold_dir.mkdir()
        for k, gold in enumerate(golds, 1):
            (gold_dir / f"{stem}-{k}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        pred = tmp_path / f"{stem}.jsonl"
        pred.write_text("".join(_line(rec) for _t, rec in recs), encoding="utf-8")
        scores = _grade(pred, gold_dir)
        rows = scores["notices"]
        assert sorted(rows) == [f"{stem}-{k}" for k in range(1, len(golds) + 1)]
        mean = sum(r["overall"] for r in rows.values()) / len(rows)
        if mean < MIN_OVERALL:
            problems.append(f"{stem}: mean overall {mean:.3f} < {MIN_OVERALL}\n{_table(scores)}")
        for name, row in rows.items():
            if row["unit"] != 1.0:
                k = int(name.rsplit("-", 1)[1])
                problems.append(
                    f"{name}: unit {recs[k - 1][1].unit!r}, gold {golds[k - 1]['unit']!r} "
                    f"(aliases {golds[k - 1].get('unit_aliases', [])})"
                )
    assert problems == [], "\n".join(problems)


# ---- every record, every span ------------------------------------------------------------


def test_layout_records_validate_and_spans_point_into_the_text() -> None:
    # the schema file is the contract validate_record enforces: it must be the model's own
    assert json.loads(RECORD_SCHEMA.read_text(encoding="utf-8")) == NoticeRecord.model_json_schema(), (
        "schema/record.schema.json is stale: python -m graphkit.records > schema/record.schema.json"
    )
    items = [
        (stem, text, rec) for folder in GOLD_DIRS for stem, text, rec, _w in _zoo(folder) if rec is not None
    ]
    items += [(rec.source, text, rec) for _s, _g, recs in _collections() for text, rec in recs]
    assert items
    bad: list[tuple[Any, ...]] = []
    for name, text, rec in items:
        back = validate_record(json.loads(_line(rec)), name)
        if back.model_dump() != rec.model_dump():
            bad.append((name, "record changes through JSON"))
        n = len(text)
        for w in rec.warnings:
            if w.span is not None and not 0 <= w.span[0] <= w.span[1] <= n:
                bad.append((name, "warning span", w.code, w.span))
        for issue in _walk(rec.issues):
            if issue.span is None or not 0 <= issue.span[0] < issue.span[1] <= n:
                bad.append((name, "issue span", issue.label, issue.title, issue.span))
                continue
            for m in issue.measures:
                if m.span is None or not 0 <= m.span[0] < m.span[1] <= n:
                    bad.append((name, "measure span", m.label, m.text[:20], m.span))
                    continue
                s, e = m.span
                if not issue.span[0] <= s <= e <= issue.span[1]:
                    bad.append((name, "measure outside its issue", m.label, m.text[:20], m.span, issue.span))
                if m.text not in text[s:e]:
                    bad.append((name, "measure text not in text[span]", m.label, m.text[:20], text[s:e][:20]))
                if m.label is not None and not text[s:e].startswith(m.label):
                    bad.append((name, "span does not open with the label", m.label, text[s:e][:20]))
    assert bad == [], "\n".join(map(repr, bad))
