"""Where a unit stands and what it is: province, city, county (GB/T 2260 code), level, kind of body.

A pure function of the unit's name and what the notice says around it (publisher, title, text):
`read_place(name, publisher=…, title=…, text=…)`, or `record_place(record)`. The divisions and
their codes come from jionlp's gazetteer (a maintained package: its `china_location` dictionary,
province → city → county with the six-digit codes, and its record of divisions renamed since 2002,
read from the package's own files without importing jionlp, which costs ~1.3 s and prints a banner
on standard output; `_gazetteer` falls back to its public loader when the files move). No place is
written by hand here: the words below are the ones that say what kind of body a name is.

How a name is read, and what is never guessed:

* the divisions the name starts with, in order (辽宁省 · 沈阳市 · 法库县), each one inside the one
  before; a division named alone (法库县) brings its parents when its name is unique in the
  country. A name held by several (铁西区: 沈阳, 鞍山, 四平) is settled by the divisions the
  publisher, title and text name (鞍山市 in the text picks 鞍山's); when several readings remain,
  only what they all share is kept (two 铁西区 in Liaoning: province only), and a reading the
  context contradicts is dropped. A division is named in full (with 省, 市, 区, 县 …); a province
  may go by its short name (辽宁大学), which gives the province but no level.
* the context only fills what the name leaves above its own place (法库县委 → 沈阳市, 辽宁省; 省体育局
  → the province the notice's publisher, else its title, else its text names, when exactly one
  is named); it never places a unit deeper than its name does (a provincial department's
  address in 沈阳市 does not make it a city body).
* the level is that of the most specific division the name gives in full, or the level its
  township (镇, 乡, 街道) or village (村, 社区) words say; a bare 省/市/区 before a department says
  it too. A name of the central organs (商务部, 国家…, 中央…, 中国…集团) is central, without place.
  Universities and zones (示范区, 开发区) have no level of their own in their names: null.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphkit.records import NoticeRecord

__all__ = ["LEVELS", "Division", "UnitPlace", "gazetteer", "read_place", "record_place"]

LEVELS = ("central", "provincial", "city", "county", "township", "village")
"""Unit levels, highest first."""

_DIVISION_LEVELS = ("provincial", "city", "county")


@dataclass(frozen=True)
class Division:
    """One administrative division of GB/T 2260.

    Attributes:
        id: its six-digit code.
        name: its full name (辽宁省, 沈阳市, 法库县).
        level: provincial, city or county.
        parent: the code of the division above it (None for a province; a county under a
            province directly, as 仙桃市 or a municipality's district, names the province).
    """

    id: str
    name: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class UnitPlace:
    """Where a unit stands and what it is; every field null when it cannot be read.

    Attributes:
        province, city, county: the divisions' full names (a municipality is its own city).
        division_code: the code of the most specific of them.
        level: central, provincial, city, county, township or village.
        body_kind: party_committee, work_committee, department, enterprise, university,
            school, hospital, township or village.
        divisions: the divisions from the province down to the most specific, one per code
            (a municipality's city is its province): the Place nodes a loader writes.
    """

    province: str | None = None
    city: str | None = None
    county: str | None = None
    division_code: str | None = None
    level: str | None = None
    body_kind: str | None = None
    divisions: tuple[Division, ...] = field(default=())

    def properties(self) -> dict[str, str | None]:
        """The Unit node's place properties, by the schema's names."""
        return {
            "province": self.province,
            "city": self.city,
            "county": self.county,
            "division_code": self.division_code,
            "level": self.level,
            "body_kind": self.body_kind,
        }


@dataclass(frozen=True)
class Gazetteer:
    """The divisions by code, by full name, and the provinces by short name."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    province_alias: dict[str, Division]
    city_alias: dict[str, Division]
    longest: int

    def chain(self, d: Division) -> list[Division]:
        """`d` and the divisions above it, province first."""
        out = [d]
        while out[0].parent is not None:
            out.insert(0, self.by_code[out[0].parent])
        return out

    def within(self, d: Division, outer: Division) -> bool:
        """Whether `d` is `outer` or lies inside it."""
        return any(x.id == outer.id for x in self.chain(d))


# ------------------------------------------------------------------------------ the gazetteer

_ROW = re.compile(r"^(\t{0,2})([^\t\r\n]+)\t(\d{6})\t([^\t\r\n]*)\r?$", re.M)
_CHANGE = re.compile(r"^[^\t]*\t[^\t]*\t(.*)=>(.*)$", re.M)


def _jionlp_folder() -> Path | None:
    """jionlp's package folder, found without importing it."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _read_dictionary(folder: Path, name: str) -> str | None:
    """A dictionary file of jionlp: the text file, or the zip it ships it in."""
    txt = folder / "dictionary" / name
    if txt.is_file():
        return txt.read_text(encoding="utf-8")
    packed = txt.with_suffix(".zip")
    if packed.is_file():
        with zipfile.ZipFile(packed) as zf:
            return zf.read(name).decode("utf-8")
    return None


def _rows_from_loader() -> list[tuple[int, str, str, list[str]]]:
    """(depth, name, code, short names) from jionlp's public loader (its files moved)."""
    with contextlib.redirect_stdout(sys.stderr):  # jionlp prints a banner when imported
        import jionlp

    out: list[tuple[int, str, str, list[str]]] = []

    def walk(node: dict[str, Any], depth: int) -> None:
        for key, sub in node.items():
            if key.startswith("_") or not isinstance(sub, dict):
                continue
            alias = sub.get("_alias") or []
            out.append(
                (depth, sub["_full_name"], sub["_admin_code"], [alias] if isinstance(alias, str) else alias)
            )
            if depth < 2:
                walk(sub, depth + 1)

    walk(jionlp.china_location_loader(detail=False), 0)
    return out


@cache
def gazetteer() -> Gazetteer:
    """jionlp's divisions (read once per process, ~0.2 s)."""
    folder = _jionlp_folder()
    if folder is None:
        raise ImportError("graphkit.analysis.places needs jionlp (pip install jionlp)")
    text = _read_dictionary(folder, "china_location.txt")
    if text is not None:
        rows = [(len(t), n, c, a.split("/")) for t, n, c, a in _ROW.findall(text)]
    else:
        rows = _rows_from_loader()
    by_code: dict[str, Division] = {}
    names: dict[str, list[Division]] = {}
    aliases: dict[str, Division] = {}
    city_aliases: dict[str, list[Division]] = {}
    parents: list[Division | None] = [None, None, None]
    for depth, name, code, alias in rows:
        if "直辖" in name:  # 省直辖行政区划: not a division; its counties lie in the province
            parents[depth] = parents[depth - 1] if depth else None
            continue
        parent = next((p for p in reversed(parents[:depth]) if p is not None), None)
        if parent is not None and parent.id == code:  # a municipality is its own city
            parents[depth] = parent
            continue
        d = Division(code, name, _DIVISION_LEVELS[depth], parent.id if parent else None)
        by_code[code] = d
        names.setdefault(name, []).append(d)
        parents[depth] = d
        for a in alias:
            if len(a) >= 2 and depth == 0:
                aliases[a] = d
            elif len(a) >= 2 and depth == 1:
                city_aliases.setdefault(a, []).append(d)
    changes = _read_dictionary(folder, "china_location_change.txt") or ""
    for old, new in _CHANGE.findall(changes):
        old_name = old.split("\t")[-2]  # the division as named before (辽中县)
        now = names.get(new.split("\t")[-1].strip(), [])
        if old_name not in names and len(now) == 1:
            names[old_name] = [now[0]]
    longest = max(len(n) for n in names)
    # a city's short name counts where no other city and no province goes by it (朝阳 yes, 吉林 no)
    cities = {a: v[0] for a, v in city_aliases.items() if len(v) == 1 and a not in aliases}
    return Gazetteer(by_code, {k: tuple(v) for k, v in names.items()}, aliases, cities, longest)


# ------------------------------------------------------------------------------ reading names

_LEAD = re.compile(r"^(?:中国共产党|中共)")
_CENTRAL = re.compile(
    r"^(?:中央|国务院|国家|全国|中华全国|最高人民|中国(?!共产党))|^[^省市县区]{1,8}部(?:党组|党委|机关)"
)
_ENTERPRISE = re.compile(r"公司|集团|银行|企业|厂")
_VILLAGE = re.compile(r"(?:村|社区|嘎查)(?:党支部|党总支|党委|委员会|支部委员会)?$")
_TOWNSHIP = re.compile(r"(?:镇|乡|街道|苏木)(?:党委|党工委|委员会|工作委员会)?$")
# body kinds said by a word anywhere after the divisions, tried in this order (after village and
# township, before committee and department: 东河县人民医院 is a hospital, not a department)
_BODY_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("university", re.compile(r"大学|学院")),
    ("school", re.compile(r"学校|中学|小学|幼儿园")),
    ("hospital", re.compile(r"医院|卫生院")),
    ("enterprise", _ENTERPRISE),
    (
        "work_committee",
        re.compile(r"(?:示范区|开发区|新区|园区|试验区|高新区|保税区)(?:党工委|工作委员会|工委)|党工委$"),
    ),
)
_COMMITTEE = re.compile(r"^(?:党?委|委员会)?$")
_DEPARTMENT = re.compile(r"厅|局|部|委员会|委|办公室|办|院|署|会|中心|党组|党委")
_BARE_LEVEL = {"省": "provincial", "市": "city", "县": "county", "区": "county"}
_TERRITORIAL = re.compile(r"([省县区旗])(?:委|委员会)$")  # 东河县委: a county's committee, wherever
_TEXT_CHARS = 4000  # the text's opening, where a notice names who was inspected and by whom


def _is_township(rest: str) -> bool:
    return bool(_TOWNSHIP.search(rest)) and not _DEPARTMENT.search(_TOWNSHIP.sub("", rest))


def _body(rest: str) -> str | None:
    """The kind of body the words after the name's divisions say."""
    if _VILLAGE.search(rest) and not _ENTERPRISE.search(rest):
        return "village"
    if _is_township(rest):
        return "township"
    for kind, words in _BODY_WORDS:
        if words.search(rest):
            return kind
    if _COMMITTEE.match(rest) or _TERRITORIAL.search(rest):
        return "party_committee"
    if _DEPARTMENT.search(rest):
        return "department"
    return None


def _lead_divisions(name: str, g: Gazetteer) -> tuple[list[tuple[tuple[Division, ...], bool]], str]:
    """The divisions the name starts with, each as its readings and whether it was named in
    full, and the rest of the name."""
    out: list[tuple[tuple[Division, ...], bool]] = []
    i = 0
    while i < len(name):
        for k in range(min(g.longest, len(name) - i), 1, -1):
            found = g.by_name.get(name[i : i + k])
            if found:
                out.append((found, True))
                i += k
                break
        else:
            short = name[i : i + 3] if name[i : i + 3] in g.province_alias else name[i : i + 2]
            d = g.province_alias.get(short) or g.city_alias.get(short)
            if not out and d is not None:  # a short name opens the name only (辽宁大学, 沈阳工业大学)
                out.append(((d,), False))
                i += len(short)
                continue
            break
    return out, name[i:]


def mentioned(text: str, g: Gazetteer | None = None) -> list[Division]:
    """The divisions a text names in full (names of 3 characters or more: 城区, 郊区 are words
    too), each reading of a shared name once."""
    g = g or gazetteer()
    out: dict[str, Division] = {}
    n = len(text)
    i = 0
    while i < n:
        hit = 0
        for k in range(min(g.longest, n - i), 2, -1):
            found = g.by_name.get(text[i : i + k])
            if found:
                for d in found:
                    out.setdefault(d.id, d)
                hit = k
                break
        i += hit or 1
    return list(out.values())


def _provinces(context: list[Division], g: Gazetteer) -> set[str]:
    return {g.chain(c)[0].id for c in context}


def _narrow(
    readings: list[Division], own: list[Division], around: list[Division], g: Gazetteer
) -> list[Division]:
    """The readings of a division name that the context agrees with.

    `own` are the divisions the publisher and title name (they name the unit itself): a reading
    outside the one province they name is dropped, even the only one. `around` are those the
    text names: they only choose among several readings, those inside a division named
    (鞍山市 → 鞍山's 铁西区), else those in the one province named."""
    named = own + around
    mine = _provinces(own, g)
    if len(mine) == 1:
        readings = [r for r in readings if g.chain(r)[0].id in mine]
    if len(readings) > 1:
        inside = [r for r in readings if any(g.within(r, c) and r.id != c.id for c in named)]
        if inside:
            readings = inside
    if len(readings) > 1:
        text = {c.id for c in named if c.level == "provincial"}
        if len(text) == 1:
            readings = [r for r in readings if g.chain(r)[0].id in text] or readings
    return readings


def _shared(readings: list[Division], g: Gazetteer) -> Division | None:
    """The most specific division every reading lies in (itself when there is one)."""
    if not readings:
        return None
    chains = [g.chain(r) for r in readings]
    common: Division | None = None
    for level in zip(*chains, strict=False):
        if all(d.id == level[0].id for d in level):
            common = level[0]
        else:
            break
    return common


def _one_province(sources: Iterable[str | None], g: Gazetteer) -> Division | None:
    """The province the first source that names any names alone (none when it names several)."""
    for text in sources:
        if not text:
            continue
        provinces = _provinces(mentioned(text, g), g)
        if provinces:
            return g.by_code[provinces.pop()] if len(provinces) == 1 else None
    return None


def read_place(
    name: str, *, publisher: str | None = None, title: str | None = None, text: str | None = None
) -> UnitPlace:
    """The place, level and kind of body of the unit named `name`.

    Args:
        name: the unit as named (中共 dropped or not).
        publisher, title, text: the notice's signature line, title and clean text, which may
            name the divisions above the unit (never below it).

    Returns:
        A UnitPlace; what cannot be read stays null.
    """
    g = gazetteer()
    bare = _LEAD.sub("", re.sub(r"\s+", "", name))
    lead, rest = _lead_divisions(bare, g)
    body = _body(rest)
    if not lead:
        return _without_divisions(bare, body, (publisher, title, text), g)
    own = mentioned(" ".join(x for x in (publisher, title) if x), g)
    around = mentioned((text or "")[:_TEXT_CHARS], g)
    # each named division inside the one before it; the first settled by the context
    place: Division | None = None
    for readings, _ in lead:
        cands = [r for r in readings if place is None or g.within(r, place)]
        if place is None:
            cands = _narrow(cands, own, around, g)
        shared = _shared(cands, g)
        if shared is None:
            break
        place = shared
        if len(cands) > 1:
            break
    full = all(f for _, f in lead)
    level = _level(body, rest, lead[-1][0][0].level if full else None)
    if place is None:
        return UnitPlace(level=level, body_kind=body)
    return _place(place, level, body, g)


def _level(body: str | None, rest: str, named: str | None) -> str | None:
    if body in ("township", "village"):
        return body
    if body in ("university", "work_committee"):
        return None
    if body in ("school", "hospital", "enterprise") and named is None:
        return None
    return named


def _without_divisions(
    bare: str, body: str | None, sources: tuple[str | None, ...], g: Gazetteer
) -> UnitPlace:
    """A name that starts with no division: central, a bare 省/市/区 department, or unread."""
    if _CENTRAL.search(bare):
        return UnitPlace(
            level="central", body_kind="enterprise" if _ENTERPRISE.search(bare) else "department"
        )
    level = _BARE_LEVEL.get(bare[:1])
    if level is None and body == "party_committee" and (m := _TERRITORIAL.search(bare)):
        return UnitPlace(level=_BARE_LEVEL.get(m.group(1), "county"), body_kind=body)
    if level is None or body not in ("department", "party_committee", "enterprise"):
        return UnitPlace(level=_level(body, bare, None), body_kind=body)
    if level != "provincial":  # which city or district: the context may name others too
        return UnitPlace(level=level, body_kind=body)
    province = _one_province(sources, g)
    if province is None:
        return UnitPlace(level=level, body_kind=body)
    return _place(province, level, body, g)


def _place(d: Division, level: str | None, body: str | None, g: Gazetteer) -> UnitPlace:
    chain = g.chain(d)
    at = {x.level: x.name for x in chain}
    province = chain[0]
    municipality = province.name.endswith("市")
    city = at.get("city") or (province.name if municipality and d.level == "county" else None)
    return UnitPlace(
        province=province.name,
        city=city,
        county=at.get("county"),
        division_code=d.id,
        level=level,
        body_kind=body,
        divisions=tuple(chain),
    )


def record_place(record: NoticeRecord) -> UnitPlace:
    """The place of the unit a notice record names (its unit line, else its publisher)."""
    name = record.unit or record.publisher
    if not name:
        return UnitPlace()
    return read_place(name, publisher=record.publisher, title=record.title, text=record.text)
