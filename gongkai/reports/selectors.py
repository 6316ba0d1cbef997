"""Reads for the annual report: the figures it is computed from, and reports as pages show them.

Table 二's 规章 and 行政规范性文件 rows come from the document library (``document_counts``),
its 行政许可、行政处罚、行政强制 decisions from 行政执法公示 (``decision_counts``);
tables 三 and 四 and the fees of section 六 from the disclosure app's selectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from gongkai.core.models import Department, DepartmentKind
from gongkai.core.roles import sees_all_departments
from gongkai.disclosure import selectors as disclosure
from gongkai.disclosure.outcomes import FORMAT_2019
from gongkai.documents.models import Disclosure, Document, LegalCategory, Validity
from gongkai.enforcement import selectors as enforcement
from gongkai.enforcement.models import Kind
from gongkai.reports import charts, layout
from gongkai.reports.annual import (
    DOCUMENT_ROWS,
    AnnualTables,
    CaseRecord,
    DocumentCounts,
    Figure,
    Problem,
    RequestRecord,
    check_consistency,
    compute_annual_tables,
    format_for_year,
    requests_by_month,
    tables_from_dict,
)
from gongkai.reports.models import AnnualReport, ReportStatus

# ---------------------------------------------------------------------------------------------
# Table 二 from the document library

# A document counts as 规章 / 行政规范性文件 by its ``legal_category``. Documents left in the
# default category (e.g. imported before the field existed) are counted by their 公文种类 name.
KIND_NAMES = {
    "regulations": ("规章",),
    "normative_documents": ("规范性文件", "行政规范性文件"),
}
CATEGORIES = {
    "regulations": LegalCategory.REGULATION,
    "normative_documents": LegalCategory.NORMATIVE,
}
NOT_IN_FORCE = (Validity.REPEALED, Validity.EXPIRED)


def document_counts(*, year: int, department_id: int | None = None) -> dict[str, DocumentCounts]:
    """The 规章 and 行政规范性文件 rows of table 二 (keyed as ``DOCUMENT_ROWS``), in one query.

    Counted: documents published in the library (live) and not withdrawn, issued by the
    department (one of its 发文机关; a joint issue counts for each) or, for the whole
    government, all of them.
    - 本年制发件数 / 本年新制作数量: 成文日期 (or, without one, 发布日期) in ``year``;
    - 本年废止件数: marked 已废止 with the change dated in ``year``;
    - 现行有效件数: issued by 31 December and neither repealed, expired nor past its
      失效日期 on that day;
    - 2019 format only: 本年新公开数量 = 主动公开 with 发布日期 in ``year``; 对外公开总数量 =
      主动公开 with 发布日期 by 31 December.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    documents = Document.objects.filter(live=True, withdrawn_at__isnull=True)
    if department_id is not None:
        documents = documents.filter(issuers=department_id)
    documents = documents.annotate(issued_on=Coalesce("written_on", "published_on"))
    issued = Q(issued_on__gte=first, issued_on__lte=last)
    repealed = Q(
        validity=Validity.REPEALED, validity_changed_on__gte=first, validity_changed_on__lte=last
    )
    ended = Q(validity__in=NOT_IN_FORCE) & (
        Q(validity_changed_on__isnull=True) | Q(validity_changed_on__lte=last)
    )
    in_force = Q(issued_on__lte=last) & ~ended & ~Q(expires_on__lte=last)
    proactive = Q(disclosure=Disclosure.PROACTIVE)
    published = proactive & Q(published_on__gte=first, published_on__lte=last)
    public_total = proactive & Q(published_on__lte=last)
    measures = {
        "issued": issued,
        "repealed": repealed,
        "in_force": in_force,
        "published": published,
        "public_total": public_total,
    }
    aggregates = {
        f"{row}__{name}": Count("pk", filter=_row_filter(row) & condition, distinct=True)
        for row in DOCUMENT_ROWS
        for name, condition in measures.items()
    }
    counts = documents.aggregate(**aggregates)
    return {
        row: DocumentCounts(**{name: counts[f"{row}__{name}"] for name in measures})
        for row in DOCUMENT_ROWS
    }


