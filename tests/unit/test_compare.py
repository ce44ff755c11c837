"""graphkit.analysis.compare on generated notice pairs with planted answers, and its parts.

Each pair is written here: notice A has issues on distinct topics with generated measures
(graphkit.testing.synth); notice B carries some issues over under a re-worded title (the topic
kept, the shortcoming re-framed as a 回头看 does), repeats some measures verbatim (a new label,
sometimes a new status), some edited (synth.edit_text at 10 %), moves one verbatim to another
issue, drops the rest and adds new ones. The comparison must find exactly what was planted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import pytest

from graphkit.analysis.align import align
from graphkit.analysis.compare import (
    EDITED,
    TITLE_MATCH,
    IssueRow,
    MeasureRow,
    NoticeInfo,
    NoticeSide,
    changes,
    changes_in,
    compare,
    title_score,
    title_topic,
)
from graphkit.testing import synth

SHORTFALLS = ("落实不到位", "工作不够有力", "推进滞后", "管理不规范", "存在短板")
REFRAMED = ("整改后出现反弹", "整改不彻底", "整改成效不明显", "问题依然存在")
LABELS_A = ("一是", "二是", "三是", "四是", "五是")
LABELS_B = ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)")


@dataclass
class Planted:
    """What a generated pair holds: issue pairs, measure pairs, and the rest, by id."""

    issues: set[tuple[str, str]] = field(default_factory=set)
    verbatim: set[tuple[str, str]] = field(default_factory=set)
    edited: set[tuple[str, str]] = field(default_factory=set)
    new: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)
    status_moves: set[tuple[str, str]] = field(default_factory=set)


def _topics(rng: random.Random, k: int) -> list[str]:
    """k topics of synth.TOPICS that share no two-character run (different subjects)."""
    out: list[str] = []
    pool = list(synth.TOPICS)
    rng.shuffle(pool)
    for t in pool:
        grams = {t[i : i + 2] for i in range(len(t) - 1)}
        if all(not grams & {u[i : i + 2] for i in range(len(u) - 1)} for u in out):
            out.append(t)
        if len(out) == k:
            return out
    raise AssertionError("not enough distinct topics")


def _measure(rng: random.Random) -> str:
    return synth.instantiate(synth.make_measure(rng), rng, "县委")


def generate_pair(seed: int) -> tuple[NoticeSide, NoticeSide, Planted]:
    """Notice A (5 issues × 4 measures) and B (3 carried issues + 1 new), with the truth."""
    rng = random.Random(seed)
    topics = _topics(rng, 6)
    truth = Planted()
    issues_a = [
        IssueRow(f"a{k}", None, f"{k + 1}.", t + rng.choice(SHORTFALLS), 1, k)
        for k, t in enumerate(topics[:5])
    ]
    issues_b = [
        IssueRow(f"b{k}", None, f"{k + 1}.", t + rng.choice(REFRAMED), 1, k) for k, t in enumerate(topics[:3])
    ]
    issues_b.append(IssueRow("b3", None, "4.", topics[5] + rng.choice(SHORTFALLS), 1, 3))
    truth.issues = {(f"a{k}", f"b{k}") for k in range(3)}
    measures_a: list[MeasureRow] = []
    measures_b: list[MeasureRow] = []
    for k, issue in enumerate(issues_a):
        for j in range(4):
            status = rng.choice(("in_progress", "done"))
            m = MeasureRow(f"a{k}m{j}", issue.id, LABELS_A[j], _measure(rng), status, None, len(measures_a))
            measures_a.append(m)
            truth.dropped.add(m.id)
    for k in range(3):  # carried issues: measure 0 verbatim, 1 edited, 2 and 3 dropped, one new
        old = measures_a[4 * k]
        status = rng.choice(("in_progress", "done", "long_term"))
        measures_b.append(MeasureRow(f"b{k}v", f"b{k}", LABELS_B[0], old.text, status, None, len(measures_b)))
        truth.verbatim.add((old.id, f"b{k}v"))
        if status != old.status:
            truth.status_moves.add((old.id, f"b{k}v"))
        old = measures_a[4 * k + 1]
        text = old.text
        while text.replace("，", ",") == old.text.replace("，", ","):
            text = synth.edit_text(old.text, 0.1, rng)
        measures_b.append(MeasureRow(f"b{k}e", f"b{k}", LABELS_B[1], text, old.status, None, len(measures_b)))
        truth.edited.add((old.id, f"b{k}e"))
        measures_b.append(
            MeasureRow(f"b{k}n", f"b{k}", LABELS_B[2], _measure(rng), "done", None, len(measures_b))
        )
        truth.new.add(f"b{k}n")
    moved = measures_a[4 * 3 + 2]  # an issue only in A: one of its measures moves to B's new issue
    measures_b.append(MeasureRow("b3v", "b3", LABELS_B[0], moved.text, moved.status, None, len(measures_b)))
    truth.verbatim.add((moved.id, "b3v"))
    for j in (1, 2):
        measures_b.append(
            MeasureRow(f"b3n{j}", "b3", LABELS_B[j], _measure(rng), "done", None, len(measures_b))
        )
        truth.new.add(f"b3n{j}")
    truth.dropped -= {a for a, _ in truth.verbatim | truth.edited}
    a = NoticeSide(
        NoticeInfo("n-a", "东河县委", "A", "2023-01-01", "a.txt"), tuple(issues_a), tuple(measures_a)
    )
    b = NoticeSide(
        NoticeInfo("n-b", "东河县委", "B", "2024-01-01", "b.txt"), tuple(issues_b), tuple(measures_b)
    )
    return a, b, truth


@pytest.mark.parametrize("seed", range(20))
def test_generated_pairs_give_what_was_planted(seed: int) -> None:
    a, b, truth = generate_pair(seed)
    c = compare(a, b)
    assert {(p.a.id, p.b.id) for p in c.issues} == truth.issues
    assert {(p.a.id, p.b.id) for p in c.verbatim} == truth.verbatim
    assert {(p.a.id, p.b.id) for p in c.edited} == truth.edited
    assert {m.id for m in c.new} == truth.new
    assert {m.id for m in c.dropped} == truth.dropped
    assert {(p.a.id, p.b.id) for p in c.status_moves()} == truth.status_moves
    assert all(EDITED <= p.score < 1.0 and p.changes for p in c.edited)
    moved = next(p for p in c.verbatim if p.b.id == "b3v")
    assert not moved.issues_matched and all(p.issues_matched for p in c.pairs() if p is not moved)
    counts = c.counts()
    assert counts["verbatim"] + counts["edited"] + counts["dropped"] == len(a.measures)
    assert counts["verbatim"] + counts["edited"] + counts["new"] == len(b.measures)


def test_the_planted_status_moves_are_not_all_empty() -> None:
    """The generator does plant status moves (else the test above could not fail on them)."""
    assert sum(len(generate_pair(s)[2].status_moves) for s in range(20)) >= 10


# -- the parts ----------------------------------------------------------------------------------


def test_a_title_is_compared_on_its_topic() -> None:
    assert title_topic("关于“耕地保护问题整改后出现反弹”的问题") == "耕地保护后"
    assert title_topic("农村集体‘三资’管理不规范") == title_topic("农村集体‘三资’管理整改不彻底")
    assert title_score("耕地保护和粮食安全责任落实不到位", "耕地保护问题整改后出现反弹") >= TITLE_MATCH
    # one stock word in common is not a match, nor scattered characters of a long title
    assert title_score("耕地保护和粮食安全责任落实不到位", "整改主体责任传导不到位") < TITLE_MATCH
    assert title_score("学习贯彻习近平新时代中国特色社会主义思想不够深入系统", "整改中存在形式主义倾向") < 0.1
    assert title_score("东河县委主体责任压得不实", "主体责任压得不实", ["东河县委"]) == 1.0


def test_changes_are_the_fragments_as_written() -> None:
    assert changes("共谈话96人次", "共谈话103人次") == (("96", "103"),)
    assert changes("每季度公开", "每月公开") == (("季度", "月"),)
    assert changes("开展检查", "开展专项检查") == (("", "专项"),)
    assert changes("一样", "一样") == ()


def test_changes_are_read_off_the_alignment_a_reader_sees() -> None:
    """One alignment per edited pair: the changes are the edits ``align`` marks (a rewritten
    phrase around one kept character is one change, as the report and ``recycled show`` mark
    it), plus what normalisation left out and differs (a count)."""
    a, b = "推进改为重点工作", "推进医为民重点工作"
    al = align(a, b)
    assert [(a[e.a_start : e.a_end], b[e.b_start : e.b_end]) for e in al.edits()] == [("改为", "医为民")]
    assert changes_in(al) == changes(a, b) == (("改为", "医为民"),)  # not 改→医 and then +民
    a, b = "东河县委共谈话96人次", "西山区委共谈话103人次"  # the units' names are not compared
    assert changes(a, b, ["东河县委"], ["西山区委"]) == (("东河县", "西山区"), ("96", "103"))
    side_a = _side("a", ["推进改为重点工作，共谈话96人次"])
    side_b = _side("b", ["推进医为民重点工作，共谈话103人次"])
    (pair,) = compare(side_a, side_b).edited
    assert pair.changes == (("改为", "医为民"), ("96", "103"))


def _side(nid: str, texts: list[str]) -> NoticeSide:
    issue = IssueRow(f"{nid}i", None, "1.", "主体责任压得不实")
    ms = tuple(MeasureRow(f"{nid}m{k}", issue.id, None, t, None, None, k) for k, t in enumerate(texts))
    return NoticeSide(NoticeInfo(nid, "东河县委", None, None, None), (issue,), ms)


def test_a_verbatim_copy_wins_over_an_edited_one_and_width_does_not_count() -> None:
    text = "严格执行干部选拔任用工作廉洁自律“双签字”制度，坚持不签字不上会，对科级干部逐人复核。"
    edited = text.replace("逐人复核", "逐一复核")
    half = text.replace("，", ",") + " "
    c = compare(_side("a", [text]), _side("b", [edited, half]))
    assert [(p.kind, p.b.id) for p in c.pairs()] == [("verbatim", "bm1")]
    assert [m.id for m in c.new] == ["bm0"]


def _parsed(name: str) -> NoticeSide:
    """A bundled sample as the comparison takes it: parsed (no store), ids from tree positions."""
    from graphkit import service
    from graphkit.paths import samples_dir

    (item,) = service.parse([str(samples_dir() / name)])
    rec = item.record
    assert rec is not None
    issues: list[IssueRow] = []
    measures: list[MeasureRow] = []

    def walk(items: list[Any], parent: str | None, depth: int) -> None:
        for k, issue in enumerate(items):
            iid = f"{parent or rec.id}.{k}"
            issues.append(IssueRow(iid, parent, issue.label, issue.title, depth, len(issues)))
            for j, m in enumerate(issue.measures):
                measures.append(
                    MeasureRow(f"{iid}m{j}", iid, m.label, m.text, m.status, m.deadline, len(measures))
                )
            walk(issue.children, iid, depth + 1)

    walk(list(rec.issues), None, 1)
    notice = NoticeInfo(rec.id, rec.unit, rec.title, rec.published, rec.source)
    return NoticeSide(notice, tuple(issues), tuple(measures))


# The samples' README, "Planted reuse", across units (东河 2023 ↔ 西山 2023): R4 differs only in
# half-width commas and R5 not at all (verbatim); R1, R2, R3, R6 swap the unit's names, levels and
# numbers (edited). "No other measure pair across or within the three files is more than 60 %
# similar": nothing else pairs.
ACROSS_UNITS_VERBATIM = {"紧盯元旦、春节、清明", "严格执行干部选拔任用"}
ACROSS_UNITS_EDITED = {"完善理论学习制度", "建立县级领导联系重点", "开展农村集体“三资”", "召开专题民主生活会"}


def test_the_two_units_of_the_samples_share_only_the_planted_measures() -> None:
    a, b = (_parsed(n) for n in ("sample-donghe-county-2023.txt", "sample-xishan-district-2023.txt"))
    c = compare(a, b)
    assert {w for w in ACROSS_UNITS_VERBATIM for p in c.verbatim if p.a.text.startswith(w)} == (
        ACROSS_UNITS_VERBATIM
    )
    assert {w for w in ACROSS_UNITS_EDITED for p in c.edited if p.a.text.startswith(w)} == ACROSS_UNITS_EDITED
    assert (len(c.verbatim), len(c.edited)) == (2, 4)
