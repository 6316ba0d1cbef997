"""Separate a web page's frame (site chrome) from the document it shows.

Text copied or converted from a policy site carries the site's frame around the
document: breadcrumbs (当前位置：首页 > …), counters (浏览量), share/print/close buttons,
QR-code captions, contact boxes, copyright footers, and a portal's menu tiles (政策匹配,
每日一听 …, each a few characters, often with a figure under it). Each line is one of:

- meta: a page metadata field (发布时间, 政策来源, 适用地区, 关键词, 索引号 …), kept apart
  for the metadata extractor;
- chrome: a line that only the frame writes (a breadcrumb, a counter, a copyright line);
- tile: a short line without sentence punctuation (a menu entry, a figure, a caption);
- contact: 电话：…, 邮箱：…, 地址：… (the site's or the document's own);
- body: everything else.

A run of tiles, contact and chrome lines with at least two frame signals (chrome lines or
menu words) is frame as a whole, so "148家企业" under "政策匹配" and the 邮箱 line of the
site's contact box go with it, while a short line or a contact line inside the document
(a signature, a heading, 联系人：…) stays. Hand-written: these are
conventions of Chinese government portals, not a markup structure a library knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.documents.extraction.dates import date_line, find_dates
from gongkai.documents.extraction.text import clean_lines, doc_numbers_in, fold

META_LABELS = (
    "发布时间", "发布日期", "发文日期", "成文日期", "成文时间", "印发日期", "公开日期", "生成日期",
    "政策来源", "信息来源", "文章来源", "来源", "发布机构", "发文机关", "发文单位", "发布单位",
    "制发机关", "适用地区", "适用区域", "所属地区", "关键词", "关键字", "主题词", "索引号",
    "发文字号", "文号", "主题分类", "公文种类", "文种", "标题", "文件名称",
    "公开方式", "公开属性", "公开类型", "公开范围", "有效性", "效力状态", "时效性",
    "生效日期", "施行日期", "实施日期", "废止日期", "失效日期", "生效时间", "废止时间",
    "发文机构", "名称", "分类", "信息分类", "组配分类", "公文目录", "内容概述", "归档时间",
    "时间", "日期", "栏目", "发表日期", "是否有效", "时效",
)  # fmt: skip
# A bare 时间 / 日期 label is page metadata only where a date follows it: "时间：1月22日上午"
# in a notice's text is not.
_DATE_ONLY_LABELS = frozenset(("时间", "日期"))
_COUNTER_LABELS = (
    "浏览量", "浏览次数", "访问次数", "访问量", "阅读量", "阅读次数", "阅读数", "点击数",
    "点击量", "点击次数", "点击率", "浏览", "字体", "字号", "字体大小", "责任编辑", "编辑", "作者",
    "分享到", "分享", "视力保护色", "友情链接", "相关链接", "访问量",
)  # fmt: skip


def _labels(labels: tuple[str, ...]) -> str:
    """Alternation of labels, longest first, each allowing the spaces that align labels in
    a metadata box (文　　号：)."""
    return "|".join(r"\s*".join(label) for label in sorted(labels, key=len, reverse=True))


_SEGMENT_START = re.compile(
    rf"(?:^|(?<=\s)|(?<=[\]】]))(?P<label>{_labels(META_LABELS + _COUNTER_LABELS)})\s*[:]"
)
_META_CELL = re.compile(rf"(?P<label>{_labels(META_LABELS)})\s*:?\s*(?P<value>.*)")
_LABEL_CELL = re.compile(rf"(?:{_labels(META_LABELS)})\s*:?")
# A metadata box flattened without colons: "发文字号 武自然资规〔2022〕35号 主题分类 …".
_SPACED_LABEL = re.compile(rf"(?:^|(?<=\s))(?P<label>{_labels(META_LABELS)})(?:\s+|$)")
_SPACED_MIN_LABELS = 2
# A label alone on its line, its value on the next (a metadata list copied from a page).
_LONE_LABEL = re.compile(rf"(?P<label>{_labels(META_LABELS + _COUNTER_LABELS)})\s*:")
# A header line that opens with the page's date and time: "2010/1/6 16:43:13 次浏览 …".
_HEADER_DATE = re.compile(
    r"(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s|$)"
)
_INNER_SPACE = re.compile(r"\s+")
_LABEL_REACH = 16  # a metadata line has its colon within this many characters
_VALUE_EDGE = " \t|"  # cells of a metadata table copied as text end in '|'


_BREADCRUMB = re.compile(
    r"(当前位置|您当前的位置|您当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|当前所在位置|位置)\s*:"
)
_TRAIL = re.compile(r"(首页|网站首页|主页)\s*[>»›/|]")
# Lines of a site's footer and contact box (short lines only: see is_chrome).
_SITE_FOOTER = re.compile(
    r"版权所有|copyright|©|icp[备证]|公网安备|网站标识码|(?:主办|承办)(?:单位)?\s*:"
    r"|技术支持\s*:|服务热线\s*:|监督举报\S{0,4}\s*:|举报邮箱\s*:|注册地址\s*:|公司地址\s*:"
    r"|建议使用.{0,20}浏览器",
    re.I,
)
_PAGE_LINK = re.compile(r"上一篇|下一篇|网站地图")
# Captions under QR codes and app links; only a short caption-like line is one.
_CAPTION = re.compile(r"二维码|扫一扫|扫码|客户端|微信公众号|官方微博|无障碍|适老化")
_CAPTION_MAX = 20
# Button captions; a line made only of these (and brackets) is a toolbar.
_BUTTONS = re.compile(
    r"打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回首页|返回列表|返回|收藏本页|收藏"
    r"|分享到|分享|我要纠错|纠错|字体|字号|大|中|小|默认|微信|微博|qq空间|qq|复制链接|保存"
)
_BRACKETED = re.compile(r"【[^】]*】|\[[^\]]*\]")
_BUTTON_LEFTOVER = re.compile(r"[\s\[\]【】()<>|:/·•]*")
MENU_WORDS = frozenset((
    "首页", "网站首页", "政务公开", "信息公开", "政府信息公开", "政策通", "政策资讯", "政策文件", "政策解读", "政策匹配", "每日一听",
    "政策推送", "项目日历", "政策订阅", "政策查询", "政策计算器", "互动交流", "办事服务", "在线服务", "新闻中心", "新闻动态", "联系我们",
    "网站地图", "登录", "注册", "搜索", "English", "相关链接", "相关文章", "相关阅读", "相关政策", "相关解读", "热点推荐", "推荐阅读",
    "专题专栏", "在线访谈", "领导信箱", "意见征集",
))  # fmt: skip
# A contact line is the site's when it sits in the frame, the document's otherwise.
_CONTACT = re.compile(
    r"(联系电话|电话|传真|邮箱|电子邮箱|e-?mail|地址|通讯地址|邮编|邮政编码|qq)\s*:", re.I
)
_MENU_CELL_MAX = 8
_TILE_MAX = 20
_FOOTER_MAX = 80
_TOOLBAR_MAX = 60
_NOT_TILE_START = re.compile(
    r"[(\[【]|[一二三四五六七八九十]+、|\d{1,2}[.、)]\D|附件|第[一二三四五六七八九十百\d]+[章条节]"
)
DOC_TYPE_WORDS = (
    r"通知|意见|办法|方案|决定|批复|复函|函|报告|规定|细则|公告|通告|通报|纪要|要点|规划|计划"
    r"|条例|规则|指南|决定书|告知书|征求意见稿|清单|目录|标准|名单|公示|分工|说明"
)
_TITLE_ENDING = re.compile(rf"({DOC_TYPE_WORDS})$")
_TRAILING_NOTE = re.compile(r"\s*[(\[【][^()\[\]【】]{1,30}[)\]】]$")
ORG_ENDING = re.compile(
    r"(办公厅|办公室|人民政府|政府|委员会|管委会|委|局|厅|部|办|中心|院|所|站|队|会|处|科|社|署|公司|集团|党工委|党委|支队|大队"
    r"|街道)$"
)
_SENTENCE_PUNCT = "。;,!?:；，！？："
_MIN_SIGNALS = 2


@dataclass
class Line:
    """One non-empty line of the source: its text, position and kind
    (meta, chrome, tile or body)."""

    text: str
    index: int
    kind: str  # meta, chrome or body (tile and contact until frame runs are resolved)
    meta: list[str] = field(default_factory=list)  # the fields of a meta line


def _segments(folded: str) -> list[tuple[str, int, int]] | None:
    """The label: value segments a line consists of, or None if it is not such a line."""
    if ":" not in folded[:_LABEL_REACH] or not _SEGMENT_START.match(folded):
        return None
    starts = list(_SEGMENT_START.finditer(folded))
    ends = [m.start() for m in starts[1:]] + [len(folded)]
    return [
        (_INNER_SPACE.sub("", m["label"]), m.start(), end)
        for m, end in zip(starts, ends, strict=True)
    ]


def _meta_from_segments(line: str, folded: str) -> list[str] | None:
    segments = _segments(folded)
    if segments is None:
        return None
    meta = []
    for label, start, end in segments:
        colon = folded.index(":", start)
        value = _BRACKETED.sub("", line[colon + 1 : end]).strip(_VALUE_EDGE)
        if label in _DATE_ONLY_LABELS and not _starts_with_date(value):
            return None if not meta and start == 0 else meta
        if label in META_LABELS and value:
            meta.append(f"{label}：{value}")
    return meta


def _starts_with_date(value: str) -> bool:
    dates = find_dates(value[:20])
    return bool(dates) and dates[0][0][0] == 0


def _meta_from_spaced_labels(line: str, folded: str) -> list[str] | None:
    """A row of 'label value' pairs without colons, as a metadata table becomes when its
    cells are joined by spaces; it must start with a label and hold at least two."""
    starts = list(_SPACED_LABEL.finditer(folded))
    if len(starts) < _SPACED_MIN_LABELS or starts[0].start() != 0:
        return None
    ends = [m.start() for m in starts[1:]] + [len(folded)]
    meta = []
    for match, end in zip(starts, ends, strict=True):
        label = _INNER_SPACE.sub("", match["label"])
        value = line[match.end() : end].strip()
        if value and label not in _DATE_ONLY_LABELS:
            meta.append(f"{label}：{value}")
    return meta


def _meta_from_cells(line: str) -> list[str] | None:
    """A table row of label / value cells (索引号 | 123 | 发文机关 | 贵阳市) as meta lines."""
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    meta: list[str] = []
    pending: str | None = None
    for cell in cells:
        match = _META_CELL.fullmatch(fold(cell))
        label = _INNER_SPACE.sub("", match["label"]) if match else None
        if pending is not None:
            meta.append(f"{pending}：{cell}")
            pending = None
        elif match and match["value"].strip():
            meta.append(f"{label}：{cell[match.start('value') :].strip()}")
        elif match:
            pending = label
        else:
            return None
    return meta


def meta_of_line(line: str, folded: str | None = None) -> list[str] | None:
    """The metadata fields a line carries (possibly none: a counter-only line), or None if
    the line is not a metadata line."""
    if "\t" in line:
        return _meta_from_cells(line)
    folded = fold(line) if folded is None else folded
    if "|" in line and _LABEL_CELL.fullmatch(folded.lstrip(" |").split("|")[0].strip()):
        # A metadata table copied as text with '|' between cells, a label alone in its cell.
        found = _meta_from_cells(line.replace("|", "\t"))
        if found is not None:
            return found
    found = _meta_from_segments(line, folded)
    return found if found is not None else _meta_from_spaced_labels(line, folded)


_PIPES_ONLY = re.compile(r"[|\s]+")


def is_chrome(folded: str) -> bool:
    """Whether a (folded) line is one only a site's frame writes."""
    if _PIPES_ONLY.fullmatch(folded):
        return True  # the rule lines of a layout table copied as text
    if _BREADCRUMB.match(folded) or _TRAIL.match(folded) or _PAGE_LINK.match(folded):
        return True
    if len(folded) <= _FOOTER_MAX and _SITE_FOOTER.search(folded):
        return True
    if len(folded) <= _CAPTION_MAX and _CAPTION.search(folded):
        return not any(ch in _SENTENCE_PUNCT for ch in folded)
    return (
        len(folded) <= _TOOLBAR_MAX
        and _BUTTON_LEFTOVER.fullmatch(_BUTTONS.sub("", folded.lower())) is not None
    )


