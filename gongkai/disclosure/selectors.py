"""Reads shared by the public pages, the back office, the staff API, reminders and the annual
report. The clock state shown is computed live from the events; the stored status and due date
serve sorting and filtering."""

from __future__ import annotations

import hmac
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.urls import reverse

from gongkai.accounts.my_items import MyItem
from gongkai.core.models import Department
from gongkai.core.pii import ADDRESS, MOBILE, RESIDENT_ID, mask_value
from gongkai.core.roles import ROLE_GROUP_NAMES, Role
from gongkai.disclosure import now, permissions, tokens
from gongkai.disclosure.clock import ClockState
from gongkai.disclosure.models import (
    OPEN_STATUSES,
    DisclosureRequest,
    FeeNotice,
    ReconsiderationOrLawsuit,
    Status,
)
from gongkai.disclosure.services import (
    applicant_name_key,
    clock_events,
    compute_request_clock,
    contact_key,
)
from gongkai.reports.annual import CaseRecord, RequestRecord
from gongkai.reports.annual import requests_by_month as _requests_by_month

WARNING_LEVELS = ("overdue", "due_soon_2", "due_soon_5")


# -- finding a request --------------------------------------------------------------------------


# What the request's own page (track.html through request_page_context) reads of a request:
# its reply and fee notice come in the same query. The applicant's encrypted particulars and the
# department stay unread: compiling and decrypting them was a fifth of the acknowledgement page.
PAGE_COLUMNS = ("tracking_number", "email", "description", "receipt_notes", "reply", "fee_notice")


def request_by_token(token: str) -> DisclosureRequest | None:
    return _by_token(
        DisclosureRequest.objects.select_related("department", "reply", "fee_notice"), token
    )


def request_page_by_token(token: str) -> DisclosureRequest | None:
    """The request for its page only: other fields are read from the database when used."""
    return _by_token(
        DisclosureRequest.objects.select_related("reply", "fee_notice").only(*PAGE_COLUMNS), token
    )


def _by_token(queryset: QuerySet, token: str) -> DisclosureRequest | None:
    if not tokens.TOKEN_PATTERN.fullmatch(token or ""):
        return None
    # The hash is unique: get(), where first() would sort by the model's two-column ordering.
    try:
        return queryset.get(access_token_hash=tokens.digest(token))
    except DisclosureRequest.DoesNotExist:
        return None


def request_by_number(tracking_number: str) -> DisclosureRequest | None:
    return (
        DisclosureRequest.objects.select_related("department")
        .filter(tracking_number=tracking_number)
        .first()
    )


def request_by_tracking_number(tracking_number: str, token: str) -> DisclosureRequest | None:
    request = request_by_token(token.strip())
    if request is None or request.tracking_number != tracking_number.strip().upper():
        return None
    return request


def request_by_contact(tracking_number: str, contact: str) -> DisclosureRequest | None:
    """The request with this tracking number whose phone or e-mail is ``contact``, compared by
    keyed hash in constant time; None alike for an unknown number and a wrong contact."""
    key = contact_key(contact)
    request = request_by_number(tracking_number.strip().upper())
    stored = (request.phone_key, request.email_key) if request else ("", "")
    matches = [bool(key) & hmac.compare_digest(key, value) for value in stored]
    return request if any(matches) else None


def is_repeat_submit(nonce: str) -> bool:
    """Whether this form was submitted before (a repeat is answered, never rate-limited)."""
    return (
        bool(nonce)
        and DisclosureRequest.objects.filter(idempotency_key_hash=tokens.digest(nonce)).exists()
    )


def requests_of_applicant(user) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.filter(submitted_by=user).order_by("-submitted_at", "-id")


def my_items(user) -> list[MyItem]:
    """The account's requests on its "my items" page (gongkai.accounts.my_items)."""
    return [
        MyItem(
            title=request.description[:80],
            url=reverse("disclosure:mine_detail", args=[request.tracking_number]),
            status=request.get_status_display(),
            when=request.submitted_at,
            reference=request.tracking_number,
        )
        for request in requests_of_applicant(user)[:200]
    ]


