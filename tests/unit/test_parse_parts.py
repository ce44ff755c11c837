"""Direct tests of the parser's rooms, each on small strings written here.

headings (a heading's frame and title), outline (numbering → tree), sections (where the
rectification part starts, which sections hold issues), classify + measures + context (problem
or action, an issue's measures), script (traditional → simplified), dates (stripped dates),
checks (warnings) and roles (position and person). Expectations follow
shared/eval/ANNOTATING.md; every assertion compares exact values.
"""

from __future__ import annotations

import pytest

from graphkit.parse import parse_notice
from graphkit.parse.checks import Checks
from graphkit.parse.classify import Classifier
from graphkit.parse.context import NoticeText
from graphkit.parse.dates import YearIndex, read_damaged
from graphkit.parse.headings import analyze_heading, clean_title, states_problem
from graphkit.parse.measures import IssueReader
from graphkit.parse.outline import MAX_DEPTH, Node, build_outline
from graphkit.parse.roles import extract_roles, split_position_person
from graphkit.parse.script import is_traditional, to_simplified
from graphkit.parse.sections import Para, Section, opens_rectification, paragraphs, split_sections
from graphkit.parse.width import fold_width
from graphkit.records import Issue

# ---- helpers -----------------------------------------------------------------------------


def _one_para(line: str) -> tuple[str, Para]:
    norm = fold_width(line)
    paras = paragraphs(norm)
    assert len(paras) == 1, paras
    return norm, paras[0]


def _heading(line: str) -> tuple[str, str, bool, str, bool, str]:
    """(title, problem words in the matching copy, framed, stop, states_problem, text after the problem)."""
    norm, p = _one_para(line)
    start = p.label.end if p.label else p.start
    h = analyze_heading(norm, start, p.end)
    return (
        clean_title(line, norm, h.title_start, h.title_end),
        norm[h.title_start : h.title_end],
        h.framed,
        h.stop,
        states_problem(norm, h),
        norm[h.rest : p.end],
    )


def _outline(text: str, unlabeled: str | None = None) -> tuple[str, Node]:
    norm = fold_width(text)
    root = build_outline(
        paragraphs(norm),
        inline_enumeration=lambda p: False,
        unlabeled_issue=(lambda p: unlabeled is not None and norm.startswith(unlabeled, p.start)),
    )
    return norm, root


def _shape(norm: str, node: Node) -> list[tuple[str, list]]:
    """The tree as (label or opening words, children), e.g. [("(一)", [("1.", [])])]."""
    out: list[tuple[str, list]] = []
    for c in node.children:
        assert c.para is not None
        lab = c.para.label.text(norm) if c.para.label else norm[c.para.start : c.para.end]
        out.append((lab, _shape(norm, c)))
    return out


def _depth(node: Node) -> int:
    """Levels below `node`."""
    return max((1 + _depth(c) for c in node.children), default=0)


# ---- headings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # 关于“……”问题的整改: the quoted words; the frame stays out of the title
        (
            "1.关于“产业转型升级步伐不快”问题的整改。",
            ("产业转型升级步伐不快", "产业转型升级步伐不快", True, "。", True, "。"),
        ),
        # 针对……问题 (unquoted): up to (的)问题
        (
            "(3)针对以人民为中心发展理念树的不牢的问题。",
            ("以人民为中心发展理念树的不牢", "以人民为中心发展理念树的不牢", True, "。", True, "。"),
        ),
        # 在“……”方面
        (
            "（一）在“学习贯彻习近平新时代中国特色社会主义思想”方面",
            (
                "学习贯彻习近平新时代中国特色社会主义思想",
                "学习贯彻习近平新时代中国特色社会主义思想",
                True,
                "",
                True,
                "",
            ),
        ),
        # 在……方面存在的问题 (unquoted)
        (
            "(一)在落实全面从严治党主体责任方面存在的问题",
            ("落实全面从严治党主体责任", "落实全面从严治党主体责任", True, "", True, ""),
        ),
        # a plain statement 1.……问题。: no frame, the title without its 问题 tail
        (
            "1.贯彻落实上级决策部署有时差问题。",
            ("贯彻落实上级决策部署有时差", "贯彻落实上级决策部署有时差", False, "。", False, "。"),
        ),
        # a heading that runs on: the first sentence is the problem, the rest follows it
        (
            "1.学习贯彻党的二十大精神不够深入。一是学用结合不够紧密。",
            (
                "学习贯彻党的二十大精神不够深入",
                "学习贯彻党的二十大精神不够深入",
                False,
                "。",
                False,
                "。一是学用结合不够紧密。",
            ),
        ),
        # 针对“……”问题,<action>: the problem is named, the action goes on after the comma
        ("针对“会议多”问题,精简会议。", ("会议多", "会议多", True, ",", True, ",精简会议。")),
        # the title is cut from the original text: the full-width comma stays
        (
            "1.关于“主责主业聚焦不够，非主业投资占比较高”的问题。",
            (
                "主责主业聚焦不够，非主业投资占比较高",
                "主责主业聚焦不够,非主业投资占比较高",
                True,
                "。",
                True,
                "。",
            ),
        ),
        # 在 without 方面 opens no frame
        (
            "(一)在思想上高度重视，统一认识",
            ("在思想上高度重视，统一认识", "在思想上高度重视,统一认识", False, "", False, ""),
        ),
    ],
)
def test_analyze_heading_and_clean_title(line: str, want: tuple) -> None:
    assert _heading(line) == want


