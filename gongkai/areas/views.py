"""The public 办事服务 pages: service guides (list found by words and filtered by department, one
guide with its materials, flow and basis, a notice when a basis is no longer in force), the
证明事项清单, and both exported as XLSX and CSV; the 财政预决算 (list filtered by department,
year and kind; a record with its tables), 政府债务, 就业 and 放管服 columns (filtered by
department, year, kind and words; a record's page), exported alike. Cached pages, tagged for
exact invalidation."""

from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from gongkai.areas import exports, rules, selectors
from gongkai.areas.models import (
    BudgetDisclosure,
    BudgetKind,
    CertificateItem,
    CertificateStatus,
    DebtDisclosure,
    DebtKind,
    EmploymentKind,
    EmploymentRecord,
    ReformCategory,
    ReformMeasure,
    ServiceGuide,
)
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag

PAGE_SIZE = 20
SECTION = "services"
# 财政预决算 and 政府债务 are columns of the 政府信息公开目录.
FINANCE_SECTION = "catalogue"
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _guide_filters(request) -> dict:
    return {
        "department": _int(request.GET.get("department")),
        "q": request.GET.get("q", "").strip()[:100],
    }


def _certificate_filters(request) -> dict:
    status = request.GET.get("status", "")
    return {
        "department": _int(request.GET.get("department")),
        "status": status if status in CertificateStatus.values else "",
        "q": request.GET.get("q", "").strip()[:100],
    }


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
@public_page(list_tag(ServiceGuide), list_tag(Department))
def guide_list(request):
    filters = _guide_filters(request)
    page = Paginator(selectors.public_guides(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "filters": filters,
        "query": _query(request),
        "departments": selectors.departments_with_guides(),
        "section": SECTION,
    }
    return render(request, "areas/guide_list.html", context)


@require_safe
@public_page()
def guide_detail(request, pk: int):
    guide = selectors.public_guide(pk)
    if guide is None:
        raise Http404
    documents = [basis.document for basis in guide.bases.all()]
    # The page shows each basis document's title, number and 有效性.
    tag(request, obj_tag(guide), obj_tag(guide.department), *map(obj_tag, documents))
    context = {
        "guide": guide,
        "documents": documents,
        "stale": [doc for doc in documents if doc.validity in rules.NOT_IN_FORCE],
        "section": SECTION,
    }
    return render(request, "areas/guide.html", context)


def _download(name: str, fmt: str, header, rows) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    body = exports.xlsx(header, rows) if fmt == "xlsx" else exports.csv_text(header, rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_safe
@public_page(list_tag(ServiceGuide), list_tag(Department))
def guides_export(request, fmt: str):
    guides = selectors.guides_for_export(selectors.public_guides(**_guide_filters(request)))
    # The official names, whatever the reader's language.
    with translation.override(settings.LANGUAGE_CODE):
        rows = [exports.guide_row(guide) for guide in guides]
    tag(request, *(obj_tag(b.document) for guide in guides for b in guide.bases.all()))
    return _download("service-guides", fmt, exports.GUIDE_COLUMNS, rows)


@require_safe
@public_page(list_tag(CertificateItem), list_tag(Department))
def certificate_list(request):
    filters = _certificate_filters(request)
    page = Paginator(selectors.public_certificates(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "filters": filters,
        "query": _query(request),
        "departments": selectors.departments_with_certificates(),
        "statuses": CertificateStatus.choices,
        "section": SECTION,
    }
    return render(request, "areas/certificate_list.html", context)


@require_safe
@public_page(list_tag(CertificateItem), list_tag(Department))
def certificates_export(request, fmt: str):
    items = selectors.public_certificates(**_certificate_filters(request))
    with translation.override(settings.LANGUAGE_CODE):
        rows = [exports.certificate_row(item) for item in items]
    return _download("certificates", fmt, exports.CERTIFICATE_COLUMNS, rows)


# --- the columns published through the sign-off: 财政预决算, 政府债务, 就业, 放管服 ------------------


def _year(value) -> int | None:
    year = _int(value)
    return year if year is not None and 1990 <= year <= 2100 else None


def _filters(request, model, *choices: str, department=True, words=False) -> dict:
    """A column's filters as the query string gives them: what is not one of the values offered
    (a department id, a year, a choice field's value) is ignored."""
    filters = {"year": _year(request.GET.get("year"))}
    if department:
        filters["department"] = _int(request.GET.get("department"))
    for name in choices:
        value = request.GET.get(name, "")
        filters[name] = value if value in dict(model._meta.get_field(name).flatchoices) else ""
    if words:
        filters["q"] = request.GET.get("q", "").strip()[:100]
    return filters


def _documents_shown(request, records) -> None:
    tag(request, *(obj_tag(record.document) for record in records if record.document))


def _column_list(request, model, template: str, filters: dict, **context):
    page = Paginator(selectors.public_records(model, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _documents_shown(request, page)
    context = {
        "page_obj": page,
        "filters": filters,
        "query": _query(request),
        "departments": selectors.record_departments(model) if "department" in filters else (),
        "years": selectors.record_years(model),
        "section": FINANCE_SECTION,
        **context,
    }
    return render(request, template, context)


def _column_detail(request, model, pk: int, template: str):
    record = selectors.public_record(model, pk)
    if record is None:
        raise Http404
    shown = [record, record.department, *([record.document] if record.document else [])]
    tag(request, *map(obj_tag, shown))
    return render(request, template, {"record": record, "section": FINANCE_SECTION})


def _column_export(request, model, filters: dict, fmt: str, name: str, header, row):
    records = selectors.public_records(model, **filters)
    # The official names, whatever the reader's language.
    with translation.override(settings.LANGUAGE_CODE):
        rows = [row(record) for record in records]
    _documents_shown(request, records)
    return _download(name, fmt, header, rows)


def _budget_filters(request) -> dict:
    return _filters(request, BudgetDisclosure, "kind")


def _debt_filters(request) -> dict:
    return _filters(request, DebtDisclosure, "kind", department=False)


@require_safe
@public_page(list_tag(BudgetDisclosure), list_tag(Department))
def budget_list(request):
    return _column_list(
        request,
        BudgetDisclosure,
        "areas/budget_list.html",
        _budget_filters(request),
        kinds=BudgetKind.choices,
    )


@require_safe
@public_page()
def budget_detail(request, pk: int):
    return _column_detail(request, BudgetDisclosure, pk, "areas/budget.html")


@require_safe
@public_page(list_tag(BudgetDisclosure), list_tag(Department))
def budgets_export(request, fmt: str):
    fields = exports.budget_fields(request)
    return _column_export(
        request,
        BudgetDisclosure,
        _budget_filters(request),
        fmt,
        "budgets",
        exports.headers(fields),
        partial(exports.row, fields),
    )


@require_safe
@public_page(list_tag(DebtDisclosure), list_tag(Department))
def debt_list(request):
    return _column_list(
        request,
        DebtDisclosure,
        "areas/debt_list.html",
        _debt_filters(request),
        kinds=DebtKind.choices,
    )


@require_safe
@public_page(list_tag(DebtDisclosure), list_tag(Department))
def debts_export(request, fmt: str):
    fields = exports.DEBT_FIELDS
    return _column_export(
        request,
        DebtDisclosure,
        _debt_filters(request),
        fmt,
        "government-debt",
        exports.headers(fields),
        partial(exports.row, fields),
    )


def _employment_filters(request) -> dict:
    return _filters(request, EmploymentRecord, "kind", words=True)


@require_safe
@public_page(list_tag(EmploymentRecord), list_tag(Department))
def employment_list(request):
    return _column_list(
        request,
        EmploymentRecord,
        "areas/employment_list.html",
        _employment_filters(request),
        kinds=EmploymentKind.choices,
    )


@require_safe
@public_page()
def employment_detail(request, pk: int):
    return _column_detail(request, EmploymentRecord, pk, "areas/employment.html")


@require_safe
@public_page(list_tag(EmploymentRecord), list_tag(Department))
def employment_export(request, fmt: str):
    fields = exports.EMPLOYMENT_FIELDS
    return _column_export(
        request,
        EmploymentRecord,
        _employment_filters(request),
        fmt,
        "employment",
        exports.headers(fields),
        partial(exports.row, fields),
    )


def _reform_filters(request) -> dict:
    return _filters(request, ReformMeasure, "category", words=True)


@require_safe
@public_page(list_tag(ReformMeasure), list_tag(Department))
def reform_list(request):
    return _column_list(
        request,
        ReformMeasure,
        "areas/reform_list.html",
        _reform_filters(request),
        kinds=ReformCategory.choices,
    )


@require_safe
@public_page()
def reform_detail(request, pk: int):
    return _column_detail(request, ReformMeasure, pk, "areas/reform.html")


@require_safe
@public_page(list_tag(ReformMeasure), list_tag(Department))
def reforms_export(request, fmt: str):
    fields = exports.REFORM_FIELDS
    return _column_export(
        request,
        ReformMeasure,
        _reform_filters(request),
        fmt,
        "reform-measures",
        exports.headers(fields),
        partial(exports.row, fields),
    )
