"""Character alignment of two measures: planted edits are found exactly, on the original texts."""

from __future__ import annotations

import itertools
import random

import pytest

from graphkit.analysis.align import align, normalize_with_offsets
from graphkit.analysis.normalize import _FULLWIDTH, normalize, unit_name_variants
from graphkit.testing.synth import edit_text, instantiate, make_measure

BASE = "一是加强组织领导，我厅成立了12个工作专班，逐项压实整改责任，按月调度推进落实。"


def _edits(a: str, b: str) -> list[tuple[str, str, str]]:
    al = align(a, b)
    return [(op.kind, a[op.a_start : op.a_end], b[op.b_start : op.b_end]) for op in al.edits()]


def test_identical_after_normalisation_has_no_edits() -> None:
    other = "（一）加强组织领导，本局成立了3个工作专班；逐项压实整改责任，按月调度推进落实"
    al = align(BASE, other)
    assert al.edits() == []
    assert al.similarity == 1.0


@pytest.mark.parametrize(
    ("b", "expected"),
    [
        # substitution of a phrase
        (BASE.replace("加强", "健全"), [("replace", "加强", "健全")]),
        # deletion
        (BASE.replace("逐项", ""), [("delete", "逐项", "")]),
        # insertion
        (BASE.replace("压实整改", "压实整改主体"), [("insert", "", "主体")]),
        # three planted edits at once, in order
        (
            BASE.replace("加强", "健全").replace("逐项", "").replace("推进", "督促推进"),
            [("replace", "加强", "健全"), ("delete", "逐项", ""), ("insert", "", "督促")],
        ),
    ],
)
def test_planted_edits_are_found_exactly(b: str, expected: list[tuple[str, str, str]]) -> None:
    assert _edits(BASE, b) == expected


def test_offsets_land_on_the_original_characters() -> None:
    b = "（一）健全组织领导，本局成立了3个工作专班，逐项压实整改责任，按月调度推进落实。"
    (op,) = align(BASE, b).edits()
    assert (op.a_start, op.a_end) == (BASE.index("加强"), BASE.index("加强") + 2)
    assert (op.b_start, op.b_end) == (b.index("健全"), b.index("健全") + 2)


def test_a_moved_block_is_one_move() -> None:
    a = "按照要求召开专题民主生活会，深入查摆问题根源，建立整改台账清单。"
    b = "建立整改台账清单，按照要求召开专题民主生活会，深入查摆问题根源。"
    (op,) = align(a, b).edits()
    assert op.kind == "move"
    assert a[op.a_start : op.a_end] == b[op.b_start : op.b_end] == "建立整改台账清单"
    assert op.a_start == a.index("建立") and op.b_start == 0


def test_a_lone_common_character_inside_a_rewrite_is_part_of_it() -> None:
    # 加强 → 强化 keeps 强 in the LCS; the reader sees one replaced phrase.
    assert _edits(BASE, BASE.replace("加强", "强化")) == [("replace", "加强", "强化")]


def test_unit_names_are_not_differences() -> None:
    a = "省体育局党组召开专题会议研究部署整改工作。"
    b = "省文旅厅党组召开专题会议研究部署整改工作。"
    assert _edits(a, b) != []
    al = align(a, b, unit_name_variants("省体育局党组"), unit_name_variants("省文旅厅党组"))
    assert al.edits() == [] and al.similarity == 1.0


def test_segments_tile_each_text_and_mark_what_normalisation_removed() -> None:
    b = BASE.replace("逐项", "")
    al = align(BASE, b)
    for side, text in (("a", BASE), ("b", b)):
        segs = al.segments(side)  # type: ignore[arg-type]
        assert segs[0].start == 0 and segs[-1].end == len(text)
        assert all(x.end == y.start for x, y in itertools.pairwise(segs))
    got = [(s.kind, BASE[s.start : s.end]) for s in al.segments("a")]
    assert ("delete", "逐项") in got
    assert ("ignored", "，我厅") in got and ("ignored", "12个") in got
    assert got[0] == ("ignored", "一是")


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        instantiate(make_measure(rng), rng, rng.choice(["我厅", "区委", "局党组", "本单位"]))
        for _ in range(n)
    ]


def test_normalisation_replayed_with_offsets_matches_normalize() -> None:
    for text in [*_texts(300, 1), "ＡＢＣ１２３我厅（一）加强", "", "。，"]:
        norm, offsets = normalize_with_offsets(text)
        assert norm == normalize(text)
        assert len(offsets) == len(norm)
        assert offsets == sorted(set(offsets))
        folded = text.translate(_FULLWIDTH)
        assert all(folded[o] == ch for o, ch in zip(offsets, norm, strict=True))


def test_random_edits_align_consistently() -> None:
    """On synthetic copies edited at 10 %: the ops cover each normalised text once, equal ops
    join equal text, and the similarity is in [0, 1]."""
    rng = random.Random(7)
    for text in _texts(200, 2):
        b = edit_text(text, 0.1, rng)
        al = align(text, b)
        cover_a = sorted((op.na_start, op.na_end) for op in al.ops if op.na_end > op.na_start)
        cover_b = sorted((op.nb_start, op.nb_end) for op in al.ops if op.nb_end > op.nb_start)
        for cover, norm in ((cover_a, al.norm_a), (cover_b, al.norm_b)):
            assert [s for s, _ in cover] == [0] + [e for _, e in cover[:-1]]
            assert (cover[-1][1] if cover else 0) == len(norm)
        for op in al.ops:
            if op.kind in ("equal", "move"):
                assert al.norm_a[op.na_start : op.na_end] == al.norm_b[op.nb_start : op.nb_end]
        assert 0.0 <= al.similarity <= 1.0
