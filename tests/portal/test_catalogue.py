"""政府信息公开目录: the table, its filters and the CSV download."""

import csv
import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from tests import factories

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    page = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in page.select("table.catalogue tbody tr")
    ]


def test_table_has_index_number_title_summary_and_date(client, library):
    response = client.get("/catalogue/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    table = page.select_one("table.catalogue")
    assert "共 4 条" in table.caption.get_text()
    assert [th.get_text() for th in table.select("thead th")] == [
        "索引号",
        "名称",
        "内容概述",
        "生成日期",
    ]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert rows(response) == [
        [
            library.new_rules.index_number,
            library.new_rules.title,
            "各部门：现就有关事项通知如下。",
            "2024-01-20",
        ],
        [
            library.opinion_doc.index_number,
            library.opinion_doc.title,
            "各部门：现就有关事项通知如下。",
            "2023-07-01",
        ],
        [
            library.plan.index_number,
            library.plan.title,
            "各部门要全面推进萤火虫式政务公开。",
            "2019-05-30",
        ],
        [
            library.old_rules.index_number,
            library.old_rules.title,
            "规范专项资金管理。",
            "2019-04-28",
        ],
    ]


def test_filters_by_department_and_year_of_creation(client, library):
    by_department = rows(client.get("/catalogue/", {"department": library.finance.pk}))
    assert [row[1] for row in by_department] == [
        library.new_rules.title,
        library.plan.title,
        library.old_rules.title,
    ]
    by_year = rows(client.get("/catalogue/", {"year": 2019}))
    assert [row[1] for row in by_year] == [library.plan.title, library.old_rules.title]
    assert client.get("/catalogue/", {"year": "abc", "department": "x"}).status_code == 200


def test_date_created_falls_back_to_publication_date(client, db):
    document = factories.make_document(written_on=None, published_on=date(2022, 8, 8))
    assert rows(client.get("/catalogue/"))[0][3] == "2022-08-08"
    assert rows(client.get("/catalogue/", {"year": 2022}))[0][1] == document.title


def test_csv_download_with_the_same_filters(client, library):
    response = client.get("/catalogue.csv", {"department": library.finance.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0] == ["索引号", "名称", "发文字号", "发文机关", "内容概述", "生成日期", "链接"]
    assert [row[1] for row in table[1:]] == [
        library.new_rules.title,
        library.plan.title,
        library.old_rules.title,
    ]
    plan = table[2]
    assert plan[0] == library.plan.index_number
    assert plan[2] == "筑高新办函〔2019〕23号" and plan[3] == "党政办公室、财政局"
    assert plan[5] == "2019-05-30" and plan[6] == f"http://testserver/documents/{library.plan.pk}/"


def test_csv_cells_never_run_as_formulas(client, db):
    factories.make_document(title='=HYPERLINK("http://x")', summary="+1+2")
    text = b"".join(client.get("/catalogue.csv").streaming_content).decode("utf-8")
    row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1]
    assert row[1] == '\'=HYPERLINK("http://x")' and row[4] == "'+1+2"


def test_filters_by_topic_with_its_sub_topics_and_by_kind(client, library):
    by_topic = rows(client.get("/catalogue/", {"topic": library.economy.pk}))
    assert [row[1] for row in by_topic] == [
        library.new_rules.title,
        library.plan.title,
        library.old_rules.title,
    ]
    by_kind = rows(client.get("/catalogue/", {"doc_type": library.opinion.pk}))
    assert [row[1] for row in by_kind] == [library.opinion_doc.title]
    assert client.get("/catalogue/", {"topic": "x", "doc_type": "\x00"}).status_code == 200


def test_download_links_keep_the_filters_but_not_the_page(client, library):
    page = BeautifulSoup(
        client.get("/catalogue/", {"topic": library.economy.pk, "page": 1}).content, "html.parser"
    )
    links = {a.get_text(): a["href"] for a in page.select(".form-actions a")}
    assert links["下载 CSV"] == f"/catalogue.csv?topic={library.economy.pk}"
    assert links["下载 Excel（XLSX）"] == f"/catalogue.xlsx?topic={library.economy.pk}"


def test_xlsx_download_has_the_csv_rows(client, library):
    response = client.get("/catalogue.xlsx", {"doc_type": library.measures.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="catalogue.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert table[0] == ["索引号", "名称", "发文字号", "发文机关", "内容概述", "生成日期", "链接"]
    assert [row[1] for row in table[1:]] == [library.new_rules.title, library.old_rules.title]
    assert table[2][0] == library.old_rules.index_number and table[2][5] == "2019-04-28"


def test_xlsx_cells_never_run_as_formulas(client, db):
    factories.make_document(title='=HYPERLINK("http://x")', summary="+1+2")
    response = client.get("/catalogue.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert row[1] == '\'=HYPERLINK("http://x")' and row[4] == "'+1+2"