def test_analyze_heading_offsets() -> None:
    norm, p = _one_para("1.关于“产业转型升级步伐不快”问题的整改。")
    h = analyze_heading(norm, p.label.end, p.end)
    assert (h.title_start, h.title_end, h.rest, h.framed, h.stop) == (5, 15, 21, True, "。")


def test_clean_title_drops_a_count_tail() -> None:
    # quoted: the count tail and the 方面存在的问题 frame go
    assert _heading("（一）关于“党的建设”方面存在的问题（共3个）")[0] == "党的建设"
    assert _heading("1.关于“会议多”的问题（2条）")[0] == "会议多"


def test_clean_title_drops_a_count_tail_unquoted() -> None:
    # unquoted: the same heading without quotes gives the same title (ANNOTATING: the problem's
    # words only; without the tail the parser gives 党的建设)
    assert _heading("(一)关于党的建设方面存在的问题")[0] == "党的建设"
    assert _heading("（一）在党的建设方面存在的问题（共3个问题）")[0] == "党的建设"


# ---- outline -----------------------------------------------------------------------------


def test_outline_nests_by_first_appearance() -> None:
    norm, root = _outline("(一)甲\n1.乙\n(1)丙\n(2)丁\n2.戊\n(二)己\n")
    assert _shape(norm, root) == [
        ("(一)", [("1.", [("(1)", []), ("(2)", [])]), ("2.", [])]),
        ("(二)", []),
    ]


def test_outline_skipped_number_continues_its_level() -> None:
    # 3. after 1.……(1): a sibling of 1., not a child of (1)
    norm, root = _outline("1.甲\n(1)乙\n3.丙\n(1)丁\n")
    assert _shape(norm, root) == [("1.", [("(1)", [])]), ("3.", [("(1)", [])])]


def test_outline_restarted_one_under_another_kind_nests() -> None:
    # 1. restarts under (二): a new group under the new heading
    norm, root = _outline("(一)甲\n1.乙\n2.丙\n(二)丁\n1.戊\n2.己\n")
    assert _shape(norm, root) == [
        ("(一)", [("1.", []), ("2.", [])]),
        ("(二)", [("1.", []), ("2.", [])]),
    ]


def test_outline_restarted_one_of_an_open_kind_continues_that_level() -> None:
    # 1. after 1.……(1)(2): the num_dot kind is open above, so the 1 continues its level
    norm, root = _outline("1.甲\n(1)乙\n(2)丙\n1.丁\n")
    assert _shape(norm, root) == [("1.", [("(1)", []), ("(2)", [])]), ("1.", [])]


def test_outline_one_right_under_the_same_kind_nests() -> None:
    norm, root = _outline("一是甲\n一是乙\n二是丙\n")
    assert _shape(norm, root) == [("一是", [("一是", []), ("二是", [])])]


def test_outline_depth_is_capped() -> None:
    n = MAX_DEPTH + 8
    _norm, root = _outline("".join(f"1.第{i}项\n" for i in range(n)))
    assert MAX_DEPTH == 12
    assert _depth(root) == MAX_DEPTH
    node = root
    for _ in range(MAX_DEPTH - 1):
        assert len(node.children) == 1
        node = node.children[0]
    # the last nested item and every one after it hang under the item at depth MAX_DEPTH - 1
    assert len(node.children) == n - (MAX_DEPTH - 1)
    assert all(not c.children for c in node.children)


