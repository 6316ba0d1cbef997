"""Personal data of natural persons in text: finding and masking (no Django imports).

Found: 18-digit resident ID numbers with a valid GB 11643 check digit and a plausible birth
date; mainland mobile numbers (1[3-9]x, 11 digits, optional +86/86/0086, spaces or hyphens);
bank card numbers (13-19 digits, optionally grouped, passing Luhn); and home addresses, by a
conservative heuristic (a street and house number followed by 单元/室/户, or 村...组N号),
marked low confidence. Office landlines (0851-xxxxxxxx), 发文字号, dates and index numbers
are not personal data and are not found.

Masking keeps what identifies the record but not the person: 520102********1234,
138****5678, 6222***********7890, 贵阳市观山湖区****.

Hand-written: the rules are Chinese-specific (check digits, number plans, address words);
general PII tools do not know them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gongkai.core.identity import (
    PROVINCE_CODES,
    luhn_ok,
    resident_id_birth_date,
    validate_resident_id,
    validate_uscc,
)

RESIDENT_ID = "resident_id"
MOBILE = "mobile"
BANK_CARD = "bank_card"
ADDRESS = "address"
KIND_LABELS = {
    RESIDENT_ID: ("居民身份证号码", "resident ID number"),
    MOBILE: ("手机号码", "mobile phone number"),
    BANK_CARD: ("银行卡号", "bank card number"),
    ADDRESS: ("家庭住址", "home address"),
}
HIGH, LOW = "high", "low"

_D = "[0-9０-９]"
_NOT_DIGIT_BEFORE = "(?<![0-9０-９])"
_NOT_DIGIT_AFTER = "(?![0-9０-９])"
_SEP = "[ \\-－]"
_ID_PATTERN = re.compile(rf"{_NOT_DIGIT_BEFORE}{_D}{{17}}[0-9０-９XxＸｘ]{_NOT_DIGIT_AFTER}")
# Not followed by an amount or count unit: 15000000000元 is money, not a phone.
_MOBILE_PATTERN = re.compile(
    rf"{_NOT_DIGIT_BEFORE}(?:(?:[+＋]|00)?86{_SEP}?)?{_D}{{3}}{_SEP}?{_D}{{4}}{_SEP}?{_D}{{4}}"
    rf"{_NOT_DIGIT_AFTER}(?![元万亿%％])"
)
_CARD_PATTERN = re.compile(
    rf"{_NOT_DIGIT_BEFORE}(?:{_D}{{13,19}}"
    rf"|{_D}{{4}}(?:{_SEP}{_D}{{4}}){{2,3}}(?:{_SEP}{_D}{{1,3}})?"
    rf"|{_D}{{4}}{_SEP}{_D}{{6}}{_SEP}{_D}{{4,5}})(?![0-9０-９XxＸｘ])"  # 17 digits + X is an ID
)

_CJK = "[\u4e00-\u9fff]"
_PLACE = "(?:路|街|大道|巷|弄|胡同|小区|社区|花园|家园|公寓|苑|里|庄|屯|村)"
_BUILDING = rf"(?:[A-Za-z]?{_D}{{1,3}}(?:栋|幢|号楼|座))"
_UNIT = rf"(?:{_D}{{1,2}}单元)"
_ROOM = rf"(?:(?:{_D}{{1,2}}[-－])?{_D}{{1,5}}(?:室|号房|户))"
_ADDRESS_PATTERNS = (
    # ...长岭北路55号1栋2单元301室, ...阳光小区3栋502室
    re.compile(
        rf"{_CJK}{{2,30}}?{_PLACE}(?:{_D}{{1,5}}号)?{_BUILDING}?(?:{_UNIT}{_ROOM}?|{_ROOM})"
    ),
    # ...某某村某某组12号 (村民小组: rural home addresses)
    re.compile(rf"{_CJK}{{2,20}}?村{_CJK}{{0,6}}?组{_D}{{1,4}}号"),
)
# Words before an address that are not part of it: 家住贵阳市... -> 贵阳市...
_ADDRESS_LEAD_IN = re.compile(r".*(?:住址|地址|住所|家住|居住在|居住于|居住|现住|住在|位于|户籍地)")
# Administrative part of an address, kept when masking; 小区/社区/园区 are not districts.
_REGION = re.compile(rf"(?:{_CJK}{{1,8}}?(?:省|自治区|市|自治州|州|盟|县|旗|(?<![小社园景])区))+")
_PLAUSIBLE_DATE_PREFIX_YEARS = range(1900, 2100)


@dataclass(frozen=True)
class PersonalDataMatch:
    """Personal data found in text: kind (see KIND_LABELS), span, the value as written, its
    masked form, and confidence ("high", or "low" for the address heuristic)."""

    kind: str
    span: tuple[int, int]
    value: str
    masked: str
    confidence: str = HIGH


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).upper()


def _digits(value: str) -> str:
    return "".join(ch for ch in _fold(value) if ch.isdigit())


def _is_resident_id(value: str, today: dt.date) -> bool:
    return validate_resident_id(value, today=today).ok


def _is_mobile(value: str, today: dt.date) -> bool:
    digits = _digits(value)
    national = digits[-11:]
    return national[0] == "1" and national[1] in "3456789" and len(digits) - 11 in (0, 2, 4)


def _looks_like_resident_id(digits: str, today: dt.date) -> bool:
    """An 18-digit run with a real region and birth date is an ID number (perhaps mistyped),
    not a bank card."""
    if len(digits) != 18 or int(digits[:2]) not in PROVINCE_CODES:
        return False
    birth = resident_id_birth_date(digits)
    return birth is not None and birth.year >= 1900 and birth <= today


def _starts_with_date(digits: str) -> bool:
    """Timestamps and serials like 20190305120000 start with a date; no card range does."""
    if int(digits[:4]) not in _PLAUSIBLE_DATE_PREFIX_YEARS:
        return False
    try:
        dt.datetime.strptime(digits[:8], "%Y%m%d")
    except ValueError:
        return False
    return True


def _is_bank_card(value: str, today: dt.date) -> bool:
    digits = _digits(value)
    return (
        digits[0] != "0"
        and luhn_ok(digits)
        and not _starts_with_date(digits)
        and not _looks_like_resident_id(digits, today)
        and not (len(digits) == 18 and validate_uscc(digits).ok)
    )


def _number_candidates(
    text: str,
    pattern: re.Pattern[str],
    kind: str,
    accept: Callable[[str, dt.date], bool],
    today: dt.date,
) -> Iterator[PersonalDataMatch]:
    for match in pattern.finditer(text):
        if accept(match[0], today):
            yield PersonalDataMatch(kind, match.span(), match[0], mask_value(kind, match[0]))


def _address_candidates(text: str) -> Iterator[PersonalDataMatch]:
    for pattern in _ADDRESS_PATTERNS:
        for match in pattern.finditer(text):
            lead = _ADDRESS_LEAD_IN.match(match[0])
            start = match.start() + (lead.end() if lead else 0)
            value = text[start : match.end()]
            masked = mask_value(ADDRESS, value)
            yield PersonalDataMatch(ADDRESS, (start, match.end()), value, masked, LOW)


def find_personal_data(text: str, *, today: dt.date | None = None) -> list[PersonalDataMatch]:
    """All personal data in `text`, in order of position, without overlaps (an ID number
    wins over a card, a mobile over a card, numbers over addresses)."""
    today = today or dt.date.today()
    candidates = [
        *_number_candidates(text, _ID_PATTERN, RESIDENT_ID, _is_resident_id, today),
        *_number_candidates(text, _MOBILE_PATTERN, MOBILE, _is_mobile, today),
        *_number_candidates(text, _CARD_PATTERN, BANK_CARD, _is_bank_card, today),
        *_address_candidates(text),
    ]
    accepted: list[PersonalDataMatch] = []
    for candidate in candidates:
        if not any(_overlaps(candidate.span, other.span) for other in accepted):
            accepted.append(candidate)
    return sorted(accepted, key=lambda m: m.span)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def mask_personal_data(text: str, *, today: dt.date | None = None) -> str:
    """`text` with every piece of personal data replaced by its masked form."""
    pieces: list[str] = []
    position = 0
    for match in find_personal_data(text, today=today):
        start, end = match.span
        pieces += [text[position:start], match.masked]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def mask_value(kind: str, value: str) -> str:
    """The masked form of one value of the given kind (see KIND_LABELS)."""
    if kind == RESIDENT_ID:
        number = re.sub(r"\s+", "", _fold(value))
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    if kind == MOBILE:
        national = _digits(value)[-11:]
        return national[:3] + "****" + national[-4:]
    if kind == BANK_CARD:
        digits = _digits(value)
        return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
    if kind == ADDRESS:
        region = _REGION.match(value)
        return (region[0] if region else "") + "****"
    raise ValueError(f"unknown kind of personal data: {kind!r}")
