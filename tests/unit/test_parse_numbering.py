from hypothesis import given
from hypothesis import strategies as st

from graphkit.parse.numbering import (
    CIRCLED,
    cn_to_int,
    find_inline,
    find_sequence,
    int_to_cn,
    label_string,
    match_label,
)
from graphkit.parse.width import fold_width


def lab(s: str):
    n = fold_width(s)
    return match_label(n, 0, len(n))


def test_label_kinds_and_numbers():
    cases = {
        "一、整改工作组织情况": ("cn_dun", 1),
        "（三）校准方向,系统总结。": ("cn_paren", 3),
        "(二)压实责任": ("cn_paren", 2),
        "1. 关于“产业转型升级步伐不快”问题的整改。": ("num_dot", 1),
        "12.关于“形式主义官僚主义整治不力”问题的整改。": ("num_dot", 12),
        "1、学习习近平新时代中国特色社会主义思想": ("num_dot", 1),
        "(1)出台“高质量发展30条”": ("num_paren", 1),
        "（27）一是关于“形式主义问题仍然突出": ("num_paren", 27),
        "十一是关于“区委对‘关键少数’管理宽松软": ("shi", 11),
        "二十三是关于“监督缺失。": ("shi", 23),
        "②把征求意见作为确定重大决策": ("circle", 2),
    }
    for s, (kind, number) in cases.items():
        got = lab(s)
        assert got is not None, s
        assert (got.kind, got.number) == (kind, number), s


def test_not_labels():
    for s in (
        "2020年前五个月,省文化和旅游厅",
        "1.56亿立方米",
        "统一是",
        "[①] “1+1+3+N”",
        "整改进展情况:已完成",
        "一是",
    ):
        assert lab(s) is None, s


def test_label_text_is_as_written():
    s = "（1）关于“学习不够系统全面”的问题。"
    got = match_label(fold_width(s), 0, len(s))
    assert got is not None and got.text(s) == "（1）"


def test_cn_numerals():
    assert [cn_to_int(x) for x in ("一", "十", "十二", "二十", "四十七", "九十九")] == [1, 10, 12, 20, 47, 99]
    assert cn_to_int("百") is None and cn_to_int("") is None and cn_to_int("十十") is None


@given(st.integers(min_value=1, max_value=99))
def test_cn_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


def test_inline_enumeration_with_nested_circles():
    s = "整改措施及成效:一是开展系统学习。制定了计划。二是自觉对标对表,召开会议。三是认真做好填报工作。①对事项进行总结。②召开会议。四是编印案例。"
    first, segs = find_inline(s, 0, len(s))
    assert s[first:].startswith("一是")
    assert [x.label.text(s) for x in segs] == ["一是", "二是", "三是", "四是"]
    assert [c.label.text(s) for c in segs[2].children] == ["①", "②"]
    assert segs[0].end == segs[1].label.start


def test_inline_restart_and_boundaries():
    s = "统一是前提。整改措施:一是甲。二是乙。下一步工作:一是丙。二是丁。"
    seq = find_sequence(s, "shi", 0, len(s))
    assert [x.number for x in seq] == [1, 2, 1, 2]


def test_lone_paren_number_is_not_an_enumeration():
    s = "印发《规划(2017-2030)》,其中(1)项已完成。"
    assert find_sequence(s, "num_paren", 0, len(s)) == []


_LABEL_KINDS = st.sampled_from(["shi", "circle", "num_paren", "cn_paren"])


@given(_LABEL_KINDS, st.integers(min_value=1, max_value=20), st.text(min_size=1, max_size=20))
def test_labels_round_trip(kind, number, tail):
    tail = "甲" + tail.replace("\n", "")
    s = label_string(kind, number) + tail
    got = match_label(s, 0, len(s))
    assert got is not None
    assert (got.kind, got.number) == (kind, number)
    assert got.start == 0 and got.end <= len(s)


@given(st.text(alphabet=st.sampled_from([*list("一二三是①②③(1)2.、。,:;甲乙 \n"), CIRCLED[4]]), max_size=200))
def test_scanners_never_crash_and_stay_in_bounds(s):
    n = fold_width(s)
    assert len(n) == len(s)
    got = match_label(n, 0, len(n))
    if got is not None:
        assert 0 <= got.start < got.end <= len(n)
    first, segs = find_inline(n, 0, len(n))
    assert 0 <= first <= len(n)
    prev = first
    for seg in segs:
        assert prev <= seg.label.start < seg.label.end <= seg.end <= len(n)
        prev = seg.end
        for c in seg.children:
            assert seg.label.end <= c.label.start < c.end <= seg.end


@given(st.text(max_size=300))
def test_normalize_keeps_length(s):
    assert len(fold_width(s)) == len(s)