def test_outline_body_and_unlabeled_issues() -> None:
    norm, root = _outline(
        "(一)甲\n正文一\n关于“乙”的问题。\n正文二\n关于“丙”的问题。\n正文三\n", unlabeled="关于"
    )
    (top,) = root.children
    assert [norm[b.start : b.end] for b in top.body] == ["正文一"]
    assert [(c.kind, norm[c.para.start : c.para.end]) for c in top.children] == [
        ("none", "关于“乙”的问题。"),
        ("none", "关于“丙”的问题。"),
    ]
    assert [[norm[b.start : b.end] for b in c.body] for c in top.children] == [["正文二"], ["正文三"]]


def test_outline_top_heading_only_when_asked() -> None:
    norm = fold_width("二、在“党建”方面\n1.甲\n")
    paras = paragraphs(norm)
    as_body = build_outline(paras, inline_enumeration=lambda p: False, unlabeled_issue=lambda p: False)
    assert _shape(norm, as_body) == [("1.", [])]
    assert [norm[b.start : b.end] for b in as_body.body] == ["二、在“党建”方面"]
    as_node = build_outline(
        paras,
        inline_enumeration=lambda p: False,
        unlabeled_issue=lambda p: False,
        top_headings=frozenset({paras[0].start}),
    )
    assert _shape(norm, as_node) == [("二、", [("1.", [])])]


# ---- sections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("（一）在“X”方面", True),
        ("1.关于“Y”问题的整改", True),
        ("关于“会议多”的问题。", True),
        ("（一）关于贯彻落实重大决策部署不到位的整改情况", True),
        ("二、在“党的建设”方面存在的问题", True),
        # generic headings of the rectification part: no problem named
        ("二、反馈问题整改落实情况", False),
        ("二、巡视反馈问题整改落实情况", False),
        ("二、整改措施落实情况", False),
        ("(一)关于巡视整改工作情况", False),
        ("二、关于巡视反馈意见整改落实情况", False),
        ("二、关于巡视反馈问题的整改情况", False),
        # 一是/①: enumerated items never open the part
        ("一是关于“Y”问题的整改", False),
        ("一是在“X”方面", False),
        ("①关于“Y”问题的整改", False),
        ("(一)在思想上高度重视，统一认识", False),
    ],
)
def test_opens_rectification(line: str, want: bool) -> None:
    norm, p = _one_para(line)
    assert opens_rectification(norm, p) is want


_NOTICE_BODY = """根据省委统一部署,省委第五巡视组对某区进行了常规巡视。现将巡视整改进展情况公布如下。
一、整改工作组织情况
区委成立巡视整改工作领导小组,由区委书记张三同志任组长。
二、{heading}
(一)关于贯彻落实重大决策部署不到位的问题
1.关于“学习不够系统全面”的问题。
整改措施:一是制定学习计划。二是召开专题会议。
整改进展情况:已完成。
三、下一步工作打算
一是提高思想认识。二是拧紧责任链条。
"""


def _sections(text: str) -> tuple[list[str], list[tuple[str, str, bool, int]]]:
    norm = fold_width(text)
    preface, sections = split_sections(norm, paragraphs(norm))
    return (
        [norm[p.start : p.end] for p in preface],
        [(s.title, s.kind, s.category, len(s.paras)) for s in sections],
    )


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("反馈问题整改落实情况", False),
        ("整改措施落实情况", False),
        ("关于巡视反馈意见整改落实情况", False),
        ("在“党的建设”方面存在的问题", True),
    ],
)
def test_split_sections_kinds(heading: str, category: bool) -> None:
    preface, sections = _sections(_NOTICE_BODY.format(heading=heading))
    assert preface == ["根据省委统一部署,省委第五巡视组对某区进行了常规巡视。现将巡视整改进展情况公布如下。"]
    assert sections == [
        ("整改工作组织情况", "org", False, 1),
        (heading, "issues", category, 4),
        ("下一步工作打算", "next", False, 1),
    ]


def test_split_sections_without_top_sections() -> None:
    text = (
        "党委高度重视巡视整改工作,成立领导小组。\n"
        "（一）在“理论学习”方面\n"
        "1.关于“学习不够系统”问题的整改。\n"
        "整改措施:一是制定学习计划。二是召开专题会议。\n"
    )
    preface, sections = _sections(text)
    assert preface == ["党委高度重视巡视整改工作,成立领导小组。"]
    assert sections == [("", "issues", False, 3)]


# ---- classify, measures, context -----------------------------------------------------------


