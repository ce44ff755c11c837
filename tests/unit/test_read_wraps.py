"""Hard-wrapped text (copied from a PDF or a fixed-width page) joined back into paragraphs."""

from __future__ import annotations

from graphkit.read.wraps import rejoin, unspace

WRAPPED = [
    "根据市委统一部署，2022年4月6日至5月30日，市委第二巡察组对市",
    "林业局党组进行了常规巡察。7月12日，市委第二巡察组向市林业局党组",
    "反馈了巡察意见。现将整改情况予以公布。",
    "一、整改工作组织情况",
    "局党组把巡察整改作为重要政治任务，第一时间成立整改工作领导小组，",
    "局党组书记王成同志任组长，其他班子成员任副组长，各科室负责人为成",
    "员。先后召开党组会议6次，研究部署整改工作。",
    "二、反馈问题整改情况",
    "（一）党 的 领 导 弱 化 方 面",
    "1.落实林长制不够有力，森林防火责任压得不实。",
    "一是修订《市林长制工作规则》，建立市、县、乡三级林长巡林台账，按",
    "月通报巡林情况。二是开展森林防火隐患排查整治，清理林下可燃物1200",
    "余吨。",
    "整改进展情况：已完成。",
]


def test_wrapped_lines_are_joined_into_paragraphs() -> None:
    out = rejoin(WRAPPED)
    assert out[0].startswith("根据市委统一部署") and out[0].endswith("现将整改情况予以公布。")
    assert out[1] == "一、整改工作组织情况"
    assert out[2].endswith("研究部署整改工作。") and "为成员。" in out[2]
    assert out[4] == "（一）党的领导弱化方面"
    assert out[6].startswith("一是修订") and out[6].endswith("1200余吨。")
    assert out[-1] == "整改进展情况：已完成。"
    assert len(out) == 8


def test_a_text_with_one_paragraph_a_line_is_left_alone() -> None:
    lines = [
        "根据市委统一部署，市委第二巡察组对市林业局党组进行了常规巡察，并反馈了巡察意见。",
        "一、整改工作组织情况",
        "局党组把巡察整改作为重要政治任务，成立整改工作领导小组。",
        "二、反馈问题整改情况",
        "（一）关于“森林防火责任压得不实”的问题",
        "一是修订《市林长制工作规则》。二是开展森林防火隐患排查整治。",
        "整改进展情况：已完成",
        "中共某某市林业局党组",
    ]
    assert rejoin(lines) == lines


def test_spaced_out_heading_closes_up_but_words_with_one_space_stay() -> None:
    assert unspace("（一）党 的 领 导 弱 化 方 面") == "（一）党的领导弱化方面"
    assert unspace("中共 某某县委") == "中共 某某县委"


def test_a_notice_that_lost_every_line_break_is_cut_at_its_parts() -> None:
    flat = (
        "中共石岭村支部委员会关于巡察整改进展情况的通报根据县委统一部署，县委第二巡察组对石岭村党支部开展了巡察。"
        "现将整改进展情况予以公布。一、整改工作组织情况村党支部召开支部委员会会议专题研究，成立整改工作领导小组，"
        "由村党支部书记王成任组长。二、具体问题整改情况1.村务公开不及时。一是制定村务公开目录，每季度公开一次。"
        "二是设置公开栏3处。目前进展：已完成。2.集体经济收入低。一是成立村股份经济合作社，盘活闲置房屋2处。"
        "目前进展：正在整改。三、下一步工作村党支部将持续巩固整改成果。"
        + "持续巩固整改成果，推动各项工作。"
        * 30
    )
    out = rejoin([flat])
    assert out[:4] == [
        "中共石岭村支部委员会关于巡察整改进展情况的通报",
        "根据县委统一部署，县委第二巡察组对石岭村党支部开展了巡察。现将整改进展情况予以公布。",
        "一、整改工作组织情况",
        "村党支部召开支部委员会会议专题研究，成立整改工作领导小组，由村党支部书记王成任组长。",
    ]
    assert "二、具体问题整改情况" in out
    assert "1.村务公开不及时。一是制定村务公开目录，每季度公开一次。二是设置公开栏3处。" in out
    assert out.count("目前进展：已完成。") == 1 and "三、下一步工作" in out
    assert "".join(out) == flat  # nothing added, nothing lost