def _row_filter(row: str) -> Q:
    return Q(legal_category=CATEGORIES[row]) | Q(
        legal_category=LegalCategory.OTHER, doc_type__name__in=KIND_NAMES[row]
    )


# Table 二 rows and the enforcement kind (执法类别) of the same official name.
DECISION_KINDS = {
    "permits": Kind.LICENCE,
    "penalties": Kind.PENALTY,
    "coercions": Kind.COERCION,
}


def decision_counts(*, year: int, department_id: int | None = None) -> dict[str, int]:
    """The 处理决定数量 of table 二's 行政许可、行政处罚、行政强制 rows (keyed as
    ``DECISION_ROWS``): enforcement decisions made in ``year`` by the department, or by all for
    the whole government. Empty when the body recorded none of these decisions that year: it
    keeps them elsewhere, and staff enter the figures (a missing figure is flagged, a 0 not)."""
    ids = None if department_id is None else [department_id]
    counts = enforcement.report_counts(year=year, department_ids=ids)
    if not any(counts.values()):
        return {}
    return {row: counts[kind] for row, kind in DECISION_KINDS.items()}


# ---------------------------------------------------------------------------------------------
# The whole computation


@dataclass(frozen=True)
class DisclosureFigures:
    """What the disclosure app gives one body's report: its requests (table 三), its
    reconsiderations and lawsuits (table 四) and the fees collected (section 六)."""

    requests: list[RequestRecord]
    cases: list[CaseRecord]
    fees_collected: Decimal


def disclosure_figures(*, year: int, department_id: int | None) -> DisclosureFigures:
    return DisclosureFigures(
        requests=disclosure.request_records(year=year, department_id=department_id),
        cases=disclosure.case_records(year=year, department_id=department_id),
        fees_collected=disclosure.fees_collected(year=year, department_id=department_id),
    )


@dataclass(frozen=True)
class ComputedReport:
    tables: AnnualTables
    requests_by_month: tuple[int, ...]
    fees_collected: Decimal


def compute_report(
    *, year: int, department_id: int | None, entered: dict[str, Figure]
) -> ComputedReport:
    """Every figure of one body's report for ``year``, from the current data."""
    figures = disclosure_figures(year=year, department_id=department_id)
    tables = compute_annual_tables(
        year,
        requests=figures.requests,
        cases=figures.cases,
        documents=document_counts(year=year, department_id=department_id),
        entered=entered,
        decisions=decision_counts(year=year, department_id=department_id),
    )
    return ComputedReport(
        tables=tables,
        requests_by_month=requests_by_month(figures.requests, year),
        fees_collected=figures.fees_collected,
    )


def entered_figures(report: AnnualReport) -> dict[str, Figure]:
    """The stored figures of table 二 as numbers (amounts are stored as decimal strings)."""
    return {
        key: Decimal(value) if isinstance(value, str) else value
        for key, value in report.entered_figures.items()
    }


def with_computed_figures(report: AnnualReport) -> AnnualReport:
    """``report`` with its tables, monthly counts and fees computed from the current data (the
    table 二 figures staff entered come from the report itself). Saves nothing."""
    computed = compute_report(
        year=report.year, department_id=report.department_id, entered=entered_figures(report)
    )
    report.tables = computed.tables.as_dict()
    report.requests_by_month = list(computed.requests_by_month)
    report.fees_collected = computed.fees_collected
    report.computed_at = timezone.now()
    return report


@dataclass(frozen=True)
class LiveReport:
    """A year's figures as they stand now. ``report`` is an unsaved copy of the year's report
    (status, publication time and table 二 figures of the saved one, if any) with its tables
    computed now; ``saved`` is the report kept in the database, or None."""

    report: AnnualReport
    saved: AnnualReport | None


def live_report(*, year: int, department: Department | None) -> LiveReport:
    """The tables of ``year`` (the current year too, which is not over) computed from today's
    data, with the table 二 figures entered in that year's saved report, if any."""
    saved = AnnualReport.objects.filter(year=year, department=department).first()
    report = AnnualReport(year=year, department=department, format=format_for_year(year))
    if saved is not None:
        report.status, report.published_at = saved.status, saved.published_at
        report.entered_figures = saved.entered_figures
    return LiveReport(report=with_computed_figures(report), saved=saved)


