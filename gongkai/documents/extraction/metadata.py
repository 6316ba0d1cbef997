"""Metadata of an official document (公文) read from its text.

The fields follow GB/T 9704-2012 (党政机关公文格式): 发文机关标志, 发文字号, 标题, 主送机关,
正文, 附件说明, 发文机关署名, 成文日期, 附注 (公开属性); and what a policy site adds
around it (发布时间, 适用地区, 关键词). Positions matter more than words: the title is the
first title-shaped line, the 主送机关 the line ending in a colon before the text, the
issuer the line(s) above the date that closes the text. Hand-written: no library reads
Chinese official-document layout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.docnumbers import normalize_doc_number
from gongkai.documents.extraction.chrome import Line, classify_lines
from gongkai.documents.extraction.dates import date_line, parse_date
from gongkai.documents.extraction.names import orgs_in_line, split_names, unique
from gongkai.documents.extraction.references import (
    Citation,
    attachments,
    disclosure,
    find_citations,
)
from gongkai.documents.extraction.text import doc_numbers_in, fold
from gongkai.documents.extraction.titles import (
    BANNER,
    enclosed_title,
    find_title,
    is_head_furniture,
    title_issuers,
)
from gongkai.documents.extraction.units import UNIT_ENDING

_META_KEYS = {
    "title": ("标题", "文件名称"),
    "doc_number": ("发文字号", "文号"),
    "issuers": ("发文机关", "发布机构", "发文单位", "发布单位", "制发机关"),
    "written_on": ("成文日期", "成文时间", "发文日期", "印发日期"),
    "published_on": ("发布时间", "发布日期", "公开日期", "生成日期"),
    "region": ("适用地区", "适用区域", "所属地区"),
    "keywords": ("关键词", "关键字", "主题词"),
    "disclosure": ("公开方式", "公开属性", "公开类型", "公开范围"),
    "source": ("政策来源", "信息来源", "文章来源", "来源"),
    "index_number": ("索引号",),
}
_LIST_SPLIT = re.compile(r"[\s、,，;；]+")
_HEAD_AFTER_TITLE = 8
_ORG_MAX = 40
_PERSON_MAX = 5
_RECIPIENTS_MAX = 150


@dataclass
class ExtractedMetadata:
    """What the text says about the document (see the `gongkai extract --json` contract),
    plus its normalised number, the 主送机关 as written, the page's source and 索引号,
    all page metadata fields, and the body without the page frame."""

    title: str | None = None
    enclosed_title: str | None = None
    doc_number: str | None = None
    doc_number_key: str | None = None
    issuers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    recipients_text: str | None = None
    written_on: date | None = None
    published_on: date | None = None
    region: str | None = None
    keywords: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    disclosure: str | None = None
    cited: list[Citation] = field(default_factory=list)
    source: str | None = None
    index_number: str | None = None
    body: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def _meta_fields(lines: list[Line]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in lines:
        if line.kind != "meta":
            continue
        for entry in line.meta:
            label, _, value = entry.replace("：", ":", 1).partition(":")
            fields.setdefault(label.strip(), value.strip())
    return fields


def _meta(fields: Mapping[str, str], key: str) -> str | None:
    for label in _META_KEYS[key]:
        if fields.get(label):
            return fields[label]
    return None


# --- title -------------------------------------------------------------------------------


# --- head: number, recipients --------------------------------------------------------------


def _head(lines: list[Line], title_positions: set[int]) -> list[Line]:
    """The lines around the title where the number and recipients stand."""
    after = max(title_positions) + 1 if title_positions else 0
    return lines[: after + _HEAD_AFTER_TITLE]


def _own_number(
    lines: list[Line], title_positions: set[int], fields: Mapping[str, str]
) -> str | None:
    written = _meta(fields, "doc_number")
    if written:
        return written
    for line in _head(lines, title_positions):
        numbers = doc_numbers_in(line.text)
        if numbers and not fold(line.text[: numbers[0].span[0]]).strip(" (["):
            return numbers[0].as_written
    return None


def _names_units(text: str) -> bool:
    """A 主送机关 list: names of bodies (most end like one), or one short name (a person
    answered by a reply)."""
    names = split_names(text)
    if not names or any(len(name) > _ORG_MAX for name in names):
        return False
    if len(names) == 1 and len(names[0]) <= _PERSON_MAX:
        return True
    units = sum(1 for name in names if UNIT_ENDING.search(fold(name)))
    return 2 * units >= len(names)


def _recipient_names(text: str) -> list[str]:
    """The 主送机关 one by one. A name without a body's ending shares the next one's
    (各市、自治州人民政府: 各市 and 自治州 人民政府), so it stays joined to it."""
    names: list[str] = []
    pending = ""
    written = split_names(text)
    for position, name in enumerate(written):
        if UNIT_ENDING.search(fold(name)) or position == len(written) - 1:
            names.append(pending + name)
            pending = ""
        else:
            pending += f"{name}、"
    return names


def _recipients(lines: list[Line], title_positions: set[int]) -> str | None:
    start = max(title_positions) + 1 if title_positions else 0
    for line in lines[start : start + _HEAD_AFTER_TITLE]:
        folded = fold(line.text).strip()
        if folded.endswith(":") and "。" not in folded and _names_units(folded[:-1]):
            return line.text.strip()[:-1].strip()
        if len(folded) > _RECIPIENTS_MAX:
            return None
    return None


# --- signature, dates, issuers ------------------------------------------------------------------


def _signature(lines: list[Line]) -> tuple[list[str], date | None]:
    """Issuers and date from the signature block: the first date line with organisation
    lines right above it; failing that, the first date line alone."""
    first_date = None
    for position, line in enumerate(lines):
        value = date_line(line.text)
        if value is None:
            continue
        first_date = first_date or value
        issuers: list[str] = []
        back = position - 1
        while back >= 0 and (orgs := orgs_in_line(lines[back].text)):
            issuers = orgs + issuers
            back -= 1
        if issuers:
            return unique(issuers), value
    return [], first_date


def _issuers_from_banner(lines: list[Line], title_positions: set[int]) -> list[str]:
    for line in lines[: min(title_positions, default=0)]:
        folded = fold(line.text).strip()
        if BANNER.fullmatch(folded):
            names = orgs_in_line(line.text.strip()[:-2])
            if names:
                return names
    return []


def _keywords(value: str | None) -> list[str]:
    return unique(_LIST_SPLIT.split(value.strip())) if value else []


def _body_lines(content: list[Line], title_positions: set[int]) -> list[Line]:
    """The document without its title: what follows the title, and of what precedes it
    only the head lines of the document itself (发文字号, 版头, 签发人), not the page's."""
    if not title_positions:
        return content
    first, last = min(title_positions), max(title_positions)
    head = [line for line in content[:first] if is_head_furniture(line)]
    return head + content[last + 1 :]


