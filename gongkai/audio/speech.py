"""What the text-to-speech engine reads (朗读文本): pure rules, no database.

A Mandarin voice reads Chinese characters well but Arabic numerals, markup and typographic
marks badly or not at all (espeak-ng spells a year as a quantity, says nothing for 《》 and
reads a URL letter by letter). So the text is rewritten before it is spoken: tags stripped,
years read digit by digit (二零二四年), other numbers as quantities (一千八百), percentages,
decimals and ranges as they are said, document-number brackets and title marks dropped. The
same text is shown beside the player, so a listener can follow it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DIGITS = "零一二三四五六七八九"
SECTION_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
GROUP_UNITS = ("", "万", "亿", "万亿")
LONGEST_QUANTITY = 16  # digits; longer runs (codes, account numbers) are read digit by digit
# A Mandarin newsreader speaks about four characters a second (240 a minute); espeak-ng's cmn
# voice at its default speed is close (measured: tests/audio/test_engines.py).
CHARACTERS_PER_SECOND = 4.0
DIGEST_MAX_SECONDS = 600  # 每日一听: about ten minutes at most

FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr|table|blockquote)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
URL = re.compile(r"https?://\S+|www\.\S+")
SILENT_MARKS = re.compile(r"[《》〈〉【】〔〕\[\]「」『』*#•●■□◆※·_|]")
ASIDE = re.compile(r"[（(]([^（）()]*)[）)]")
YEAR_IN_BRACKETS = re.compile(r"[〔\[［(（](\d{4})[〕\]］)）]")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")
THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
# Telephone numbers (with an area code, or mobile) are read digit by digit, not as a range.
PHONE = re.compile(r"(?<!\d)(0\d{2,3})-(\d{7,8})(?!\d)|(?<!\d)(1[3-9]\d{9})(?!\d)")
RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[-~～—–]\s*(\d+(?:\.\d+)?)")
DECIMAL = re.compile(r"(\d+)\.(\d+)")
NUMBER = re.compile(r"\d+")
SYMBOLS = {
    "≥": "不低于",
    "≤": "不超过",
    ">": "大于",
    "<": "小于",
    "＞": "大于",
    "＜": "小于",
    "%": "百分号",
    "&": "和",
}
SPACES = re.compile(r"[ \t\u3000\xa0]+")
BLANK_LINES = re.compile(r"\s*\n\s*")


def cardinal(number: int) -> str:
    """A whole number read as a quantity: 1800 → 一千八百, 100010000 → 一亿零一万."""
    if number < 0:
        return "负" + cardinal(-number)
    if number == 0:
        return DIGITS[0]
    if number >= 10**LONGEST_QUANTITY:
        return digit_by_digit(str(number))
    groups = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    spoken, gap = "", False
    for position in range(len(groups) - 1, -1, -1):
        group = groups[position]
        if group == 0:
            gap = bool(spoken)
            continue
        if spoken and (gap or group < 1000):
            spoken += DIGITS[0]
        spoken += _group(group) + GROUP_UNITS[position]
        gap = False
    return spoken[1:] if spoken.startswith("一十") else spoken


def _group(number: int) -> str:
    """1..9999 inside a larger number: 1010 → 一千零一十."""
    spoken, gap = "", False
    for value, unit in SECTION_UNITS:
        digit = number // value % 10
        if digit == 0:
            gap = bool(spoken)
            continue
        if gap:
            spoken += DIGITS[0]
            gap = False
        spoken += DIGITS[digit] + unit
    return spoken


def digit_by_digit(digits: str) -> str:
    """A year, a code or a telephone number: 2024 → 二零二四."""
    return "".join(DIGITS[int(digit)] for digit in digits)


def decimal(text: str) -> str:
    """3.5 → 三点五; 12 → 十二."""
    whole, _, fraction = text.partition(".")
    spoken = _quantity(whole)
    return spoken + "点" + digit_by_digit(fraction) if fraction else spoken


def _quantity(digits: str) -> str:
    # A leading zero marks a code (0851, 001), not an amount.
    if len(digits) > 1 and digits.startswith("0"):
        return digit_by_digit(digits)
    return cardinal(int(digits)) if len(digits) <= LONGEST_QUANTITY else digit_by_digit(digits)


def html_to_text(markup: str) -> str:
    """Rich text to plain lines: block ends become line breaks, tags go, entities are decoded."""
    return html.unescape(TAG.sub("", BLOCK_END.sub("\n", markup or "")))


def speakable(markup: str) -> str:
    """The text an engine should read for ``markup`` (rich text or plain)."""
    text = html_to_text(markup).translate(FULL_WIDTH_DIGITS)
    text = URL.sub("", text)
    text = ISO_DATE.sub(
        lambda m: f"{digit_by_digit(m[1])}年{cardinal(int(m[2]))}月{cardinal(int(m[3]))}日", text
    )
    text = PHONE.sub(lambda m: "，".join(digit_by_digit(part) for part in m.groups() if part), text)
    text = YEAR_IN_BRACKETS.sub(lambda m: m[1] + "年", text)
    text = YEAR.sub(lambda m: digit_by_digit(m[1]), text)
    text = THOUSANDS.sub("", text)
    text = PERCENT.sub(lambda m: "百分之" + decimal(m[1]), text)
    text = RANGE.sub(lambda m: f"{decimal(m[1])}至{decimal(m[2])}", text)
    text = DECIMAL.sub(lambda m: decimal(m[0]), text)
    text = NUMBER.sub(lambda m: _quantity(m[0]), text)
    for mark, words in SYMBOLS.items():
        text = text.replace(mark, words)
    text = ASIDE.sub(lambda m: "，" + m[1] + "，" if m[1].strip() else "", text)
    text = SILENT_MARKS.sub("", text)
    text = SPACES.sub(" ", text)
    return BLANK_LINES.sub("\n", text).strip()


def interpretation_script(title: str, summary: str, texts: Iterable[str]) -> str:
    """An interpretation read aloud: its title, its summary, then each text form."""
    parts = [title, summary, *texts]
    return "\n".join(spoken for spoken in map(speakable, parts) if spoken)


def estimated_seconds(text: str, rate: float = CHARACTERS_PER_SECOND) -> float:
    """How long ``text`` takes to read at ``rate`` characters a second (no audio needed)."""
    return sum(not char.isspace() for char in text) / rate


@dataclass(frozen=True)
class DigestItem:
    """One entry of the daily digest: a new policy (政策文件) or interpretation (政策解读)."""

    kind: str  # "document" or "interpretation"
    pk: int
    title: str
    summary: str = ""


def day_words(year: int, month: int, day: int) -> str:
    return f"{digit_by_digit(str(year))}年{cardinal(month)}月{cardinal(day)}日"


def digest_intro(day: str) -> str:
    return f"每日一听，{day}。"


def digest_outro(read: int, total: int) -> str:
    """The closing line; it says how many items were left out to keep the digest short."""
    if read == total:
        return f"以上是今天的{cardinal(total)}条政策信息。"
    return f"以上是今天的{cardinal(read)}条政策信息，另有{cardinal(total - read)}条请到网站查看。"


def item_script(number: int, kind_words: str, item: DigestItem) -> str:
    return speakable(f"第{number}条，{kind_words}：{item.title}。\n{item.summary}")


def fit_digest(
    scripts: Sequence[str],
    max_seconds: float = DIGEST_MAX_SECONDS,
    *,
    reserved: float = 15.0,
    rate: float = CHARACTERS_PER_SECOND,
) -> list[str]:
    """The longest prefix of ``scripts`` that fits in ``max_seconds`` less ``reserved`` (the
    opening and closing lines) at ``rate`` characters a second. A first item longer than
    that is cut to fit, so a digest is never empty while there is news."""
    budget = max_seconds - reserved
    kept: list[str] = []
    for script in scripts:
        cost = estimated_seconds(script, rate)
        if cost > budget:
            if not kept:
                kept.append(_cut(script, budget * rate))
            break
        kept.append(script)
        budget -= cost
    return kept


def _cut(script: str, characters: float) -> str:
    """The start of ``script`` holding at most ``characters`` spoken (non-space) characters."""
    kept, count = [], 0
    for char in script:
        count += not char.isspace()
        if count > characters:
            break
        kept.append(char)
    return "".join(kept)
