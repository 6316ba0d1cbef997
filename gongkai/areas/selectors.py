"""What the portal reads: live (signed-off) guides and certificate items, filtered by department and
found by words (the search app's query parsing over the words ``rules.search_words`` kept); the
live 财政预决算 and 政府债务 records, filtered by department, year and kind."""

from django.db.models import Prefetch, QuerySet

from gongkai.areas.models import (
    BudgetDisclosure,
    BudgetKind,
    CertificateItem,
    CertificateStatus,
    DebtDisclosure,
    DebtKind,
    GuideBasis,
    ServiceGuide,
)
from gongkai.core.models import Department
from gongkai.search.query import parse_query


def _found(queryset: QuerySet, q: str) -> QuerySet:
    parsed = parse_query(q)
    if parsed.is_blank:
        return queryset
    if not parsed.terms:
        return queryset.none()
    for term in parsed.terms:
        queryset = queryset.filter(search_words__contains=f" {term} ")
    return queryset


def public_guides(*, department: int | None = None, q: str = "") -> QuerySet:
    guides = ServiceGuide.objects.filter(live=True).select_related("department")
    if department:
        guides = guides.filter(department_id=department)
    return _found(guides, q)


def guides_for_export(guides: QuerySet) -> QuerySet:
    return guides.prefetch_related(
        "materials", Prefetch("bases", GuideBasis.objects.select_related("document"))
    )


def public_guide(pk: int) -> ServiceGuide | None:
    return guides_for_export(public_guides()).filter(pk=pk).first()


def departments_with_guides() -> QuerySet:
    return Department.objects.filter(service_guides__live=True).distinct().order_by("name")


def public_certificates(
    *, department: int | None = None, status: str = "", q: str = ""
) -> QuerySet:
    items = CertificateItem.objects.filter(live=True).select_related("department")
    if department:
        items = items.filter(department_id=department)
    if status in CertificateStatus.values:
        items = items.filter(status=status)
    return _found(items, q)


def departments_with_certificates() -> QuerySet:
    return Department.objects.filter(certificate_items__live=True).distinct().order_by("name")


# --- 财政预决算 and 政府债务 -------------------------------------------------------------------


def public_budgets(
    *, department: int | None = None, year: int | None = None, kind: str = ""
) -> QuerySet:
    """Live 财政预决算 records, the latest year first."""
    records = BudgetDisclosure.objects.filter(live=True).select_related("department", "document")
    if department:
        records = records.filter(department_id=department)
    if year:
        records = records.filter(year=year)
    if kind in BudgetKind.values:
        records = records.filter(kind=kind)
    return records


def public_budget(pk: int) -> BudgetDisclosure | None:
    return public_budgets().filter(pk=pk).first()


def budget_years() -> list[int]:
    return list(
        BudgetDisclosure.objects.filter(live=True)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def departments_with_budgets() -> QuerySet:
    return Department.objects.filter(budget_disclosures__live=True).distinct().order_by("name")


def public_debts(*, year: int | None = None, kind: str = "") -> QuerySet:
    """Live 政府债务 records, the latest year first."""
    records = DebtDisclosure.objects.filter(live=True).select_related("department", "document")
    if year:
        records = records.filter(year=year)
    if kind in DebtKind.values:
        records = records.filter(kind=kind)
    return records


def debt_years() -> list[int]:
    return list(
        DebtDisclosure.objects.filter(live=True)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
