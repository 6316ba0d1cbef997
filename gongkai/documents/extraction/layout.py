"""Rebuild paragraphs from page-laid-out text (PDF, OFD).

A page wraps a paragraph into lines of nearly equal length, so only a line that fills the
measure can continue on the next one. Whether it does is read from indentation where the
reader kept it (pypdf's layout mode, OFD positions) and paragraphs have a first-line
indent (首行缩进, as GB/T 9704 sets them): a line at the margin continues, an indented
one starts a paragraph. Without indentation, a full line continues unless it ends a
sentence or the next line starts a numbered item, a date or a document number. Page
numbers ("- 3 -", "第3页 共5页") are dropped. Some producers space out every character
("关 于 印 发"); single spaces between Chinese characters are removed on such lines.
"""

from __future__ import annotations

import re

from gongkai.documents.extraction.dates import date_line
from gongkai.documents.extraction.text import CJK, doc_numbers_in, fold

_PAGE_NUMBER = re.compile(
    r"[-—–]*\s*\d{1,4}\s*[-—–]*|第\s*\d+\s*页(\s*[,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
)
# A sentence end (perhaps inside quotes), or a closing bracket as after (责任单位：…).
_ENDS_PARAGRAPH = re.compile(r"(?:[。：:；;！!？?][”’」』)）]*|[)）】])$")
_ENDS_WITH_COLON = re.compile(r"[:：]$")
_STARTS_ITEM = re.compile(
    r"([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、]\D|\(\d{1,2}\)|附件|第[一二三四五六七八九十百]+[章条节])"
)
_SPACED_PAIR = re.compile(rf"(?<=[{CJK}，。、；：“”《》（）]) (?=[{CJK}，。、；：“”《》（）])")
_FULL_SHARE = 0.85
_LONG_SHARE = 0.5
# A first-line indent is two characters; layout text may render one as up to four spaces.
_MAX_FIRST_INDENT = 6


def _unspace(line: str) -> str:
    cjk = len(re.findall(rf"[{CJK}]", line))
    pairs = len(_SPACED_PAIR.findall(line))
    if pairs >= 3 and pairs >= 0.4 * cjk:
        return _SPACED_PAIR.sub("", line)
    return line


def _measure(lines: list[str]) -> int:
    """The full line length of the page text: the 90th percentile of line lengths."""
    lengths = sorted(len(line) for line in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _starts_paragraph(line: str) -> bool:
    if _STARTS_ITEM.match(fold(line)) or date_line(line):
        return True
    numbers = doc_numbers_in(line)
    return bool(numbers) and numbers[0].span[0] == 0


def _indent(line: str) -> int:
    stripped = line.lstrip(" \u3000")
    head = line[: len(line) - len(stripped)]
    return len(head) + head.count("\u3000")


def _margin(lines: list[tuple[int, str]], measure: int) -> tuple[int, bool]:
    """The left margin (indent of full lines) and whether paragraphs are marked by a
    first-line indent (首行缩进), which tells a wrapped line from a new paragraph."""
    long_indents = [indent for indent, text in lines if len(text) >= _LONG_SHARE * measure]
    if not long_indents:
        return 0, False
    margin = min(long_indents)
    indented = any(margin < indent <= margin + _MAX_FIRST_INDENT for indent in long_indents)
    return margin, indented


def reflow(text: str) -> str:
    """Paragraphs from page lines. Leading spaces, where the reader keeps them (pypdf's
    layout mode, OFD positions), mark indentation."""
    lines = [(_indent(line), _unspace(line.strip())) for line in text.split("\n")]
    lines = [(i, t) for i, t in lines if t and not _PAGE_NUMBER.fullmatch(fold(t))]
    measure = _measure([text for _, text in lines])
    margin, by_indent = _margin(lines, measure)
    paragraphs: list[str] = []
    previous_full = False
    for indent, line in lines:
        if by_indent:
            # Indentation decides, except after a colon: a 主送机关 line or a lead-in
            # ("通知如下：") ends its paragraph even where the indent was lost.
            continues = (
                previous_full and indent <= margin and not _ENDS_WITH_COLON.search(paragraphs[-1])
            )
        else:
            continues = previous_full and not _ENDS_PARAGRAPH.search(paragraphs[-1])
            continues = continues and not _starts_paragraph(line)
        if continues:
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        previous_full = len(line) >= _FULL_SHARE * measure
    return "\n".join(paragraphs)
