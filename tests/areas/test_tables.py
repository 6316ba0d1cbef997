"""Reading a budget workbook's tables (gongkai.areas.tables, no database): captions, headings
and rows per visible sheet; a file that is not a readable workbook, or one too large, is refused
with a reason in Chinese and English; any bytes give tables or that refusal, nothing else."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from gongkai.areas import tables
from gongkai.areas.tables import TableError, read_workbook
from tests.areas.finance import INCOME, TOTAL, budget_workbook


def workbook(*rows, title="表1") -> bytes:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_each_visible_sheet_gives_its_caption_headings_and_rows():
    summary, three = read_workbook(budget_workbook(hidden_sheet=True))
    assert summary["sheet"] == "部门收支总表"
    assert summary["caption"] == ["2026年财政局部门收支总表", "单位：万元"]
    assert summary["label_heading"] == "项目"
    assert summary["columns"] == ["2026年预算数", "2025年预算数"]
    assert [row["label"] for row in summary["rows"]] == [INCOME[0], "事业收入", TOTAL[0]]
    assert summary["rows"][0]["values"] == [1268.4, 1175.2]
    # 1211.00 is stored as a whole number; its column of amounts keeps it one.
    assert summary["rows"][2]["values"] == [1302.9, 1211.0]
    assert isinstance(summary["rows"][2]["values"][1], float)
    assert three == {
        "sheet": "三公经费",
        "caption": [],
        "label_heading": "项目",
        "columns": ["预算数"],
        "rows": [
            {"label": "因公出国（境）费", "values": [0.0]},
            {"label": "公务接待费", "values": [3.2]},
        ],
    }


def test_cells_become_plain_json_values_without_control_characters():
    (table,) = read_workbook(
        workbook(["项目", "金额", "备注"], ["甲\n乙", 12, "  多余   空格 "], ["合计", 12, None])
    )
    assert table["rows"] == [
        {"label": "甲 乙", "values": [12, "多余 空格"]},
        {"label": "合计", "values": [12, None]},
    ]
    # openpyxl writes no control character; a file from elsewhere may hold one (PostgreSQL
    # refuses NUL).
    assert tables.cell_value("甲\x00乙\x01") == "甲乙"
    assert tables.cell_value(True) == "是" and tables.cell_value(float("nan")) is None


@pytest.mark.parametrize(
    "data",
    [b"", b"not a workbook", b"PK\x03\x04broken", b"%PDF-1.4\n%%EOF\n"],
    ids=["empty", "text", "broken zip", "pdf"],
)
def test_a_file_that_is_not_a_workbook_is_refused_in_both_languages(data):
    with pytest.raises(TableError) as refused:
        read_workbook(data)
    assert refused.value.zh == "无法读取文件：请上传 .xlsx 格式的 Excel 工作簿。"
    assert refused.value.en == "The file could not be read: upload an Excel workbook (.xlsx)."


def test_a_zip_that_is_no_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(TableError):
        read_workbook(out.getvalue())


def test_a_workbook_without_a_table_is_refused():
    with pytest.raises(TableError) as refused:
        read_workbook(workbook(["只有一个标题"], [], ["单位：万元"]))
    assert "没有表格" in refused.value.zh and "no table" in refused.value.en


def test_limits(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    with pytest.raises(TableError) as refused:
        read_workbook(workbook(["项目", "金额"], *[[f"行{i}", i] for i in range(3)]))
    assert refused.value.zh == "表“表1”超过 3 行。"
    monkeypatch.setattr(tables, "MAX_COLUMNS", 2)
    with pytest.raises(TableError) as refused:
        read_workbook(workbook(["项目", "金额", "备注"]))
    assert refused.value.en == "Row 1 of the sheet “表1” has more than 2 columns."
    monkeypatch.setattr(tables, "MAX_CELL_LENGTH", 5)
    with pytest.raises(TableError):
        read_workbook(workbook(["项目", "金额"], ["一二三四五六", 1]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_give_tables_or_a_refusal(data):
    try:
        read_workbook(data)
    except TableError as refused:
        assert refused.zh and refused.en


texts = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), max_size=20
).filter(lambda text: text.strip() and not text.strip().startswith("="))
values = st.one_of(st.none(), st.integers(min_value=-(10**12), max_value=10**12), texts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(texts, st.lists(values, min_size=1, max_size=4)), min_size=1, max_size=8))
def test_rows_written_are_rows_read(rows):
    """A label and its values come back as written (text on one line), the rows in order."""
    header = ["项目", "数值1", "数值2", "数值3", "数值4"]
    (table,) = read_workbook(workbook(header, *[[label, *vals] for label, vals in rows]))
    assert [row["label"] for row in table["rows"]] == [" ".join(label.split()) for label, _ in rows]
    for row, (_label, vals) in zip(table["rows"], rows, strict=True):
        written = [tables.cell_value(v) for v in vals]
        assert row["values"][: len(written)] == written
        assert set(row["values"][len(written) :]) <= {None}