def request_clock(request: DisclosureRequest, today: date | None = None) -> ClockState:
    return compute_request_clock(clock_events(request), today)


# -- back office -------------------------------------------------------------------------------


def requests_for_staff(
    user,
    *,
    status: str = "",
    department_id: int | None = None,
    due: str = "",
    query: str = "",
) -> QuerySet[DisclosureRequest]:
    """Requests ``user`` may see; ``due`` is "soon" (5 working days or fewer) or "overdue"."""
    queryset = permissions.visible_requests(
        user, DisclosureRequest.objects.select_related("department")
    )
    if status == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if department_id:
        queryset = queryset.filter(department_id=department_id)
    if query:
        queryset = queryset.filter(
            Q(tracking_number__icontains=query) | Q(applicant_name_key=applicant_name_key(query))
        )
    if due:
        ids = [request.pk for request, state in open_with_clock(queryset) if _due_match(state, due)]
        queryset = queryset.filter(pk__in=ids)
    return queryset.order_by("-received_on", "-id")


def _due_match(state: ClockState, due: str) -> bool:
    if due == "overdue":
        return state.warning == "overdue"
    return state.warning in ("due_soon_2", "due_soon_5")


def open_with_clock(
    queryset=None, today: date | None = None
) -> list[tuple[DisclosureRequest, ClockState]]:
    """Open requests with their live clock, soonest due first (stopped clocks last)."""
    queryset = DisclosureRequest.objects.all() if queryset is None else queryset
    rows = []
    for request in (
        queryset.filter(status__in=OPEN_STATUSES)
        .select_related("department")
        .prefetch_related("events")
    ):
        events = [event.as_clock_event() for event in request.events.all()]
        rows.append((request, compute_request_clock(events, today)))
    return sorted(
        rows, key=lambda row: (row[1].due_on is None, row[1].due_on or date.max, row[0].pk)
    )


def dashboard(user, today: date | None = None) -> list[tuple[DisclosureRequest, ClockState]]:
    return open_with_clock(
        permissions.visible_requests(user, DisclosureRequest.objects.all()), today
    )


def requests_needing_reminder(today: date | None = None):
    return [row for row in open_with_clock(today=today) if row[1].warning in WARNING_LEVELS]


def answering_body(request: DisclosureRequest | None = None) -> str:
    """The name that signs reply letters and mails: ``GONGKAI_BODY_NAME``, else the request's
    responsible department, else the openness office."""
    if settings.GONGKAI_BODY_NAME:
        return settings.GONGKAI_BODY_NAME
    if request is not None and request.department is not None:
        return request.department.name
    office = Department.objects.filter(is_openness_office=True).order_by("pk").first()
    return office.name if office else ""