def ends_with_doc_type(text: str) -> bool:
    """Ends with a document type (通知, 意见, 办法 …), before any (试行)/(征求意见稿)/(号)."""
    return bool(_TITLE_ENDING.search(_TRAILING_NOTE.sub("", fold(text).strip())))


def looks_like_title(line: str) -> bool:
    """Starts with 关于 or ends with a document type."""
    return fold(line).strip().startswith("关于") or ends_with_doc_type(line)


def _is_tile(line: str, folded: str) -> bool:
    if len(folded) > _TILE_MAX or any(ch in _SENTENCE_PUNCT for ch in folded):
        return False
    if _NOT_TILE_START.match(folded) or date_line(line) or doc_numbers_in(line):
        return False
    return not (looks_like_title(line) or ORG_ENDING.search(folded))


def _is_menu_row(line: str) -> bool:
    """A navigation bar laid out as a table row: 首页 | 机构概况 | 政务公开 …"""
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    menu = sum(1 for cell in cells if cell in MENU_WORDS)
    return menu >= _MIN_SIGNALS and all(len(cell) <= _MENU_CELL_MAX for cell in cells)


def _classified(text: str, index: int) -> Line:
    folded = fold(text)
    if is_chrome(folded) or ("\t" in text and _is_menu_row(text)):
        return Line(text, index, "chrome")
    if _CONTACT.match(folded):
        return Line(text, index, "contact")
    meta = meta_of_line(text, folded)
    if meta is not None:
        return Line(text, index, "meta" if meta else "chrome", meta)
    header = _HEADER_DATE.match(folded)
    if header:
        return Line(text, index, "meta", [f"日期：{header['date']}"])
    return Line(text, index, "tile" if _is_tile(text, folded) else "body")


