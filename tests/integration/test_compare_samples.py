"""`graphkit compare` on the bundled samples' 东河县委 pair (2023 notice → 2024 回头看), against
an answer counted by hand from the two sample files, on both stores and through the CLI.

The hand count (read off graphkit/samples/sample-donghe-county-2023.txt and
sample-donghe-county-2024-huitoukan.txt, before the code ran), measures named by their opening:

* issues carried over (2023 → 2024): 2.推动县域经济高质量发展办法不多 → 1.…整改成效不明显;
  3.耕地保护和粮食安全责任落实不到位 → 2.耕地保护问题整改后出现反弹; 4.主体责任压得不实 →
  4.整改主体责任传导不到位; 5.农村集体‘三资’管理不规范 → 3.…整改不彻底. Not carried over:
  2023 issues 1, 6, 7; 2024 issue 5 (形式主义倾向); no category (（一）…) names the same thing.
* verbatim: 1 — 落实耕地保护党政同责 (2023 3.一是 = 2024 2.一是).
* edited: 2 — 开展谈心谈话 (96人次 → 103人次), 推行村级财务“线上审批、线下公开” (每季度 → 每月).
* new: 8 — the other 2024 measures (11 − 3).
* dropped: 16 — the other measures of the 19 the notice states (issue 6's outcome paragraph,
  巡视反馈以来，县纪委监委查处…, is no measure: the samples' README).
* status moves: none — each carried measure and issue keeps its status (long_term, done,
  in_progress). Deadline moves: the measure 推行村级财务 2024-06 → 2024-12; the issues 县域经济
  2023-12 → 2025-06 and 三资 2024-06 → 2024-12.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphkit import service
from graphkit.analysis.compare import Comparison
from graphkit.cli.app import app
from graphkit.config import Settings
from graphkit.paths import samples_dir
from graphkit.service import comparing
from graphkit.stores.base import Store

SAMPLES = str(samples_dir())
OLD = "sample-donghe-county-2023.txt"
NEW = "sample-donghe-county-2024-huitoukan.txt"

ISSUES = {  # 2023 title → 2024 title
    "推动县域经济高质量发展办法不多": "推动县域经济高质量发展整改成效不明显",
    "耕地保护和粮食安全责任落实不到位": "耕地保护问题整改后出现反弹",
    "主体责任压得不实": "整改主体责任传导不到位",
    "农村集体‘三资’管理不规范": "农村集体‘三资’管理整改不彻底",
}
ONLY_A = {
    "学习贯彻习近平新时代中国特色社会主义思想不够深入系统",
    "违反中央八项规定精神问题时有发生",
    "选人用人工作不够规范",
    "贯彻落实党中央决策部署和省委工作要求",
    "全面从严治党",
    "基层党组织建设和干部队伍建设",
}
ONLY_B = {"整改中存在形式主义倾向", "上轮巡视反馈问题整改不到位", "巡视整改主体责任落实"}
VERBATIM = {"落实耕地保护党政同责"}
EDITED = {"开展谈心谈话": [["96", "103"]], "推行村级财务“线上审批": [["季度", "月"]]}
NEW_MEASURES = {
    "对照《东河县推动县域经济",
    "组建农产品精深加工产业链",
    "对上一轮巡视整改中已销号",
    "运用卫星遥感和无人机巡查",
    "对上一轮清理中尚未收回的",
    "制定《中共东河县委关于巩",
    "对上一轮巡视整改形成的41",
    "规范整改佐证材料报送，严",
}
DROPPED = {
    "完善理论学习制度。修订《",
    "开展专题研讨。县委理论学",
    "强化学用结合。将学习成果",
    "制定《东河县推动县域经济",
    "建立县级领导联系重点项目",
    "开展“营商环境提升年”活",
    "开展违法占用耕地专项整治",
    "建立县、乡、村三级田长制",
    "召开专题民主生活会。制定",
    "制定主体责任清单。县委班",
    "印发《东河县人民政府办公",
    "开展农村集体“三资”清理",
    "紧盯元旦、春节、清明、五",
    "严格执行干部选拔任用工作",
    "制定《东河县科级领导干部",
    "开展选人用人专项检查，对",
}
DEADLINE_MOVES = {"推行村级财务“线上审批": ("2024-06", "2024-12")}
ISSUE_DEADLINE_MOVES = {
    "推动县域经济高质量发展办法不多": ("2023-12", "2025-06"),
    "农村集体‘三资’管理不规范": ("2024-06", "2024-12"),
}


def _opening(text: str, k: int = 12) -> str:
    return text[:k]


def _starts(texts: set[str], wanted: set[str]) -> bool:
    """Each text starts with one wanted opening, and each opening starts one text."""
    return len(texts) == len(wanted) and all(any(t.startswith(w) for t in texts) for w in wanted)


def check_hand_count(c: Comparison) -> None:
    """The comparison equals the hand count of the module docstring."""
    assert c.a.published == "2023-11-30" and c.b.published == "2024-12-10"
    assert {p.a.title: p.b.title for p in c.issues} == ISSUES
    assert {i.title for i in c.issues_only_a} == ONLY_A
    assert {i.title for i in c.issues_only_b} == ONLY_B
    assert _starts({p.a.text for p in c.verbatim}, VERBATIM)
    assert all(p.a.text == p.b.text and p.score == 1.0 and not p.changes for p in c.verbatim)
    edited = {next(w for w in EDITED if p.a.text.startswith(w)): p for p in c.edited}
    assert {w: [list(x) for x in p.changes] for w, p in edited.items()} == EDITED
    assert edited["开展谈心谈话"].score == 1.0  # only a count differs: normalisation drops it
    assert 0.9 < edited["推行村级财务“线上审批"].score < 1.0
    assert all(p.b.text.startswith(p.a.text[:6]) and p.issues_matched for p in c.pairs())
    assert _starts({m.text for m in c.new}, NEW_MEASURES)
    assert _starts({m.text for m in c.dropped}, DROPPED)
    assert not c.status_moves() and not [p for p in c.issues if p.status_moved]
    moved = {_opening(p.a.text, 11): (p.a.deadline, p.b.deadline) for p in c.deadline_moves()}
    assert moved == DEADLINE_MOVES
    assert {p.a.title: (p.deadline_a, p.deadline_b) for p in c.issues if p.deadline_moved} == (
        ISSUE_DEADLINE_MOVES
    )
    assert c.counts() == {
        "issues_matched": 4,
        "issues_only_a": 6,
        "issues_only_b": 3,
        "verbatim": 1,
        "edited": 2,
        "new": 8,
        "dropped": 16,
        "status_moves": 0,
        "deadline_moves": 1,
        "issue_status_moves": 0,
        "issue_deadline_moves": 2,
    }


def _compare_samples(store: Store) -> Comparison:
    service.ingest(store, [SAMPLES])
    return comparing.compare_unit(store, "东河县委")


def test_the_donghe_pair_gives_the_hand_count(store: Store) -> None:
    check_hand_count(_compare_samples(store))


def test_notices_are_named_by_id_source_or_file_name(embedded_store: Store) -> None:
    by_unit = _compare_samples(embedded_store)
    by_name = comparing.compare(embedded_store, OLD, str(Path(SAMPLES) / NEW))
    by_id = comparing.compare(embedded_store, by_unit.a.id, by_unit.b.id)
    assert by_unit.as_dict() == by_name.as_dict() == by_id.as_dict()
    backwards = comparing.compare(embedded_store, NEW, OLD)  # B → A: new and dropped swap
    assert (len(backwards.new), len(backwards.dropped)) == (16, 8)


@pytest.mark.neo4j
def test_both_stores_give_the_same_comparison(embedded_store: Store, neo4j_store: Store) -> None:
    assert _compare_samples(embedded_store).as_dict() == _compare_samples(neo4j_store).as_dict()


# -- the command --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("compare") / "db"
    with service.open_store(Settings(store="embedded", db=db)) as store:
        service.ingest(store, [SAMPLES])
    return db


def _run(db: Path, *args: str) -> Any:
    return CliRunner().invoke(
        app, ["--store", "embedded", "--db", str(db), "compare", *args], env={"COLUMNS": "80"}
    )


def test_the_command_prints_the_same_comparison_as_json(samples_db: Path) -> None:
    done = _run(samples_db, "--unit", "东河县委", "--format", "json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    with service.open_store(Settings(store="embedded", db=samples_db), read_only=True) as store:
        assert data == comparing.compare(store, OLD, NEW).as_dict()
    assert data["counts"]["verbatim"] == 1 and data["counts"]["dropped"] == 16


def test_the_table_fits_80_columns_and_ends_with_the_summary(samples_db: Path) -> None:
    from rich.cells import cell_len

    done = _run(samples_db, OLD, NEW)
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    text = " ".join(lines[-3:])
    assert "1 verbatim, 2 edited, 8 new, 16 dropped" in text.replace("  ", " ")
    assert "季度→月" in done.stdout and "96→103" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "东河"], "no unit '东河'; closest: 东河县委、中共东河县委"),
        # the closest names are the ones every command gives: aliases too (checks.check_names)
        (["--unit", "中共东河县"], "no unit '中共东河县'; closest: 中共东河县委、东河县委"),
        (["--unit", "西山区委"], "has one notice"),
        (["nope.txt", NEW], "no notice 'nope.txt'"),
        ([OLD, OLD], "name the same notice"),
        ([OLD], "give two notices"),
        ([OLD, NEW, "--unit", "东河县委"], "give two notices"),
        (["--format", "csv", OLD, NEW], "unknown format 'csv'"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(samples_db: Path, args: list[str], message: str) -> None:
    done = _run(samples_db, *args)
    assert done.exit_code == 2
    out = done.stderr.strip() if done.stderr_bytes else done.output.strip()
    assert len(out.splitlines()) == 1 and message in out, out