def _tree(text: str) -> tuple[NoticeText, Classifier, Node, list[Issue]]:
    norm = fold_width(text)
    doc = NoticeText(text, norm, YearIndex(norm, default=2023))
    cls = Classifier(doc)
    root = build_outline(
        paragraphs(norm), inline_enumeration=doc.own_enumeration, unlabeled_issue=cls.unlabeled_issue
    )
    cls.classify_tree(root)
    reader = IssueReader(doc, cls)
    return doc, cls, root, [reader.issue(c) for c in root.children if c.role == "issue"]


def test_framed_issues_with_numbered_measures_and_status() -> None:
    text = (
        "1.关于“学习不够系统全面”问题的整改。\n"
        "整改措施：一是制定《理论学习中心组学习计划》。二是召开专题会议，研究部署学习工作。\n"
        "整改进展情况：已完成，长期坚持。\n"
        "2.关于“统筹谋划不够”问题的整改。\n"
        "（1）出台《高质量发展30条》，组织宣讲活动。\n"
        "（2）强化产业链办公室实体化运营。\n"
        "整改时限：2020年12月。"
    )
    _doc, _cls, root, issues = _tree(text)
    assert [(c.kind, c.role, [(g.kind, g.role) for g in c.children]) for c in root.children] == [
        ("num_dot", "issue", []),
        ("num_dot", "issue", [("num_paren", "measure"), ("num_paren", "measure")]),
    ]
    first, second = issues
    assert (first.label, first.title, second.label, second.title) == (
        "1.",
        "学习不够系统全面",
        "2.",
        "统筹谋划不够",
    )
    assert [(m.label, m.text, m.status, m.deadline, m.documents) for m in first.measures] == [
        ("一是", "制定《理论学习中心组学习计划》。", "long_term", None, ["理论学习中心组学习计划"]),
        ("二是", "召开专题会议，研究部署学习工作。", "long_term", None, []),
    ]
    assert [(m.label, m.text, m.status, m.deadline) for m in second.measures] == [
        ("（1）", "出台《高质量发展30条》，组织宣讲活动。", None, "2020-12"),
        ("（2）", "强化产业链办公室实体化运营。", None, "2020-12"),
    ]
    for m in first.measures + second.measures:
        assert m.span is not None
        assert text[m.span[0] : m.span[1]] == m.label + m.text


def test_plain_problem_headings_with_paragraph_measures() -> None:
    text = (
        "1.贯彻落实上级决策部署有时差问题。\n"
        "制定《重大决策部署落实清单》，逐项明确责任领导。\n"
        "建立督查通报机制，每月通报一次落实情况。\n"
        "2.基层党组织建设薄弱问题。\n"
        "开展软弱涣散党组织整顿，调整村党组织书记3名。"
    )
    _doc, _cls, root, issues = _tree(text)
    assert [c.role for c in root.children] == ["issue", "issue"]
    assert [(i.label, i.title, [(m.label, m.text) for m in i.measures]) for i in issues] == [
        (
            "1.",
            "贯彻落实上级决策部署有时差",
            [
                (None, "制定《重大决策部署落实清单》，逐项明确责任领导。"),
                (None, "建立督查通报机制，每月通报一次落实情况。"),
            ],
        ),
        ("2.", "基层党组织建设薄弱", [(None, "开展软弱涣散党组织整顿，调整村党组织书记3名。")]),
    ]


def test_heading_that_runs_on_gives_sub_issues() -> None:
    text = (
        "1.学习贯彻党的二十大精神不够深入。一是学用结合不够紧密。二是研讨交流不够。\n"
        "整改措施：一是建立“第一议题”制度。二是开展专题读书班。"
    )
    _doc, _cls, _root, issues = _tree(text)
    (issue,) = issues
    assert (issue.label, issue.title) == ("1.", "学习贯彻党的二十大精神不够深入")
    assert [(c.label, c.title) for c in issue.children] == [
        ("一是", "学用结合不够紧密"),
        ("二是", "研讨交流不够"),
    ]
    assert [(m.label, m.text) for m in issue.measures] == [
        ("一是", "建立“第一议题”制度。"),
        ("二是", "开展专题读书班。"),
    ]


def test_action_items_under_a_heading_are_measures() -> None:
    _doc, _cls, root, issues = _tree("(一)加强组织领导\n1.制定方案，明确责任分工。\n2.召开推进会议。")
    assert [(c.role, [g.role for g in c.children]) for c in root.children] == [
        ("issue", ["measure", "measure"])
    ]
    assert [(m.label, m.text) for m in issues[0].measures] == [
        ("1.", "制定方案，明确责任分工。"),
        ("2.", "召开推进会议。"),
    ]


