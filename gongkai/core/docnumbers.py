"""发文字号 (document numbers): normalisation, finding them in text, and search queries.

A document number is 机关代字 + 〔年份〕 + 发文顺序号 + 号, e.g. 筑高新办函〔2019〕23号
(GB/T 9704-2012 7.2.3), or for regulations and announcements 国务院令第711号,
国家税务总局公告2019年第1号. People write the year brackets in many ways (〔〕 [] () （）
【】 ﹝﹞), with full-width digits, stray spaces and a 第 before the serial. The *key*
folds all of these into one form: ``筑高新办函[2019]23号``; ``国务院令711号``.

Hand-written: no library knows these conventions. No Django imports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.core.textrules import VALID, ValidationResult, invalid

OPEN_BRACKETS = "〔【〖〘﹝［｛（[({"
CLOSE_BRACKETS = "〕】〗〙﹞］｝）])}"
_TO_SQUARE = str.maketrans(
    {**dict.fromkeys(OPEN_BRACKETS, "["), **dict.fromkeys(CLOSE_BRACKETS, "]"), "號": "号"}
)
_SPACES = re.compile(r"\s+")
MIN_YEAR, MAX_YEAR = 1949, 2099
MAX_LENGTH = 64

# Structure of a character-normalised number (no spaces, square brackets, ASCII digits).
# The prefix is lazy so that the year is the first bracketed or 年-suffixed 4-digit group
# that leaves a well-formed tail; leading zeros of the serial are dropped, a missing 号 supplied.
_WITH_YEAR = re.compile(
    r"(?P<prefix>.*?)(?:\[(?P<y1>\d{4})\]|(?P<y2>\d{4})年)第*0*(?P<serial>\d{1,6})号?"
)
# Without a year (国务院令第711号) the prefix must end in a character other than a digit, 第 or a
# bracket, so that the serial is the whole digit run and normalising twice changes nothing.
_WITHOUT_YEAR = re.compile(r"(?P<prefix>.*[^\d第\[\]])第*0*(?P<serial>\d{1,6})号")


@dataclass(frozen=True)
class DocNumberQuery:
    """The parts of a document number: year (None for 令-style numbers), serial and the
    机关代字 prefix (character-normalised; None when a search query gives none)."""

    year: int | None
    serial: int
    prefix: str | None = None


@dataclass(frozen=True)
class DocNumberMatch:
    """A document number found in running text: its span, the text as written, and its key."""

    span: tuple[int, int]
    as_written: str
    key: str


def _fold_chars(text: str) -> str:
    """NFKC (full-width digits and letters), one bracket pair, 號 -> 号."""
    return unicodedata.normalize("NFKC", text).translate(_TO_SQUARE)


def _squeeze(text: str) -> str:
    """Folded and without spaces; NFKC again because dropping a space can bring a combining
    mark next to a letter it composes with (the key must not change when normalised twice)."""
    return unicodedata.normalize("NFKC", _SPACES.sub("", _fold_chars(text)))


def _format(prefix: str, year: int | None, serial: int) -> str:
    year_part = f"[{year:04d}]" if year is not None else ""
    return f"{prefix}{year_part}{serial}号"


def split_doc_number(text: str) -> DocNumberQuery | None:
    """The parts of a document number written in any variant, or None if it has no
    recognisable year/serial structure."""
    folded = _squeeze(text)
    match = _WITH_YEAR.fullmatch(folded)
    if match:
        year = int(match["y1"] or match["y2"])
        return DocNumberQuery(year=year, serial=int(match["serial"]), prefix=match["prefix"])
    match = _WITHOUT_YEAR.fullmatch(folded)
    if match:
        return DocNumberQuery(year=None, serial=int(match["serial"]), prefix=match["prefix"])
    return None


def normalize_doc_number(text: str) -> str:
    """The key under which every written variant of one document number is the same.

    Structured numbers are rebuilt as ``prefix[year]serial号`` (leading zeros and 第 dropped,
    号 supplied); anything else is only folded (width, brackets, spaces). Idempotent.
    """
    parts = split_doc_number(text)
    if parts is None:
        return _squeeze(text)
    return _format(parts.prefix or "", parts.year, parts.serial)


# --- finding numbers in running text -------------------------------------------------------

_CJK = r"[\u4e00-\u9fff]"
_DIGIT = r"[0-9０-９]"
_GAP = r"[ \t\u3000]*"
_OPEN = "[" + re.escape(OPEN_BRACKETS) + "]"
_CLOSE = "[" + re.escape(CLOSE_BRACKETS) + "]"
_SERIAL = rf"[0０]*(?P<serial>{_DIGIT}{{1,6}})"
_NUMBER_PATTERNS = (
    # 筑高新办函〔2019〕23号
    re.compile(
        rf"(?P<prefix>{_CJK}{{2,16}}){_GAP}{_OPEN}{_GAP}(?P<year>{_DIGIT}{{4}}){_GAP}{_CLOSE}"
        rf"{_GAP}第?{_GAP}{_SERIAL}{_GAP}[号號]"
    ),
    # 国家税务总局公告2019年第1号, 某某令2019年第3号
    re.compile(
        rf"(?P<prefix>{_CJK}{{1,16}}(?:公告|通告|令)){_GAP}(?P<year>{_DIGIT}{{4}}){_GAP}年"
        rf"{_GAP}第{_GAP}{_SERIAL}{_GAP}[号號]"
    ),
    # 国务院令第711号
    re.compile(rf"(?P<prefix>{_CJK}{{1,16}}令){_GAP}第{_GAP}{_SERIAL}{_GAP}[号號]"),
)
# Words that introduce a number in running text, or end the title before it, and are never
# part of a 机关代字 (号 ends the number before); the prefix is cut after the last of them
# (根据国办发〔2018〕118号 -> 国办发〔2018〕118号; ...工作要点的通知筑府办函〔2019〕66号 -> 筑府办函...).
_LEAD_IN = re.compile(
    r".*(?:根据|按照|依据|依照|参照|详见|参见|贯彻|落实|印发|转发|执行|关于|的"
    r"|通知|意见|方案|办法|规定|决定|报告|批复|细则|要点|规划|文件|号)"
)
# Single characters that introduce a number only at the very start of the run (及国发...).
_LEADING_CONJUNCTIONS = "见即和与及或"
_MIN_PREFIX = 2
_BARE_KINDS = frozenset({"公告", "通告"})  # an announcement kind alone names no issuer


def _trimmed_prefix_start(prefix: str) -> int:
    """How many characters at the front of the captured run are not part of the prefix."""
    lead = _LEAD_IN.match(prefix)
    start = lead.end() if lead else 0
    while start < len(prefix) and prefix[start] in _LEADING_CONJUNCTIONS:
        start += 1
    return start


def _match_from(text: str, match: re.Match[str]) -> DocNumberMatch | None:
    if "year" in match.groupdict() and not MIN_YEAR <= int(_fold_chars(match["year"])) <= MAX_YEAR:
        return None
    prefix = match["prefix"]
    cut = _trimmed_prefix_start(prefix)
    kept = prefix[cut:]
    if len(kept) < _MIN_PREFIX or kept in _BARE_KINDS:
        return None
    start = match.start() + cut
    as_written = text[start : match.end()]
    return DocNumberMatch((start, match.end()), as_written, normalize_doc_number(as_written))


def find_doc_numbers(text: str) -> list[DocNumberMatch]:
    """Every document number in `text`, in order, without overlaps.

    A number needs a 机关代字 of at least two Chinese characters and ends in 号, so years,
    dates (2019年3月23日) and bare serials (第23号) are not taken for numbers.
    """
    found: list[DocNumberMatch] = []
    for pattern in _NUMBER_PATTERNS:
        for match in pattern.finditer(text):
            number = _match_from(text, match)
            if number and not any(_overlaps(number.span, other.span) for other in found):
                found.append(number)
    return sorted(found, key=lambda m: m.span)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- search queries ----------------------------------------------------------------------

_Q_PREFIX = r"(?P<prefix>[^\d\s\[\]]*?)"
_Q_SERIAL = r"第?\s?0*(?P<serial>\d{1,6})"
_QUERY_PATTERNS = (
    # 〔2019〕23号, 筑高新办函 [2019] 23 (号 optional once the year is bracketed)
    re.compile(rf"{_Q_PREFIX}\s?\[\s?(?P<year>\d{{4}})\s?\]\s?{_Q_SERIAL}\s?号?"),
    # 2019年23号, 2019年第23号, 国家税务总局公告2019年第1号
    re.compile(rf"{_Q_PREFIX}\s?(?P<year>\d{{4}})\s?年\s?{_Q_SERIAL}\s?号"),
    # 2019 23号
    re.compile(rf"{_Q_PREFIX}\s?(?P<year>\d{{4}})\s{_Q_SERIAL}\s?号"),
    # 国务院令第711号 (a prefix is required: "23号" alone is not a document number)
    re.compile(rf"{_Q_PREFIX}\s?{_Q_SERIAL}\s?号"),
)


def _query_from(match: re.Match[str]) -> DocNumberQuery | None:
    prefix = match["prefix"].rstrip("第") or None
    year = int(match["year"]) if "year" in match.groupdict() else None
    serial = int(match["serial"])
    if year is None and prefix is None:
        return None
    if (year is not None and not MIN_YEAR <= year <= MAX_YEAR) or serial == 0:
        return None
    return DocNumberQuery(year=year, serial=serial, prefix=prefix)


def parse_doc_number_query(query: str) -> DocNumberQuery | None:
    """Recognise a search query that is a document number, however loosely written:
    any bracket variant, "2019 23号", "2019年23号", "〔2019〕23", "国务院令第711号".
    Returns None for anything else (plain years, dates, words)."""
    folded = _SPACES.sub(" ", _fold_chars(query)).strip()
    if len(folded) > MAX_LENGTH:
        return None
    for pattern in _QUERY_PATTERNS:
        match = pattern.fullmatch(folded)
        if match:
            return _query_from(match)
    return None


def doc_number_matches_query(key: str, query: DocNumberQuery) -> bool:
    """True if the document number `key` has the query's year and serial and, when the query
    names a prefix, ends its own prefix with it (办函〔2019〕23号 finds 筑高新办函[2019]23号)."""
    parts = split_doc_number(key)
    if parts is None or (parts.year, parts.serial) != (query.year, query.serial):
        return False
    return query.prefix is None or (parts.prefix or "").endswith(query.prefix)


# --- form validation ---------------------------------------------------------------------


def is_valid_doc_number(text: str) -> ValidationResult:
    """Check a 发文字号 typed into a form: 机关代字, a plausible year and a serial ending in 号
    (or a 令/公告-style number without a year)."""
    folded = _squeeze(text)
    if not folded:
        return invalid("empty", "请填写发文字号。", "Enter the document number.")
    if len(folded) > MAX_LENGTH:
        return invalid(
            "too_long",
            f"发文字号不能超过{MAX_LENGTH}个字符。",
            f"A document number has at most {MAX_LENGTH} characters.",
        )
    parts = split_doc_number(folded)
    if parts is None or not folded.endswith("号") or parts.serial == 0:
        return invalid(
            "format",
            "发文字号格式应为“机关代字〔年份〕序号号”，例如 筑高新办函〔2019〕23号。",
            "A document number is written as issuer code, year in brackets and serial, "
            "e.g. 筑高新办函〔2019〕23号.",
        )
    if not parts.prefix or parts.prefix.isdigit():
        return invalid(
            "no_prefix",
            "发文字号缺少机关代字，例如“筑高新办函”。",
            "The document number lacks the issuer code, e.g. 筑高新办函.",
        )
    if parts.year is not None and not MIN_YEAR <= parts.year <= MAX_YEAR:
        return invalid(
            "year",
            f"发文字号中的年份应在{MIN_YEAR}至{MAX_YEAR}之间。",
            f"The year in a document number must be between {MIN_YEAR} and {MAX_YEAR}.",
        )
    return VALID
