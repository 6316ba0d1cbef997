"""The public 办事服务 pages: service guides (list found by words and filtered by department, one
guide with its materials, flow and basis, a notice when a basis is no longer in force), the
证明事项清单, and both exported as XLSX and CSV; the 财政预决算 (list filtered by department,
year and kind; a record with its tables) and 政府债务 columns, exported alike. Cached pages,
tagged for exact invalidation."""

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


# --- 财政预决算 and 政府债务 -------------------------------------------------------------------


def _year(value) -> int | None:
    year = _int(value)
    return year if year is not None and 1990 <= year <= 2100 else None


def _budget_filters(request) -> dict:
    kind = request.GET.get("kind", "")
    return {
        "department": _int(request.GET.get("department")),
        "year": _year(request.GET.get("year")),
        "kind": kind if kind in BudgetKind.values else "",
    }


def _debt_filters(request) -> dict:
    kind = request.GET.get("kind", "")
    return {
        "year": _year(request.GET.get("year")),
        "kind": kind if kind in DebtKind.values else "",
    }


@require_safe
@public_page(list_tag(BudgetDisclosure), list_tag(Department))
def budget_list(request):
    filters = _budget_filters(request)
    page = Paginator(selectors.public_budgets(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "filters": filters,
        "query": _query(request),
        "departments": selectors.departments_with_budgets(),
        "years": selectors.budget_years(),
        "kinds": BudgetKind.choices,
        "section": FINANCE_SECTION,
    }
    return render(request, "areas/budget_list.html", context)


@require_safe
@public_page()
def budget_detail(request, pk: int):
    record = selectors.public_budget(pk)
    if record is None:
        raise Http404
    shown = [record, record.department, *([record.document] if record.document else [])]
    tag(request, *map(obj_tag, shown))
    return render(request, "areas/budget.html", {"record": record, "section": FINANCE_SECTION})


@require_safe
@public_page(list_tag(BudgetDisclosure), list_tag(Department))
def budgets_export(request, fmt: str):
    records = selectors.public_budgets(**_budget_filters(request))
    with translation.override(settings.LANGUAGE_CODE):
        rows = [exports.budget_row(record, request) for record in records]
    tag(request, *(obj_tag(record.document) for record in records if record.document))
    return _download("budgets", fmt, exports.BUDGET_COLUMNS, rows)


@require_safe
@public_page(list_tag(DebtDisclosure), list_tag(Department))
def debt_list(request):
    filters = _debt_filters(request)
    page = Paginator(selectors.public_debts(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    tag(request, *(obj_tag(debt.document) for debt in page if debt.document))
    context = {
        "page_obj": page,
        "filters": filters,
        "query": _query(request),
        "years": selectors.debt_years(),
        "kinds": DebtKind.choices,
        "section": FINANCE_SECTION,
    }
    return render(request, "areas/debt_list.html", context)


@require_safe
@public_page(list_tag(DebtDisclosure), list_tag(Department))
def debts_export(request, fmt: str):
    records = selectors.public_debts(**_debt_filters(request))
    with translation.override(settings.LANGUAGE_CODE):
        rows = [exports.debt_row(record) for record in records]
    return _download("government-debt", fmt, exports.DEBT_COLUMNS, rows)