_VALUE_MAX = 60


_TITLE_LABELS = frozenset(("标题", "名称", "文件名称"))


def _label_of(line: str) -> str:
    return _INNER_SPACE.sub("", fold(line).partition(":")[0])


def _is_value(folded: str, label: str) -> bool:
    """A line that can be a field's value: short, not a sentence, not another field, and
    not the document's heading under an empty field (主题词： then 国务院关于…)."""
    if label not in _TITLE_LABELS and ("关于" in folded or ends_with_doc_type(folded)):
        return False
    return (
        len(folded) <= _VALUE_MAX
        and "。" not in folded
        and not folded.rstrip().endswith(":")
        and not _SEGMENT_START.match(folded)
        and not _SPACED_LABEL.match(folded)
    )


def _join_lone_labels(lines: list[str]) -> list[str]:
    """'发布日期:' on one line and its value on the next become one 'label: value' line;
    a label followed by another label has no value."""
    joined: list[str] = []
    pending: str | None = None
    for line in lines:
        # A lone label ends in a colon: the cheap test spares folding every line.
        if line.endswith((":", "：")) and _LONE_LABEL.fullmatch(fold(line)):
            if pending is not None:
                joined.append(pending)
            pending = line
            continue
        if pending is not None and _is_value(fold(line), _label_of(pending)):
            line = f"{pending}{line}"
        elif pending is not None:
            joined.append(pending)
        pending = None
        joined.append(line)
    if pending is not None:
        joined.append(pending)
    return joined