@pytest.mark.parametrize(
    ("line", "intro", "unlabeled_issue"),
    [
        ("整改措施：", True, False),
        ("针对上述问题，采取以下措施：", True, False),
        ("整改进展情况：已完成。", False, False),
        ("关于“会议多”的问题。", False, True),
        ("针对“文件多”问题。", False, True),
        ("针对我区的弃管小区，成立了物业管理专班。", False, False),
    ],
)
def test_classifier_paragraphs(line: str, intro: bool, unlabeled_issue: bool) -> None:
    norm = fold_width(line)
    doc = NoticeText(line, norm, YearIndex(norm))
    cls = Classifier(doc)
    (p,) = paragraphs(norm)
    assert (cls.is_intro(p), cls.unlabeled_issue(p)) == (intro, unlabeled_issue)


def test_notice_text_heading_and_own_enumeration() -> None:
    text = "(27)一是关于“会议多”的问题。\n①精简会议。②推行视频会议。"
    norm = fold_width(text)
    doc = NoticeText(text, norm, YearIndex(norm))
    p1, p2 = paragraphs(norm)
    h = doc.heading(Node(p1, p1.label.kind, p1.label.number))
    assert norm[h.title_start : h.title_end] == "会议多"
    assert (doc.own_enumeration(p1), doc.own_enumeration(p2)) == (False, True)


# ---- script ------------------------------------------------------------------------------


def test_to_simplified_maps_and_keeps_length() -> None:
    assert to_simplified("巡視整改進展") == ("巡视整改进展", 2)
    trad = "根據省委統一部署，省委第五巡視組對南湖區進行了常規巡視。現將巡視整改進展情況予以公佈。"
    simp, changed = to_simplified(trad)
    assert simp == "根据省委统一部署，省委第五巡视组对南湖区进行了常规巡视。现将巡视整改进展情况予以公布。"
    assert len(simp) == len(trad)
    assert changed == 15
    assert is_traditional(trad, changed) is True


@pytest.mark.parametrize(
    "para",
    [
        "根据省委统一部署，省委第五巡视组对南湖区进行了常规巡视。现将巡视整改进展情况予以公布。",
        "陕西省乾县巡视整改工作领导小组于2023年成立。",
    ],
)
def test_is_traditional_false_on_simplified(para: str) -> None:
    simp, changed = to_simplified(para)
    assert len(simp) == len(para)
    assert is_traditional(para, changed) is False


# ---- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "prev", "want"),
    [
        ("2024915", None, ("2024-09-15", False)),
        ("20241112", None, ("2024-11-12", False)),
        ("1112", "2024-09-15", ("2024-11-12", False)),
        ("1112", "2024-12-01", ("2025-11-12", False)),  # before prev: the next year
        ("722", "2022-01-01", ("2022-07-22", False)),
        ("2024229", None, ("2024-02-29", False)),
        ("1112", None, (None, True)),  # no year to be had
        ("2024111", None, (None, True)),  # 1-11 or 11-1
        ("2023229", None, (None, True)),  # no 29 February in 2023
        ("12345", None, (None, True)),
    ],
)
def test_read_damaged(digits: str, prev: str | None, want: tuple[str | None, bool]) -> None:
    assert read_damaged(digits, prev) == want


# ---- checks ------------------------------------------------------------------------------


def _structure(
    text: str,
    issues: list[Issue],
    *,
    kind: str = "issues",
    has_title: bool = False,
    closed: bool = True,
) -> list[tuple[str, tuple[int, int] | None]]:
    norm = fold_width(text)
    paras = paragraphs(norm)
    checks = Checks(norm)
    sections = [Section(None, "", list(paras), kind)]
    checks.structure(paras, sections, issues, has_title=has_title, closed=closed)
    return [(w.code, w.span) for w in checks.warnings]


_ONE = [Issue(label="1.", title="甲", span=(0, 3))]


def test_checks_numbering_skips() -> None:
    issues = [
        Issue(label="1.", title="甲", span=(0, 5)),
        Issue(
            label="3.",
            title="乙",
            span=(6, 10),
            children=[
                Issue(label="(1)", title="丙", span=(7, 8)),
                Issue(label="(3)", title="丁", span=(8, 9)),
            ],
        ),
    ]
    assert _structure("党委高度重视巡视整改。", issues) == [
        ("numbering_skips", (6, 10)),
        ("numbering_skips", (8, 9)),
    ]
    checks = Checks(fold_width("党委高度重视巡视整改。"))
    checks.structure([], [Section(None, "", [], "issues")], issues, has_title=True, closed=True)
    assert [w.message for w in checks.warnings] == [
        "numbering skips from 1 to 3 (3.): the tree follows the text",
        "numbering skips from 1 to 3 ((3)): the tree follows the text",
    ]


