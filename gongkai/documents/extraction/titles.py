"""The title of a document as issued, and the title of the text it issues.

The title is the first title-shaped line (关于…, or ending in a document type such as
通知, 意见, 办法, 决定书), joined with the lines a layout split it into: an issuer line
above it (贵阳市财政局 / 关于…的通知), the rest of a title wrapped at the page width.
Page metadata helps: a 标题 field or <meta name="ArticleTitle"> is the title; a part of the
page's <title> is taken where a line of the text repeats it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.documents.extraction.chrome import Line, ends_with_doc_type, looks_like_title
from gongkai.documents.extraction.dates import date_line
from gongkai.documents.extraction.names import is_org, split_names
from gongkai.documents.extraction.text import doc_numbers_in, fold

_HEAD_LINES = 15
_TITLE_MAX = 120
_MAX_LINES = 3
_LINE_MAX = 40
_BARE_TYPE_MAX = 10
_PUNCT = "。;,!?；，！？"
BANNER = re.compile(r".{2,40}文件$")
_SIGNER = re.compile(r"签\s*发\s*人")
_SPACES = re.compile(r"\s+")
_PAGE_TITLE_SPLIT = re.compile(r"\s*[_|｜\-–—]+\s*")
_DOC_NUMBER_NOTE = re.compile(r"\s*[(（][^()（）]*号[)）]$")
# 关于印发《X》的通知, 转发…的通知, 发布…的公告; the verb follows 关于, the issuer, or nothing.
_ENCLOSING = re.compile(
    r"(?:^|关于|(?<=[室厅府委局会部办心院组司处]))"
    r"(?:印发|转发|颁发|发布|公布|下发)(?:修订后的)?(?P<x>.+?)的?(?:通知|公告|通告|决定|函)$"
)


# What a site puts around a title: layout-table pipes, a picture mark, a bracketed place
# name or state mark in front (【西湖区】, 【已废止】), the 发文字号 in brackets behind.
_EDGE_PIPES = re.compile(r"^[|\s]+|[|\s]+$")
_PICTURE_MARK = re.compile(r"\s*[\[【(（](?:组?图|视频|图文)[\]】)）]$")
# A database's version note: (2019修订), （2010年修正）.
_VERSION_NOTE = re.compile(r"\s*[(（]\d{4}年?(?:\d{1,2}月)?(?:修订|修正|修改)[)）]$")
_LEADING_MARK = re.compile(r"^(?:[【\[](?P<mark>[^】\]]{1,12})[】\]]\s*|“[^”]{1,12}”\s+)")
_TRAILING_NUMBER = re.compile(r"\s*[(（](?P<number>[^()（）]{4,30}号)[)）]$")
VALIDITY_WORDS = (
    ("已废止", "repealed"), ("废止", "repealed"), ("已失效", "expired"), ("失效", "expired"),
    ("已修订", "amended"), ("已修改", "amended"), ("修订", "amended"), ("有效", "in_force"),
)  # fmt: skip


@dataclass
class CleanTitle:
    """A title without a site's marks, and what the marks said: the 发文字号 written after
    or before it and the validity a state mark (【已废止】) gives."""

    text: str
    doc_number: str | None = None
    validity: str | None = None


def validity_of(text: str) -> str | None:
    """有效性 from a validity word (有效, 已失效, 废止, 已修订 …), or None."""
    folded = fold(text).strip()
    for word, value in VALIDITY_WORDS:
        if folded.startswith(word) or folded.endswith(word):
            return value
    return None


def clean_title(text: str) -> CleanTitle:
    """The title without what a site puts around it (see above)."""
    cleaned = CleanTitle(_EDGE_PIPES.sub("", text))
    while match := _LEADING_MARK.match(cleaned.text):
        cleaned.validity = cleaned.validity or validity_of(match["mark"] or "")
        cleaned.text = cleaned.text[match.end() :]
    numbers = doc_numbers_in(cleaned.text)
    if numbers and numbers[0].span[0] == 0 and numbers[0].span[1] < len(cleaned.text):
        cleaned.doc_number = numbers[0].as_written
        cleaned.text = cleaned.text[numbers[0].span[1] :].strip()
    cleaned.text = _VERSION_NOTE.sub("", _PICTURE_MARK.sub("", cleaned.text))
    trailing = _TRAILING_NUMBER.search(cleaned.text)
    if trailing and doc_numbers_in(trailing["number"]):
        cleaned.doc_number = cleaned.doc_number or trailing["number"].strip()
        cleaned.text = cleaned.text[: trailing.start()]
    text = cleaned.text.strip()
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    cleaned.text = text
    return cleaned


def is_head_furniture(line: Line) -> bool:
    """A line of the document's head that is not its title: 发文字号, a date, the
    版头 (XX文件), 签发人."""
    folded = fold(line.text)
    numbers = doc_numbers_in(line.text)
    return (
        bool(numbers and numbers[0].span[0] == 0)
        or date_line(line.text) is not None
        or bool(BANNER.fullmatch(folded))
        or bool(_SIGNER.search(folded))
    )


def _issuer_then_about(folded: str) -> bool:
    """贵阳市人民政府关于… : a title whose ending wrapped onto the next line."""
    cut = folded.find("关于")
    return cut > 0 and is_org(folded[:cut])


def _title_start(lines: list[Line]) -> int | None:
    for position, line in enumerate(lines[:_HEAD_LINES]):
        folded = fold(line.text)
        if is_head_furniture(line) or "。" in folded or len(folded) > _TITLE_MAX:
            continue
        shape = clean_title(line.text).text
        if looks_like_title(shape) or _issuer_then_about(fold(shape)):
            return position
    return None


def _continues_title(line: Line) -> bool:
    folded = fold(line.text)
    return (
        len(folded) <= _LINE_MAX
        and not any(ch in _PUNCT for ch in folded)
        and not folded.endswith(":")
        and not is_head_furniture(line)
    )


def _starts_title(previous: Line, line: Line, title_line: Line) -> bool:
    """Whether the line above belongs to the title: an issuer above a 关于 line or above a
    bare document type (行政处罚决定书), or the first part of a title wrapped by page layout
    (at least as long as its continuation)."""
    if previous.index != line.index - 1 or not _continues_title(previous):
        return False
    head = fold(title_line.text)
    if is_org(previous.text):
        # A heading that names its issuer itself takes no issuer line from above.
        if _issuer_then_about(head):
            return False
        return head.startswith("关于") or (len(head) <= _BARE_TYPE_MAX and looks_like_title(head))
    return (
        line is title_line
        and not head.startswith("关于")
        and len(previous.text) >= max(len(line.text), 10)
        and not looks_like_title(previous.text)
    )


def _title_span(lines: list[Line], start: int) -> tuple[int, int]:
    """Lines [first, end) forming the title: a wrapped title continues on short lines until
    it ends in a document type; issuer lines right above belong to it."""
    first, end = start, start + 1
    while first > 0 and _starts_title(lines[first - 1], lines[first], lines[start]):
        first -= 1
    while end < len(lines) and end - start < _MAX_LINES:
        so_far = "".join(line.text for line in lines[start:end])
        if ends_with_doc_type(so_far) or not _continues_title(lines[end]):
            break
        end += 1
    return first, end


def _title_text(lines: list[Line]) -> str:
    """Issuer lines of a joint title are separated by a space, as joint titles are written
    (财政部 人力资源社会保障部关于…); wrapped parts are joined directly."""
    text = ""
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        text += line.text.strip()
        if following is not None and is_org(line.text) and is_org(following.text):
            text += " "
    return text


def _page_title_parts(page_title: str | None) -> list[str]:
    """The parts of a <title> (one of which is the site's name), longest first."""
    parts = _PAGE_TITLE_SPLIT.split(page_title or "")
    found = {_DOC_NUMBER_NOTE.sub("", part) for part in parts if len(part) >= 4}
    return sorted(found, key=len, reverse=True)


def _matching_line(lines: list[Line], hint: str) -> int | None:
    wanted = _SPACES.sub("", fold(hint))
    for position, line in enumerate(lines[: _HEAD_LINES * 2]):
        if _SPACES.sub("", fold(line.text)) == wanted:
            return position
    return None


def _compact(text: str) -> str:
    return _SPACES.sub("", fold(text))


def _heading_for(lines: list[Line], hint: str) -> tuple[str, set[int]] | None:
    """The document's own heading where a 标题 field gives the title: a title span of the
    text that reads as the field (perhaps wrapped, perhaps with the issuers in front)."""
    start = _title_start(lines)
    if start is None:
        return None
    first, end = _title_span(lines, start)
    text = _title_text(lines[first:end])
    found, wanted = _compact(text), _compact(hint)
    prefix = found[: len(found) - len(wanted)]
    if found.endswith(wanted) and (not prefix or is_org(prefix)):
        return text, set(range(first, end))
    return None


def _issuer_heading(lines: list[Line], hint: str, listed: int) -> tuple[str, set[int]] | None:
    """Where a page lists a title without its issuer (关于…的通知, at `listed`), the
    document's own heading that names it: 平潭综合实验区管委会办公室关于…的通知 on one line,
    or the title repeated below with the issuer on the line above."""
    wanted = _compact(hint)
    for position, line in enumerate(lines[: _HEAD_LINES * 2]):
        text = _compact(line.text)
        if text.endswith(wanted) and text != wanted and is_org(text[: -len(wanted)]):
            return line.text.strip(), {position}
        previous = lines[position - 1] if position else None
        if (
            text == wanted
            and position > listed
            and previous is not None
            and previous.index == line.index - 1
            and is_org(previous.text)
        ):
            return _title_text([previous, line]), {position - 1, position}
    return None


def _with_issuer_heading(lines: list[Line], first: int, end: int) -> tuple[int, int]:
    """A list title repeated below as the heading with the issuer on the line above it
    (2022年…年度报告 / 桃江县松木塘镇人民政府 / 2022年…年度报告): the heading."""
    wanted = _compact(_title_text(lines[first:end]))
    if _issuer_then_about(wanted):
        return first, end
    for position in range(end + 1, min(len(lines), end + _MAX_LINES + 2)):
        previous = lines[position - 1]
        if _compact(lines[position].text) == wanted and is_org(previous.text):
            return position - 1, position + 1
    return first, end


def find_title(
    lines: list[Line],
    strong: str | None = None,
    page_title: str | None = None,
    headline: int | None = None,
) -> tuple[str | None, set[int]]:
    """The title and the positions (in `lines`) of the lines it was read from. A `strong`
    hint (标题 field, ArticleTitle) is the title even where the text does not repeat it;
    a part of the page's <title> only where a line repeats it, or, if it looks like a
    title, where the text offers no title-shaped line. `headline`: the position of the
    line standing above the page's date line, the title of a page whose title has no
    document type (a news item)."""
    weak = _page_title_parts(page_title)
    for hint in [strong, *weak] if strong else weak:
        position = _matching_line(lines, hint)
        if position is not None:
            heading = _issuer_heading(lines, hint, position)
            return heading or (lines[position].text.strip(), {position})
    if strong:
        return _heading_for(lines, strong) or (strong, set())
    start = _title_start(lines)
    if start is None:
        titled = [hint for hint in weak if looks_like_title(hint)]
        if titled:
            return titled[0], set()
        if headline is not None:
            return lines[headline].text.strip(), {headline}
        return None, set()
    first, end = _with_issuer_heading(lines, *_title_span(lines, start))
    return _title_text(lines[first:end]), set(range(first, end))


def enclosed_title(title: str | None) -> str | None:
    """For a notice that issues or forwards another text, that text's title."""
    if not title:
        return None
    match = _ENCLOSING.search(fold(title))
    if not match:
        return None
    inner = title[match.start("x") : match.end("x")].strip()
    if inner.startswith("《") and inner.endswith("》") and inner.count("《") == 1:
        inner = inner[1:-1]
    return inner or None


_YEAR_START = re.compile(r"(?:19|20)\d{2}\s*年")


def title_issuers(title: str | None) -> list[str]:
    """The issuers a title names before 关于 (or before 印发), or the body a report's
    title starts with (XX镇人民政府2022年政府信息公开工作年度报告), if it names any."""
    if not title:
        return []
    folded = fold(title)
    year = _YEAR_START.search(folded)
    if year and year.start() > 0 and "关于" not in folded[: year.start()]:
        head = title[: year.start()].strip()
        if is_org(head):
            return [head]
    cut = folded.find("关于")
    if cut <= 0:
        match = _ENCLOSING.search(folded)
        cut = match.start() if match and match.start() > 0 else -1
    if cut <= 0:
        return []
    names = split_names(_SPACES.sub("、", title[:cut].strip()))
    return names if names and all(is_org(name) for name in names) else []
