"""The draft 通报 as .docx (python-docx), laid out as an official document: the title centred,
the addressee, the paragraphs indented two characters, the table, the issuer and the date flush
right. The words are ``notice.draft``'s."""

from __future__ import annotations

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.assessment.notice import Notice

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
BODY_SIZE = 16  # 三号
TABLE_SIZE = 10.5  # 五号


def filename(notice: Notice) -> str:
    return f"{notice.title}（草稿）.docx"


def notice_docx(notice: Notice) -> bytes:
    document = WordDocument()
    _font(document.styles["Normal"], BODY_FONT, BODY_SIZE)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, notice.title, TITLE_FONT, 22)  # 二号
    document.add_paragraph(notice.addressee)
    _paragraphs(document, notice.paragraphs)
    table = document.add_table(rows=len(notice.table), cols=len(notice.table[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(notice.table):
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
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


def _paragraphs(document, paragraphs: list[tuple[str, bool]]) -> None:
    for text, is_heading in paragraphs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
        if is_heading:
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
