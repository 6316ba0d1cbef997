"""The annual report as .docx (python-docx) and .xlsx (openpyxl), in the official layout.

Both are built from the same grids as the portal page (``layout``), so merged header cells,
labels and figures match it cell for cell.
"""

from __future__ import annotations

from io import BytesIO

from bs4 import BeautifulSoup
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.reports import layout
from gongkai.reports.models import AnnualReport

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SHEET_NAMES = {
    "table2": "表二 主动公开政府信息情况",
    "table3": "表三 收到和处理申请情况",
    "table4": "表四 行政复议行政诉讼情况",
}
BLOCKS = ("p", "h2", "h3", "h4", "li")


def export_filename(report: AnnualReport, extension: str) -> str:
    return f"{report.title}.{extension}"


def section_paragraphs(html: str) -> list[tuple[str, bool]]:
    """(text, is_heading) for each block of a rich-text section; inline markup is dropped."""
    soup = BeautifulSoup(html or "", "html.parser")
    blocks = soup.find_all(BLOCKS)
    if not blocks:
        text = soup.get_text(" ", strip=True)
        return [(text, False)] if text else []
    paragraphs = []
    for block in blocks:
        text = block.get_text("", strip=True)
        if text:
            paragraphs.append((text, block.name in ("h2", "h3", "h4")))
    return paragraphs


def _sections(report: AnnualReport, fees: str):
    """The report's parts in order: ("text", title, paragraphs) or ("table", grid)."""
    grids = (
        {grid.name: grid for grid in layout.report_grids(report.tables)} if report.tables else {}
    )
    six = [(fees, False)] if fees else []
    yield "text", layout.SECTION_TITLES["overview"], section_paragraphs(report.overview)
    for name in ("table2", "table3", "table4"):
        if name in grids:
            yield "table", grids[name]
    yield "text", layout.SECTION_TITLES["problems"], section_paragraphs(report.problems)
    yield (
        "text",
        layout.SECTION_TITLES["other_matters"],
        six + section_paragraphs(report.other_matters),
    )


# ---------------------------------------------------------------------------------------------
# .docx


def report_docx(report: AnnualReport) -> bytes:
    document = WordDocument()
    _set_font(document.styles["Normal"], BODY_FONT, 12)
    for style in ("Title", "Heading 1", "Heading 2"):
        _set_font(document.styles[style], HEADING_FONT, None)
    title = document.add_heading(report.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fees = layout.fees_sentence(report.year, report.fees_collected)
    for part in _sections(report, fees):
        if part[0] == "table":
            grid = part[1]
            document.add_heading(grid.caption, level=1)
            _docx_table(document, grid)
            continue
        _, heading, paragraphs = part
        document.add_heading(heading, level=1)
        for text, is_heading in paragraphs:
            if is_heading:
                document.add_heading(text, level=2)
            else:
                document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_font(style, name: str, size: int | None) -> None:
    style.font.name = name
    # Word takes Chinese text's font from the East Asian slot, which python-docx does not set.
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size:
        style.font.size = Pt(size)


def _docx_table(document, grid: layout.GridTable) -> None:
    rows = sum(1 for _ in grid.all_rows())
    table = document.add_table(rows=rows, cols=grid.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in grid.placed():
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        run = paragraph.add_run(cell.text)
        run.font.size = Pt(9)
        run.bold = cell.is_header
        if cell.is_number or cell.scope in (layout.COL, layout.COLGROUP):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


# ---------------------------------------------------------------------------------------------
# .xlsx

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def report_xlsx(report: AnnualReport) -> bytes:
    """One sheet per table, titled with the table's caption in a merged first row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    grids = layout.report_grids(report.tables) if report.tables else ()
    for grid in grids:
        sheet = workbook.create_sheet(SHEET_NAMES[grid.name])
        _xlsx_table(sheet, grid, report.title)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_FIRST_ROW = 3  # row 1: report title, row 2: table caption


def _xlsx_table(sheet, grid: layout.GridTable, title: str) -> None:
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.width)
    sheet.cell(2, 1, grid.caption).font = Font(bold=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=grid.width)
    for r, c, cell in grid.placed():
        row, column = XLSX_FIRST_ROW + r, 1 + c
        target = sheet.cell(row, column, cell.value if cell.is_number else cell.text)
        target.font = Font(bold=cell.is_header)
        target.alignment = Alignment(
            horizontal="center" if cell.is_number or cell.is_header else "left",
            vertical="center",
            wrap_text=True,
        )
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                sheet.cell(row + dr, column + dc).border = _BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + cell.rowspan - 1,
                end_column=column + cell.colspan - 1,
            )
    for column in range(1, grid.width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.column_dimensions["A"].width = 24 if grid.name != "table4" else 14
