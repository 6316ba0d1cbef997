"""What a document points to: the documents it cites, its attachments, and its 公开属性.

Citations are 《title》（发文字号） and bare 发文字号, one per normalised number, never the
document's own. Attachments are the 附件： list (附件：1.X 2.Y, or link texts such as
"筑高新办函〔2019〕23号 附件1 X") and the 附件1 headings over attached texts. The
公开属性 is the page's 公开方式 field or the 附注 mark (此件公开发布).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.documents.extraction.chrome import Line
from gongkai.documents.extraction.names import unique
from gongkai.documents.extraction.text import doc_numbers_in, fold

PROACTIVE, ON_REQUEST, WITHHELD = "主动公开", "依申请公开", "不予公开"

_CITED_TITLE = re.compile(r"《(?P<t>[^《》]{2,150})》\s*[(（\[]?\s*$")
_TITLE_REACH = 160
_DISCLOSURE_MARKS = (
    (re.compile(r"此件(?:不予公开|不公开)|不予公开"), WITHHELD),
    (re.compile(r"此件依申请公开|依申请公开"), ON_REQUEST),
    (re.compile(r"此件(?:公开发布|主动公开)|主动公开"), PROACTIVE),
)
_DISCLOSURE_LINE_MAX = 30
_ATTACHMENT_LIST = re.compile(r"附\s*件\s*:\s*(?P<rest>.*)")
# The heading over an attached text: 附件 alone, or 附件2 (a colon after 附件 starts a list).
_ATTACHMENT_HEADING = re.compile(r"附\s*件(?:\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})\s*:?)?")
_ATTACHMENT_LINK = re.compile(r"(?:.*?\s)?附\s*件\s*(?P<n>\d{1,2})\s*[:.、]?\s*(?P<name>.+)")
_NUMBERED_ITEM = re.compile(r"(?P<n>\d{1,2})\s*[.、．]\s*(?P<name>.+)")
_FILE_SUFFIX = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar|txt|jpe?g|png)$", re.I)
_ATTACHMENT_NAME_MAX = 80


@dataclass(frozen=True)
class Citation:
    """A document cited in the text: its number as written, title (None when the number
    stands bare) and normalised key."""

    doc_number: str
    title: str | None
    key: str


def find_citations(text: str, own_key: str | None) -> list[Citation]:
    """Every document number in `text` except the document's own, with the 《title》 written
    right before it when there is one; one entry per normalised number."""
    cited: dict[str, Citation] = {}
    for line in text.split("\n"):
        for number in doc_numbers_in(line):
            if number.key == own_key:
                continue
            before = line[max(0, number.span[0] - _TITLE_REACH) : number.span[0]]
            match = _CITED_TITLE.search(before)
            title = match["t"].strip() if match else None
            known = cited.get(number.key)
            if known is None or (known.title is None and title):
                cited[number.key] = Citation(number.as_written, title, number.key)
    return _without_run_in_prefixes(list(cited.values()))


def _without_run_in_prefixes(cited: list[Citation]) -> list[Citation]:
    """In run-together text a number can be read with the words before it as its prefix
    (已由省政府办公厅以闽政办〔2012〕99号); where the same number is also read on its own,
    the longer reading goes."""
    keys = {citation.key for citation in cited}
    return [
        citation
        for citation in cited
        if not any(key != citation.key and citation.key.endswith(key) for key in keys)
    ]


def disclosure(lines: list[Line], declared: str | None) -> str | None:
    """公开属性 from the page's field (公开方式：主动公开) or the 附注 mark (此件公开发布)."""
    marks = [line.text for line in lines if "此件" in line.text]
    for text in [declared] if declared else marks:
        if len(text) > _DISCLOSURE_LINE_MAX:
            continue
        for pattern, value in _DISCLOSURE_MARKS:
            if pattern.search(fold(text)):
                return value
    return None


_BOOK_TITLE_WITH_NOTE = re.compile(r"《(?P<title>[^《》]+)》\s*(?:[(（][^()（）]*[)）])?")


def _attachment_name(text: str) -> str:
    """An attachment's name as listed: without a file suffix, and without the book-title
    marks (and the number note after them) of a 《title》（number） entry."""
    name = _FILE_SUFFIX.sub("", text.strip()).strip(" ;；。,，")
    wrapped = _BOOK_TITLE_WITH_NOTE.fullmatch(name)
    return wrapped["title"].strip() if wrapped else name


def _attachment_item(text: str) -> tuple[str | None, str] | None:
    folded = fold(text)
    for pattern in (_ATTACHMENT_LINK, _NUMBERED_ITEM):
        match = pattern.fullmatch(folded)
        if match:
            return match["n"], _attachment_name(text[match.start("name") :])
    return None


def _attachment_list(lines: list[Line]) -> tuple[list[tuple[str | None, str]], set[int]]:
    """The items of the 附件： list and the positions of its lines."""
    for position, line in enumerate(lines):
        match = _ATTACHMENT_LIST.fullmatch(fold(line.text))
        if not match:
            continue
        items: list[tuple[str | None, str]] = []
        rest = line.text[match.start("rest") :].strip()
        if rest:
            items.append(_attachment_item(rest) or (None, _attachment_name(rest)))
        end = position + 1
        while end < len(lines) and (item := _attachment_item(lines[end].text)):
            if len(item[1]) > _ATTACHMENT_NAME_MAX:
                break
            items.append(item)
            end += 1
        return items, set(range(position, end))
    return [], set()


def _attachment_headings(lines: list[Line], skip: set[int]) -> list[tuple[str | None, str]]:
    found = []
    for position, line in enumerate(lines[:-1]):
        if position in skip:
            continue
        match = _ATTACHMENT_HEADING.fullmatch(fold(line.text).strip())
        following = lines[position + 1].text
        if match and len(following) <= _ATTACHMENT_NAME_MAX and "。" not in following:
            found.append((match["n"], _attachment_name(following)))
    return found


def attachments(lines: list[Line]) -> list[str]:
    """Attachment names from the 附件 list, completed by 附件N headings it does not name."""
    items, positions = _attachment_list(lines)
    numbers = {n for n, _ in items if n}
    names = {name for _, name in items}
    for number, name in _attachment_headings(lines, positions):
        if (number is None or number not in numbers) and name not in names:
            items.append((number, name))
    return unique([name for _, name in items])
