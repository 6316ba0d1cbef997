"""The official layout of the tables (shared by the page and the exports) and the SVG charts."""

from datetime import date
from decimal import Decimal

from gongkai.disclosure.outcomes import OUTCOME_CODES
from gongkai.reports import charts, layout
from gongkai.reports.annual import (
    DocumentCounts,
    RequestRecord,
    compute_annual_tables,
)

DOCS = {
    "regulations": DocumentCounts(issued=1, repealed=0, in_force=3, published=1, public_total=3),
    "normative_documents": DocumentCounts(
        issued=5, repealed=1, in_force=25, published=5, public_total=30
    ),
}


def tables(year, requests=()):
    return compute_annual_tables(year, requests=requests, documents=DOCS).as_dict()


def texts(row):
    return [cell.text for cell in row]


def test_table3_2021_header_and_rowspans():
    grid = layout.table3_grid("2021", tables(2025)["table3"])
    head = list(grid.head)
    assert head[0][0].note and (head[0][0].colspan, head[0][0].rowspan) == (3, 3)
    assert head[0][0].text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert texts(head[0])[1:] == ["申请人情况"] and head[0][1].colspan == 7
    assert texts(head[1]) == ["自然人", "法人或其他组织", "总计"]
    assert texts(head[2]) == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    body = grid.bodies[0]
    assert len(body) == 2 + 21 + 2
    results = body[2][0]
    assert (results.text, results.rowspan, results.scope) == ("三、本年度办理结果", 22, "rowgroup")
    withheld = body[4][0]
    assert (withheld.text, withheld.rowspan) == ("（三）不予公开", 8)
    assert texts(body[4][:2]) == ["（三）不予公开", "1.属于国家秘密"]
    assert texts(body[-2][:1]) == ["（七）总计"] and body[-2][0].colspan == 2
    assert texts(body[-1][:1]) == ["四、结转下年度继续办理"] and body[-1][0].colspan == 3
    # Every row fills the ten grid columns.
    widths = {}
    for r, _c, cell in grid.placed():
        for dr in range(cell.rowspan):
            widths[r + dr] = widths.get(r + dr, 0) + cell.colspan
    assert set(widths.values()) == {10}


def test_table3_2019_has_one_other_row():
    grid = layout.table3_grid("2019", tables(2020)["table3"])
    body = grid.bodies[0]
    assert len(body) == 2 + 19 + 2
    assert body[2][0].rowspan == 20
    other = next(row for row in body if row[0].text == "（六）其他处理")
    assert other[0].colspan == 2


def test_table3_cells_carry_the_counts():
    requests = [
        RequestRecord(
            "commercial", date(2025, 3, 1), outcome_code="granted", replied_on=date(2025, 3, 9)
        ),
        RequestRecord("natural_person", date(2025, 12, 30)),
    ]
    grid = layout.table3_grid("2021", tables(2025, requests)["table3"])
    assert grid.cell("granted.commercial").value == 1
    assert grid.cell("new.total").text == "2"
    assert grid.cell("carried_forward.natural_person").text == "1"
    assert {f"{code}.total" for code in OUTCOME_CODES} <= {
        cell.key for row in grid.all_rows() for cell in row
    }


def test_table2_blocks_2021_and_2019():
    grid = layout.table2_grid("2021", tables(2025)["table2"])
    assert grid.width == 4
    assert [body[0][0].text for body in grid.bodies] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert texts(grid.bodies[0][1]) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert texts(grid.bodies[0][3]) == ["行政规范性文件", "5", "1", "25"]
    assert texts(grid.bodies[3][1]) == ["信息内容", "本年收费金额（单位：万元）"]
    assert grid.bodies[3][1][1].colspan == 3
    assert grid.cell("fees.amount").text == ""  # not entered yet

    old = layout.table2_grid("2019", tables(2020)["table2"])
    assert old.width == 7  # blocks of three and of two columns share six data columns
    assert texts(old.bodies[0][1]) == [
        "信息内容",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
    ]
    assert texts(old.bodies[0][2]) == ["规章", "1", "1", "3"]
    assert texts(old.bodies[4][2])[0] == "政府集中采购"


def test_table4_header():
    grid = layout.table4_grid(tables(2025)["table4"])
    assert texts(grid.head[0]) == ["行政复议", "行政诉讼"]
    assert [c.colspan for c in grid.head[0]] == [5, 10]
    assert texts(grid.head[1]) == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert len(grid.head[2]) == 10
    assert len(grid.bodies[0][0]) == 15


def test_ordered_tables_restores_official_order_from_any_stored_order():
    data = tables(2025)
    shuffled = {**data, "table3": dict(reversed(list(data["table3"].items())))}
    ordered = layout.ordered_tables(shuffled)
    assert list(ordered["table3"])[:3] == ["new", "carried_over", "granted"]
    assert list(ordered["table3"])[-2:] == ["total", "carried_forward"]
    assert list(ordered["table4"]) == [
        "reconsideration",
        "lawsuit_direct",
        "lawsuit_after_reconsideration",
    ]


def test_requests_by_outcome_and_fees_sentence():
    requests = [
        RequestRecord(
            "natural_person", date(2025, 1, 2), outcome_code=code, replied_on=date(2025, 2, 1)
        )
        for code in ("granted", "withheld.state_secret", "withheld.third_party", "other.fee_unpaid")
    ]
    by_outcome = dict(layout.requests_by_outcome("2021", tables(2025, requests)["table3"]))
    assert by_outcome == {
        "予以公开": 1,
        "部分公开": 0,
        "不予公开": 2,
        "无法提供": 0,
        "不予处理": 0,
        "其他处理": 1,
    }
    old = dict(
        layout.requests_by_outcome(
            "2019",
            tables(
                2020,
                [
                    RequestRecord(
                        "natural_person",
                        date(2020, 1, 2),
                        outcome_code="other.other",
                        replied_on=date(2020, 2, 1),
                    )
                ],
            )["table3"],
        )
    )
    assert old["其他处理"] == 1
    assert layout.fees_sentence(2025, Decimal("0")) == "2025年度未收取政府信息公开信息处理费。"
    assert (
        layout.fees_sentence(2025, Decimal("120"))
        == "2025年度共收取政府信息公开信息处理费120.00元。"
    )


def test_chart_svg_is_accessible_and_escapes_labels():
    chart = charts.horizontal_bars("c1", "按处理类型", [("予以公开", 4), ("<b>x</b>", 0)])
    assert chart.svg.startswith("<svg") and 'role="img"' in chart.svg
    assert 'aria-labelledby="c1-title c1-desc"' in chart.svg
    assert '<title id="c1-title">按处理类型</title>' in chart.svg
    assert "予以公开：4" in chart.svg  # the description lists every value
    assert "<b>" not in chart.svg and "&lt;b&gt;" in chart.svg
    months = charts.vertical_bars(
        "c2", "按月", list(zip(charts.month_labels(), range(12), strict=True))
    )
    assert months.svg.count("<rect") == 12 and "12月" in months.svg
    empty = charts.vertical_bars("c3", "按月", [("1月", 0)])
    assert 'height="0"' in empty.svg  # no division by zero
