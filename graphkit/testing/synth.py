"""Synthetic rectification notices with planted recycled measures and their ground truth.

Unique measures are assembled from phrase banks written after the real notices (openings of
political boilerplate, actions with slots for topics, departments, documents, numbers, results):
two unique measures share vocabulary (整改, 落实, 召开专题会议, 深入学习贯彻…) as real ones do, but
not their substance — that is the difficulty detection has to meet.

Realistic uniques: phrase-bank measures are closer to each other than real ones (99.9th
percentile of alignment similarity 0.43, against 0.24 for cross-unit pairs of the 13 real
notices), so benchmarks pass ``clauses`` (``corpus_clauses`` of the real notices): each measure
is then 2–5 real clauses dealt without replacement (``ClauseDeck``; respelled at 30 % after
the first pass through ~10 500 clauses) plus one bank clause (p99.9 0.34, p99.99 0.43 for 3 000 such uniques).

Planted measures: a template measure (made like a unique one) is written into several units
(or several issues of one unit, or several notices of one unit); every copy gets its own
self-references (我厅 / 区委 / 局党组 …) and numbers, then *edits* at a controlled rate: a share
``edit_rate`` of its characters is changed by a mix of operations seen when units adapt a
measure — substituting a span of 1–4 characters (50 %), deleting one (25 %), inserting a
phrase of 2–4 characters (25 %). Copies are edited independently, so two copies at rate e
differ from each other by about 2e.

``generate`` returns NoticeRecord objects and the truth as lists of measure ids (ids as
``graphkit.analysis.items.items_from_records`` gives them). ``generate_items`` skips the
records and returns ``MeasureItem``s directly (for a million measures).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graphkit.analysis.items import MeasureItem, items_from_records
from graphkit.records import Issue, Measure, NoticeRecord, notice_id

__all__ = [
    "ClauseDeck",
    "SynthCorpus",
    "corpus_clauses",
    "edit_text",
    "generate",
    "generate_items",
    "instantiate",
    "make_measure",
    "real_clauses",
]

OPENINGS = [
    "深入学习贯彻习近平新时代中国特色社会主义思想",
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "认真贯彻落实党中央决策部署和省委工作要求",
    "坚决扛起巡视整改政治责任",
    "坚持问题导向、目标导向和结果导向",
    "进一步提高政治站位",
    "以巡视整改为契机",
    "按照省委巡视反馈意见要求",
    "牢固树立以人民为中心的发展思想",
    "切实增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "把巡视整改作为重大政治任务",
    "针对巡视指出的问题",
]
TOPICS = [
    "地下水超采治理",
    "营商环境优化",
    "安全生产监管",
    "农村人居环境整治",
    "工业用地提质增效",
    "基层党组织建设",
    "干部队伍建设",
    "意识形态工作",
    "招商引资",
    "生态环境保护",
    "河湖长制落实",
    "扫黑除恶常态化",
    "政府债务风险防范",
    "国有资产管理",
    "财政资金使用",
    "公务用车管理",
    "信访积案化解",
    "食品药品安全",
    "防汛抗旱",
    "疫情防控",
    "乡村振兴",
    "村集体经济发展",
    "城市基层治理",
    "老旧小区改造",
    "养老服务体系建设",
    "就业创业服务",
    "教育资源配置",
    "医疗卫生服务",
    "文化市场监管",
    "全民健身设施建设",
    "旅游市场秩序",
    "消防安全",
    "道路交通安全",
    "危险化学品管理",
    "自然资源执法",
    "耕地保护",
    "农田水利建设",
    "大气污染防治",
    "污水处理设施建设",
    "生活垃圾分类",
    "土地征收",
    "住房保障",
    "房地产开发",
    "物业管理",
    "统计数据质量",
    "审计问题整改",
    "政务服务",
    "数字政府建设",
    "科技创新",
    "人才引进",
    "外贸进出口",
    "自贸区建设",
    "商贸流通",
    "电子商务",
    "对口帮扶",
    "民族宗教工作",
    "统一战线工作",
    "宣传思想工作",
    "网络安全",
    "档案管理",
    "机关党建",
    "党风廉政建设",
    "作风建设",
    "形式主义官僚主义整治",
    "选人用人",
    "干部档案审核",
    "领导干部个人有关事项报告",
    "违规吃喝整治",
    "小微权力监督",
    "惠民惠农资金管理",
    "工程项目招投标",
    "涉农资金监管",
    "国有企业改革",
    "非煤矿山安全",
    "森林防火",
    "文物保护利用",
    "体育赛事管理",
    "安全生产专项整治三年行动",
    "应急预案管理",
]
DEPTS = [
    "水利局",
    "农业农村局",
    "财政局",
    "发展改革委",
    "自然资源局",
    "生态环境局",
    "住房城乡建设局",
    "交通运输局",
    "应急管理局",
    "市场监管局",
    "卫生健康委",
    "教育局",
    "人力资源社会保障局",
    "商务局",
    "文化旅游局",
    "公安局",
    "审计局",
    "统计局",
    "纪委监委",
    "组织部",
    "宣传部",
    "统战部",
    "政法委",
    "机关工委",
    "巡察办",
    "信访局",
    "行政审批局",
    "工业和信息化局",
    "民政局",
    "林业局",
    "税务局",
    "金融办",
    "国资委",
    "城市管理局",
    "体育局",
    "档案馆",
    "人民银行",
    "供销社",
]
DOCTYPES = [
    "实施方案",
    "实施意见",
    "管理办法",
    "工作规则",
    "实施细则",
    "工作方案",
    "暂行规定",
    "通知",
    "考核办法",
    "责任清单",
]
VERBS2 = ["加强", "规范", "推进", "完善", "深化", "强化", "优化", "健全", "落实", "改进"]
TARGETS = [
    "重点企业",
    "乡镇街道",
    "行政村",
    "在建工程项目",
    "医疗机构",
    "中小学校",
    "养老机构",
    "旅游景区",
    "农贸市场",
    "加油站",
    "物业小区",
    "规模以上企业",
    "农民专业合作社",
    "家庭农场",
    "商品房项目",
    "危化品企业",
    "文化娱乐场所",
    "体育场馆",
    "二级单位",
    "直属事业单位",
    "窗口单位",
    "基层站所",
]
CHECKS = [
    "专项检查",
    "明察暗访",
    "交叉检查",
    "督导检查",
    "全面排查",
    "随机抽查",
    "专项审计",
    "蹲点调研",
    "回头看",
]
PEOPLE = [
    "党员干部",
    "村干部",
    "执法人员",
    "业务骨干",
    "新任职干部",
    "财务人员",
    "网格员",
    "企业负责人",
    "安全员",
    "年轻干部",
]
PUNISH = ["诫勉谈话", "批评教育", "党内警告", "政务记过", "通报批评", "组织调整", "提醒谈话"]
RESULTS = [
    "确保{t}取得实效",
    "推动{t}工作制度化、规范化",
    "目前该问题已整改完成",
    "形成{t}工作闭环",
    "有效提升了{t}水平",
    "相关工作正在持续推进",
    "切实做到真改实改、全面整改",
    "整改成效得到群众认可",
]
ACTIONS = [
    "召开{self}{o}专题会议研究部署{t}工作",
    "制定印发《关于{v}{t}的{d}》",
    "组织{p}{n}家单位开展{t}{c}",
    "建立{t}长效机制，明确{n}项具体措施",
    "组织{p}对{g}开展{t}{c}，发现问题{n}个，已全部整改",
    "对{n}家{g}进行{t}专项整治",
    "举办{t}专题培训班{n}期，培训{q}{n}人次",
    "修订完善{t}相关制度{n}项，废止过时制度{n}项",
    "约谈{g}负责人{n}人，督促落实{t}主体责任",
    "成立由{self}主要负责同志任组长的{t}工作专班",
    "将{t}纳入年度绩效考核，考核结果与评先评优挂钩",
    "建立{t}问题台账，实行清单化管理、销号式推进",
    "投入资金{n}万元，用于{t}设施改造提升",
    "全面排查{t}领域风险隐患{n}处，督促{p}限期整改",
    "督促{p}落实{t}监管职责，每季度通报一次进展",
    "邀请{p}专家开展{t}专题辅导{n}次",
    "对{t}中失职失责的{n}名{q}分别给予{u}",
    "开通{t}举报热线，受理群众反映问题{n}件",
    "会同{p}联合出台{t}{d}，压实{g}属地责任",
    "选派{n}名{q}到{g}挂职锻炼，补齐{t}工作短板",
    "在{g}推广{t}试点经验，覆盖{n}个{g}",
    "开发{t}信息化监管平台，接入{g}{n}家",
    "对{self}近{n}年{t}情况开展全面自查",
    "聘请第三方机构对{t}进行评估，形成评估报告{n}份",
]
ACTIONS += [
    "严格执行{t}“{x}”制度，对{g}实行动态监测",
    "出台{t}{n}条支持政策，兑现奖补资金{n}万元",
    "梳理{t}权责清单{n}项，厘清{p}与{g}的职责边界",
    "组织开展{t}“{x}”百日攻坚行动",
    "对照{t}问题清单逐项对账销号，完成率达到{n}%",
    "召开{t}警示教育大会，通报典型案例{n}起",
    "落实{t}月调度、季通报制度，由{p}牵头定期会商",
    "完成{t}整改任务{n}项，剩余{n}项列入年度计划",
    "清理规范{t}领域借调人员{n}名",
    "追回{t}违规资金{n}万元，收回闲置资产{n}处",
    "推行{t}“{x}”工作法，在{g}全面铺开",
    "将{t}作为党委理论学习中心组学习重要内容，开展集中学习{n}次",
    "建立{p}、{p}、{p}协同联动机制，形成{t}工作合力",
    "深化{t}“放管服”改革，压缩办理时限{n}个工作日",
    "编制{t}专项规划，明确{n}个重点项目",
]
SELF_REFS = [
    "我厅",
    "厅党组",
    "我局",
    "局党组",
    "区委",
    "市委",
    "县委",
    "本单位",
    "我委",
    "委党组",
    "我区",
    "我县",
]
PLACE_CHARS = (
    "溱湖梁徐张甸白米海姜华润沈抚法库古塔新邱弓长岭调兵山大洼绥中连山滨城静宁河桥西营口丹凤阳"
    "石门清溪柳林金沙龙泉松岗青石黄土东湾南塘北苑龙湖凤鸣云台碧水临江望海双河三湾五里"
)
THINGS = [
    "大米",
    "蟹",
    "茶叶",
    "中药材",
    "食用菌",
    "花卉",
    "葡萄",
    "冷链物流",
    "标准厂房",
    "污水管网",
    "智慧码头",
    "电商产业园",
    "物流园",
    "农贸市场",
    "养老中心",
    "社区食堂",
    "口袋公园",
    "停车场",
    "充电桩",
    "供水工程",
    "燃气管网",
    "文化广场",
    "体育公园",
    "创业孵化基地",
    "人才公寓",
    "农房",
    "河道",
    "闸站",
    "堤防",
    "桥梁",
    "学校",
    "卫生院",
    "便民服务中心",
    "党群服务中心",
]
STAGES = ["开工建设", "竣工验收", "投入运营", "完成招标", "完成立项", "完成拆迁", "通过评审", "进入公示"]
DETAILS = [
    "推动{pl}{th}项目{st}",
    "组织“{pl}{th}”等特色品牌参加{pl}展销活动",
    "在{pl}{th}片区开展试点，{pl}、{pl}两地同步跟进",
    "{pl}{th}一期工程已{st}，二期工程正在{st}",
    "协调解决{pl}{th}用地、资金等问题",
    "围绕“{pl}{th}”主题，开展进{g}宣讲活动",
    "指导{pl}街道、{pl}镇完成{th}改造提升",
    "与{pl}集团签订{th}合作协议，总投资{n}亿元",
]


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(PLACE_CHARS) for _ in range(2))


_SLOT = re.compile(r"\{(\w+)\}")
_CHARS = "".join(
    sorted(set("".join(TOPICS + DEPTS + TARGETS + CHECKS + PEOPLE + DOCTYPES + VERBS2 + THINGS)))
)


def _fill(template: str, rng: random.Random, topic: str, self_ref: str | None = None) -> str:
    def slot(m: re.Match[str]) -> str:
        """The filler for one `{slot}` of the template; {self} and {n} are left for later."""
        k = m.group(1)
        if k == "t":
            return topic
        if k == "self":
            return self_ref if self_ref is not None else "{self}"
        if k == "n":
            return "{n}"
        if k == "pl":
            return _place(rng)
        if k == "x":
            return rng.choice(["一", "二", "三", "四", "五", "六"]) + rng.choice(
                ["查", "审", "联", "清", "定", "促"]
            )
        bank = {
            "o": ["党组会", "常委会", "办公会", "推进会", "调度会", ""],
            "v": VERBS2,
            "d": DOCTYPES,
            "p": DEPTS,
            "g": TARGETS,
            "c": CHECKS,
            "q": PEOPLE,
            "u": PUNISH,
            "th": THINGS,
            "st": STAGES,
        }[k]
        return rng.choice(bank)

    return _SLOT.sub(slot, template)


_CLAUSE = re.compile(r"[^，,；;。！？!?：:]+")


def real_clauses(texts: Sequence[str], min_len: int = 6, max_len: int = 60) -> list[str]:
    """Distinct clauses (between ，；。) of real measure texts, for realistic unique measures.

    Numbers are kept (``instantiate`` does not touch them; normalisation removes them anyway).
    Load real texts with e.g. ``items_from_records(parse_notice(...) for each notice)``.
    """
    out = dict.fromkeys(
        c.strip() for t in texts for c in _CLAUSE.findall(t) if min_len <= len(c.strip()) <= max_len
    )
    return list(out)


def corpus_clauses(folder: str | Path) -> list[str]:
    """``real_clauses`` of the measures of every ``*.txt`` notice in ``folder`` (parsed as UTF-8)."""
    from graphkit.parse import parse_notice  # the parser is heavy; only callers of this need it

    recs = [parse_notice(p.read_text(encoding="utf-8"), str(p)) for p in sorted(Path(folder).glob("*.txt"))]
    return real_clauses([it.text for it in items_from_records(recs)])


class ClauseDeck:
    """Real clauses dealt like cards: each is used once before any is used again.

    In a real corpus a long clause of one measure rarely recurs in an unrelated one; drawing
    with replacement from a pool of ~10 000 would make unrelated synthetic measures share whole
    clauses far more often than real ones do.
    """

    def __init__(self, clauses: Sequence[str], rng: random.Random, respell: float = 0.3) -> None:
        self.clauses, self.rng, self.respell = list(clauses), rng, respell
        self.left: list[str] = []
        self.cycle = -1

    def draw(self) -> str:
        """The next clause of the deck, reshuffled when used up; respelled after the first pass."""
        if not self.left:
            self.left = self.clauses[:]
            self.rng.shuffle(self.left)
            self.cycle += 1
        clause = self.left.pop()
        # Past the first pass, a clause is respelled (``edit_text`` at ``respell``): a large
        # synthetic corpus would otherwise repeat each of ~10 000 real clauses hundreds of
        # times, far more sharing between unrelated measures than a real corpus of that size has.
        return edit_text(clause, self.respell, self.rng) if self.cycle and self.respell else clause


def make_measure(rng: random.Random, clauses: Sequence[str] | ClauseDeck | None = None) -> str:
    """A measure template: clauses around one topic, ``{self}`` and ``{n}`` left as slots.

    With ``clauses`` (``real_clauses`` of a real corpus), the measure is 2–5 real clauses drawn
    from different measures plus one clause from the phrase banks: unique measures then share
    the stock phrasing of real ones the way real ones do (a clause here and there), instead of
    being built from one small bank of templates.
    """
    parts: list[str] = []
    if clauses:
        k = rng.randint(2, 5)
        pool = clauses
        draw = pool.draw if isinstance(pool, ClauseDeck) else (lambda: rng.choice(pool))
        parts = [draw() for _ in range(k)]
        action = _fill(rng.choice(ACTIONS), rng, rng.choice(TOPICS))
        if isinstance(pool, ClauseDeck) and pool.cycle and pool.respell:
            # the bank clause too, once the deck is past its first pass: ~40 actions × ~40 topics
            # would otherwise recur verbatim in hundreds of unrelated measures of a large corpus
            action = edit_text(action, pool.respell, rng)
        parts.insert(rng.randint(0, k), action)
        return "，".join(parts) + "。"
    topic = rng.choice(TOPICS)
    if rng.random() < 0.35:
        parts.append(rng.choice(OPENINGS))
    clauses = [*rng.sample(ACTIONS, rng.randint(1, 3)), *rng.sample(DETAILS, rng.randint(1, 2))]
    rng.shuffle(clauses)
    for tmpl in clauses:
        # A second topic now and then, as real measures touch neighbouring matters.
        parts.append(_fill(tmpl, rng, topic if rng.random() < 0.7 else rng.choice(TOPICS)))
    if rng.random() < 0.5:
        parts.append(_fill(rng.choice(RESULTS), rng, topic))
    return "，".join(parts) + "。"


def instantiate(template: str, rng: random.Random, self_ref: str) -> str:
    """Fill ``{self}`` with the unit's self-reference and each ``{n}`` with a fresh number."""
    text = template.replace("{self}", self_ref)
    return re.sub(r"\{n\}", lambda _: str(rng.choice([rng.randint(2, 12), rng.randint(10, 500)])), text)


