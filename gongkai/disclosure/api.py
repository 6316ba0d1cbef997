"""Staff API of disclosure requests (django-ninja), mounted at /api/staff/requests.

Token authentication (``Authorization: Bearer TOKEN``); the same services as the back office,
so the same rules and permissions hold. Dates may lie in the past (back-filling a register),
never in the future: refused with 422 and a Chinese and English message.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import Field, Path, Router, Schema, Status

from gongkai.api.auth import BearerTokenAuth
from gongkai.api.errors import ApiError
from gongkai.api.schemas import (
    Detail,
    InvalidInput,
    IsoDate,
    ObjectId,
    Refusal,
    RequestRefusal,
)
from gongkai.core.permissions import DEPARTMENT_REFUSED, DepartmentRefused
from gongkai.disclosure import permissions, services
from gongkai.disclosure.clock import ClockState
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.outcomes import APPLICANT_TYPE_CODES, CHANNEL_CODES, OUTCOME_CODES

router = Router(auth=BearerTokenAuth(), tags=["staff"])

ApplicantType = Literal[APPLICANT_TYPE_CODES]  # type: ignore[valid-type]
Channel = Literal[CHANNEL_CODES]  # type: ignore[valid-type]
OutcomeCode = Literal[OUTCOME_CODES]  # type: ignore[valid-type]
EventKind = Literal[services.STAFF_EVENT_KINDS]  # type: ignore[valid-type]


class RequestIn(Schema):
    received_on: IsoDate
    channel: Channel
    applicant_type: ApplicantType
    applicant_name: str = Field(max_length=200)
    description: str = Field(max_length=30000)
    doc_number_hint: str = ""
    contact_person: str = ""
    id_type: str = ""
    id_number: str = ""
    org_code: str = ""
    phone: str = ""
    email: str = ""
    postal_address: str = ""
    provision_form: Literal["paper", "electronic"] = "electronic"
    delivery: Literal["email", "pick_up", "post", "online"] | None = None
    department_id: ObjectId | None = None
    carried_over: bool = False


class ClockOut(Schema):
    status: str
    due_on: dt.date | None
    provisional: bool
    explanation: list[str]
    explanation_en: list[str]


class RequestOut(ClockOut):
    id: int
    tracking_number: str
    received_on: dt.date
    private_link: str | None = None


class EventIn(Schema):
    kind: EventKind
    date: IsoDate
    days: int | None = Field(default=None, ge=1, le=60)
    until: IsoDate | None = None
    note: str = Field(default="", max_length=5000)
    fee_method: Literal["per_request", "per_volume"] = "per_request"
    pages: int | None = Field(default=None, ge=1, le=1_000_000)
    items: int = Field(default=1, ge=1, le=10_000)
    requests_this_month: int | None = Field(default=None, ge=1, le=10_000)


class ReplyIn(Schema):
    outcome: OutcomeCode
    date: IsoDate
    text: str = Field(default="", max_length=20000)
    legal_basis: str | None = Field(default=None, max_length=300)


class ReplyOut(ClockOut):
    id: int
    tracking_number: str
    outcome: str
    replied_on: dt.date
    letter_text: str


def _clock(state: ClockState) -> dict:
    return {
        "status": state.status,
        "due_on": state.due_on,
        "provisional": state.provisional,
        "explanation": state.lines("zh"),
        "explanation_en": state.lines("en"),
    }


def _refused(error: services.RequestError) -> ApiError:
    return ApiError(
        422,
        error.zh,
        error.en,
        code=error.code,
        errors=[
            {"field": p.field, "code": p.code, "message_zh": p.zh, "message_en": p.en}
            for p in error.problems
        ],
    )


def _forbidden(error: PermissionDenied) -> ApiError:
    if isinstance(error, DepartmentRefused):
        with translation.override("zh-hans"):
            zh = str(DEPARTMENT_REFUSED)
        with translation.override("en"):
            return ApiError(403, zh, str(DEPARTMENT_REFUSED))
    # Services say why in both languages (e.g. who may approve an extension).
    return ApiError(403, str(error) or "无权执行此操作", "Not allowed")


def _handled_request(request, request_id: int) -> DisclosureRequest:
    found = get_object_or_404(DisclosureRequest, pk=request_id)
    if not permissions.can_view(request.user, found):
        raise ApiError(404, "未找到该申请", "No such request")
    return found


# Besides the statuses every operation with a token and a body answers (gongkai.api.openapi):
# 403 when the user's role may not do it, 404 for a request (or department) they cannot see,
# 422 for invalid input, a rule of the register refusing it, or a date the working-day calendar
# does not cover (code no_calendar_data).
REFUSALS = {403: Detail, 404: Detail, 422: RequestRefusal | Refusal | InvalidInput}


@router.post("", response={201: RequestOut, **REFUSALS})
def create_request(request, payload: RequestIn):
    """登记一件申请 Register a request received on ``received_on`` through ``channel``."""
    data = payload.dict()
    department = None
    if data["department_id"] is not None:
        from gongkai.core.models import Department

        department = get_object_or_404(Department, pk=data["department_id"])
    try:
        submission = services.request_register(
            actor=request.user,
            application={k: v or "" for k, v in data.items() if k in services.APPLICATION_FIELDS},
            channel=payload.channel,
            received_on=payload.received_on,
            department=department,
            carried_over=payload.carried_over,
        )
    except services.RequestError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise _forbidden(error) from None
    created = submission.request
    state = services.request_refresh_clock(request=created)
    link = request.build_absolute_uri(reverse("disclosure:track", args=[submission.token]))
    return Status(
        201,
        {
            "id": created.pk,
            "tracking_number": created.tracking_number,
            "received_on": created.received_on,
            "private_link": link,
            **_clock(state),
        },
    )


@router.post("/{request_id}/events", response={200: ClockOut, **REFUSALS})
def add_event(request, request_id: Path[ObjectId], payload: EventIn):
    """登记办理事件 Record an event; answers the new due date and its explanation."""
    found = _handled_request(request, request_id)
    fee = None
    if payload.kind == "fee_notice":
        fee = {
            "method": payload.fee_method,
            "pages": payload.pages,
            "items": payload.items,
            "requests_this_month": payload.requests_this_month,
        }
    try:
        state = services.request_add_event(
            request=found,
            actor=request.user,
            kind=payload.kind,
            on=payload.date,
            days=payload.days,
            until=payload.until,
            note=payload.note,
            fee=fee,
        )
    except services.RequestError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise _forbidden(error) from None
    return _clock(state)


@router.post("/{request_id}/reply", response={200: ReplyOut, **REFUSALS})
def reply(request, request_id: Path[ObjectId], payload: ReplyIn):
    """答复 Reply with one of the 21 outcome codes; the letter is generated from the template."""
    found = _handled_request(request, request_id)
    try:
        answer = services.request_reply(
            request=found,
            actor=request.user,
            outcome=payload.outcome,
            on=payload.date,
            reasons=payload.text,
            legal_basis=payload.legal_basis,
        )
    except services.RequestError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise _forbidden(error) from None
    state = services.request_refresh_clock(request=found)
    return {
        "id": found.pk,
        "tracking_number": found.tracking_number,
        "outcome": answer.outcome,
        "replied_on": answer.replied_on,
        "letter_text": answer.letter_text,
        **_clock(state),
    }