def office_emails() -> list[str]:
    """The openness office: its departments' addresses, else its reviewers' own."""
    from django.contrib.auth import get_user_model

    from gongkai.core.models import Department

    addresses = list(
        Department.objects.filter(is_openness_office=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if addresses:
        return addresses
    reviewers = get_user_model().objects.filter(
        groups__name=ROLE_GROUP_NAMES[Role.REVIEWER], is_active=True
    )
    return sorted(set(reviewers.exclude(email="").values_list("email", flat=True)))


# -- personal data, masked for staff who do not handle the request ------------------------------


def mask_email(value: str) -> str:
    local, _sep, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_name(value: str) -> str:
    return value[:1] + "*" * max(len(value) - 1, 1) if value else ""


def applicant_details(request: DisclosureRequest, *, masked: bool) -> dict[str, str]:
    """The applicant's name, identity and contact, masked unless shown to handling staff."""
    fields = {
        "applicant_name": request.applicant_name,
        "contact_person": request.contact_person,
        "id_number": request.id_number,
        "org_code": request.org_code,
        "phone": request.phone,
        "email": request.email,
        "postal_address": request.postal_address,
    }
    if not masked:
        return fields
    natural = not request.is_organisation
    return {
        "applicant_name": mask_name(fields["applicant_name"])
        if natural
        else fields["applicant_name"],
        "contact_person": mask_name(fields["contact_person"]),
        "id_number": _mask_id(request),
        "org_code": fields["org_code"],
        "phone": _mask_phone(fields["phone"]),
        "email": mask_email(fields["email"]) if fields["email"] else "",
        "postal_address": mask_value(ADDRESS, fields["postal_address"])
        if fields["postal_address"]
        else "",
    }


def _mask_id(request: DisclosureRequest) -> str:
    number = request.id_number
    if not number:
        return ""
    if request.id_type == "resident_id" and len(number) == 18:
        return mask_value(RESIDENT_ID, number)
    return number[:2] + "*" * max(len(number) - 4, 1) + number[-2:]


def _mask_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) >= 11 and digits[-11] == "1":
        return mask_value(MOBILE, phone)
    return digits[:3] + "****" + digits[-2:] if len(digits) > 5 else "****"


def staff_sees_personal_data(user, request: DisclosureRequest) -> bool:
    return permissions.can_handle(user, request)


# -- the annual report ---------------------------------------------------------------------------


def _year_scope(year: int, department_id: int | None) -> QuerySet[DisclosureRequest]:
    first = date(year, 1, 1)
    queryset = DisclosureRequest.objects.filter(received_on__lte=date(year, 12, 31)).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=first)
    )
    if department_id is not None:
        queryset = queryset.filter(department_id=department_id)
    return queryset


def request_records(*, year: int, department_id: int | None = None) -> list[RequestRecord]:
    """The requests table 三 of ``year`` counts (received by its end, not closed before its
    start), as plain records. A request waiting for a correction or a fee whose period has
    passed is closed by the clock (逾期不补正, 逾期未缴费) even before the daily job stores it."""
    queryset = _year_scope(year, department_id)
    waiting = set(
        queryset.filter(
            status__in=(Status.AWAITING_CORRECTION, Status.AWAITING_FEE),
            waiting_until__lt=now.today(),
        ).values_list("pk", flat=True)
    )
    records = []
    rows = queryset.values_list(
        "pk", "applicant_type", "received_on", "carried_over", "outcome", "closed_on"
    )
    for pk, applicant_type, received_on, carried_over, outcome, closed_on in rows.iterator(
        chunk_size=5000
    ):
        if pk in waiting:
            state = request_clock(DisclosureRequest.objects.get(pk=pk))
            outcome, closed_on = state.closed_as or "", state.closed_on
        records.append(
            RequestRecord(
                applicant_type=applicant_type,
                received_on=received_on,
                carried_over=carried_over,
                outcome_code=outcome or None,
                replied_on=closed_on if outcome else None,
            )
        )
    return records


def case_records(*, year: int, department_id: int | None = None) -> list[CaseRecord]:
    queryset = ReconsiderationOrLawsuit.objects.filter(filed_on__lte=date(year, 12, 31)).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=date(year, 1, 1))
    )
    if department_id is not None:
        queryset = queryset.filter(department_id=department_id)
    return [
        CaseRecord(
            kind=kind,
            filed_on=filed_on,
            result=result or None,
            decided_on=decided_on,
        )
        for kind, filed_on, result, decided_on in queryset.values_list(
            "kind", "filed_on", "result", "decided_on"
        )
    ]


def fees_collected(*, year: int, department_id: int | None = None) -> Decimal:
    """信息处理费 paid in ``year`` (for section 六 of the report), in 元."""
    queryset = FeeNotice.objects.filter(paid_on__year=year)
    if department_id is not None:
        queryset = queryset.filter(request__department_id=department_id)
    return queryset.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def requests_by_month(*, year: int, department_id: int | None = None) -> tuple[int, ...]:
    """Requests received in each month of ``year`` (for the report's chart)."""
    return _requests_by_month(request_records(year=year, department_id=department_id), year)