def edit_text(text: str, rate: float, rng: random.Random) -> str:
    """Change about ``rate * len(text)`` characters by substitutions, deletions and insertions."""
    budget = round(rate * len(text))
    chars = list(text)
    while budget > 0 and chars:
        span = min(rng.randint(1, 4), budget)
        pos = rng.randrange(len(chars))
        op = rng.random()
        new = [rng.choice(_CHARS) for _ in range(span)]
        if op < 0.5:
            chars[pos : pos + span] = new
        elif op < 0.75:
            del chars[pos : pos + span]
        else:
            chars[pos:pos] = new
        budget -= span
    return "".join(chars)


@dataclass
class SynthCorpus:
    """Records and the truth: ``families`` are the measure ids of each planted family."""

    records: list[NoticeRecord]
    families: list[list[str]]
    kinds: list[str] = field(default_factory=list)  # across_units / within_unit / across_notices


def _unit_names(n: int) -> list[tuple[str, str]]:
    """(unit name, its self-reference)."""
    kinds = [("区委", "区委"), ("县委", "我县"), ("厅党组", "我厅"), ("局党组", "局党组"), ("委党组", "我委")]
    out = []
    for i in range(n):
        suffix, ref = kinds[i % len(kinds)]
        out.append((f"合成{i:04d}号{suffix}", ref))
    return out


