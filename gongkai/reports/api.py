"""Public API of the annual reports: the published tables of a year as JSON.

Mounted by gongkai/api/api.py (``api.add_router("", "gongkai.reports.api.router")``).
"""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.schemas import Detail, Ref
from gongkai.reports.annual import CASE_KINDS, TABLE4_COLUMNS
from gongkai.reports.layout import ordered_tables
from gongkai.reports.selectors import published_report

router = Router(tags=["reports 年度报告"])


class AnnualReportParams(Schema):
    department: int | None = Field(
        None, description="部门 id；不填为本级政府 (omit: the whole government)"
    )


class AnnualReportOut(Schema):
    """The tables as published (frozen when the report was published)."""

    year: int
    format: str = Field(
        description="2021 = 国办公开办函〔2021〕30号; 2019 = 国办公开办函〔2019〕60号 trial format (2019, 2020)"
    )
    title: str
    department: Ref | None = Field(description="报告主体；null 为本级政府")
    published_at: datetime
    url: str = Field(description="门户网页 portal page")
    columns: list[str] = Field(
        description="表三各行数值的列顺序 column order of every table 三 row: natural_person, "
        "commercial, research, nonprofit, legal_services, other_org, total"
    )
    table2: dict[str, dict[str, int | float | None]] = Field(
        description="表二 主动公开政府信息情况: row -> column -> figure (收费金额 in 万元)"
    )
    table3: dict[str, list[int]] = Field(
        description="表三: rows new, carried_over, each outcome code, total, carried_forward"
    )
    table4_kinds: list[str] = Field(description="表四 rows: " + ", ".join(CASE_KINDS))
    table4_columns: list[str] = Field(description="表四 value order: " + ", ".join(TABLE4_COLUMNS))
    table4: dict[str, list[int]] = Field(description="表四 行政复议、行政诉讼情况")
    requests_by_month: list[int] = Field(description="本年新收申请数，1–12月")
    fees_collected: str | None = Field(description="收取的信息处理费（元） fees collected, yuan")


@router.get(
    "/reports/annual/{year}", response={200: AnnualReportOut, 404: Detail}, url_name="annual_report"
)
def get_annual_report(request: HttpRequest, year: int, params: Query[AnnualReportParams]):
    """政府信息公开工作年度报告: the published tables of ``year`` for the whole government or,
    with ``department``, for one department."""
    report = published_report(year=year, department_id=params.department)
    if report is None:
        raise ApiError(404, *NOT_FOUND)
    department = report.department
    return {
        **ordered_tables(report.tables),
        "title": report.title,
        "department": {"id": department.pk, "name": department.name} if department else None,
        "published_at": report.published_at,
        "url": request.build_absolute_uri(report.get_absolute_url()),
        "table4_kinds": list(CASE_KINDS),
        "table4_columns": list(TABLE4_COLUMNS),
        "requests_by_month": report.requests_by_month,
        "fees_collected": None if report.fees_collected is None else str(report.fees_collected),
    }
