"""The tables of a budget or final-account workbook (预决算公开表格, XLSX) as data: each sheet
with its caption lines (title, 单位：万元), its column headings and its rows (a row label, then
the values), ready to store as JSON and show as HTML tables.

No ORM here: ``read_workbook`` takes the file's bytes and returns plain data, or raises
``TableError`` with the reason in Chinese and English; nothing is kept from a refused file.
"""

from __future__ import annotations

import io
import math
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import load_workbook

MAX_SHEETS = 30
MAX_ROWS = 2000  # per sheet
MAX_COLUMNS = 40
MAX_CELL_LENGTH = 500


class TableError(ValueError):
    """A workbook refused, with the reason in both languages."""

    def __init__(self, zh: str, en: str):
        super().__init__(zh)
        self.zh, self.en = zh, en


def _text(value) -> str:
    # PostgreSQL refuses NUL in text and JSON; control characters carry nothing readable.
    text = "".join(ch for ch in str(value) if ch >= " " or ch in "\t\n")
    return " ".join(text.split())


def cell_value(value):
    """A cell as JSON keeps it: numbers stay numbers, dates as ISO text, everything else as
    one line of text; an empty cell is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal):
        if isinstance(value, int):
            return value if abs(value) < 2**53 else float(value)
        number = float(value)
        return round(number, 6) if math.isfinite(number) else None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    text = _text(value)
    return text or None


def _trimmed(row: list) -> list:
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def _sheet_table(name: str, rows: list[list]) -> dict | None:
    """A sheet's table: the lines before the first row of two or more cells are its caption,
    that row its headings, the rows after it the data (first cell the label). None for a sheet
    holding no such row."""
    rows = [row for row in (_trimmed(row) for row in rows) if row]
    header_at = next(
        (i for i, row in enumerate(rows) if sum(v is not None for v in row) >= 2), None
    )
    if header_at is None:
        return None
    caption = [" ".join(str(v) for v in row if v is not None) for row in rows[:header_at]]
    header = rows[header_at]
    width = max(len(row) for row in rows[header_at:])
    data = [row + [None] * (width - len(row)) for row in rows[header_at + 1 :]]
    # A column of amounts with decimals shows its whole numbers with decimals too (1211.00).
    for column in range(width):
        if any(isinstance(row[column], float) for row in data):
            for row in data:
                if isinstance(row[column], int):
                    row[column] = float(row[column])
    headings = [str(v) if v is not None else "" for v in header] + [""] * (width - len(header))
    return {
        "sheet": name,
        "caption": caption,
        "label_heading": headings[0],
        "columns": headings[1:],
        "rows": [
            {"label": "" if row[0] is None else str(row[0]), "values": row[1:]} for row in data
        ],
    }


def read_workbook(data: bytes) -> list[dict]:
    """Every visible sheet's table, in the workbook's order (``_sheet_table``)."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        raise TableError(
            "无法读取文件：请上传 .xlsx 格式的 Excel 工作簿。",
            "The file could not be read: upload an Excel workbook (.xlsx).",
        ) from None
    try:
        return _tables(book)
    except TableError:
        raise
    except Exception:  # a damaged part inside an otherwise readable archive
        raise TableError(
            "工作簿已损坏，无法读取其中的表格。",
            "The workbook is damaged: its tables could not be read.",
        ) from None
    finally:
        book.close()


def _tables(book) -> list[dict]:
    sheets = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    if len(sheets) > MAX_SHEETS:
        raise TableError(
            f"工作簿的表格过多（{len(sheets)} 张），最多 {MAX_SHEETS} 张。",
            f"The workbook has too many sheets ({len(sheets)}); at most {MAX_SHEETS}.",
        )
    tables = []
    for sheet in sheets:
        rows = []
        for number, raw in enumerate(sheet.iter_rows(values_only=True), start=1):
            row = _trimmed([cell_value(v) for v in raw])
            if not row:
                continue
            if len(rows) >= MAX_ROWS:
                raise TableError(
                    f"表“{sheet.title}”超过 {MAX_ROWS} 行。",
                    f"The sheet “{sheet.title}” has more than {MAX_ROWS} rows.",
                )
            if len(row) > MAX_COLUMNS:
                raise TableError(
                    f"表“{sheet.title}”第 {number} 行超过 {MAX_COLUMNS} 列。",
                    f"Row {number} of the sheet “{sheet.title}” has more than {MAX_COLUMNS} columns.",
                )
            for value in row:
                if isinstance(value, str) and len(value) > MAX_CELL_LENGTH:
                    raise TableError(
                        f"表“{sheet.title}”第 {number} 行有超过 {MAX_CELL_LENGTH} 字的单元格。",
                        f"Row {number} of the sheet “{sheet.title}” has a cell longer than "
                        f"{MAX_CELL_LENGTH} characters.",
                    )
            rows.append(row)
        if (table := _sheet_table(_text(sheet.title), rows)) is not None:
            tables.append(table)
    if not tables:
        raise TableError(
            "工作簿中没有表格：至少需要一行表头（两列以上）。",
            "The workbook holds no table: a heading row of two or more columns is needed.",
        )
    return tables
