"""The draft 通报 as .docx (python-docx), laid out as an official document: an A4 page with the
margins of GB/T 9704 (python-docx's own template is US Letter), the title centred, the
addressee, the paragraphs indented two characters, the table, the issuer and the date flush
right. The words are ``notice.draft``'s.

The table's columns have fixed widths, the indicators' column the widest (equal widths wrapped
it every four characters), its heading row repeats on each page and no row breaks across
pages; a heading stays on the page of the paragraph it heads. Checked by converting generated
notices with LibreOffice and reading the pages."""

from __future__ import annotations

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.assessment.notice import Notice

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
BODY_SIZE = 16  # 三号
TABLE_SIZE = 10.5  # 五号
# GB/T 9704-2012 党政机关公文格式: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
PAGE = (Mm(210), Mm(297))
MARGINS = {
    "top_margin": Mm(37),
    "bottom_margin": Mm(35),
    "left_margin": Mm(28),
    "right_margin": Mm(26),
}
# 序号, 部门, 总分, 主要失分指标, 未达标事项: the 156 mm between the margins.
COLUMN_WIDTHS = (Mm(12), Mm(32), Mm(16), Mm(74), Mm(22))


def filename(notice: Notice) -> str:
    return f"{notice.title}（草稿）.docx"


def notice_docx(notice: Notice) -> bytes:
    document = WordDocument()
    _page(document.sections[0])
    _font(document.styles["Normal"], BODY_FONT, BODY_SIZE)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, notice.title, TITLE_FONT, 22)  # 二号
    document.add_paragraph(notice.addressee)
    _paragraphs(document, notice.paragraphs)
    table = document.add_table(rows=len(notice.table), cols=len(notice.table[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width
    for r, row in enumerate(notice.table):
        _keep_whole(table.rows[r], heading=r == 0)
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = COLUMN_WIDTHS[c]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = Pt(TABLE_SIZE)
            run.bold = r == 0
            if r == 0 or c != 3:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraphs(document, notice.closing)
    for text in ("", notice.issuer, notice.signed_on):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(section) -> None:
    section.page_width, section.page_height = PAGE
    for name, value in MARGINS.items():
        setattr(section, name, value)


def _keep_whole(row, *, heading: bool) -> None:
    """No row split across two pages; the heading row repeated at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if heading:
        properties.append(OxmlElement("w:tblHeader"))


def _paragraphs(document, paragraphs: list[tuple[str, bool]]) -> None:
    for text, is_heading in paragraphs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
        if is_heading:
            paragraph.paragraph_format.space_before = Pt(BODY_SIZE / 2)
            paragraph.paragraph_format.keep_with_next = True
            _run(paragraph, text, HEADING_FONT, BODY_SIZE)
        else:
            paragraph.add_run(text)


def _run(paragraph, text: str, font: str, size: float) -> None:
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    # Word takes Chinese text's font from the East Asian slot, which python-docx does not set.
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _font(style, name: str, size: float) -> None:
    style.font.name = name
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    style.font.size = Pt(size)