def test_checks_no_skip_warning_for_consecutive_or_mixed_labels() -> None:
    consecutive = [Issue(label="1.", title="甲", span=(0, 5)), Issue(label="2.", title="乙", span=(6, 10))]
    mixed = [Issue(label="1.", title="甲", span=(0, 5)), Issue(label="(3)", title="乙", span=(6, 10))]
    assert _structure("党委高度重视巡视整改。", consecutive) == []
    assert _structure("党委高度重视巡视整改。", mixed) == []


def test_checks_numbering_skips_full_width_labels() -> None:
    # labels are kept as the notice writes them: （一）（三） and （1）（3） skip just as (一)(三)
    cn = [Issue(label="（一）", title="甲", span=(0, 5)), Issue(label="（三）", title="乙", span=(6, 10))]
    num = [Issue(label="（1）", title="甲", span=(0, 5)), Issue(label="（3）", title="乙", span=(6, 10))]
    assert _structure("党委高度重视巡视整改。", cn) == [("numbering_skips", (6, 10))]
    assert _structure("党委高度重视巡视整改。", num) == [("numbering_skips", (6, 10))]


def test_checks_starts_mid_document() -> None:
    assert _structure("3.关于“会议多”问题的整改。\n精简会议。", _ONE) == [("starts_mid_document", (0, 15))]
    # an opening about the inspection, or a title: no warning
    assert _structure("根据省委统一部署,省委巡视组进行了巡视。\n精简会议。", _ONE) == []
    assert _structure("3.关于“会议多”问题的整改。\n精简会议。", _ONE, has_title=True) == []


def test_checks_ends_mid_document() -> None:
    text = "党委高度重视巡视整改。\n开展专项检查,抽查项目"
    assert _structure(text, _ONE, closed=False) == [("ends_mid_document", (12, 23))]
    assert _structure(text, _ONE, closed=True) == []
    assert _structure("党委高度重视巡视整改。\n开展专项检查。", _ONE, closed=False) == []


def test_checks_no_rectification_section() -> None:
    assert _structure("党委高度重视巡视整改。", []) == [("no_rectification_section", None)]
    assert _structure("党委高度重视巡视整改。", _ONE, kind="org") == [("no_rectification_section", None)]
    assert _structure("党委高度重视巡视整改。", _ONE) == []


_FRAGMENT = """3.关于“会议多”问题的整改。
整改措施:一是精简会议,全年减少会议20次。二是推行视频会议。
整改进展情况:已完成。
4.关于“文件多”问题的整改。
整改措施:一是精简文件。二是统一发文。
整改进展情况:已完成。
欢迎广大干部群众对巡视整改落实情况进行监督。"""


def test_fragment_opening_with_a_numbered_heading_warns() -> None:
    rec = parse_notice(_FRAGMENT, "fragment.txt")
    assert [(w.code, w.span) for w in rec.warnings if w.code == "starts_mid_document"] == [
        ("starts_mid_document", (0, 15))
    ]


def test_fragment_keeps_its_first_heading() -> None:
    # ANNOTATING: a fragment is annotated as it stands; the 3. heading is an issue like the 4.
    rec = parse_notice(_FRAGMENT, "fragment.txt")
    assert rec.title is None
    assert [(i.label, i.title) for i in rec.issues] == [("3.", "会议多"), ("4.", "文件多")]


def test_notice_with_a_skipped_number_follows_the_text() -> None:
    text = (
        "中共某区委关于巡视整改进展情况的通报\n"
        "根据省委统一部署,省委第五巡视组对某区进行了常规巡视。现将巡视整改进展情况公布如下。\n"
        "一、整改工作组织情况\n"
        "区委成立巡视整改工作领导小组,由区委书记张三同志任组长。\n"
        "二、反馈问题整改落实情况\n"
        "1.关于“会议多”问题的整改。\n"
        "整改措施:一是精简会议。二是推行视频会议。\n"
        "3.关于“文件多”问题的整改。\n"
        "整改措施:一是精简文件。二是统一发文。\n"
        "欢迎广大干部群众对巡视整改落实情况进行监督。\n"
    )
    rec = parse_notice(text, "skip.txt")
    assert [(i.label, i.title, len(i.children)) for i in rec.issues] == [
        ("1.", "会议多", 0),
        ("3.", "文件多", 0),
    ]
    assert [w.code for w in rec.warnings] == ["numbering_skips"]


