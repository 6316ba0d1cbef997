"""Check characters of Chinese identity numbers (no Django imports).

- 居民身份证号码 (resident identity number), GB 11643-1999: 6-digit region code, 8-digit
  birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character (0-9 or X).
- 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a
  31-character alphabet, MOD 31 check character.
- Luhn (ISO/IEC 7812) for bank card numbers.

Hand-written because these are a few lines of arithmetic; the Python packages that carry them
(e.g. python-stdnum) would add a dependency for three functions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from gongkai.core.textrules import VALID, ValidationResult, invalid

# Province-level codes (first two digits) of GB/T 2260, plus 71/81/82/83 used on the
# residence permits of Taiwan, Hong Kong and Macao residents.
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_EARLIEST_BIRTH_YEAR = 1900

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(rf"[{_USCC_ALPHABET}]{{2}}\d{{6}}[{_USCC_ALPHABET}]{{10}}")


def _clean(value: str) -> str:
    """Fold full-width characters and case, and drop spaces people type inside numbers."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).upper()


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_birth_date(number: str) -> dt.date | None:
    """The birth date encoded in digits 7-14, or None if it is not a calendar date."""
    try:
        return dt.datetime.strptime(number[6:14], "%Y%m%d").date()
    except ValueError:
        return None


def validate_resident_id(value: str, *, today: dt.date | None = None) -> ValidationResult:
    """Check an 18-character resident identity number: shape, region, birth date, check digit."""
    number = _clean(value)
    if not number:
        return invalid("empty", "请填写居民身份证号码。", "Enter the resident ID number.")
    if not _ID_SHAPE.fullmatch(number):
        return invalid(
            "format",
            "居民身份证号码应为18位：17位数字加1位数字或X。",
            "A resident ID number has 18 characters: 17 digits and a digit or X.",
        )
    if int(number[:2]) not in PROVINCE_CODES:
        return invalid(
            "region",
            "居民身份证号码的前两位不是有效的地区代码。",
            "The first two digits are not a valid region code.",
        )
    birth = resident_id_birth_date(number)
    if birth is None or birth.year < _EARLIEST_BIRTH_YEAR:
        return invalid(
            "birth_date",
            "居民身份证号码中的出生日期无效。",
            "The birth date in the resident ID number is not valid.",
        )
    if birth > (today or dt.date.today()):
        return invalid(
            "birth_date_future",
            "居民身份证号码中的出生日期晚于今天。",
            "The birth date in the resident ID number is in the future.",
        )
    if resident_id_check_char(number[:17]) != number[17]:
        return invalid(
            "check_digit",
            "居民身份证号码校验位不正确，请核对。",
            "The check digit of the resident ID number is wrong; please check the number.",
        )
    return VALID


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> ValidationResult:
    """Check an 18-character unified social credit code: alphabet, shape, check character."""
    code = _clean(value)
    if not code:
        return invalid("empty", "请填写统一社会信用代码。", "Enter the unified social credit code.")
    if not _USCC_SHAPE.fullmatch(code):
        return invalid(
            "format",
            "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V），第3至8位为数字。",
            "A unified social credit code has 18 digits or capital letters (no I, O, Z, S, V), "
            "with digits in positions 3 to 8.",
        )
    if uscc_check_char(code[:17]) != code[17]:
        return invalid(
            "check_digit",
            "统一社会信用代码校验位不正确，请核对。",
            "The check character of the unified social credit code is wrong; please check it.",
        )
    return VALID


def luhn_ok(digits: str) -> bool:
    """True if `digits` (digits only, at least two) passes the Luhn check."""
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
