"""API of the annual reports: the published tables of a year as JSON (public), and a year's
figures as they stand now, before publication (staff, token).

Mounted by gongkai/api/api.py (``api.add_router("", "gongkai.reports.api.router")`` and
``api.add_router("/staff", "gongkai.reports.api.staff_router")``).
"""

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from gongkai.api.auth import BearerTokenAuth
from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.schemas import Detail, ObjectId, Ref
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag
from gongkai.core.permissions import DepartmentPermissionPolicy
from gongkai.reports.annual import CASE_KINDS, FIRST_REPORT_YEAR, TABLE4_COLUMNS
from gongkai.reports.layout import ordered_tables
from gongkai.reports.models import AnnualReport
from gongkai.reports.selectors import live_report, published_report

router = Router(tags=["reports 年度报告"])
staff_router = Router(auth=BearerTokenAuth(), tags=["staff 工作人员"])


# A calendar year: within what a date can hold, so that no database errs on it.
ReportYear = Annotated[int, Field(ge=1, le=9999)]


class AnnualReportParams(Schema):
    department: ObjectId | None = Field(
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
@decorate_view(public_page(list_tag(AnnualReport), list_tag(Department)))
def get_annual_report(
    request: HttpRequest, year: Path[ReportYear], params: Query[AnnualReportParams]
):
    """政府信息公开工作年度报告: the published tables of ``year`` for the whole government or,
    with ``department``, for one department."""
    report = published_report(year=year, department_id=params.department)
    if report is None:
        raise ApiError(404, *NOT_FOUND)
    tag(request, obj_tag(report))
    return _report_body(request, report)


def _report_body(request: HttpRequest, report: AnnualReport) -> dict:
    """The answer of both routes: the tables in official order and the report's particulars."""
    department = report.department
    return {
        **ordered_tables(report.tables),
        "title": report.title,
        "department": {"id": department.pk, "name": department.name} if department else None,
        "published_at": report.published_at,
        "url": request.build_absolute_uri(report.get_absolute_url())
        if report.is_published
        else None,
        "table4_kinds": list(CASE_KINDS),
        "table4_columns": list(TABLE4_COLUMNS),
        "requests_by_month": report.requests_by_month,
        "fees_collected": None if report.fees_collected is None else str(report.fees_collected),
    }


class LiveAnnualReportOut(AnnualReportOut):
    """The tables computed now from the current data, in the shape of the published report.
    They change as requests are handled; the table 二 figures staff enter come from the year's
    saved report, if one exists (else they are null)."""

    published_at: datetime | None = Field(description="发布时间；未发布为 null")
    url: str | None = Field(description="门户网页；未发布为 null")
    computed_at: datetime = Field(description="统计时间 when these figures were computed")
    report_status: str | None = Field(
        description="该年度报告的状态 draft / published；尚未创建为 null"
    )


_reports_policy = DepartmentPermissionPolicy(AnnualReport)


@staff_router.get(
    "/reports/annual/{year}",
    response={200: LiveAnnualReportOut, 403: Detail, 404: Detail},
    url_name="staff_annual_report",
)
def get_live_annual_report(
    request: HttpRequest, year: Path[ReportYear], params: Query[AnnualReportParams]
):
    """年度报告实时数据: the tables of ``year`` (a past year or the current one) computed now,
    for the whole government or, with ``department``, one department; for staff who may read
    that body's reports."""
    if not FIRST_REPORT_YEAR <= year <= timezone.localdate().year:
        raise ApiError(
            404,
            f"年度须在{FIRST_REPORT_YEAR}年至今年之间",
            f"The year must be from {FIRST_REPORT_YEAR} to the current year",
        )
    department = None
    if params.department is not None:
        department = Department.objects.filter(pk=params.department).first()
        if department is None:
            raise ApiError(404, *NOT_FOUND)
    if not _reports_policy.user_has_permission_for_instance(
        request.user, "view", AnnualReport(year=year, department=department)
    ):
        raise ApiError(
            403, "无权查看该报告主体的年度报告", "Not allowed to read this body's report"
        )
    live = live_report(year=year, department=department)
    return {
        **_report_body(request, live.report),
        "computed_at": live.report.computed_at,
        "report_status": live.saved.status if live.saved else None,
    }