# ---- roles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("holder", "want"),
    [
        ("区委书记杨志刚同志", ("区委书记", "杨志刚")),
        ("副厅长王成同志", ("副厅长", "王成")),
        ("党委书记李主", ("党委书记", "李主")),
        ("县长高明同志", ("县长", "高明")),
        ("主任李主", ("主任", "李主")),
        ("党委副书记、总经理钱卫东", ("党委副书记、总经理", "钱卫东")),
        ("由区委书记方针同志", ("区委书记", "方针")),
        ("王成同志", (None, "王成")),
        ("高明同志", (None, "高明")),
        ("宋彦麟同志", (None, "宋彦麟")),
        # generic holders: an office, no person
        ("其他班子成员", ("其他班子成员", None)),
        ("其他区委常委", ("其他区委常委", None)),
        ("党委主要负责同志", ("党委主要负责同志", None)),
        ("区委副书记、区长", ("区委副书记、区长", None)),
        ("厅机关各处室主要负责人", ("厅机关各处室主要负责人", None)),
    ],
)
def test_split_position_person(holder: str, want: tuple[str | None, str | None]) -> None:
    assert split_position_person(holder) == want


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        (
            "成立巡视整改工作领导小组，区委书记杨志刚同志任组长，区委副书记、区长赵文斌同志任第一副组长，"
            "区委副书记孙立同志任常务副组长，其他区委常委为成员。",
            [
                ("组长", "区委书记", "杨志刚"),
                ("第一副组长", "区委副书记、区长", "赵文斌"),
                ("常务副组长", "区委副书记", "孙立"),
                ("成员", "其他区委常委", None),
            ],
        ),
        (
            "集团党委成立巡视整改工作领导小组，党委书记李主担任组长，党委副书记、总经理钱卫东担任副组长，"
            "其他班子成员为成员。",
            [
                ("组长", "党委书记", "李主"),
                ("副组长", "党委副书记、总经理", "钱卫东"),
                ("成员", "其他班子成员", None),
            ],
        ),
        (
            "局党组成立巡察整改工作领导小组，由局党组书记、局长王成同志任组长，副局长高明同志任副组长。",
            [("组长", "局党组书记、局长", "王成"), ("副组长", "副局长", "高明")],
        ),
    ],
)
def test_extract_roles(sentence: str, want: list[tuple[str, str | None, str | None]]) -> None:
    assert [(r.role, r.position, r.person) for r in extract_roles(fold_width(sentence))] == want


def test_unit_is_the_inspected_body_never_a_phrase_of_people() -> None:
    from graphkit.parse.metadata import find_unit

    def unit(s: str) -> str | None:
        return find_unit(fold_width(s), s, None, None, 0)

    # the inspected village, not the ones the findings went to
    assert (
        unit(
            "县委第三巡察组对青石镇石门村开展了巡察,并向镇党委主要负责人和被巡察村级党组织领导班子反馈了巡察意见。"
        )
        == "青石镇石门村"
    )
    assert unit("县委巡察组向镇党委主要负责人和被巡察村级党组织领导班子反馈了巡察意见。") is None
    assert unit("镇党委第二巡察组对柳塘村党组织开展了巡察。") == "柳塘村党组织"
    assert (
        unit("区委第二巡察组对我局进行了常规巡察,向我局反馈了巡察意见。") is None
    )  # 我局: from title/signature


def _role_keys(text: str) -> list[tuple[str, str | None, str | None]]:
    from graphkit.parse.roles import extract_roles

    return [(r.role, r.position, r.person) for r in extract_roles(text)]