# --- entry point ----------------------------------------------------------------------------


def extract_metadata(text: str, *, hints: Mapping[str, str] | None = None) -> ExtractedMetadata:
    """Metadata and frame-free body of a document's text. `hints` are page metadata from
    the reader (HTML <meta> and <title>) used where the text itself is silent."""
    hints = hints or {}
    lines = classify_lines(text)
    fields = _meta_fields(lines)
    content = [line for line in lines if line.kind == "body"]
    strong_title = _meta(fields, "title") or hints.get("title")
    title, title_positions = find_title(content, strong_title, hints.get("page_title"))
    body_lines = _body_lines(content, title_positions)
    doc_number = _own_number(content, title_positions, fields)
    own_key = normalize_doc_number(doc_number) if doc_number else None
    recipients = _recipients(content, title_positions)
    signed_by, signed_on = _signature(body_lines)
    body = "\n".join(line.text for line in body_lines)
    issuers = (
        signed_by
        or split_names(_meta(fields, "issuers") or "")
        or title_issuers(title)
        or _issuers_from_banner(content, title_positions)
    )
    return ExtractedMetadata(
        title=title,
        enclosed_title=enclosed_title(title),
        doc_number=doc_number,
        doc_number_key=own_key,
        issuers=issuers,
        recipients=_recipient_names(recipients) if recipients else [],
        recipients_text=recipients,
        written_on=parse_date(_meta(fields, "written_on") or "") or signed_on,
        published_on=parse_date(_meta(fields, "published_on") or hints.get("published", "")),
        region=_meta(fields, "region"),
        keywords=_keywords(_meta(fields, "keywords")),
        attachments=attachments(body_lines),
        disclosure=disclosure(body_lines, _meta(fields, "disclosure")),
        cited=find_citations(body, own_key),
        source=_meta(fields, "source") or hints.get("source"),
        index_number=_meta(fields, "index_number"),
        body=body,
        meta=fields,
    )
