"""Issue 15 #1: the administrative place, level and kind of body of a unit
(graphkit.analysis.places), against a table written by hand from reading the notices: every unit
of the shared corpus (notices and the collection), and written examples of every level and body.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_path

from graphkit.analysis.places import UnitPlace, read_place, record_place
from graphkit.parse import parse_notice
from graphkit.read import read_path

# Read off each notice by hand (unit line, signature, first paragraph): file → unit name as the
# parser gives it, then (province, city, county, division code, level, body). A municipality's
# district has its municipality as province and city. The Shenfu zone (沈抚改革创新示范区) is no
# division of GB/T 2260 and its rank is not in its name: the province only.
CORPUS: dict[str, tuple[str, tuple[str | None, str | None, str | None, str | None, str | None, str]]] = {
    "hebei-hengshui-city-2022.txt": (
        "衡水市委",
        ("河北省", "衡水市", None, "131100", "city", "party_committee"),
    ),
    "jiangsu-jiangyan-district-2022.txt": (
        "泰州市姜堰区委",
        ("江苏省", "泰州市", "姜堰区", "321204", "county", "party_committee"),
    ),
    "liaoning-baita-district-2020.txt": (
        "辽阳市白塔区",
        ("辽宁省", "辽阳市", "白塔区", "211002", "county", "party_committee"),
    ),
    "liaoning-commerce-dept-2020.txt": (
        "辽宁省商务厅党组",
        ("辽宁省", None, None, "210000", "provincial", "department"),
    ),
    "liaoning-culture-tourism-dept-2020.txt": (
        "辽宁省文化和旅游厅党组",
        ("辽宁省", None, None, "210000", "provincial", "department"),
    ),
    "liaoning-emergency-management-dept-2020.txt": (
        "辽宁省应急管理厅委员会",
        ("辽宁省", None, None, "210000", "provincial", "department"),
    ),
    "liaoning-faku-county-2020.txt": (
        "法库县委员会",
        ("辽宁省", "沈阳市", "法库县", "210124", "county", "party_committee"),
    ),
    "liaoning-guta-district-2020.txt": (
        "锦州市古塔区委",
        ("辽宁省", "锦州市", "古塔区", "210702", "county", "party_committee"),
    ),
    "liaoning-shenfu-demonstration-zone-2020.txt": (
        "辽宁省沈抚改革创新示范区工作委员会",
        ("辽宁省", None, None, "210000", None, "work_committee"),
    ),
    "liaoning-sports-bureau-2020.txt": (
        "辽宁省体育局党组",
        ("辽宁省", None, None, "210000", "provincial", "department"),
    ),
    "liaoning-xinqiu-district-2020.txt": (
        "新邱区委员会",
        ("辽宁省", "阜新市", "新邱区", "210903", "county", "party_committee"),
    ),
    "tianjin-binhai-urban-management-2024.txt": (
        "天津市滨海新区城市管理委员会委员会",
        ("天津市", "天津市", "滨海新区", "120116", "county", "department"),
    ),
    "tianjin-jinghai-district-2022.txt": (
        "天津市静海区委员会",
        ("天津市", "天津市", "静海区", "120118", "county", "party_committee"),
    ),
}


def _fields(p: UnitPlace) -> tuple[str | None, ...]:
    return (p.province, p.city, p.county, p.division_code, p.level, p.body_kind)


def _records(path: Path) -> list[tuple[str, object]]:
    """(source, record) of every notice a file holds."""
    return [(doc.source, parse_notice(doc.text, doc.source)) for doc in read_path(str(path))]


def test_every_unit_of_the_shared_corpus() -> None:
    folder = shared_path("corpus/notices")
    seen = set()
    for path in sorted(folder.glob("*.txt")):
        assert path.name in CORPUS, f"{path.name}: add its unit to the table by hand"
        unit, want = CORPUS[path.name]
        for _, rec in _records(path):
            assert rec.unit == unit  # type: ignore[attr-defined]
            got = record_place(rec)  # type: ignore[arg-type]
            assert _fields(got) == want, path.name
            seen.add(path.name)
    assert seen == set(CORPUS)


def test_every_unit_of_the_collection() -> None:
    """The collection repeats nine of the notices: each unit reads as in its own file."""
    by_unit = {unit: want for unit, want in CORPUS.values()}
    path = shared_path("corpus/collections/liaoning-round9-2020.txt")
    recs = _records(path)
    assert len(recs) == 9
    for _, rec in recs:
        assert _fields(record_place(rec)) == by_unit[rec.unit], rec.unit  # type: ignore[attr-defined, arg-type]


# Written examples: (name, publisher, text) → (province, city, county, code, level, body).
EXAMPLES = [
    # central: a ministry, a central enterprise, a national administration; no province
    (("商务部党组", None, ""), (None, None, None, None, "central", "department")),
    (("国家体育总局党组", None, ""), (None, None, None, None, "central", "department")),
    (("中国石油天然气集团有限公司党组", None, ""), (None, None, None, None, "central", "enterprise")),
    # provincial
    (("辽宁省体育局党组", None, ""), ("辽宁省", None, None, "210000", "provincial", "department")),
    (("吉林省委", None, ""), ("吉林省", None, None, "220000", "provincial", "party_committee")),
    (
        ("内蒙古自治区发展和改革委员会党组", None, ""),
        ("内蒙古自治区", None, None, "150000", "provincial", "department"),
    ),
    # a department named without its province: the notice's publisher names it
    (
        ("省体育局党组", "中共辽宁省体育局党组", ""),
        ("辽宁省", None, None, "210000", "provincial", "department"),
    ),
    # city
    (("沈阳市委", None, ""), ("辽宁省", "沈阳市", None, "210100", "city", "party_committee")),
    (("大连市卫生健康委员会党组", None, ""), ("辽宁省", "大连市", None, "210200", "city", "department")),
    (
        ("延边朝鲜族自治州委", None, ""),
        ("吉林省", "延边朝鲜族自治州", None, "222400", "city", "party_committee"),
    ),
    # county: unique names read alone; a name held by several counties needs its city
    (("法库县委", None, ""), ("辽宁省", "沈阳市", "法库县", "210124", "county", "party_committee")),
    (("沈阳市铁西区委", None, ""), ("辽宁省", "沈阳市", "铁西区", "210106", "county", "party_committee")),
    (
        ("铁西区委", None, "市委巡察组对铁西区委开展巡察。鞍山市纪委监委"),
        ("辽宁省", "鞍山市", "铁西区", "210303", "county", "party_committee"),
    ),
    (("新民市委", None, ""), ("辽宁省", "沈阳市", "新民市", "210181", "county", "party_committee")),
    (("北京市朝阳区委", None, ""), ("北京市", "北京市", "朝阳区", "110105", "county", "party_committee")),
    (("法库县教育局党组", None, ""), ("辽宁省", "沈阳市", "法库县", "210124", "county", "department")),
    # township and village: the county named before them
    (("法库县丁家房镇党委", None, ""), ("辽宁省", "沈阳市", "法库县", "210124", "township", "township")),
    (
        ("沈阳市皇姑区北塔街道党工委", None, ""),
        ("辽宁省", "沈阳市", "皇姑区", "210105", "township", "township"),
    ),
    (
        ("法库县丁家房镇西岗村党支部", None, ""),
        ("辽宁省", "沈阳市", "法库县", "210124", "village", "village"),
    ),
    # university and enterprise: the province from the name; a short name gives no level
    (("辽宁大学党委", None, ""), ("辽宁省", None, None, "210000", None, "university")),
    (("沈阳工业大学党委", None, ""), ("辽宁省", "沈阳市", None, "210100", None, "university")),
    (
        ("辽宁省交通建设投资集团有限责任公司党委", None, ""),
        ("辽宁省", None, None, "210000", "provincial", "enterprise"),
    ),
    (("沈阳市地铁集团有限公司党委", None, ""), ("辽宁省", "沈阳市", None, "210100", "city", "enterprise")),
]


@pytest.mark.parametrize(("given", "want"), EXAMPLES, ids=[e[0][0] for e in EXAMPLES])
def test_written_examples(given: tuple[str, str | None, str], want: tuple[str | None, ...]) -> None:
    name, publisher, text = given
    assert _fields(read_place(name, publisher=publisher, text=text)) == want


@pytest.mark.parametrize(
    ("name", "publisher", "text"),
    [
        ("东河县委", None, "东河县委关于巡察整改进展情况的通报"),  # no such county (东河区 is another place)
        ("铁西区委", None, ""),  # 沈阳, 鞍山 and 四平 each have one: nothing says which
        ("区城市管理委党委", None, ""),  # a district's department, the district unnamed
        ("示范区党工委", None, ""),
    ],
)
def test_an_unreadable_place_stays_null(name: str, publisher: str | None, text: str) -> None:
    got = read_place(name, publisher=publisher, text=text)
    # 铁西区: its three readings lie in two provinces, so not even the province is kept
    assert (got.province, got.city, got.county, got.division_code) == (None, None, None, None)


def test_an_ambiguous_county_keeps_what_all_its_readings_share() -> None:
    """Two readings in Liaoning: the province holds, the city and county stay null."""
    got = read_place("铁西区委", text="辽宁省委巡视组对铁西区委开展巡视")
    assert (got.province, got.city, got.county, got.level) == ("辽宁省", None, None, "county")


def test_the_text_never_deepens_a_place_the_name_gives() -> None:
    """A provincial department's notice gives its address (沈阳市皇姑区): still provincial."""
    got = read_place("辽宁省商务厅党组", text="地址:沈阳市皇姑区泰山路17号")
    assert (got.city, got.county, got.level) == (None, None, "provincial")


def test_divisions_chain_to_the_province() -> None:
    got = read_place("法库县委")
    assert [(d.id, d.name, d.level) for d in got.divisions] == [
        ("210000", "辽宁省", "provincial"),
        ("210100", "沈阳市", "city"),
        ("210124", "法库县", "county"),
    ]
    assert [d.id for d in read_place("天津市静海区委").divisions] == ["120000", "120118"]
    assert read_place("商务部党组").divisions == ()
