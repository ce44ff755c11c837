"""Notice styles of other units and provinces (snippets written for these tests), and the
general rules added after reading the hold-out notices."""

from __future__ import annotations

from graphkit.parse import parse_notice
from graphkit.parse.numbering import find_inline, match_label
from graphkit.parse.status import classify_status, status_line


def _walk(issues):
    for i in issues:
        yield i
        yield from _walk(i.children)


def _tree(rec):
    return [
        (i.label, i.title, [(m.label, m.text[:8], m.status) for m in i.measures]) for i in _walk(rec.issues)
    ]


COUNTY_XUNCHA = """根据县委统一部署,2023年3月6日至4月28日,县委第二巡察组对县农业农村局党组开展了常规巡察。2023年6月15日,县委第二巡察组向县农业农村局党组反馈了巡察意见。现将巡察整改情况予以公布。
一、巡察整改工作的组织落实情况
局党组成立巡察整改工作领导小组,由局党组书记、局长王五同志任组长,其他班子成员任副组长。
二、巡察反馈问题的整改落实情况
问题一:学习贯彻习近平新时代中国特色社会主义思想不深入。
整改措施:第一,制定《2023年党组理论学习中心组学习计划》,每月开展专题学习。第二,召开专题民主生活会,深入查摆问题。第三,建立学习台账,开展督促检查。
整改成效:已完成整改。
问题二:落实全面从严治党主体责任不到位。
整改措施:1．修订《党组工作规则》,明确议事范围。2．开展廉政风险点排查,建立防控台账。
整改情况:已整改完成,长期坚持。
问题三:干部队伍建设存在短板。
整改措施:1)组织开展业务培训3期。2)完成2名中层干部轮岗交流。
整改时限:2023年12月底前。
三、下一步工作打算
一是持续巩固整改成果。二是建立长效机制。
欢迎广大干部群众对巡察整改落实情况进行监督。联系电话:0000-7654321。
中共某某县农业农村局党组
2023年9月20日
"""


def test_county_xuncha_with_wenti_headings_and_di_dot_rparen_enumerations():
    r = parse_notice(COUNTY_XUNCHA, "x.txt")
    ins = r.inspection
    assert (ins.team, ins.kind, ins.start, ins.end, ins.feedback) == (
        "县委第二巡察组",
        "常规巡察",
        "2023-03-06",
        "2023-04-28",
        "2023-06-15",
    )
    assert r.unit == "某某县农业农村局党组" and r.published == "2023-09-20"
    assert ("组长", "局党组书记、局长", "王五") in [(x.role, x.position, x.person) for x in r.roles]
    one, two, three = r.issues
    assert (one.label, one.title) == ("问题一", "学习贯彻习近平新时代中国特色社会主义思想不深入")
    assert [(m.label, m.status) for m in one.measures] == [
        ("第一", "done"),
        ("第二", "done"),
        ("第三", "done"),
    ]
    assert one.measures[0].documents == ["2023年党组理论学习中心组学习计划"]
    assert [(m.label, m.text[:6], m.status) for m in two.measures] == [
        ("1．", "修订《党组工", "long_term"),
        ("2．", "开展廉政风险", "long_term"),
    ]
    assert [(m.label, m.deadline) for m in three.measures] == [("1)", "2023-12"), ("2)", "2023-12")]


STREET_XUNCHA = """根据市委统一部署,2022年4月1日至5月30日,市委第三巡察组对某某街道党工委开展了常规巡察,并于2022年7月8日反馈了巡察意见。现将巡察整改情况予以公布。
一、提高政治站位,扎实推进巡察整改
街道党工委书记李明同志认真履行第一责任人职责,成立了以党工委书记为组长的整改工作领导小组。
二、巡察反馈问题整改情况
（一）关于党的领导弱化问题
1．关于“贯彻落实上级决策部署不到位”的问题
整改情况：一是召开党工委会议专题研究部署,制定《整改工作方案》。二是建立重点任务台账,实行销号管理。
（二）关于全面从严治党不力问题
1．关于“监督执纪宽松软”的问题
整改情况：（1）开展警示教育大会2次。（2）对3名党员干部进行提醒谈话。
2．关于“作风建设不扎实”的问题
整改情况：制定《机关作风建设十条规定》,开展作风纪律专项整治。
三、下一步工作打算
我们将持续巩固整改成果。
中共某某街道工作委员会
2022年10月10日
"""


