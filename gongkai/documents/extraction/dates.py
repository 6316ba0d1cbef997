"""Dates as Chinese documents write them, and task deadlines.

成文日期 is written in Arabic figures since GB/T 9704-2012 (2019年7月10日) but older and
many local documents use Chinese numerals (二〇一九年七月十日, with 〇, ○ or 零 for zero);
web pages add 2019-07-17, 2019/07/17 and 2019.07.17. Deadlines in plans are written as
"9月底前", "2019年12月底前", "年底前", "上半年". No library reads these; hand-written.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from gongkai.documents.extraction.text import fold

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ο": 0, "一": 1, "二": 2, "两": 2}
_CN_DIGITS |= {"三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_ZEROS = "〇○零OoΟ"
_CN_YEAR = rf"[{_CN_ZEROS}一二三四五六七八九]{{4}}"
_CN_SMALL = r"[一二三四五六七八九十]{1,3}"

_YEAR = rf"(?P<y>\d{{4}}|{_CN_YEAR})"
_MONTH = rf"(?P<m>\d{{1,2}}|{_CN_SMALL})"
_DAY = rf"(?P<d>\d{{1,2}}|{_CN_SMALL})"
_S = r"[ \t]*"
# 2019年7月10日, 二〇一九年七月十日 (PDF text often has spaces between the parts).
_CN_DATE = rf"{_YEAR}{_S}年{_S}{_MONTH}{_S}月{_S}{_DAY}{_S}[日号]"
# 2019-07-17, 2019/07/17, 2019.07.17
_NUM_DATE = r"(?P<ny>\d{4})[-/.](?P<nm>\d{1,2})[-/.](?P<nd>\d{1,2})(?!\d)"
DATE_PATTERN = re.compile(rf"{_CN_DATE}|{_NUM_DATE}")
# A line that is only a date (the line under a signature), perhaps with a clock time.
_DATE_LINE = re.compile(
    rf"[(\[]?(?:{_CN_DATE}|{_NUM_DATE})[)\]]?(?:{_S}\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
)


def cn_number(text: str) -> int:
    """七 -> 7, 十 -> 10, 十二 -> 12, 二十 -> 20, 三十一 -> 31; digits pass through."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _cn_year(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(str(_CN_DIGITS[ch]) for ch in text))


def _from_match(match: re.Match[str]) -> date | None:
    if match["ny"]:
        parts = (int(match["ny"]), int(match["nm"]), int(match["nd"]))
    else:
        parts = (_cn_year(match["y"]), cn_number(match["m"]), cn_number(match["d"]))
    try:
        return date(*parts)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[tuple[int, int], date]]:
    """Every valid date in `text` with its span."""
    folded = fold(text)
    found = []
    for match in DATE_PATTERN.finditer(folded):
        value = _from_match(match)
        if value:
            found.append((match.span(), value))
    return found


def parse_date(text: str) -> date | None:
    """The first valid date in `text`, or None."""
    dates = find_dates(text)
    return dates[0][1] if dates else None


def date_line(line: str) -> date | None:
    """The date if `line` consists of a date alone (as under a signature), else None."""
    match = _DATE_LINE.fullmatch(fold(line).strip())
    return _from_match(match) if match else None


# --- deadlines -----------------------------------------------------------------------------

_DUE_YEAR = rf"(?:(?P<y>\d{{4}}|{_CN_YEAR}){_S}年{_S})?"
_DUE_MONTH = rf"(?P<m>\d{{1,2}}|{_CN_SMALL}){_S}月{_S}"
_DUE_PART = rf"(?:(?P<part>底|末|上旬|中旬|下旬)|(?P<d>\d{{1,2}}|{_CN_SMALL}){_S}[日号])?"
_DUE_SPAN = rf"(?:(?P<y>\d{{4}}|{_CN_YEAR}){_S})?年?(?P<span>年底|年末|上半年|下半年|第(?P<q>[一二三四1-4])季度)末?"
_DUE_BEFORE = r"(?:前|之前|以前|完成|为止)"


def _due_patterns(before: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(rf"{_DUE_YEAR}{_DUE_MONTH}{_DUE_PART}{_S}{before}"),
        re.compile(rf"{_DUE_SPAN}{_S}{before}"),
    )


# In running text a deadline needs its 前 ("9月底前"); a 完成时限 value may omit it.
_DUE_IN_TEXT = _due_patterns(_DUE_BEFORE)
_DUE_IN_VALUE = _due_patterns(rf"{_DUE_BEFORE}?")
_MAY_HOLD_DEADLINE = re.compile("[月年季]")  # cheap test before the full patterns
_PART_DAY = {"上旬": 10, "中旬": 20}
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _monthly_due(match: re.Match[str], year: int | None) -> date | None:
    year = _cn_year(match["y"]) if match["y"] else year
    if year is None:
        return None
    month = cn_number(match["m"])
    if not 1 <= month <= 12:
        return None
    if match["d"]:
        day = cn_number(match["d"])
    else:
        day = _PART_DAY.get(match["part"] or "", _month_end(year, month))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearly_due(match: re.Match[str], year: int | None) -> date | None:
    year = _cn_year(match["y"]) if match["y"] else year
    if year is None:
        return None
    span = match["span"]
    if span == "上半年":
        return date(year, 6, 30)
    if match["q"]:
        quarter = "一二三四".find(match["q"]) + 1 or int(match["q"])
        return date(year, *_QUARTER_END[quarter])
    return date(year, 12, 31)


def find_deadline(
    text: str, year: int | None, *, is_value: bool = False
) -> tuple[str, date | None] | None:
    """The last deadline stated in `text` ("9月底前" -> 9-30 of `year`), as written and as a
    date (None when the text gives no year and none is known), or None if none is stated.
    `is_value`: `text` is the value of a 完成时限 field, where 前 may be left out."""
    if not _MAY_HOLD_DEADLINE.search(text):
        return None
    folded = fold(text)
    monthly, yearly = _DUE_IN_VALUE if is_value else _DUE_IN_TEXT
    found: list[tuple[int, str, date | None]] = []
    for match in monthly.finditer(folded):
        found.append((match.start(), text[slice(*match.span())], _monthly_due(match, year)))
    for match in yearly.finditer(folded):
        found.append((match.start(), text[slice(*match.span())], _yearly_due(match, year)))
    if not found:
        return None
    _, written, value = max(found, key=lambda item: item[0])
    return written, value
