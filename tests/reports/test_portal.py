"""The public pages: the list, a report with its official tables and charts, the exports."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from docx import Document as WordDocument
from openpyxl import load_workbook

from gongkai.reports import layout
from gongkai.reports.annual import CaseRecord, RequestRecord
from tests import factories
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

D = date.fromisoformat


@pytest.fixture
def published(disclosure):
    disclosure.requests[None] = [
        RequestRecord("natural_person", D("2024-12-20")),  # carried over, still open
        RequestRecord("natural_person", D("2025-01-06"), False, "granted", D("2025-01-20")),
        RequestRecord(
            "commercial", D("2025-03-02"), False, "withheld.third_party", D("2025-03-25")
        ),
        RequestRecord(
            "legal_services", D("2025-03-09"), False, "other.no_correction", D("2025-04-30")
        ),
        RequestRecord("research", D("2025-12-29")),
    ]
    disclosure.cases[None] = [
        CaseRecord("reconsideration", D("2025-04-01"), "upheld", D("2025-06-01")),
        CaseRecord("lawsuit_direct", D("2025-08-01")),
    ]
    disclosure.fees[None] = Decimal("40")
    return make_report(publish=True)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def cell(soup, key):
    return soup.select_one(f'td[data-cell="{key}"]').get_text()


def test_report_page_has_the_official_tables(client, published):
    soup = page(client, "/reports/annual/2025/")
    assert soup.h1.get_text() == "2025年政府信息公开工作年度报告"
    assert [h.get_text() for h in soup.select("article h2")] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    table3 = soup.select_one("table.report-table3")
    assert table3.caption.get_text() == "三、收到和处理政府信息公开申请情况"
    headers = [th.get_text() for th in table3.select("thead th")]
    assert headers == [
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert table3.select_one("thead td.note").get_text().startswith("（本列数据的勾稽关系为")
    group = table3.find("th", string="三、本年度办理结果")
    assert group["scope"] == "rowgroup" and group["rowspan"] == "22"
    row_headers = [th.get_text() for th in table3.select('tbody th[scope="row"]')]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in row_headers
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in row_headers
    assert cell(soup, "new.total") == "4" and cell(soup, "carried_over.natural_person") == "1"
    assert cell(soup, "withheld.third_party.commercial") == "1"
    assert cell(soup, "carried_forward.total") == "2"
    assert cell(soup, "permits.decisions") == "120" and cell(soup, "fees.amount") == "12.5"
    assert (
        cell(soup, "reconsideration.upheld") == "1" and cell(soup, "lawsuit_direct.pending") == "1"
    )
    assert soup.find("th", string="第二十条第（一）项")["scope"] == "rowgroup"
    assert (
        "2025年度共收取政府信息公开信息处理费40.00元。"
        in soup.select_one(".report-fees").get_text()
    )
    assert "扎实推进政务公开工作" in soup.get_text()


def test_report_page_charts_are_svg_with_a_data_table(client, published):
    soup = page(client, "/reports/annual/2025/")
    svgs = soup.select('svg[role="img"]')
    assert len(svgs) == 2
    assert svgs[0].title.get_text() == "本年度办理结果（按处理类型）"
    assert "予以公开：1" in svgs[0].desc.get_text()
    months = svgs[1]
    assert "1月：1" in months.desc.get_text() and "3月：2" in months.desc.get_text()
    fallback = soup.select("figure details table")
    assert len(fallback) == 2
    assert [th.get_text() for th in fallback[1].select("tbody th")][:2] == ["1月", "2月"]
    assert not soup.find("script", src=True) or "chart" not in str(soup.find_all("script"))


def test_pages_take_one_query(client, published, django_assert_num_queries):
    for code in ("czj", "dzb"):
        department = factories.make_department(code=code)
        make_report(department=department, publish=True)
    for url in (
        "/reports/annual/2025/",
        "/reports/annual/2025/departments/czj/",
        "/reports/annual/",
    ):
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200


def test_only_published_reports_are_public(client, disclosure):
    finance = factories.make_department(name="财政局", code="czj")
    make_report(department=finance)
    assert client.get("/reports/annual/2025/departments/czj/").status_code == 404
    assert client.get("/reports/annual/2025/").status_code == 404
    assert client.get("/reports/annual/2025/departments/czj/report.docx").status_code == 404


def test_department_report_and_list(client, published):
    finance = factories.make_department(name="财政局", code="czj")
    make_report(department=finance, publish=True)
    soup = page(client, "/reports/annual/2025/departments/czj/")
    assert soup.h1.get_text() == "财政局2025年政府信息公开工作年度报告"
    listing = page(client, "/reports/annual/")
    links = [a.get_text() for a in listing.select(".report-links a")]
    assert links == ["2025年政府信息公开工作年度报告", "财政局2025年政府信息公开工作年度报告"]


def test_2019_format_page(client, disclosure):
    make_report(
        year=2020,
        publish=True,
        figures={
            **{
                f"{row}.{col}": 1
                for row in ("permits", "other_services", "penalties", "coercions")
                for col in ("items_last_year", "items_change", "decisions")
            },
            "fees.items_last_year": 2,
            "fees.items_change": -1,
            "procurement.procurement_items": 3,
            "procurement.procurement_amount": Decimal("25.1"),
        },
    )
    soup = page(client, "/reports/annual/2020/")
    assert soup.find("th", string="（六）其他处理")["colspan"] == "2"
    assert soup.find("th", string="三、本年度办理结果")["rowspan"] == "20"
    assert soup.find("th", string="本年新制作数量") and soup.find("th", string="政府集中采购")
    assert cell(soup, "fees.items_change") == "-1"


def test_docx_export(client, published):
    response = client.get("/reports/annual/2025/report.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.word")
    assert "attachment" in response["Content-Disposition"]
    document = WordDocument(BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    table2, table3, table4 = document.tables
    assert table3.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert table3.cell(2, 2).text == table3.cell(0, 0).text  # the merged 3×3 corner
    assert table3.cell(0, 3).text == table3.cell(0, 9).text == "申请人情况"
    assert table3.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert table3.cell(3, 9).text == "4"
    assert table3.cell(5, 0).text == table3.cell(26, 0).text == "三、本年度办理结果"
    assert table3.cell(7, 1).text == "（三）不予公开" and table3.cell(7, 2).text == "1.属于国家秘密"
    assert table2.cell(1, 1).text == "本年制发件数"
    assert table4.cell(0, 0).text == "行政复议" and table4.cell(3, 0).text == "1"
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "2025年度共收取政府信息公开信息处理费40.00元。" in texts


def test_xlsx_export(client, published):
    response = client.get("/reports/annual/2025/report.xlsx")
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [
        "表二 主动公开政府信息情况",
        "表三 收到和处理申请情况",
        "表四 行政复议行政诉讼情况",
    ]
    sheet = workbook["表三 收到和处理申请情况"]
    assert sheet["A2"].value == "三、收到和处理政府信息公开申请情况"
    assert sheet["A3"].value.startswith("（本列数据的勾稽关系为")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A8:A29"} <= merged
    assert sheet["D6"].value == 1 and sheet["J6"].value == 4  # 本年新收: 自然人, 总计
    grid = layout.table3_grid("2021", published.tables["table3"])
    positions = {cell.key: (3 + r, 1 + c) for r, c, cell in grid.placed() if cell.key}
    row, column = positions["withheld.third_party.commercial"]
    assert sheet.cell(row, column).value == 1
    assert sheet.cell(row, 3).value == "4.保护第三方合法权益"
    fees = workbook["表二 主动公开政府信息情况"]
    assert [c.value for c in fees[16]][:2] == ["行政事业性收费", 12.5]