def test_guanyu_categories_full_width_dots_and_zhenggai_qingkuang_lines():
    r = parse_notice(STREET_XUNCHA, "x.txt")
    assert r.inspection.team == "市委第三巡察组" and r.inspection.feedback == "2022-07-08"
    assert _tree(r) == [
        ("（一）", "党的领导弱化", []),
        (
            "1．",
            "贯彻落实上级决策部署不到位",
            [("一是", "召开党工委会议专", None), ("二是", "建立重点任务台账", None)],
        ),
        ("（二）", "全面从严治党不力", []),
        ("1．", "监督执纪宽松软", [("（1）", "开展警示教育大会", None), ("（2）", "对3名党员干部进", None)]),
        ("2．", "作风建设不扎实", [(None, "制定《机关作风建", None)]),
    ]
    assert ("第一责任人", "街道党工委书记", "李明") in [(x.role, x.position, x.person) for x in r.roles]


HEAD = """根据省委统一部署,2019年10月25日至12月25日,省委第六巡视组对某厅党组开展了常规巡视。2020年3月2日,省委第六巡视组向某厅党组反馈了巡视意见。现将巡视整改情况公布如下:
一、统一思想认识,强化政治担当
厅党组成立巡视整改工作领导小组,由厅党组书记张三同志任组长。
二、巡视反馈问题整改情况
(一)贯彻落实党中央重大部署不够到位
"""
TAIL = """三、下一步工作打算
持续巩固整改成果。
中共某某厅党组
2020年9月11日
"""


def test_juti_biaoxian_introduces_issues_and_continuation_paragraphs_stay_with_their_measure():
    text = (
        HEAD
        + (
            "1.干部档案管理还不够精细。\n"
            "具体表现:\n"
            "一是抽查22本干部档案,发现不同程度存在材料缺失问题。\n"
            "对应问题及表现共制定整改措施2条,完成情况如下:\n"
            "(1)对干部档案全面梳理排查,完善了92本干部档案。\n"
            "坚持“宜融则融”的原则,推动业务工作融合,统筹制定政策措施。\n"
            "(2)重新核实该同志个人事项报告问题,对其进行批评教育。\n"
            "整改进展情况:1条措施已完成。另1条正在推进,年底前完成。\n"
        )
        + TAIL
    )
    r = parse_notice(text, "x.txt")
    cat = r.issues[0]
    (issue,) = cat.children
    (sub,) = issue.children
    assert (sub.label, sub.title) == ("一是", "抽查22本干部档案,发现不同程度存在材料缺失")
    assert [m.label for m in sub.measures] == ["(1)", "(2)"]
    assert "宜融则融" in sub.measures[0].text  # the unnumbered paragraph continues (1)
    assert sub.measures[0].status == "in_progress"  # a status line with a count is no measure


def test_paragraph_holding_its_whole_circled_enumeration_gives_one_measure_each():
    text = (
        HEAD
        + (
            "1.理论学习不深入问题\n"
            "(1)关于“县政府理论中心组对相关重大主题未开展学习”问题。\n"
            "①3月16日,县政协理论中心组对相关重大主题进行补学。②修订完善了中心组学习工作指导手册,明确学习规则。\n"
            "整改进展情况:已完成整改。\n"
        )
        + TAIL
    )
    r = parse_notice(text, "x.txt")
    leaf = r.issues[0].children[0].children[0]
    assert leaf.title == "县政府理论中心组对相关重大主题未开展学习"
    assert [(m.label, m.text[:5], m.status) for m in leaf.measures] == [
        ("①", "3月16日", "done"),
        ("②", "修订完善了", "done"),
    ]


