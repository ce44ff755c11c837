from graphkit.parse.status import classify_status, deadline_line, status_line


def st(s: str):
    got = status_line(s)
    return classify_status(got[0]) if got else "not a status line"


def test_status_words():
    assert st("整改进展情况:此项问题已整改完成。") == "done"
    assert st("整改进展情况:已完成,长期推进") == "long_term"
    assert st("整改进展情况:此项问题已经整改完成并将长期推进。") == "long_term"
    assert st("整改进展情况:此项问题正在整改,预计12月末完成。") == "in_progress"
    assert st("进展情况:正在整改,2020年9月底完成。") == "in_progress"
    assert st("进展情况:落实完成。") == "done"
    assert st("整改落实情况:已整改完成。") == "done"
    assert st("工作进展情况:已完成并将长期坚持。") == "long_term"
    assert st("整改进展情况:已整改完成。长期坚持。") == "long_term"


def test_measure_prefixes_are_not_status_lines():
    assert status_line("整改情况:计划管理学,制定了《沈抚新区持续深化学习方案》") is None
    assert status_line("落实情况:制定了《沈抚新区党工委理论学习中心组学习计划》") is None
    assert status_line("整改措施及成效:一是开展系统学习。") is None
    assert status_line("整改情况:完成用人制度改革,制定了《沈抚改革创新示范区管理办法》") is None
    assert status_line("整改情况:持续开展解放思想大讨论活动及调研活动") is None
    assert st("整改情况:正在整改,限期完成。") == "in_progress"


def test_deadline_line():
    assert deadline_line("整改时限:2020年12月。") == "2020年12月。"
    assert deadline_line("整改进展情况:已完成") is None
