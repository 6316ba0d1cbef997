"""Reading enterprises from XLSX or CSV: one header row (the Chinese column names below, or
the English field names), then one enterprise per row; a row may add one year's figures."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

COLUMNS = {
    "企业名称": "name",
    "统一社会信用代码": "uscc",
    "所属行业": "industry",
    "注册地": "region",
    "成立日期": "founded",
    "注册资本": "registered_capital",
    "从业人数": "employees",
    "标签": "tags",
    "年度": "year",
    "营业收入": "revenue",
    "研发投入": "rd_spend",
}
FIELDS = set(COLUMNS.values())


def _header(cells) -> list[str | None]:
    names = []
    for cell in cells:
        text = str(cell or "").strip()
        text = text.split("（")[0].split("(")[0].strip()  # 营业收入（万元）
        names.append(COLUMNS.get(text, text if text in FIELDS else None))
    return names


def _rows(table) -> list[tuple[int, dict]]:
    table = iter(table)
    header = _header(next(table, []))
    found = []
    for number, cells in enumerate(table, start=2):
        row = {name: value for name, value in zip(header, cells, strict=False) if name}
        if any(value not in (None, "") for value in row.values()):
            found.append((number, row))
    return found


def read(name: str, data: bytes) -> list[tuple[int, dict]]:
    """(row number, raw values by field) per filled row. Raises ValueError on a bad file."""
    if name.lower().endswith(".csv"):
        text = data.decode("utf-8-sig")
        return _rows(csv.reader(io.StringIO(text)))
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception as error:  # openpyxl raises many kinds on a file that is not XLSX
        raise ValueError(str(error)) from None
    return _rows(sheet.iter_rows(values_only=True))