def generate(
    n_units: int = 40,
    measures_per_notice: tuple[int, int] = (15, 35),
    notices_per_unit: tuple[int, int] = (1, 2),
    n_families: int = 60,
    family_size: tuple[int, int] = (2, 10),
    edit_rate: float = 0.1,
    within_unit_share: float = 0.1,
    across_notices_share: float = 0.1,
    seed: int = 0,
    clauses: Sequence[str] | None = None,
    with_text: bool = False,
) -> SynthCorpus:
    """Generate notices with unique measures and planted families.

    Args:
        n_units: units, each with 1–2 notices (``notices_per_unit``).
        measures_per_notice: range of unique measures per notice (before planting).
        n_families: planted families; a share ``within_unit_share`` is one unit answering
            several issues with one measure, ``across_notices_share`` one unit repeating a
            measure in two notices, the rest across ``family_size`` units.
        edit_rate: share of characters changed in every planted copy (0–0.3).
        seed: everything is a function of the seed.
        clauses: real clauses (``real_clauses``) to build unique and planted measures from;
            default: the phrase banks only.
        with_text: give each record a notice text outside its issues (``notice_text``): the
            formula preamble and closing every notice has, boilerplate of the organisation
            section in some, and sentences of its own; and the date it was published (over
            six years: families get a source unit, reuses and at times a tie). Drawn from a
            generator of its own, so the measures are the same with or without it.
    """
    rng = random.Random(seed)
    deck = ClauseDeck(clauses, random.Random(seed + 1)) if clauses else None
    units = _unit_names(n_units)
    # Slots: per notice, a list of issues, each a list of measure texts.
    notices: list[dict[str, Any]] = []
    for u, (name, ref) in enumerate(units):
        for j in range(rng.randint(*notices_per_unit)):
            m = rng.randint(*measures_per_notice)
            n_issues = max(2, m // 4)
            issues: list[list[tuple[str, int | None]]] = [[] for _ in range(n_issues)]
            for _ in range(m):
                issues[rng.randrange(n_issues)].append((instantiate(make_measure(rng, deck), rng, ref), None))
            notices.append({"unit": u, "name": name, "ref": ref, "round": j, "issues": issues})
    by_unit: dict[int, list[int]] = {}
    for i, nt in enumerate(notices):
        by_unit.setdefault(nt["unit"], []).append(i)
    multi = [u for u, ns in by_unit.items() if len(ns) > 1]
    kinds: list[str] = []
    for f in range(n_families):
        tmpl = make_measure(rng, deck)
        r = rng.random()
        if r < within_unit_share:
            kind = "within-unit"
            ni = rng.randrange(len(notices))
            k = min(rng.randint(2, 3), len(notices[ni]["issues"]))
            places = [(ni, i) for i in rng.sample(range(len(notices[ni]["issues"])), k)]
        elif r < within_unit_share + across_notices_share and multi:
            kind = "across-notices"
            ns = by_unit[rng.choice(multi)]
            places = [(ni, rng.randrange(len(notices[ni]["issues"]))) for ni in ns]
        else:
            kind = "across-units"
            # Sizes skewed to small families, as in reality.
            size = min(n_units, int(family_size[0] + (family_size[1] - family_size[0]) * rng.random() ** 2))
            places = []
            for u in rng.sample(range(n_units), size):
                ni = rng.choice(by_unit[u])
                places.append((ni, rng.randrange(len(notices[ni]["issues"]))))
        kinds.append(kind)
        for ni, i in places:
            text = edit_text(instantiate(tmpl, rng, notices[ni]["ref"]), edit_rate, rng)
            issue = notices[ni]["issues"][i]
            issue.insert(rng.randint(0, len(issue)), (text, f))
    records: list[NoticeRecord] = []
    fam_of: list[tuple[NoticeRecord, list[int | None]]] = []
    text_rng = random.Random(seed + 2) if with_text else None
    for notice in notices:
        body = "".join(t for iss in notice["issues"] for t, _ in iss) + notice["name"] + str(notice["round"])
        rid = notice_id(body)
        rec_issues = [
            Issue(label=f"{k + 1}.", title=f"问题{k + 1}", measures=[Measure(text=t) for t, _ in iss])
            for k, iss in enumerate(notice["issues"])
        ]
        outside = notice_text(text_rng, notice["name"], notice["ref"], deck) if text_rng else None
        rec = NoticeRecord(
            id=rid,
            source=f"synth#{len(records) + 1}",
            unit=notice["name"],
            issues=rec_issues,
            text=outside,
            published=_published(text_rng) if text_rng else None,
        )
        records.append(rec)
        fam_of.append((rec, [f for iss in notice["issues"] for _, f in iss]))
    families: list[list[str]] = [[] for _ in range(n_families)]
    for rec, fams in fam_of:
        for item, fam in zip(items_from_records([rec]), fams, strict=True):
            if fam is not None:
                families[fam].append(item.id)
    return SynthCorpus(records, families, kinds)


def _published(rng: random.Random) -> str:
    """A publication date between 2018 and 2023 (two notices share a day now and then)."""
    return (date(2018, 1, 1) + timedelta(days=rng.randrange(6 * 365))).isoformat()


# The notice text outside the issues: formula sentences every notice has, boilerplate some share.
PREAMBLE = [
    "根据省委和省委巡视工作领导小组统一部署,{y}年{m}月{d}日至{m2}月{d2}日,省委第{k}巡视组对{unit}进行了常规巡视。",
    "{m2}月{d}日,省委第{k}巡视组向{unit}反馈了巡视意见。",
    "按照党务公开原则和巡视工作有关要求,现将巡视整改情况予以公布。",
]
ORGANISATION = [
    "{ref}坚持把巡视整改作为重大政治任务,成立由主要负责同志任组长的巡视整改工作领导小组。",
    "{ref}将省委巡视组指出的问题和提出的意见建议,细化为{n}项{n2}条,逐项逐条推进整改落实。",
    "实行整改台账管理,明确责任领导、责任部门和完成时限,做到问题不查清不放过、整改不到位不销号。",
    "继续绷紧整改这根弦,确保思想不放松、标准不降低、力度不减弱。",
]
CLOSING = [
    "欢迎广大干部群众对巡视整改落实情况进行监督。",
    "如有意见建议,请及时向我们反映。联系电话:{tel}。",
]


def notice_text(rng: random.Random, unit: str, ref: str, deck: ClauseDeck | None = None) -> str:
    """A notice's text outside its issues: the preamble formulas, some organisation-section
    boilerplate (each sentence in about half the notices), 2–5 sentences of its own (real
    clauses when a ``deck`` is given), and the closing."""
    slots = {
        "unit": unit,
        "ref": ref,
        "y": rng.choice([2019, 2020, 2021]),
        "m": rng.randint(1, 9),
        "m2": rng.randint(10, 12),
        "d": rng.randint(1, 28),
        "d2": rng.randint(1, 28),
        "k": rng.choice("一二三四五六七八九十"),
        "n": rng.randint(5, 40),
        "n2": rng.randint(40, 120),
        "tel": rng.randint(20_000_000, 89_999_999),
    }
    parts = [t.format(**slots) for t in PREAMBLE]
    parts += [t.format(**slots) for t in ORGANISATION if rng.random() < 0.5]
    for _ in range(rng.randint(2, 5)):
        own = "，".join(deck.draw() for _ in range(2)) if deck else make_measure(rng)
        parts.append(instantiate(own, rng, ref).rstrip("。") + "。")
    parts += [t.format(**slots) for t in CLOSING]
    return "\n".join(parts)


def generate_items(
    n: int,
    planted_share: float = 0.3,
    family_size: tuple[int, int] = (2, 12),
    edit_rate: float = 0.1,
    units: int = 2000,
    seed: int = 0,
    clauses: Sequence[str] | None = None,
) -> tuple[list[MeasureItem], list[list[str]]]:
    """``n`` measures as ``MeasureItem``s (no records), about ``planted_share`` of them planted.

    Returns the items (shuffled) and the truth (ids of each planted family). Each notice is its
    own issue bucket of 10; units are ``u0 … u{units-1}`` with one notice each.
    """
    rng = random.Random(seed)
    deck = ClauseDeck(clauses, random.Random(seed + 1)) if clauses else None
    refs = SELF_REFS
    texts: list[tuple[str, int | None]] = []
    n_planted = int(n * planted_share)
    f = 0
    while len(texts) < n_planted:
        tmpl = make_measure(rng, deck)
        size = int(family_size[0] + (family_size[1] - family_size[0]) * rng.random() ** 2)
        for _ in range(size):
            texts.append((edit_text(instantiate(tmpl, rng, rng.choice(refs)), edit_rate, rng), f))
        f += 1
    while len(texts) < n:
        texts.append((instantiate(make_measure(rng, deck), rng, rng.choice(refs)), None))
    rng.shuffle(texts)
    items: list[MeasureItem] = []
    families: list[list[str]] = [[] for _ in range(f)]
    fam_units: list[set[int]] = [set() for _ in range(f)]
    for k, (text, fam) in enumerate(texts):
        u = rng.randrange(units)
        if fam is not None:
            # Planted copies go to distinct units.
            while u in fam_units[fam]:
                u = rng.randrange(units)
            fam_units[fam].add(u)
            families[fam].append(f"s{k}")
        items.append(MeasureItem(f"s{k}", f"u{u}", f"n{u}", f"n{u}/i{k % 10}", text))
    return items, families
