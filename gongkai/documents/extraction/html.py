"""HTML pages to text, one paragraph a line.

lxml parses (fast and forgiving of the broken markup many government CMSs emit); this
module only decides what is a line, what is a table row and which subtrees are page
furniture. Data tables (a 任务分工表, a 索引号/发文机关 metadata box) come out one row a
line with cells separated by tabs; layout tables (whole pages nested in <td>) as blocks.
The page's own metadata (<meta name="ArticleTitle|PubDate|ContentSource">, which the
government-website CMS guideline prescribes, and <title>) is returned as hints.
"""

from __future__ import annotations

import re
from copy import deepcopy

import lxml.html
from lxml import etree

from gongkai.documents.extraction.encoding import decode_text
from gongkai.documents.extraction.errors import ExtractionError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "nav", "footer", "button", "select", "input", "textarea", "option", "map",
)  # fmt: skip
# class/id words that name navigation and page furniture on government sites.
_CHROME_WORDS = {
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position",
    "share", "bdsharebuttonbox", "copyright", "sidebar", "toolbar", "qrcode", "ewm", "footer",
}  # fmt: skip
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "section", "article", "main", "header", "aside", "blockquote", "pre",
    "center", "hr", "address", "figure", "figcaption", "form", "fieldset", "caption", "tbody",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
# A table whose cells are all shorter than this (and holds no table) is data, not layout.
_DATA_CELL_MAX = 600
_MAX_SPAN = 50
_SPACES = re.compile(r"[ \t\r\f\v\u3000\xa0]+")
_HINT_NAMES = {"articletitle": "title", "pubdate": "published", "contentsource": "source"}


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _is_chrome(element: etree._Element) -> bool:
    if element.get("role") == "navigation":
        return True
    words = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return any(word in _CHROME_WORDS for word in _WORD_SPLIT.split(words))


def _drop_furniture(root: etree._Element) -> None:
    doomed = list(root.iter(*_DROPPED_TAGS))
    doomed += [el for el in root.iter() if isinstance(el.tag, str) and _is_chrome(el)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _is_data_table(table: etree._Element) -> bool:
    """A table of rows and columns; not a layout table (tables nested in it, or one cell a
    row: a page's text block set in a table)."""
    if table.find(".//table") is not None:
        return False
    rows = list(table.iter("tr"))
    if rows and all(sum(1 for cell in row if cell.tag in _CELL_TAGS) <= 1 for row in rows):
        return False
    cells = table.iter("td", "th")
    return all(len(cell.text_content()) <= _DATA_CELL_MAX for cell in cells)


def _hints(root: etree._Element) -> dict[str, str]:
    hints: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = _HINT_NAMES.get((meta.get("name") or "").lower())
        content = (meta.get("content") or "").strip()
        if key and content:
            hints[key] = content
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        hints["page_title"] = _SPACES.sub(" ", title.text_content()).strip()
    return hints


def _span(cell: etree._Element, name: str) -> int:
    value = (cell.get(name) or "1").strip()
    return max(1, min(int(value), _MAX_SPAN)) if value.isdigit() else 1


def _blank_cell() -> etree._Element:
    return etree.Element("td")


def _expand_spans(table: etree._Element) -> None:
    """Give every row all its cells: a rowspan cell is repeated in the rows it spans (a
    task table's category column), a colspan cell is followed by empty cells, so columns
    line up with the header."""
    carried: dict[int, list] = {}
    for row in table.iter("tr"):
        own = [cell for cell in row if cell.tag in _CELL_TAGS]
        cells: list[etree._Element] = []
        for cell in [*own, None]:
            while len(cells) in carried:
                source, rows_left = carried[len(cells)]
                copy = _copy_cell(source)
                cells.append(copy)
                carried[len(cells) - 1][1] -= 1
                if rows_left <= 1:
                    del carried[len(cells) - 1]
            if cell is None:
                break
            if _span(cell, "rowspan") > 1:
                carried[len(cells)] = [cell, _span(cell, "rowspan") - 1]
            cells.append(cell)
            cells += [_blank_cell() for _ in range(_span(cell, "colspan") - 1)]
        if cells != own:
            for cell in own:
                row.remove(cell)
            row.extend(cells)


def _copy_cell(cell: etree._Element) -> etree._Element:
    copy = deepcopy(cell)
    copy.tail = None
    copy.attrib.pop("rowspan", None)
    return copy


def _data_cells(root: etree._Element) -> set[etree._Element]:
    # Holding the elements (not their ids) keeps lxml's proxies, and so identity, stable.
    tables = [table for table in root.iter("table") if _is_data_table(table)]
    for table in tables:
        _expand_spans(table)
    return {cell for table in tables for cell in table.iter("td", "th")}


def _walk(root: etree._Element) -> str:
    """Text with a newline at block boundaries and a tab after each cell of a data table;
    inside a data-table cell, block boundaries are spaces so the row stays one line."""
    parts: list[str] = []
    data_cells = _data_cells(root)
    depth_in_cell = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        is_data_cell = element in data_cells
        is_block = tag in _BLOCK_TAGS or tag in _CELL_TAGS
        if event == "start":
            depth_in_cell += is_data_cell
            if is_block and not is_data_cell:
                parts.append(" " if depth_in_cell else "\n")
            if tag and element.text:
                parts.append(element.text)
            continue
        if is_data_cell:
            depth_in_cell -= 1
            parts.append("\t")
        elif is_block:
            parts.append(" " if depth_in_cell else "\n")
        if element.tail:
            parts.append(element.tail)
    return "".join(parts)


def _tidy(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        cells = [_SPACES.sub(" ", cell).strip() for cell in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()  # the tab after a row's last cell
        lines.append("\t".join(cells))
    return "\n".join(line for line in lines if line)


def html_to_text(data: bytes) -> tuple[str, str, dict[str, str]]:
    """The page's text, its encoding and metadata hints (title, published, source,
    page_title). Raises ExtractionError if the markup cannot be parsed."""
    text, encoding = decode_text(data, declared_charset(data))
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as error:
        raise ExtractionError(
            "broken_html",
            f"网页无法解析：{error}",
            f"The HTML page cannot be parsed: {error}",
        )
    hints = _hints(root)
    body = root.find("body")
    _drop_furniture(body if body is not None else root)
    return _tidy(_walk(body if body is not None else root)), encoding, hints
