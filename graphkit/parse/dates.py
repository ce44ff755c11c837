"""Dates as notices write them: 2019年10月25日, 10月25日 (year from context), 2022/08/04, 2022-07-01.

A date whose digits were lost in extraction (`202131日`, `722日`) matches nothing and so
gives None, never a wrong date.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right

# A full or year-less Chinese date. Digits must not touch the match on the left (…202131日).
DATE_RE = re.compile(r"(?<!\d)(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
RANGE_RE = re.compile(
    r"(?<!\d)(?P<y1>(?:19|20)\d{2})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"\s*(?:至|到|—|-|~|－)\s*"
    r"(?:(?P<y2>(?:19|20)\d{2})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)
NUMERIC_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
FULL_DATE_LINE_RE = re.compile(r"^\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日\s*$")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


def iso(y: int, m: int, d: int) -> str | None:
    """YYYY-MM-DD, or None when it is no calendar date."""
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def infer_year(m: int, d: int, prev: str | None) -> int | None:
    """Year for a year-less month/day: that of `prev` (YYYY-MM-DD), or the next year where
    the date would otherwise fall before `prev`."""
    if prev is None:
        return None
    py, pm, pd = (int(x) for x in prev.split("-"))
    return py + 1 if (m, d) < (pm, pd) else py


def resolve(y: str | None, m: str, d: str, prev: str | None) -> str | None:
    """ISO date from regex groups, inferring a missing year from `prev`."""
    mi, di = int(m), int(d)
    year = int(y) if y else infer_year(mi, di, prev)
    if year is None:
        return None
    return iso(year, mi, di)


def parse_date_line(line: str) -> str | None:
    """A line that is only a full date (the one under a signature)."""
    m = FULL_DATE_LINE_RE.match(line)
    return iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def find_numeric_date(s: str) -> str | None:
    """ISO date of the first numeric date (2023-05-06, 2023/5/6, 2023.5.6) in `s`, or None."""
    m = NUMERIC_DATE_RE.search(s)
    return iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


class YearIndex:
    """Which year the text last named before a position (for year-less dates), in O(log n)."""

    def __init__(self, text: str, default: int | None = None) -> None:
        self._pos: list[int] = []
        self._year: list[int] = []
        # find each 年 and look back, cheaper than a look-behind regex at every position
        i = text.find("年")
        while i != -1:
            if i >= 4:
                d = text[i - 4 : i]
                if d.isdigit() and d.isascii() and (i == 4 or not text[i - 5].isdigit()):
                    y = int(d)
                    if 1990 <= y <= 2100:
                        self._pos.append(i - 4)
                        self._year.append(y)
            i = text.find("年", i + 1)
        self.default = default

    def before(self, pos: int) -> int | None:
        """The last year named at or before `pos`; `default` when none is."""
        i = bisect_right(self._pos, pos) - 1
        return self._year[i] if i >= 0 else self.default


_DEADLINE_YM = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?:的)?(\d{1,2})月")
_DEADLINE_M = re.compile(r"(?<![\d年])(\d{1,2})月(?:份)?(?:底|末|中旬|下旬|上旬|前|以前|\d{1,2}日)")
_DEADLINE_Y = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?:底|末|内|年底)?(?:前)?")


def find_deadline(s: str, year: int | None = None) -> str | None:
    """A time limit stated in `s`: `2020年12月底前` → 2020-12, `预计12月末完成` → YYYY-12 with
    `year` from context, `2025年将全部完成` → 2025."""
    m = _DEADLINE_YM.search(s)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    m2 = _DEADLINE_M.search(s)
    if m2 and year and 1 <= int(m2.group(1)) <= 12:
        return f"{year:04d}-{int(m2.group(1)):02d}"
    m3 = _DEADLINE_Y.search(s)
    if m3:
        return m3.group(1)
    return None


# A date whose 年 and 月 a web page stripped: 2024915日, 1112日 (digits then 日, no 月 before).
DAMAGED_DATE_RE = re.compile(r"(?<![\d月])(?P<digits>\d{2,8})日")
DAMAGED_RANGE_RE = re.compile(r"(?<![\d月])(?P<a>\d{2,8})日\s*(?:至|到|—|-|~|－)\s*(?P<b>\d{2,8})日")


def _month_day_readings(md: str) -> list[tuple[int, int]]:
    """Every (month, day) that a run of 2–4 digits can be read as."""
    out = []
    for cut in (1, 2):
        if not (cut < len(md) and len(md) - cut <= 2):
            continue
        m, d = int(md[:cut]), int(md[cut:])
        # no leading zero on a one-digit part (0 is not a month; 05 as a day is two digits)
        if (
            (md[cut] != "0" or len(md) - cut == 2)
            and not (cut == 2 and md[0] == "0")
            and 1 <= m <= 12
            and 1 <= d <= 31
        ):
            out.append((m, d))
    return out


def read_damaged(digits: str, prev: str | None) -> tuple[str | None, bool]:
    """(ISO date, damaged) for the digits of a date whose 年 and 月 were stripped.

    The date is read only where one reading is possible (`2024915` → 2024-09-15, `1112` with a
    year from `prev` → …-11-12); `2024111` (1-11 or 11-1) gives None. `damaged` is True
    whenever the digits do not read as one date."""
    year: int | None = None
    md = digits
    if len(digits) >= 6 and digits[:2] in ("19", "20"):
        year, md = int(digits[:4]), digits[4:]
    if not 2 <= len(md) <= 4:
        return None, True
    readings = [r for r in _month_day_readings(md) if iso(year or 2000, *r)]
    if len(readings) != 1:
        return None, True
    m, d = readings[0]
    if year is None:
        year = infer_year(m, d, prev)
        if year is None:
            return None, True
    return iso(year, m, d), False
