"""Web-page chrome around a notice is dropped; the notice's own lines are never touched."""

from __future__ import annotations

import pytest
from conftest import shared_path

from graphkit.read import read_path
from graphkit.read.chrome import strip_chrome
from graphkit.read.whitespace import clean_lines

BODY = [
    "根据市委统一部署，2021年3月1日至4月30日，市委巡视一组对静海区开展了常规巡视。7月22日反馈了巡视意见。",
    "一、总体履责情况",
    "（一）提高政治站位，增强思想自觉。区委坚持把巡视整改作为重要政治任务，逐条制定整改措施。",
    "欢迎广大干部群众对巡视整改情况进行监督。如有意见建议，请及时向我们反映。联系电话：022-63032058",
    "中共天津市静海区委员会",
    "2022年8月4日",
]


def test_head_and_tail_chrome_are_dropped() -> None:
    page = [
        "今天是：2022年8月4日 星期四",
        "首页 | 政务公开 | 公告公示 | 互动交流",
        "您所在的位置：首页 > 政务公开 > 公告公示",
        "静海区关于巡视整改进展情况的通报 - 天津市静海区人民政府",
        "静海区关于巡视整改进展情况的通报",
        "发布时间：2022-08-04 来源：中共天津市静海区委员会",
        "【字号：大 中 小】【打印】【关闭】",
        *BODY,
        "分享到：",
        "【打印本页】【关闭窗口】",
        "主办单位：天津市静海区人民政府办公室",
        "版权所有 津ICP备05004439号 网站标识码：1202230001",
        "联系电话：022-68621234",
    ]
    assert strip_chrome(page) == [
        "静海区关于巡视整改进展情况的通报",
        "发布时间：2022-08-04 来源：中共天津市静海区委员会",  # kept: the page's publication date
        *BODY,
    ]


def test_notice_text_is_never_eaten() -> None:
    # A notice ending in its own contact lines, with no footer below: nothing is dropped.
    lines = [*BODY[:3], "欢迎广大干部群众监督。", "联系方式：87117762", "电子邮箱：fkxwdcs@163.com"]
    assert strip_chrome(lines) == lines
    assert strip_chrome(BODY) == BODY
    # A body line mentioning 微信 or 打印 is body, not a toolbar.
    inner = [BODY[0], "一是开通“白塔先锋”微信公众平台，打印发放学习资料。", *BODY[3:]]
    assert strip_chrome(inner) == inner


def test_contact_line_above_the_footer_is_the_notices() -> None:
    lines = [*BODY[:3], "联系电话：024-86890236", "版权所有：中共某某市委"]
    assert strip_chrome(lines) == [*BODY[:3], "联系电话：024-86890236"]


@pytest.mark.shared
def test_tianjin_jinghai_chrome_is_dropped() -> None:
    path = shared_path("corpus/notices/tianjin-jinghai-district-2022.txt")
    [notice] = read_path(str(path))
    lines = notice.text.split("\n")
    assert lines[0] == "静海区关于十一届市委第九轮巡视整改进展情况的通报"
    for chrome in ("今天是", "您所在的位置", "公告公示"):
        assert not any(line.startswith(chrome) for line in lines), chrome
    assert "" not in lines
    assert lines[-2:] == ["中共天津市静海区委员会", "202284"]
    # Everything else of the page is kept, in order.
    raw = clean_lines(path.read_text(encoding="utf-8"))
    assert lines == raw[3:]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "dropped"),
    [
        ("hebei-hengshui-city-2022.txt", ["分享到:", "©中共衡水市纪律检查委员会"]),
        (
            "tianjin-binhai-urban-management-2024.txt",
            ["主办单位", "推荐使用IE8", "网站标识码", "联系方式:022-65305006"],
        ),
    ],
)
def test_footers_of_the_corpus_are_dropped(name: str, dropped: list[str]) -> None:
    [notice] = read_path(str(shared_path(f"corpus/notices/{name}")))
    for start in dropped:
        assert not any(line.startswith(start) for line in notice.text.split("\n")), start
    assert notice.text.split("\n")[-1].endswith("日")


@pytest.mark.shared
def test_other_notices_lose_nothing() -> None:
    folder = shared_path("corpus/notices")
    changed = {
        "hebei-hengshui-city-2022.txt",
        "tianjin-binhai-urban-management-2024.txt",
        "tianjin-jinghai-district-2022.txt",
    }
    for path in sorted(folder.glob("*.txt")):
        if path.name in changed:
            continue
        [notice] = read_path(str(path))
        assert notice.text.split("\n") == clean_lines(path.read_text(encoding="utf-8")), path.name
