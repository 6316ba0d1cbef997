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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.docnumbers import normalize_doc_number
from gongkai.documents.extraction.chrome import Line, classify_lines, looks_like_title
from gongkai.documents.extraction.dates import date_line, parse_date
from gongkai.documents.extraction.flat import unflatten
from gongkai.documents.extraction.names import is_org, orgs_in_line, split_names, unique
from gongkai.documents.extraction.references import (
    Citation,
    attachments,
    disclosure,
    find_citations,
)
from gongkai.documents.extraction.text import doc_numbers_in, fold
from gongkai.documents.extraction.titles import (
    BANNER,
    clean_title,
    enclosed_title,
    find_title,
    is_head_furniture,
    title_issuers,
    validity_of,
)
from gongkai.documents.extraction.units import UNIT_ENDING

_META_KEYS = {
    "title": ("标题", "文件名称", "名称"),
    "doc_number": ("发文字号", "文号"),
    "issuers": ("发文机关", "发文单位", "制发机关"),
    "publisher": ("发布机构", "发文机构", "发布单位"),
    "written_on": ("成文日期", "成文时间", "发文日期", "印发日期"),
    "published_on": ("发布时间", "发布日期", "发表日期", "公开日期", "生成日期", "时间", "日期"),
    "validity": ("有效性", "效力状态", "时效性", "是否有效", "时效"),
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
# What a page names as its 来源 / 发布机构 when it means the site: 本站, 县政府网站, 门户网.
_SITE_NAME = re.compile(r"^本站$|^本网$|网站$|门户网?$|网$")
_HEADLINE_REACH = 20
_HEADLINE_MAX = 60


SURE, UNSURE, MISSING = "sure", "unsure", "missing"
# Fields every document has: not finding one is worth the editor's attention.
_EXPECTED = ("title", "issuers", "written_on", "published_on")
# Page fields that only guess a value: a bare 时间 / 日期 may be a reprint's or an
# archive's; 发布机构 and 来源 name whoever put the page up.
_WEAK_LABELS = frozenset(("时间", "日期", "名称", "来源", "信息来源", "文章来源", "政策来源"))


@dataclass(frozen=True)
class Provenance:
    """Where a field's value came from and how sure extraction is of it: `label` is the
    page field (发布日期) or the part of the document (落款, 标题) it was read from, `line`
    the 1-based line of the extracted text (its non-empty lines, as the reader produced
    them) where known, `confidence` SURE, UNSURE or MISSING."""

    confidence: str
    label: str = ""
    line: int | None = None


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
    validity: str | None = None
    provenance: dict[str, Provenance] = field(default_factory=dict)


def _meta_fields(lines: list[Line]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in lines:
        if line.kind != "meta":
            continue
        for entry in line.meta:
            label, _, value = entry.replace("：", ":", 1).partition(":")
            fields.setdefault(label.strip(), value.strip())
    return fields


def _meta_entry(fields: Mapping[str, str], key: str) -> tuple[str, str] | None:
    """(label, value) of the first filled page field for `key`."""
    for label in _META_KEYS[key]:
        if fields.get(label):
            return label, fields[label]
    return None


def _meta(fields: Mapping[str, str], key: str) -> str | None:
    entry = _meta_entry(fields, key)
    return entry[1] if entry else None


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
    if written and doc_numbers_in(written):  # not a CMS default such as the title plus 号
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
    """The 主送机关: a list of bodies ending in a colon, in the head lines below the title
    (before the text starts); where no title was found, the first such line of the head."""
    start = max(title_positions) + 1 if title_positions else 0
    for line in lines[start : start + _HEAD_AFTER_TITLE]:
        folded = fold(line.text).strip()
        if folded.endswith(":") and "。" not in folded and _names_units(folded[:-1]):
            return line.text.strip()[:-1].strip()
        if len(folded) > _RECIPIENTS_MAX and title_positions:
            return None
    return None


# --- signature, dates, issuers ------------------------------------------------------------------


@dataclass
class _Signature:
    issuers: list[str]
    date: date | None
    line: int | None  # index of the date line


def _signature(lines: list[Line]) -> _Signature:
    """Issuers and date from the signature block: the first date line with organisation
    lines right above it; failing that, the first date line alone."""
    first = _Signature([], None, None)
    for position, line in enumerate(lines):
        value = date_line(line.text)
        if value is None:
            continue
        if first.date is None:
            first = _Signature([], value, line.index)
        issuers: list[str] = []
        back = position - 1
        while back >= 0 and (orgs := orgs_in_line(lines[back].text)):
            issuers = orgs + issuers
            back -= 1
        if issuers:
            return _Signature(unique(issuers), value, line.index)
    return first


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


# --- fallbacks and provenance ----------------------------------------------------------------------


def _headline(lines: list[Line], content: list[Line]) -> int | None:
    """The position (in `content`) of the short line right above the page's first date
    field, where a news page puts its headline."""
    candidate = None
    for line in lines[:_HEADLINE_REACH]:
        if line.kind == "meta" and any(_is_date_field(entry) for entry in line.meta):
            break
        if line.kind == "body":
            short = len(line.text) <= _HEADLINE_MAX and "。" not in line.text
            candidate = line if short else None
    else:
        return None
    return content.index(candidate) if candidate is not None else None


def _is_date_field(entry: str) -> bool:
    label = entry.partition("：")[0]
    return label in _META_KEYS["published_on"] and parse_date(entry) is not None


def _named_bodies(value: str | None) -> list[str]:
    """The names of a 发布机构 / 来源 field that are names of bodies: a site's name
    (中国平潭, 本站, 今日开鲁) is not an issuer."""
    names = split_names(value or "")
    bodies = names and all(is_org(name) and not _SITE_NAME.search(name) for name in names)
    return names if bodies else []


def _issuers(
    signature: _Signature, fields: Mapping[str, str], title: str | None, banner: list[str]
) -> tuple[list[str], Provenance]:
    line = signature.line + 1 if signature.line is not None else None
    if signature.issuers:
        return signature.issuers, Provenance(SURE, "落款", line)
    entry = _meta_entry(fields, "issuers")
    if entry and (names := _named_bodies(entry[1])):
        return names, Provenance(SURE, entry[0])
    if names := title_issuers(title):
        return names, Provenance(SURE, "标题")
    if banner:
        return banner, Provenance(SURE, "版头")
    # The office that put the page up (发布机构) is often, not always, the issuer.
    entry = _meta_entry(fields, "publisher")
    if entry and (names := _named_bodies(entry[1])):
        return names, Provenance(SURE, entry[0])
    source = _meta_entry(fields, "source")
    if source and (names := _named_bodies(source[1])):
        return names, Provenance(UNSURE, source[0])
    return [], Provenance(MISSING)


_SHORT_FORM = re.compile(r"^(?P<level>[省市区县])(?:人民)?政府(?P<rest>.*)$")
# A place name standing on its own (at a line's or a field's start, after a space or a
# stop), so 2020年区政府 does not read as a place called 年区.
_PLACE = "(?m)(?:^|(?<=[\\s:：,，、(（]))(?P<place>[\u4e00-\u9fff]{{1,8}}?{level})(?:人民)?政府"


def _resolve_short_forms(issuers: list[str], context: Callable[[], str]) -> tuple[list[str], bool]:
    """A signature or heading that names the issuer by its short form (市政府办公厅,
    区人民政府办公室) means the government of the place the page names: 市政府办公厅 on a
    page that names 贵阳市人民政府 is 贵阳市人民政府办公厅. Returns the names and whether
    any was completed."""
    resolved, changed = [], False
    for name in issuers:
        short = _SHORT_FORM.match(fold(name))
        place = re.search(_PLACE.format(level=short["level"]), context()) if short else None
        if short and place:
            resolved.append(f"{place['place']}人民政府{name[short.start('rest') :]}")
            changed = True
        else:
            resolved.append(name)
    return resolved, changed


def _dated(fields: Mapping[str, str], key: str) -> tuple[date | None, str]:
    entry = _meta_entry(fields, key)
    return (parse_date(entry[1]), entry[0]) if entry else (None, "")


def _written_on(signature: _Signature, fields: Mapping[str, str]) -> tuple[date | None, Provenance]:
    """The date under the signature; a page's 成文日期 / 发文日期 field where the text has
    none (a 发文日期 field may be the day the page went up)."""
    if signature.date and signature.line is not None:
        return signature.date, Provenance(SURE, "落款", signature.line + 1)
    value, label = _dated(fields, "written_on")
    if value:
        return value, Provenance(SURE if label == "成文日期" else UNSURE, label)
    return None, Provenance(MISSING)


def _published_on(
    fields: Mapping[str, str], hints: Mapping[str, str]
) -> tuple[date | None, Provenance]:
    value, label = _dated(fields, "published_on")
    if value:
        return value, Provenance(UNSURE if label in _WEAK_LABELS else SURE, label)
    hinted = parse_date(hints.get("published", ""))
    return (hinted, Provenance(SURE, "PubDate")) if hinted else (None, Provenance(MISSING))


# A state badge on a line of its own near the top: 【已废止】, 此件已失效, 本文件已修订.
_VALIDITY_BADGE = re.compile(
    r"[\[【(]?(?:此件|本文件|该文件|本件)?(?P<word>已?(?:废止|失效|修订|修改))[\]】)]?"
)


def _validity(
    fields: Mapping[str, str], title_mark: str | None, lines: list[Line]
) -> tuple[str | None, Provenance]:
    if title_mark:
        return title_mark, Provenance(SURE, "标题")
    entry = _meta_entry(fields, "validity")
    value = validity_of(entry[1]) if entry else None
    if value:
        return value, Provenance(SURE, entry[0])
    for line in lines[:_HEADLINE_REACH]:
        badge = _VALIDITY_BADGE.fullmatch(fold(line.text).strip())
        if badge:
            return validity_of(badge["word"]), Provenance(SURE, line.text.strip(), line.index + 1)
    return None, Provenance(MISSING)


def _place_context(fields: Mapping[str, str], content: list[Line]) -> str:
    """Where a page names its own place: its fields, then the head of its text."""
    head = "\n".join(line.text for line in content[: _HEAD_AFTER_TITLE * 2])
    return "\n".join([*fields.values(), head])


def _doc_number(
    content: list[Line], title_positions: set[int], fields: Mapping[str, str], cleaned
) -> tuple[str | None, Provenance]:
    """The document's own number: the page's 发文字号 field, the head of the text, or the
    number a site wrote beside the title (…的通知（岳办发〔2017〕2号）)."""
    number = _own_number(content, title_positions, fields)
    if number:
        label = "发文字号" if number == _meta(fields, "doc_number") else "文头"
        return number, Provenance(SURE, label)
    if cleaned and cleaned.doc_number:
        return cleaned.doc_number, Provenance(SURE, "标题")
    return None, Provenance(MISSING)


def _found(value, label: str) -> Provenance:
    return Provenance(SURE, label) if value else Provenance(MISSING)


# --- entry point ----------------------------------------------------------------------------


def extract_metadata(text: str, *, hints: Mapping[str, str] | None = None) -> ExtractedMetadata:
    """Metadata and frame-free body of a document's text. `hints` are page metadata from
    the reader (HTML <meta> and <title>) used where the text itself is silent. Each field's
    provenance says where it was read and how sure that is."""
    hints = hints or {}
    lines = classify_lines(unflatten(text))
    fields = _meta_fields(lines)
    content = [line for line in lines if line.kind == "body"]
    strong_title = _meta(fields, "title") or hints.get("title")
    headline = _headline(lines, content)
    found_title, title_positions = find_title(
        content, strong_title, hints.get("page_title"), headline
    )
    cleaned = clean_title(found_title) if found_title else None
    title = cleaned.text if cleaned else None
    body_lines = _body_lines(content, title_positions)
    doc_number, number_from = _doc_number(content, title_positions, fields, cleaned)
    own_key = normalize_doc_number(doc_number) if doc_number else None
    recipients = _recipients(content, title_positions)
    signature = _signature(body_lines)
    body = "\n".join(line.text for line in body_lines)
    banner = _issuers_from_banner(content, title_positions)
    issuers, issuers_from = _issuers(signature, fields, title, banner)
    issuers, completed = _resolve_short_forms(issuers, lambda: _place_context(fields, content))
    if completed:
        issuers_from = Provenance(UNSURE, f"{issuers_from.label}（补全地名）", issuers_from.line)
    written_on, written_from = _written_on(signature, fields)
    published_on, published_from = _published_on(fields, hints)
    validity, validity_from = _validity(fields, cleaned.validity if cleaned else None, lines)
    positions = {content[p].index for p in title_positions}
    title_from = _title_provenance(title, strong_title, positions, headline, title_positions)
    return ExtractedMetadata(
        title=title,
        enclosed_title=enclosed_title(title),
        doc_number=doc_number,
        doc_number_key=own_key,
        issuers=issuers,
        recipients=_recipient_names(recipients) if recipients else [],
        recipients_text=recipients,
        written_on=written_on,
        published_on=published_on,
        region=_meta(fields, "region"),
        keywords=_keywords(_meta(fields, "keywords")),
        attachments=attachments(body_lines),
        disclosure=disclosure(body_lines, _meta(fields, "disclosure")),
        cited=find_citations(body, own_key),
        source=_meta(fields, "source") or hints.get("source"),
        index_number=_meta(fields, "index_number"),
        body=body,
        meta=fields,
        validity=validity,
        provenance={
            "title": title_from,
            "doc_number": number_from,
            "issuers": issuers_from,
            "recipients": _found(recipients, "主送机关"),
            "written_on": written_from,
            "published_on": published_from,
            "validity": validity_from,
        },
    )


def _title_provenance(title, strong, positions, headline, title_positions) -> Provenance:
    if not title:
        return Provenance(MISSING)
    line = min(positions) + 1 if positions else None
    if headline is not None and title_positions == {headline} and not looks_like_title(title):
        return Provenance(UNSURE, "页面标题行", line)
    if strong and not positions:
        return Provenance(UNSURE, "标题")
    return Provenance(SURE, "标题" if strong else "文头", line)
