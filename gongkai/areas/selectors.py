"""What the portal reads: live (signed-off) guides and certificate items, filtered by department and
found by words (the search app's query parsing over the words ``rules.search_words`` kept); the
live records of the 财政预决算, 政府债务, 就业 and 放管服 columns, filtered by department, year,
kind and words."""

from django.db.models import Prefetch, QuerySet

from gongkai.areas.models import CertificateItem, CertificateStatus, GuideBasis, ServiceGuide
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


# --- the columns published through the sign-off: 财政预决算, 政府债务, 就业, 放管服 ------------------


def public_records(
    model, *, department: int | None = None, year: int | None = None, q: str = "", **choices
) -> QuerySet:
    """Live records of a column, the latest year first, filtered by department, year, a choice
    field each (``kind="subsidy"``; a value not among its choices filters nothing) and words
    (on a model keeping ``search_words``)."""
    records = model.objects.filter(live=True).select_related("department", "document")
    if department:
        records = records.filter(department_id=department)
    if year:
        records = records.filter(year=year)
    for name, value in choices.items():
        if value in dict(model._meta.get_field(name).flatchoices):
            records = records.filter(**{name: value})
    return _found(records, q) if q else records


def public_record(model, pk: int):
    return public_records(model).filter(pk=pk).first()


def record_years(model) -> list[int]:
    return list(
        model.objects.filter(live=True).order_by("-year").values_list("year", flat=True).distinct()
    )


def record_departments(model) -> QuerySet:
    """The departments with a live record of the column."""
    live = model.objects.filter(live=True).values("department")
    return Department.objects.filter(pk__in=live).order_by("name")
