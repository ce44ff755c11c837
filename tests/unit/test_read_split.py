"""A page holding several notices in a row gives one SourceText per notice; its header is none."""

from __future__ import annotations

import pytest
from conftest import shared_path

from graphkit.read import read_path, split_text
from graphkit.read.split import is_opening, is_title, split_notices


def notice(unit: str, team: str, *, title: bool, signed: bool) -> list[str]:
    lines = [f"中共{unit}委员会关于巡察整改进展情况的通报"] if title else []
    lines += [
        f"按照区委巡察工作统一部署，2023年3月1日至4月30日，区委{team}巡察组对{unit}党委开展了常规巡察。"
        "现将巡察整改进展情况予以公布。",
        "一、组织落实巡察整改情况",
        f"{unit}党委坚持把巡察整改作为重大政治任务，成立整改工作领导小组，逐条制定整改措施，压实整改责任。",
        "二、反馈问题整改落实情况",
        "（一）关于学习贯彻党的创新理论不够深入的问题。一是制定学习计划；二是开展专题研讨。",
        "三、下一步工作打算",
        "持续巩固整改成果，建立健全长效机制，推动各项工作高质量发展。",
    ]
    if signed:
        lines += ["欢迎广大党员干部群众对巡察整改情况进行监督。", f"中共{unit}委员会", "2023年9月1日"]
    return lines


def test_title_and_opening_recognised_generally() -> None:
    assert is_title("区城市管理委党委关于四届区委第八轮巡察集中整改进展情况的通报")
    assert is_title("中共某某县委关于巡视整改情况的报告")
    assert not is_title("十二届省委第九轮巡视整改进展情况全部公布")
    assert not is_title("一、整改工作组织情况")
    assert is_opening("根据市委统一部署，2021年3月1日至4月30日，市委巡视一组对静海区开展了常规巡视。")
    assert is_opening("按照区委巡察工作统一部署，区委第二巡察组对区财政局党组进行了巡察。")
    assert not is_opening(
        "根据十一届市委第九轮巡视工作部署要求，按照党务公开原则，现将巡视整改进展情况予以公布。"
    )


def test_page_of_titled_unsigned_notices_is_split() -> None:
    header = ["四届区委第八轮巡察整改情况集中公开", "按照有关要求，现将区城管委、区财政局整改情况集中公布。"]
    a = notice("区城市管理委", "第一", title=True, signed=False)
    b = notice("区财政局", "第二", title=True, signed=False)
    parts = split_notices(header + a + b)
    assert parts == [a, b]


def test_page_of_signed_untitled_notices_is_split_and_header_dropped() -> None:
    a = notice("区城市管理委", "第一", title=False, signed=True)
    b = notice("区财政局", "第二", title=False, signed=True)
    c = notice("区教育局", "第三", title=False, signed=True)
    footnote = ["[①] “1+1+3+N”：领导小组、办公室、3个工作组、N家牵头单位。"]
    parts = split_notices(["某轮巡察整改进展情况全部公布", *a, *footnote, *b, *c])
    assert parts == [a + footnote, b, c]


def test_single_notice_with_title_repeated_and_intro_is_not_split() -> None:
    lines = [
        "静海区关于十一届市委第九轮巡视整改进展情况的通报",
        "文章来源: 中共天津市静海区委员会 更新时间:2022/08/04 08:26:45",
        "静海区关于十一届市委第九轮巡视整改进展情况的通报",
        "根据十一届市委第九轮巡视工作部署要求,按照党务公开原则,现将巡视整改进展情况予以公布。",
        "一、总体履责情况",
        "根据市委统一部署,2021年3月1日至4月30日,市委巡视一组对静海区开展了常规巡视。区委高度重视。" * 3,
        "二、反馈问题整改情况",
        "1.针对“学懂弄通做实不够用心”问题,进行了以下整改。一是制定方案;二是专题学习。" * 3,
    ]
    assert split_notices(lines) == [lines]
    [one] = split_text("\n".join(lines), "x.txt")
    assert one.source == "x.txt"


@pytest.mark.shared
def test_liaoning_collection_gives_nine_notices() -> None:
    path = shared_path("corpus/collections/liaoning-round9-2020.txt")
    texts = read_path(str(path))
    assert [t.source for t in texts] == [f"{path}#{k}" for k in range(1, 10)]
    for t in texts:
        assert t.text.startswith("根据省委和省委巡视工作领导小组统一部署")
        assert "全部公布" not in t.text  # the page header is no notice's
    # Each notice equals its stand-alone copy in corpus/notices where there is one.
    singles = {
        1: "liaoning-commerce-dept-2020.txt",
        2: "liaoning-culture-tourism-dept-2020.txt",
        6: "liaoning-faku-county-2020.txt",
    }
    for k, name in singles.items():
        [single] = read_path(str(shared_path(f"corpus/notices/{name}")))
        assert texts[k - 1].text == single.text, name


def test_a_notice_without_closing_is_ended_by_the_next_opening_formula():
    # the first notice stops after its last section: no 欢迎……监督, no signature, no date;
    # the second has no title line, only its opening formula
    first = [
        "中共东岭区委关于区委巡察整改进展情况的通报",
        "根据市委统一部署,2023年3月1日至4月30日,市委第一巡察组对东岭区委开展了常规巡察。" + "整改" * 60,
        "一、整改工作组织情况",
        "区委成立整改工作领导小组。",
        "二、反馈问题整改情况",
        "(一)关于“基层治理不够有力”的问题",
        "制定《东岭区基层治理十条措施》。",
        "三、下一步工作打算",
        "持续巩固整改成果。",
    ]
    second = [
        "根据省委统一部署,2023年4月10日至6月10日,省委第三巡视组对西川集团党委进行了常规巡视。" + "整改" * 60,
        "一、组织领导情况",
        "集团党委书记任组长。",
        "二、整改落实情况",
        "(一)关于“投资决策不规范”的问题",
        "修订《投资管理办法》。",
    ]
    pieces = split_notices(first + second)
    assert pieces == [first, second]