def test_roles_in_the_phrasings_notices_use() -> None:
    # names in a row without 同志, joined by 、 and 和
    keys = _role_keys(
        "成立了由局长钱卫东任组长,副局长孙宏亮、戴明远和纪检组组长许立仁为成员的整改工作领导小组。"
    )
    assert ("成员", "副局长", "孙宏亮") in keys and ("成员", "副局长", "戴明远") in keys
    assert ("成员", "纪检组组长", "许立仁") in keys
    # the subject of the clause before: 林振华同志为第一责任人,担任领导小组组长
    keys = _role_keys("成立巡视整改工作领导小组,学院党委书记林振华同志为第一责任人,担任领导小组组长。")
    assert ("组长", "学院党委书记", "林振华") in keys
    assert ("第一责任人", "学院党委书记", "林振华") in keys
    # a clause with a task is no holder: 并负责整改监督,……为成员
    keys = _role_keys(
        "厅长符海生同志任组长,纪检组组长何志坚同志任副组长并负责整改监督,各处室主要负责人为成员。"
    )
    assert [k for k in keys if k[0] == "成员"] == [("成员", "各处室主要负责人", None)]
    # the group's office, 小组成员, a blank inside a holder
    keys = _role_keys("书记刘海燕同志任组长,其他班子成员为小组成员,由纪委书记黄立群同志兼任办公室主任。")
    assert ("办公室主任", "纪委书记", "黄立群") in keys and ("成员", "其他班子成员", None) in keys
    assert _role_keys("责任领导:乡党委副书记 曾志远")[0] == ("责任领导", "乡党委副书记", "曾志远")
    # 直接责任人 is read like 第一责任人
    keys = _role_keys("各分管厅领导作为分管领域整改工作的直接责任人,抓好整改。")
    assert ("直接责任人", "各分管厅领导", None) in keys


def test_a_team_named_by_its_round_takes_its_owner_from_a_later_mention() -> None:
    from graphkit.parse.metadata import find_inspection

    s = (
        "根据统一部署,2024年9月9日至10月18日,十四届旗委第六轮巡察第四巡察组对查干淖尔嘎查党支部开展了常规巡察。"
        "11月5日,旗委第四巡察组向嘎查党支部反馈了巡察意见。"
    )
    ins = find_inspection(fold_width(s), s, 0, len(s))
    assert ins.team == "旗委第四巡察组"
    assert (ins.start, ins.end, ins.feedback) == ("2024-09-09", "2024-10-18", "2024-11-05")


def test_a_name_before_tongzhi_may_have_four_characters() -> None:
    from graphkit.parse.roles import split_position_person

    assert split_position_person("乡党委书记次仁多吉同志") == ("乡党委书记", "次仁多吉")
    assert split_position_person("乡长格桑旺堆同志") == ("乡长", "格桑旺堆")
    # without 同志 a name stays two or three characters (a longer tail is no name)
    assert split_position_person("乡党委书记次仁多吉") == ("乡党委书记次仁多吉", None)


def test_a_heading_running_on_into_its_problems_opens_the_rectification_part() -> None:
    norm = fold_width("1.学习贯彻党的创新理论不够深入。一是理论学习流于形式。二是运用理论指导实践不够。")
    (p,) = paragraphs(norm)
    assert opens_rectification(norm, p)
    norm = fold_width("1.提高站位,加强领导。乡党委召开会议专题研究整改工作,成立领导小组,明确责任分工。")
    (p,) = paragraphs(norm)
    assert not opens_rectification(norm, p)


def test_a_fragment_names_its_team_late_and_responsible_units_are_roles() -> None:
    from graphkit.parse import parse_notice

    text = (
        "（二）关于“社区议事协商流于形式”的问题\n"
        "第一，修订社区议事协商规则，明确议事事项清单。\n"
        "责任单位：社区治理办\n"
        "整改进展：已完成。\n"
        "（三）推动融合发展。街道党工委将以此次区委第三巡察组交叉巡察整改为契机，统筹推进各项工作。"
    )
    rec = parse_notice(text, "fragment.txt")
    assert rec.inspection.team == "区委第三巡察组" and rec.inspection.kind == "交叉巡察"
    assert [(r.role, r.position) for r in rec.roles] == [("责任单位", "社区治理办")]
    assert "starts_mid_document" in {w.code for w in rec.warnings}


@pytest.mark.parametrize(
    "opening",
    ["巡视反馈以来，", "集中整改以来,", "巡察整改工作开展以来，"],
)
def test_a_since_clause_of_figures_is_an_outcome_not_a_measure(opening: str) -> None:
    """An unnumbered paragraph that opens with a "since …" clause and only reports figures is
    the issue's outcome: its action paragraphs are the measures (ANNOTATING.md)."""
    text = (
        "1.关于“作风建设不严”的问题。\n"
        "紧盯重要节点，开展纠治“四风”专项监督检查，对公车使用情况逐车核查。\n"
        f"{opening}县纪委监委查处违反中央八项规定精神问题6起，给予党纪处分8人，通报曝光典型案例2批5起。\n"
    )
    _doc, _cls, _root, [issue] = _tree(text)
    assert [m.text[:4] for m in issue.measures] == ["紧盯重要"]