def _dates_page(line: Line) -> bool:
    return line.kind == "meta" and any(find_dates(entry) for entry in line.meta)


def _frame_runs(lines: list[Line]) -> None:
    """Mark runs of tiles and chrome with enough frame signals as chrome."""
    run: list[Line] = []
    for line in [*lines, Line("", -1, "body")]:
        if line.kind in ("tile", "chrome", "meta", "contact"):
            run.append(line)
            continue
        signals = sum(1 for r in run if r.kind == "chrome" or r.text in MENU_WORDS)
        for position, member in enumerate(run):
            following = run[position + 1] if position + 1 < len(run) else line
            if member.kind == "tile" and _dates_page(following):
                member.kind = "body"  # a headline right above the page's date line
                continue
            if member.kind in ("tile", "contact"):
                member.kind = "chrome" if signals >= _MIN_SIGNALS else "body"
        run = []


def classify_lines(text: str) -> list[Line]:
    cleaned = _join_lone_labels(clean_lines(text))
    lines = [_classified(line, index) for index, line in enumerate(cleaned)]
    _frame_runs(lines)
    return lines


def split_frame(text: str) -> tuple[list[str], str]:
    """(metadata lines, document text without the frame). Metadata lines come back as
    'label：value' strings, one field each, in page order."""
    meta: list[str] = []
    body: list[str] = []
    for line in classify_lines(text):
        if line.kind == "meta":
            meta.extend(line.meta)
        elif line.kind == "body":
            body.append(line.text)
    return meta, "\n".join(body)