def test_numbering_that_runs_on_across_groups_keeps_the_issue_role():
    text = (
        HEAD
        + (
            "1.落实决策制度不规范问题\n"
            "一是“制度建设不完善”问题。\n"
            "(1)关于“县政府党组议事规则缺少重要人事任免内容”问题。县政府立即修订议事规则,并按要求召开会议。\n"
            "整改进展情况:已完成整改。\n"
            "二是“执行干部任免程序不严格”问题\n"
            "(2)2018年2月对乡镇党委书记进行交流调整,未按规定事前报告。认真学习贯彻《党政领导干部选拔任用工作条例》,事前请示报告。\n"
            "整改进展情况:已完成整改,长期坚持。\n"
        )
        + TAIL
    )
    r = parse_notice(text, "x.txt")
    second = r.issues[0].children[0].children[1]
    (item,) = second.children
    assert (item.label, item.title) == ("(2)", "2018年2月对乡镇党委书记进行交流调整,未按规定事前报告")
    assert [(m.label, m.text[:6], m.status) for m in item.measures] == [(None, "认真学习贯彻", "long_term")]


def test_actions_restarting_an_issues_numbering_are_measures():
    text = (
        HEAD
        + (
            "1.纪检监察机构职能作用发挥有差距。\n"
            "一是落实“三转”要求不彻底。原驻局纪检组还有参加工程联合小组工作情况。\n"
            "一是贯彻落实中央纪委全会精神。研究制定全年工作要点,召开党风廉政建设工作会议。\n"
            "二是健全完善同党组沟通协调机制。多次同局党组沟通交换意见,及时指出问题。\n"
            "整改进展情况:已整改完成。\n"
            "二是履行监督执纪职责不到位。原驻局纪检组办理群众举报信件不规范。\n"
            "严格落实问题线索办理有关要求,对问题线索进行集体研判。\n"
            "整改进展情况:已整改完成。\n"
        )
        + TAIL
    )
    r = parse_notice(text, "x.txt")
    first, second = r.issues[0].children[0].children
    assert first.title == "落实“三转”要求不彻底" and not first.children
    assert [m.label for m in first.measures] == ["一是", "二是"]
    assert second.title == "履行监督执纪职责不到位" and len(second.measures) == 1


def test_shortfall_paragraph_above_sub_issues_is_no_measure():
    text = (
        HEAD.replace("(一)贯彻落实党中央重大部署不够到位\n", "")
        + (
            "(三)巡视反馈问题整改不够彻底。\n"
            "对2018年省委巡视反馈问题整改不够到位,仍有4项未完成整改。\n"
            "1.关于“行业监管责任清单刚刚出台”的问题。\n"
            "整改措施:在巡视期间立行立改,公布了权责清单。\n"
            "整改进展情况:已完成。\n"
        )
        + TAIL
    )
    r = parse_notice(text, "x.txt")
    (cat,) = r.issues
    assert cat.measures == [] and [c.title for c in cat.children] == ["行业监管责任清单刚刚出台"]


def test_label_shapes():
    assert match_label("问题一:学习不深入").kind == "wen"
    assert match_label("问题3、学习不深入").number == 3
    assert match_label("第二,召开会议").kind == "di"
    assert match_label("1)组织培训").kind == "num_rparen"
    assert match_label("第一责任人要带头") is None
    _first, segs = find_inline("措施:1.制定方案。2.召开会议。共1.5万元", 0, 25)
    assert [s.label.kind for s in segs] == ["num_dot", "num_dot"]
    # a lone 1) or 第一, with no second item is no enumeration
    assert find_inline("完成1)项任务,第一,", 0, 11)[1] == []


def test_status_lines_with_counts_and_chengxiao():
    assert status_line("整改成效:已完成整改。") is not None
    assert status_line("整改成效:通过整改,干部作风明显好转。") is None
    st = status_line("整改进展情况:1条措施已完成。另1条正在推进。")
    assert st is not None and classify_status(st[0]) == "in_progress"
