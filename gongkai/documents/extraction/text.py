"""Character-level helpers shared by the extractors.

`fold` maps full-width ASCII (（）：；，１２３) and wide/no-break spaces to their plain
forms one character for one, so patterns can be written once in ASCII and a match's span
still slices the original text, which is what extraction returns (as written).
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.core.docnumbers import DocNumberMatch, find_doc_numbers

_FOLD = {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | dict.fromkeys(
    "\u3000\xa0\u2002\u2003\u2009", " "
)
# re.sub over the few characters to fold is several times faster than str.translate,
# which looks up every character of the text in the table.
_TO_FOLD = re.compile("[\uff01-\uff5e\u3000\xa0\u2002\u2003\u2009]")

# What a line may start with that is layout, not text: indentation and list bullets.
_LEADING = " \t\u3000\xa0•·▪►■□◆◇●*"

CJK = r"\u4e00-\u9fff"


def fold(text: str) -> str:
    """Full-width ASCII and wide spaces to plain ASCII, preserving length."""
    return _TO_FOLD.sub(_fold_match, text)


def _fold_match(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


# A number ends in 号 and spans at most ~35 characters (a 16-character prefix, the year in
# brackets, the serial); scanning this much text before each 号 finds the same numbers as
# scanning the whole line, without running the patterns over every character of it.
_NUMBER_WINDOW = 48
_NUMBER_END = re.compile("[号號]")


@lru_cache(maxsize=512)
def doc_numbers_in(text: str) -> tuple[DocNumberMatch, ...]:
    """find_doc_numbers over the text before each 号 (most lines have none), remembering
    recent lines, which several extractors look at."""
    found: dict[tuple[int, int], DocNumberMatch] = {}
    for end in _NUMBER_END.finditer(text):
        start = max(0, end.start() - _NUMBER_WINDOW)
        for match in find_doc_numbers(text[start : end.end()]):
            span = (match.span[0] + start, match.span[1] + start)
            if not any(a < span[1] and span[0] < b for a, b in found):
                found[span] = DocNumberMatch(span, match.as_written, match.key)
    return tuple(found[span] for span in sorted(found))


_OPENING, _CLOSING = "(（[【〔", ")）]】〕"
_ANY_BRACKET = re.compile("[(（\\[【〔]")


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """`text` split on any of `separators` that stands outside brackets, so that
    各区（市、县）人民政府 stays whole."""
    if not _ANY_BRACKET.search(text):
        return re.split(f"[{re.escape(separators)}]", text)
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch in _OPENING
        depth -= ch in _CLOSING and depth > 0
        if depth == 0 and ch in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def clean_line(line: str) -> str:
    """A line without its indentation, bullets and trailing spaces. A table row (cells
    separated by tabs) keeps its leading tabs: they are empty cells."""
    line = line.rstrip()
    stripped = line.lstrip(_LEADING)
    if "\t" in stripped:
        return line.lstrip(_LEADING.replace("\t", ""))
    return stripped.strip()


def clean_lines(text: str) -> list[str]:
    """The non-empty lines of `text`, cleaned. A line is a paragraph here."""
    lines = (
        clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    return [line for line in lines if line]
