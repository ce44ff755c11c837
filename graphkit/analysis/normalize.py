"""Normalise measure texts so that two copies of one measure compare equal.

What is kept is what makes two measures *the same measure*: the words of the action. What is
dropped is what differs between two units copying one measure, or between two notices of one
unit reusing it:

* labels (``一是``, ``(1)``, ``①``, ``1.``, ``（一）``), wherever they stand in the text;
* numbers, dates and counts (``2020年3月11日``, ``76项``, ``3个``, ``十二次``, ``第九轮``, ``85%``);
* the unit's references to itself (``我厅``, ``我局``, ``本单位``, ``区委``, ``市委``, ``县委``,
  ``局党组``, ``厅党组`` …) and the spread words that follow the unit's level (``全区``, ``全市``,
  ``全县``, ``全厅`` all become ``全``);
* the unit's own name, when the caller passes it (``strip_names``);
* punctuation, whitespace, Latin case.

Every step deletes characters or maps one character to one character, so the result is never
longer than the input; the steps are repeated to a fixed point, so ``normalize(normalize(x)) ==
normalize(x)``. ``normalize_title`` does the same for titles of issued documents, after first
removing the issuing unit's own name (``《衡水市委省委巡视反馈意见整改落实专题民主生活会方案》`` and
``《中共姜堰区委省委巡视反馈意见整改落实专题民主生活会方案》`` compare equal).

Spark: normalisation is a pure per-row function (a ``map`` / UDF); nothing here needs state.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from graphkit.patterns import one_of

__all__ = ["NameStripper", "normalize", "normalize_title", "strip_names", "unit_name_variants"]

_CN_NUM = "一二三四五六七八九十百千万两零〇壹贰叁肆伍陆柒捌玖拾"
_COUNTER = "项个次条名人家场期批篇份件起轮届年月日号天周户处所间套台辆元亿余多%％"

# Labels, wherever they stand; 一是 is also looked for again once punctuation is gone (_WORDS).
_SHI_LABEL = rf"[{_CN_NUM}]+(?:是|要)(?=\S)"
_LABEL = one_of(
    _SHI_LABEL,  # 一是 / 二要
    rf"[（(]\s*[{_CN_NUM}0-9０-９]+\s*[）)]",  # (1) （一）
    r"[①-⒛❶-❿⓫-⓴]",  # ①
    # (not after a character other than these: at the start too; one look-behind, not ``^|…``)
    rf"(?<![^。；;：:\s])[{_CN_NUM}0-9０-９]+[.．、]",  # 1. 1、 一、 after a sentence
)
# Arabic numbers with an optional counter (dates, counts, percentages, amounts).
_ARABIC = re.compile(rf"第?[0-9０-９]+(?:[.．,，][0-9０-９]+)*[{_COUNTER}]?")
# Chinese numerals followed by a counter (十二次, 三个, 第九轮, 两项); a bare 一 inside words
# (统一, 一岗双责, 进一步) is kept.
_CN_COUNT = re.compile(rf"第?[{_CN_NUM}]+[{_COUNTER}]")

# The unit referring to itself, and bodies whose name only says the unit's level. 省委 is kept:
# for the units of a province it is the superior (the inspector), not the unit itself.
_LEVEL = "省市区县旗镇乡"
_BODY = "厅局委办部院校会所行司署室处中心"
_SELF = one_of(
    rf"(?:我们|我|本)(?:[{_LEVEL}{_BODY}]|单位|部门|系统|地区|行业|中心|公司|集团|街道)(?:党组|党委|党工委)?",  # 我厅, 本单位
    rf"[{_LEVEL[1:]}](?:委员会|委|人民政府|政府)(?:常委会)?",  # 区委, 县政府
    rf"[{_BODY}](?:党组|党委|党工委)",  # 局党组, 厅党委
    r"党工委|党组(?=[^织])",  # 党组, not 党组织
)
_SPREAD = re.compile(rf"(?<=全)(?:[{_LEVEL}厅局委]|系统)")
_NOT_WORD = re.compile(r"[\W\d_]+")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_FULLWIDTH.update({c + 0xFEE0: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_FULLWIDTH[0x3000] = 0x20


# What may still match once punctuation and digits are gone, in one pattern (one pass each).
_WORDS = one_of(_CN_COUNT, _SELF, _SPREAD, _SHI_LABEL)


# Runs of the characters _FULLWIDTH maps (exactly its keys): translating only the runs gives
# ``text.translate(_FULLWIDTH)`` at half its cost (a dict look-up per character of the text).
_NEEDS_FOLD = re.compile("[\uff01-\uff5eA-Z\u3000]+")


def _fold(m: re.Match[str]) -> str:
    return m.group().translate(_FULLWIDTH)


def _first(text: str) -> str:
    text = _NEEDS_FOLD.sub(_fold, text)
    text = _LABEL.sub("", text)
    text = _ARABIC.sub("", text)
    return _NOT_WORD.sub("", text)


def normalize(text: str, names: Iterable[str] = ()) -> str:
    """The comparable core of a measure text.

    Args:
        text: a measure (or sentence, headline) as written.
        names: the unit's own names to remove too (see ``unit_name_variants``).

    Returns:
        The text without labels, numbers, dates, counts, self-references, the given names,
        punctuation and whitespace; never longer than ``text``; ``normalize`` of it is itself.
    """
    if names:
        text = strip_names(text, names)
    return _normalize_stripped(text)


def _normalize_stripped(text: str) -> str:
    """``normalize`` once the names are gone."""
    text = _first(text)
    # Removing a word can join two halves into a new one (我本单位厅 → 我厅): repeat to a fixed point.
    removed = 1
    while removed:
        text, removed = _WORDS.subn("", text)
    return text


def unit_name_variants(unit: str) -> list[str]:
    """Names under which a unit may name itself, longest first.

    ``泰州市姜堰区委`` gives ``泰州市姜堰区委, 泰州市姜堰区, 姜堰区委, 姜堰区`` (and ``中共…`` forms);
    ``省商务厅党组`` gives ``省商务厅党组, 省商务厅, 商务厅党组, 商务厅``. Bare place names of the
    parent level (``泰州市``) are not included: a district's measure may name its city.
    """
    unit = unit.strip()
    out: set[str] = set()
    base = re.sub(r"(?:党组|党委|党工委|委员会|委)$", "", unit)
    for full in (unit, base):
        if len(full) >= 2:
            out.add(full)
    # The last administrative segment: 泰州市姜堰区 → 姜堰区, 辽宁省商务厅 → 商务厅.
    m = re.search(r"(?:.*[省市](?=..))?(.+)$", base)
    if m and len(m.group(1)) >= 2:
        tail = m.group(1)
        out.add(tail)
        if base != unit:
            out.add(tail + unit[len(base) :])
    out |= {"中共" + n for n in list(out)}
    return sorted(out, key=lambda s: (-len(s), s))


class UnitNames(Mapping[str, list[str]]):
    """Unit id → every name the unit goes by, with the self-reference variants of each
    (``unit_name_variants``), longest first: made when first asked for, so that an update
    that reads the names of a few of 40,000 units does not make them all.

    ``source[uid]`` is what they are made from (the unit's name and aliases, as JSON): two
    readings of a unit give the same names when it is the same. ``rows``: (unit id, name,
    aliases or None), as the ``unit_names`` statement reads them."""

    def __init__(self, rows: Iterable[Sequence[Any]]) -> None:
        self._rows = {uid: (name, list(aliases or [])) for uid, name, aliases in rows}
        self.source = {uid: json.dumps(r, ensure_ascii=False) for uid, r in self._rows.items()}
        self._made: dict[str, list[str]] = {}

    def __getitem__(self, uid: str) -> list[str]:
        got = self._made.get(uid)
        if got is None:
            name, aliases = self._rows[uid]
            names: set[str] = set()
            for n in [name, *aliases]:
                if n:
                    names.update(unit_name_variants(n))
            got = self._made[uid] = sorted(names, key=lambda s: (-len(s), s))
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, uid: object) -> bool:
        return uid in self._rows


def strip_names(text: str, names: Iterable[str]) -> str:
    """Remove each of ``names`` (longest first) from ``text``."""
    return _strip_ordered(text, _name_order(names))


def _name_order(names: Iterable[str]) -> list[str]:
    """The order ``strip_names`` removes ``names`` in: distinct, non-empty, longest first."""
    return sorted({n for n in names if n}, key=len, reverse=True)


def _strip_ordered(text: str, ordered: Iterable[str]) -> str:
    for name in ordered:
        text = text.replace(name, "")
    return text


class NameStripper:
    """``normalize`` of many texts of a few units: each unit's names are put in removal order
    once, not once a text (``normalize(text, names[unit])``, the same result)."""

    def __init__(self, names: Mapping[str, Sequence[str]] | None = None) -> None:
        self.names = names or {}
        self._order: dict[str, list[str]] = {}

    def order(self, unit: str) -> list[str]:
        """The unit's names in the order ``strip_names`` removes them."""
        got = self._order.get(unit)
        if got is None:
            got = self._order[unit] = _name_order(self.names.get(unit, ()))
        return got

    def normalize(self, text: str, unit: str, seen: dict[str, str] | None = None) -> str:
        """``normalize(text, names[unit])``; with ``seen`` (text without the names → its
        normalised text), a text met before is looked up (one sentence in many notices)."""
        text = _strip_ordered(text, self.order(unit))
        if seen is None:
            return _normalize_stripped(text)
        got = seen.get(text)
        if got is None:
            got = seen[text] = _normalize_stripped(text)
        return got


_TITLE_PREFIX = re.compile(r"^中共(?:(?!关于).){1,12}?(?:委员会|党工委|党组|党委|委)")
# The body a title is written for, when the title opens with it: 《省应急厅领导班子省委巡视反馈…
# 方案》, 《法库县委常委班子省委巡视…方案》 (after the unit's name is gone: 《常委班子…》). The
# unit is often abbreviated (省应急厅) where its names cannot catch it; 关于 / 的 in the way mean
# the words are the subject (《关于加强领导班子建设的意见》 keeps them).
_TITLE_OWNER = re.compile(r"^(?:(?!关于)[^的《》]){0,12}?(?:领导班子|常委班子|党组班子|班子)(?=.{8})")


def normalize_title(title: str, names: Iterable[str] = ()) -> str:
    """The comparable core of an issued document's title, without the issuing unit's name.

    ``《[单位]省委巡视反馈意见整改落实专题民主生活会方案》`` gives
    ``省委巡视反馈意见整改落实专题民主生活会方案`` for any unit whose names are passed; a leading
    ``中共…委/党组`` is removed even without names, and so is a leading owner body
    (``省应急厅领导班子…``, ``常委班子…``). Numbers and years go as in ``normalize``.
    """
    title = title.strip().strip('《》〈〉<>"“”')
    title = strip_names(title, names)
    title = _TITLE_PREFIX.sub("", title)
    title = _TITLE_OWNER.sub("", title)
    return normalize(title)
