from graphkit.parse.dates import (
    RANGE_RE,
    YearIndex,
    find_deadline,
    infer_year,
    parse_date_line,
    read_damaged,
    resolve,
)
from graphkit.parse.metadata import find_inspection
from graphkit.parse.width import fold_width


def test_year_inference_follows_spec():
    # 2019年10月25日至12月25日……3月2日 gives 2020-03-02
    assert infer_year(3, 2, "2019-12-25") == 2020
    assert infer_year(12, 30, "2019-12-25") == 2019
    assert resolve(None, "3", "2", "2019-12-25") == "2020-03-02"
    assert resolve(None, "3", "2", None) is None


def test_invalid_dates_give_none():
    assert resolve("2020", "2", "30", None) is None
    assert parse_date_line("2020年9月14日") == "2020-09-14"
    assert parse_date_line("202284") is None


def test_stripped_dates_are_read_where_only_one_reading_is_possible():
    # the page stripped 年 and 月: 202131日 can only be 2021-03-01, 430日 only 04-30, 722日 only 07-22
    s = "根据市委统一部署,202131日至430日,市委巡视一组对静海区开展了常规巡视。722日,市委巡视一组向静海区委反馈了巡视意见。"
    assert RANGE_RE.search(s) is None
    damaged: list[tuple[int, int]] = []
    ins = find_inspection(fold_width(s), s, 0, len(s), damaged)
    assert ins.team == "市委巡视一组"
    assert ins.kind == "常规巡视"
    assert (ins.start, ins.end, ins.feedback) == ("2021-03-01", "2021-04-30", "2021-07-22")
    assert len(damaged) == 2


def test_stripped_dates_with_two_readings_give_no_date():
    # 2024111日: 2024-01-11 or 2024-11-01; 1210日 after it cannot be placed without its start
    s = "根据县委统一部署,2024111日至1210日,县委第二巡察组对县林业局党组开展了常规巡察。"
    damaged: list[tuple[int, int]] = []
    ins = find_inspection(fold_width(s), s, 0, len(s), damaged)
    assert ins.start is None
    assert damaged == [(9, 23)]  # 2024111日至1210日


def test_read_damaged():
    assert read_damaged("2024915", None) == ("2024-09-15", False)
    assert read_damaged("1112", "2024-09-15") == ("2024-11-12", False)
    assert read_damaged("1220", "2024-11-12") == ("2024-12-20", False)
    assert read_damaged("2024111", None) == (None, True)  # 1-11 or 11-1
    assert read_damaged("2024105", None) == (None, True)  # 1-05 or 10-5
    assert read_damaged("1112", None) == (None, True)  # no year to take


def test_teams_without_a_number_and_central_inspection():
    for s, team in [
        ("根据县委统一部署,县委机动巡察组对县林业局党组开展了机动巡察。", "县委机动巡察组"),
        ("根据区委统一部署,区委第巡察组对区统计局党组进行了常规巡察。", "区委第巡察组"),
        ("根据中央统一部署,十九届中央第二轮巡视期间,中央第十巡视组对本部开展了常规巡视。", "中央第十巡视组"),
        ("根据镇党委统一部署,镇党委第二巡察组对东坪村党组织开展了巡察。", "镇党委第二巡察组"),
    ]:
        assert find_inspection(fold_width(s), s, 0, len(s)).team == team, s


def test_stay_and_feedback():
    s = (
        "根据省委和省委巡视工作领导小组统一部署,2019年10月25日至11月25日,省委第八巡视组对我厅开展了机动巡视。"
        "2020年3月11日,省委巡视组向我厅党组反馈了机动巡视意见。"
    )
    ins = find_inspection(fold_width(s), s, 0, len(s))
    assert (ins.team, ins.kind, ins.start, ins.end, ins.feedback) == (
        "省委第八巡视组",
        "机动巡视",
        "2019-10-25",
        "2019-11-25",
        "2020-03-11",
    )


def test_yearless_feedback_after_stay():
    s = "根据省委部署,2021年9月2日至9月30日,省委第十五巡视组对衡水市开展了巡视“回头看”,11月11日反馈了巡视意见。"
    ins = find_inspection(fold_width(s), s, 0, len(s))
    assert ins.kind == "巡视“回头看”"
    assert ins.feedback == "2021-11-11"


def test_deadlines():
    assert find_deadline("正在整改,2020年12月底前取得阶段性成效") == "2020-12"
    assert find_deadline("此项问题正在整改,预计12月末完成。", 2020) == "2020-12"
    assert find_deadline("2025年将全部完成") == "2025"
    assert find_deadline("已完成") is None


def test_year_index():
    s = "前言。2019年巡视。3月。2020年整改。5月"
    yi = YearIndex(s, default=2018)
    assert yi.before(0) == 2018
    assert yi.before(s.index("3月")) == 2019
    assert yi.before(len(s) - 1) == 2020