def report_problems(report: AnnualReport) -> list[Problem]:
    """What stops ``report`` from being published: its tables are missing or fail the
    consistency checks, or section 一 or 五 is empty. Problems of a section carry the section's
    number in ``table``."""
    if report.tables is None:
        return [
            Problem(
                "not_computed",
                "",
                None,
                None,
                "统计表尚未生成，请先重新统计。",
                "The tables have not been computed yet: refresh them first.",
            )
        ]
    problems = check_consistency(tables_from_dict(report.tables))
    for number, field, title in (
        ("一", "overview", layout.SECTION_TITLES["overview"]),
        ("五", "problems", layout.SECTION_TITLES["problems"]),
    ):
        if not _has_text(getattr(report, field)):
            problems.append(
                Problem(
                    "section_empty",
                    number,
                    None,
                    None,
                    f"“{title}”尚未填写。",
                    f"Section {number} is not filled in.",
                )
            )
    return problems


def _has_text(html: str) -> bool:
    return bool(strip_tags(html or "").strip())


# ---------------------------------------------------------------------------------------------
# Reports as the portal, the API and the back office show them


def published_reports() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("department")


def published_report(*, year: int, department_id: int | None = None) -> AnnualReport | None:
    reports = published_reports().filter(year=year)
    if department_id is None:
        return reports.filter(department__isnull=True).first()
    return reports.filter(department_id=department_id).first()


def published_department_report(*, year: int, department_code: str) -> AnnualReport | None:
    return published_reports().filter(year=year, department__code=department_code).first()


def published_report_years() -> list[dict]:
    """Published reports by year, newest first: [{"year", "government", "departments"}]."""
    years: dict[int, dict] = {}
    ordered = published_reports().order_by("-year", "department__sort_order", "department__name")
    for report in ordered:
        entry = years.setdefault(
            report.year, {"year": report.year, "government": None, "departments": []}
        )
        if report.is_government:
            entry["government"] = report
        else:
            entry["departments"].append(report)
    return list(years.values())


def reports_for_user(user) -> QuerySet[AnnualReport]:
    """The back office list: the openness office sees every report; a department's staff
    see their own department's."""
    reports = AnnualReport.objects.select_related("department")
    if user.is_superuser or sees_all_departments(user):
        return reports
    profile = getattr(user, "staff_profile", None)
    if profile is None or profile.department_id is None:
        return reports.none()
    return reports.filter(department_id=profile.department_id)


def bodies_expected_to_report() -> list[Department]:
    """Departments that publish their own report (《条例》第四十九条: 县级以上人民政府部门):
    区属部门 and 园区办. 垂直管理部门 report within their own system; 直属企事业单位 are not
    government departments."""
    return list(
        Department.objects.filter(
            kind__in=[DepartmentKind.DISTRICT, DepartmentKind.PARK_OFFICE]
        ).order_by("sort_order", "name")
    )


def report_page_context(report: AnnualReport, *, preview: bool = False) -> dict:
    """Everything the report page (and the back office preview) shows; no further queries."""
    context = {"report": report, "preview": preview, "titles": layout.SECTION_TITLES}
    if report.tables is None:
        return {**context, "grids": (), "charts": (), "fees_sentence": ""}
    table2, table3, table4 = layout.report_grids(report.tables)
    by_outcome = layout.requests_by_outcome(report.format, report.tables["table3"])
    by_month = list(zip(charts.month_labels(), report.requests_by_month or [0] * 12, strict=True))
    return {
        **context,
        "grids": (table2, table3, table4),
        "charts": (
            charts.horizontal_bars("chart-outcomes", _("本年度办理结果（按处理类型）"), by_outcome),
            charts.vertical_bars("chart-months", _("本年新收申请数（按月）"), by_month),
        ),
        "fees_sentence": layout.fees_sentence(report.year, report.fees_collected),
        "is_2019_format": report.format == FORMAT_2019,
    }
