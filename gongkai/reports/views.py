"""The public pages of the annual reports: the list, each report, and its .docx/.xlsx export.

Only published reports are shown; their figures are the frozen copy taken when they were
published. Every page is cached (gongkai.core.pagecache): publishing a report drops the list
and the report's pages (services.annual_report_publish), renaming a department drops them all
(department names show on each).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag
from gongkai.reports import exports, selectors
from gongkai.reports.models import AnnualReport

REPORT_PAGES = (list_tag(AnnualReport), list_tag(Department))
EXPORTS = {
    "docx": (exports.report_docx, exports.DOCX_TYPE),
    "xlsx": (exports.report_xlsx, exports.XLSX_TYPE),
}


@require_safe
@public_page(*REPORT_PAGES)
def annual_list(request):
    return render(
        request, "reports/annual_list.html", {"years": selectors.published_report_years()}
    )


@require_safe
@public_page(*REPORT_PAGES)
def annual_detail(request, year: int, department: str | None = None):
    report = _published(year, department)
    tag(request, obj_tag(report))
    context = selectors.report_page_context(report)
    context["downloads"] = download_links(report)
    return render(request, "reports/annual_report.html", context)


@require_safe
@public_page(*REPORT_PAGES)
def annual_download(request, year: int, fmt: str, department: str | None = None):
    report = _published(year, department)
    tag(request, obj_tag(report))
    return export_response(report, fmt)


def download_links(report: AnnualReport) -> list[tuple[str, str]]:
    """(label, URL) of the report's public exports."""
    if report.is_government:
        names, args = ("reports:annual_docx", "reports:annual_xlsx"), [report.year]
    else:
        names = ("reports:annual_department_docx", "reports:annual_department_xlsx")
        args = [report.year, report.department.code]
    return [
        ("Word (.docx)", reverse(names[0], args=args)),
        ("Excel (.xlsx)", reverse(names[1], args=args)),
    ]


def _published(year: int, department: str | None) -> AnnualReport:
    if department is None:
        report = selectors.published_report(year=year)
    else:
        report = selectors.published_department_report(year=year, department_code=department)
    if report is None:
        raise Http404
    return report


def export_response(report: AnnualReport, fmt: str) -> HttpResponse:
    build, content_type = EXPORTS[fmt]
    response = HttpResponse(build(report), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, exports.export_filename(report, fmt)
    )
    return response
