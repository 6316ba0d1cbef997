"""Reads of 回应关切 shared by the portal and the back office."""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from gongkai.concerns import rules
from gongkai.concerns.models import ConcernResponse, ConcernState, PublicConcern, RiskAssessment
from gongkai.core.calendar import current_calendar
from gongkai.core.docnumbers import normalize_doc_number
from gongkai.core.permissions import acts_for_department, user_department_id
from gongkai.documents.models import Document
from gongkai.documents.selectors import documents_for_user, public_documents, public_interpretations


def concerns_for_user(user) -> QuerySet[PublicConcern]:
    """The office and assessors see every concern; a department those it leads or supports."""
    concerns = PublicConcern.objects.select_related("lead_department", "owner").prefetch_related(
        "supporting_departments"
    )
    if acts_for_department(user, None):
        return concerns
    own = user_department_id(user) or -1
    supported = PublicConcern.objects.filter(supporting_departments=own).values("pk")
    return concerns.filter(Q(lead_department_id=own) | Q(pk__in=supported))


def open_concerns(user, department_id: int | None = None) -> QuerySet[PublicConcern]:
    """待回应: the oldest first; ``department_id`` keeps those it leads or supports."""
    concerns = concerns_for_user(user).filter(state=ConcernState.OPEN)
    if department_id is not None:
        supported = PublicConcern.objects.filter(supporting_departments=department_id)
        concerns = concerns.filter(
            Q(lead_department_id=department_id) | Q(pk__in=supported.values("pk"))
        )
    return concerns.order_by("raised_on", "pk")


def with_age(concerns, today: date | None = None) -> list[PublicConcern]:
    today = today or timezone.localdate()
    calendar = current_calendar()
    rows = list(concerns)
    for concern in rows:
        concern.age = rules.age(concern.raised_on, today, calendar)
    return rows


def _published_responses() -> QuerySet[ConcernResponse]:
    return (
        ConcernResponse.objects.filter(published_at__isnull=False)
        .prefetch_related(
            Prefetch("documents", queryset=public_documents().order_by("-published_on")),
            Prefetch("interpretations", queryset=public_interpretations()),
        )
        .order_by("responded_on", "id")
    )


def public_concerns() -> QuerySet[PublicConcern]:
    """Concerns with a published response, the latest response first."""
    return (
        PublicConcern.objects.filter(responses__published_at__isnull=False)
        .annotate(last_response_on=Max("responses__responded_on"))
        .select_related("lead_department")
        .prefetch_related("supporting_departments")
        .order_by("-last_response_on", "-id")
    )


def public_concern(pk: int) -> PublicConcern | None:
    return (
        public_concerns()
        .prefetch_related(
            Prefetch("responses", queryset=_published_responses(), to_attr="published_responses")
        )
        .filter(pk=pk)
        .first()
    )


def concern_responses(concern: PublicConcern) -> list[ConcernResponse]:
    """Every response of a concern for the back office, drafts too."""
    return list(concern.responses.prefetch_related("documents", "interpretations"))


def sensitive_documents(user) -> QuerySet[Document]:
    """Documents marked sensitive that the user may see, with their assessments, not yet
    published ones first."""
    return (
        documents_for_user(user)
        .filter(is_sensitive=True)
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "risk_assessments",
                queryset=RiskAssessment.objects.select_related("assessor", "approved_by"),
            )
        )
        .order_by("live", "-updated_at")
    )


def resolve_links(links) -> tuple[list[Document], list, list[str]]:
    """The public documents and interpretations ``links`` (rules.Link) name, and the lines
    that name none (or more than one document)."""
    documents, interpretations, unresolved = [], [], []
    for link in links:
        if link.kind == "interpretation":
            found = list(public_interpretations().filter(pk=link.pk))
        elif link.kind == "document":
            found = list(public_documents().filter(pk=link.pk))
        else:
            found = list(
                public_documents().filter(
                    Q(index_number=link.text) | Q(doc_number_key=normalize_doc_number(link.text))
                )[:2]
            )
        if len(found) != 1:
            unresolved.append(link.text)
        elif link.kind == "interpretation":
            interpretations += found
        else:
            documents += found
    return documents, interpretations, unresolved
