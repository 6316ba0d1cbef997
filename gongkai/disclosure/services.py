"""Every change of state of disclosure requests: validate, write, audit, notify.

The due date is never written by hand: each service appends an event, the clock recomputes the
request's state from all its events (refusing what the rules refuse), and the derived status and
dates are stored for sorting and filtering (``request_refresh_clock``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils.translation import get_language

from gongkai.core import audit
from gongkai.core.calendar import current_calendar
from gongkai.core.permissions import require_department
from gongkai.core.queue import enqueue_on_commit
from gongkai.core.uploads import validate_upload
from gongkai.disclosure import crypto, now, permissions, tokens
from gongkai.disclosure.application import (
    Problem,
    check_application,
    contact_search_form,
    name_search_form,
    normalise,
)
from gongkai.disclosure.clock import ClockError, ClockEvent, ClockState, compute_clock
from gongkai.disclosure.fees import PER_REQUEST, FeeError, compute_fee, natural_month
from gongkai.disclosure.letters import (
    COURT_UNNAMED,
    DEFAULT_TEMPLATES,
    RECONSIDERATION_BODY_UNNAMED,
    REGULATION,
    render_letter,
)
from gongkai.disclosure.models import (
    OPEN_STATUSES,
    DisclosureRequest,
    FeeNotice,
    Reply,
    ReplyTemplate,
    RequestAttachment,
    RequestEvent,
    TrackingCounter,
)
from gongkai.disclosure.outcomes import OUTCOMES
from gongkai.disclosure.receipt import ReceiptError, receipt_for

APPLICATION_FIELDS = (
    "applicant_type",
    "applicant_name",
    "contact_person",
    "id_type",
    "id_number",
    "org_code",
    "phone",
    "email",
    "postal_address",
    "description",
    "doc_number_hint",
    "provision_form",
    "delivery",
)
STAFF_EVENT_KINDS = (
    "correction_requested",
    "correction_received",
    "consultation_started",
    "consultation_ended",
    "extended",
    "fee_notice",
    "fee_paid",
    "withdrawn",
)
MAX_ATTACHMENTS = 5
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


class RequestError(Exception):
    """A refused change, in Chinese and English; ``problems`` lists field errors of an
    application."""

    def __init__(self, code: str, zh: str, en: str, problems: Sequence[Problem] = ()):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en, self.problems = code, zh, en, tuple(problems)

    def field_problems(self) -> tuple[Problem, ...]:
        """The field errors, or the whole error as one problem of no field."""
        return self.problems or (Problem("", self.code, self.zh, self.en),)

    def text(self, lang: str | None = None) -> str:
        lang = lang or get_language() or "zh"
        return self.en if lang.startswith("en") else self.zh


@dataclass(frozen=True)
class Submission:
    """A request as acknowledged: ``token`` opens its private page; ``created`` is False when
    a repeated submit found the request made by the first one."""

    request: DisclosureRequest
    token: str
    created: bool


# -- creating requests ------------------------------------------------------------------------


def request_submit(
    *,
    application: dict,
    nonce: str,
    address: str = "",
    user=None,
    attachments: Iterable = (),
    site_url: str = "",
) -> Submission:
    """A request made through the public form (channel 互联网): committed, then acknowledged.

    ``nonce`` is the form's one-time key: submitting the same form again returns the same
    request and link. ``site_url`` is the address the form was served on (``core.siteurl``):
    the links in every mail about the request point there.
    """
    if not tokens.NONCE_PATTERN.fullmatch(nonce or ""):
        raise RequestError(
            "bad_nonce",
            "表单已失效，请刷新页面后重新提交。",
            "The form has expired; reload the page and submit again.",
        )
    key_hash = tokens.digest(nonce)
    token = tokens.token_for_nonce(nonce)
    submitted_at = now.now()
    receipt = receipt_for("online", submitted_at=submitted_at, calendar=current_calendar())
    new = _new_request(
        application=application,
        public=True,
        channel="online",
        receipt=receipt,
        token=token,
        attachments=attachments,
        actor=user,
        extra={
            "idempotency_key_hash": key_hash,
            "submitted_ip_hash": tokens.address_hash(address) if address else "",
            "submitted_at": submitted_at,
            "submitted_by": user if getattr(user, "pk", None) else None,
            "site_url": site_url,
        },
    )
    try:
        with transaction.atomic():
            request = _store_request(new)
    except IntegrityError:
        # The form was submitted before (a double click, a reload, or two racing submits): the
        # unique key refuses the second, and the first one's request stands. Not looked up
        # beforehand: a repeat is rare, a query on every submission is not.
        existing = DisclosureRequest.objects.filter(idempotency_key_hash=key_hash).first()
        if existing is None:
            raise
        return Submission(existing, token, created=False)
    return Submission(request, token, created=True)


def request_register(
    *,
    actor,
    application: dict,
    channel: str,
    received_on: date | None = None,
    handed_in_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    arrived_on: date | None = None,
    department=None,
    carried_over: bool = False,
    attachments: Iterable = (),
) -> Submission:
    """A request received in person, by post, fax or e-mail, registered by staff (or through
    the staff API). The receipt day follows the channel's rule from the dates given; a bare
    ``received_on`` is taken as the day the channel's rule names (staff entering the register).
    """
    if not permissions.can_register(actor):
        raise PermissionDenied
    department = department or _actor_department(actor)
    require_department(actor, department.pk if department else None)
    if received_on is not None:
        handed_in_on, signed_on, confirmed_on = _receipt_fields(channel, received_on)
    receipt = _receipt(
        channel,
        handed_in_on=handed_in_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        arrived_on=arrived_on,
    )
    token = tokens.new_token()
    new = _new_request(
        application=application,
        public=False,
        channel=channel,
        receipt=receipt,
        token=token,
        attachments=attachments,
        actor=actor,
        extra={"registered_by": actor, "department": department, "carried_over": carried_over},
    )
    with transaction.atomic():
        request = _store_request(new)
    return Submission(request, token, created=True)


def _receipt_fields(channel: str, received_on: date):
    if channel == "in_person":
        return received_on, None, None
    if channel == "post_signed":
        return None, received_on, None
    return None, None, received_on


def _receipt(channel: str, **dates):
    try:
        return receipt_for(channel, calendar=current_calendar(), **dates)
    except ReceiptError as error:
        raise RequestError(error.code, error.zh, error.en) from None


def _actor_department(actor):
    profile = getattr(actor, "staff_profile", None)
    return profile.department if profile else None


@dataclass(frozen=True)
class NewRequest:
    """A request checked and built, not yet written: its tracking number and its rows come
    from ``_store_request``, inside the transaction."""

    request: DisclosureRequest
    received: RequestEvent
    files: list
    state: ClockState
    public: bool
    actor: object
    sealed_token: str  # for the acknowledgement mail; empty without an e-mail address


def _new_request(*, application, public, channel, receipt, token, attachments, actor, extra):
    """Everything about a new request that needs no lock, done before its transaction: on
    SQLite, BEGIN IMMEDIATE takes the database's one write lock, which every other submission
    waits for while this one holds it (the checks, keyed hashes, clock and sealed token here
    were a third of the time it was held)."""
    data = normalise({field: application.get(field, "") for field in APPLICATION_FIELDS})
    problems = check_application(data, public=public)
    if problems:
        raise RequestError(
            "invalid_application",
            "申请内容有误，请按提示修改。",
            "The application has errors; please correct them.",
            problems,
        )
    _refuse_future(receipt.received_on, "收到申请之日", "receipt day")
    files = _checked_attachments(attachments)
    data["provision_form"] = data["provision_form"] or "electronic"
    data["delivery"] = data["delivery"] or ("email" if data["email"] else "online")
    request = DisclosureRequest(
        **data,
        **extra,
        channel=channel,
        received_on=receipt.received_on,
        receipt_notes=[[receipt.rule, receipt.rule_en], *map(list, receipt.notes)],
        access_token_hash=tokens.digest(token),
        applicant_key=_applicant_key(data),
        applicant_name_key=applicant_name_key(data["applicant_name"]),
        phone_key=contact_key(data["phone"]),
        email_key=contact_key(data["email"]),
    )
    received = RequestEvent(kind="received", on=receipt.received_on, actor=_user(actor))
    # The first event alone makes the clock: computed before the insert, not read back.
    state = compute_request_clock([received.as_clock_event()])
    for name, value in _clock_fields(state).items():
        setattr(request, name, value)
    # The token is sealed: the task queue's table never holds an opening link in clear.
    sealed_token = crypto.encrypt(token) if request.email else ""
    return NewRequest(request, received, files, state, public, actor, sealed_token)


def _store_request(new: NewRequest) -> DisclosureRequest:
    """Number, write, audit and acknowledge ``new``, inside the caller's transaction."""
    request = new.request
    request.tracking_number = _next_tracking_number(request.received_on.year)
    request.save()
    new.received.request = request
    new.received.save()
    _save_attachments(request, new.files)
    audit.record(
        actor=new.actor,
        action="disclosure_request.submit" if new.public else "disclosure_request.register",
        obj=request,
        after={**_snapshot(request), "explanation": new.state.lines("zh")[:1]},
    )
    _acknowledge(request, new.sealed_token)
    return request


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _refuse_future(day: date, zh: str, en: str) -> None:
    today = now.today()
    if day > today:
        raise RequestError(
            "future_date",
            f"{zh}（{day}）晚于今天（{today}），不能登记将来的日期。",
            f"The {en} ({day}) is after today ({today}); future dates are refused.",
        )


def applicant_name_key(name: str) -> str:
    """The keyed hash the staff search finds a request by, from the applicant's full name."""
    return crypto.lookup_hash("applicant_name", name_search_form(name))


def contact_key(contact: str) -> str:
    """The keyed hash a request is looked up by with its phone number or e-mail address."""
    form = contact_search_form(contact)
    return crypto.lookup_hash("contact", form) if form else ""


def _applicant_key(data: dict) -> str:
    identity = data.get("org_code") or data.get("id_number")
    if not identity:
        return ""
    return crypto.lookup_hash("applicant", f"{data.get('id_type', '')}:{identity}")


def _next_tracking_number(year: int) -> str:
    """GK-2026-000123: the year's next number; the counter row is locked until commit."""
    last = _increment_counter(year)
    if last is None:
        try:
            with transaction.atomic():
                last = TrackingCounter.objects.create(year=year, last=1).last
        except IntegrityError:  # another request created the year's counter first
            last = _increment_counter(year)
    return f"GK-{year}-{last:06d}"


def _increment_counter(year: int) -> int | None:
    """The year's counter plus one, in one statement (UPDATE … RETURNING: SQLite ≥ 3.35 and
    PostgreSQL); None when the year has no counter yet."""
    table, last, year_ = map(
        connection.ops.quote_name, (TrackingCounter._meta.db_table, "last", "year")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + 1 WHERE {year_} = %s RETURNING {last}",  # noqa: S608
            [year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _checked_attachments(attachments: Iterable) -> list:
    files = [f for f in attachments if f]
    if len(files) > MAX_ATTACHMENTS:
        raise RequestError(
            "too_many_attachments",
            f"附件不能超过{MAX_ATTACHMENTS}个。",
            f"At most {MAX_ATTACHMENTS} attachments.",
        )
    for upload in files:
        verdict = validate_upload(upload, upload.name, max_bytes=ATTACHMENT_MAX_BYTES)
        if not verdict.ok:
            raise RequestError(
                f"attachment_{verdict.code}",
                f"附件“{upload.name}”：{verdict.message_zh}",
                f"Attachment “{upload.name}”: {verdict.message_en}",
                [Problem("attachments", verdict.code, verdict.message_zh, verdict.message_en)],
            )
        upload.gongkai_kind = verdict.kind
    return files


def _save_attachments(request: DisclosureRequest, files: list) -> None:
    for upload in files:
        RequestAttachment.objects.create(
            request=request,
            file=upload,
            name=upload.name[:200],
            kind=upload.gongkai_kind,
            size=upload.size,
        )


def _acknowledge(request: DisclosureRequest, sealed_token: str) -> None:
    """The acknowledgement mail, sent once the request is committed."""
    if not request.email:
        return
    from gongkai.disclosure.tasks import send_acknowledgement

    enqueue_on_commit(send_acknowledgement, request_id=request.pk, sealed_token=sealed_token)


def _snapshot(request: DisclosureRequest) -> dict:
    """What the audit log keeps: no personal data."""
    return {
        "tracking_number": request.tracking_number,
        "channel": request.channel,
        "applicant_type": request.applicant_type,
        "received_on": request.received_on,
        "department": request.department_id,
        "status": request.status,
        "due_on": request.due_on,
        "outcome": request.outcome,
    }


# -- the clock ----------------------------------------------------------------------------------


def clock_events(request: DisclosureRequest) -> list[ClockEvent]:
    return [event.as_clock_event() for event in request.events.order_by("id")]


def compute_request_clock(events: Sequence[ClockEvent], today: date | None = None) -> ClockState:
    try:
        return compute_clock(events, current_calendar(), today or now.today())
    except ClockError as error:
        raise RequestError(error.code, error.zh, error.en) from None


def request_refresh_clock(*, request: DisclosureRequest, today: date | None = None) -> ClockState:
    """Recompute the stored status and dates from the events (after each event, daily for
    lapses, and when a holiday arrangement changes)."""
    state = compute_request_clock(clock_events(request), today)
    fields = _clock_fields(state)
    changed = {name: value for name, value in fields.items() if getattr(request, name) != value}
    if changed:
        DisclosureRequest.objects.filter(pk=request.pk).update(**changed)
        for name, value in changed.items():
            setattr(request, name, value)
    return state


def _clock_fields(state: ClockState) -> dict:
    """The stored copy of a clock state (for sorting and filtering)."""
    return {
        "status": state.status,
        "due_on": state.due_on,
        "waiting_until": state.waiting_until,
        "provisional": state.provisional,
        "closed_on": state.closed_on,
        "outcome": state.closed_as or "",
    }


def requests_refresh(*, queryset=None, today: date | None = None) -> int:
    """Refresh the clock of many requests (open ones by default); returns how many changed."""
    queryset = (
        queryset
        if queryset is not None
        else DisclosureRequest.objects.filter(status__in=OPEN_STATUSES)
    )
    changed = 0
    for request in queryset.prefetch_related("events").iterator(chunk_size=500):
        before = (request.status, request.due_on, request.provisional, request.closed_on)
        state = compute_request_clock([e.as_clock_event() for e in request.events.all()], today)
        if before != (state.status, state.due_on, state.provisional, state.closed_on):
            with transaction.atomic():
                request_refresh_clock(request=request, today=today)
            changed += 1
    return changed


def requests_refresh_provisional(*, year: int) -> int:
    """A holiday arrangement for ``year`` was entered: recompute every provisional date."""
    return requests_refresh(queryset=DisclosureRequest.objects.filter(provisional=True))


def _append_event(
    *,
    request: DisclosureRequest,
    actor,
    kind: str,
    on: date,
    days: int | None = None,
    until: date | None = None,
    outcome: str = "",
    note: str = "",
    approved_by=None,
) -> tuple[RequestEvent, ClockState]:
    """Append one event if the clock accepts the stream with it; caller holds a transaction."""
    locked = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    before = _snapshot(locked)
    candidate = ClockEvent(kind, on, days=days, until=until, outcome=outcome or None)
    compute_request_clock([*clock_events(locked), candidate])
    event = RequestEvent.objects.create(
        request=locked,
        kind=kind,
        on=on,
        days=days,
        until=until,
        outcome=outcome,
        note=note,
        actor=_user(actor),
        approved_by=approved_by,
    )
    state = request_refresh_clock(request=locked)
    for name in ("status", "due_on", "waiting_until", "provisional", "closed_on", "outcome"):
        setattr(request, name, getattr(locked, name))
    audit.record(
        actor=actor or "applicant",
        action=f"disclosure_request.{kind}",
        obj=locked,
        before=before,
        after={
            **_snapshot(locked),
            "event": {"kind": kind, "on": on, "days": days, "until": until},
        },
        reason=note[:500] if kind in ("extended", "withdrawn") else "",
    )
    return event, state


def _require_handler(actor, request: DisclosureRequest) -> None:
    if not permissions.can_handle(actor, request):
        raise PermissionDenied


def request_add_event(
    *,
    request: DisclosureRequest,
    actor,
    kind: str,
    on: date,
    days: int | None = None,
    until: date | None = None,
    note: str = "",
    fee: dict | None = None,
) -> ClockState:
    """Record one of ``STAFF_EVENT_KINDS`` for a request handled by ``actor``; an extension
    goes through ``request_extend`` and a fee notice through ``request_fee_notice``."""
    if kind not in STAFF_EVENT_KINDS:
        raise RequestError(
            "unknown_event",
            f"不能登记此事件：{kind}",
            f"This event cannot be recorded here: {kind}",
        )
    if kind == "extended":
        return request_extend(request=request, actor=actor, on=on, days=days, reason=note)
    if kind == "fee_notice":
        return request_fee_notice(request=request, actor=actor, on=on, **(fee or {}))[1]
    if kind == "fee_paid":
        return request_fee_paid(request=request, actor=actor, on=on)
    _require_handler(actor, request)
    if kind == "correction_requested" and not note.strip():
        raise RequestError(
            "correction_note",
            "请写明需要补正的事项。",
            "State what the applicant must correct.",
        )
    with transaction.atomic():
        _event, state = _append_event(
            request=request, actor=actor, kind=kind, on=on, days=days, until=until, note=note
        )
    if kind == "correction_requested":
        _notify_applicant(request, "correction_requested")
    return state


def request_extend(
    *, request: DisclosureRequest, actor, on: date, days: int | None, reason: str
) -> ClockState:
    """延期答复 (第三十三条第二款): at most 20 working days, once, approved by the head of the
    openness office (a user who may approve extensions), with a reason; the applicant is told."""
    _require_handler(actor, request)
    if not permissions.can_approve_extension(actor):
        raise PermissionDenied(
            "延期答复须经政府信息公开工作机构负责人同意。"
            "An extension must be approved by the head of the openness office."
        )
    if not (reason or "").strip():
        raise RequestError(
            "extension_reason", "请填写延期理由。", "Enter the reason for the extension."
        )
    with transaction.atomic():
        _event, state = _append_event(
            request=request,
            actor=actor,
            kind="extended",
            on=on,
            days=days,
            note=reason.strip(),
            approved_by=actor,
        )
    _notify_applicant(request, "extended")
    return state


def request_fee_notice(
    *,
    request: DisclosureRequest,
    actor,
    on: date,
    method: str = PER_REQUEST,
    pages: int | None = None,
    items: int = 1,
    requests_this_month: int | None = None,
) -> tuple[FeeNotice, ClockState]:
    """收费通知 (国办函〔2020〕109号): the fee by the progressive tables; per request, the
    applicant's count in the natural month comes from the register unless given."""
    _require_handler(actor, request)
    if method == PER_REQUEST and requests_this_month is None:
        requests_this_month = applicant_month_count(request) - 1 + items
    try:
        quote = compute_fee(
            method=method, pages=pages, requests_this_month=requests_this_month, items=items
        )
    except FeeError as error:
        raise RequestError(error.code, error.zh, error.en) from None
    if not quote.chargeable:
        raise RequestError(
            "no_fee",
            "按收费标准本申请不收费，无需发出收费通知。",
            "Under the fee tables this request is free; no fee notice is needed.",
        )
    with transaction.atomic():
        _event, state = _append_event(
            request=request,
            actor=actor,
            kind="fee_notice",
            on=on,
            note="；".join(quote.breakdown("zh")),
        )
        notice = FeeNotice.objects.create(
            request=request,
            method=method,
            pages=pages,
            items=items,
            requests_this_month=requests_this_month,
            quote={"zh": quote.breakdown("zh"), "en": quote.breakdown("en")},
            amount=Decimal(quote.amount),
            notified_on=on,
        )
    _notify_applicant(request, "fee_notice")
    return notice, state


def applicant_month_count(request: DisclosureRequest) -> int:
    """This request's place among the same applicant's requests in its natural month
    (国办函〔2020〕109号第四条); an applicant without an ID number is counted alone."""
    if not request.applicant_key:
        return 1
    first, last = natural_month(request.received_on)
    same = DisclosureRequest.objects.filter(
        applicant_key=request.applicant_key, received_on__range=(first, last)
    )
    earlier = same.filter(received_on__lt=request.received_on) | same.filter(
        received_on=request.received_on, pk__lte=request.pk
    )
    return earlier.count()


def request_fee_paid(*, request: DisclosureRequest, actor, on: date) -> ClockState:
    _require_handler(actor, request)
    with transaction.atomic():
        _event, state = _append_event(request=request, actor=actor, kind="fee_paid", on=on)
        FeeNotice.objects.filter(request=request).update(paid_on=on)
    return state


def request_assign(*, request: DisclosureRequest, actor, department) -> DisclosureRequest:
    """Give the request to its responsible department (承办部门)."""
    if not permissions.can_handle(actor, request) or not permissions.can_register(actor):
        raise PermissionDenied
    require_department(actor, department.pk if department else None)
    with transaction.atomic():
        before = _snapshot(request)
        DisclosureRequest.objects.filter(pk=request.pk).update(department=department)
        request.department = department
        audit.record(
            actor=actor,
            action="disclosure_request.assign",
            obj=request,
            before=before,
            after=_snapshot(request),
        )
    return request


# -- applicant's own acts -----------------------------------------------------------------------


def request_correct_by_applicant(*, request: DisclosureRequest, text: str) -> ClockState:
    """The applicant sends the correction through the private page: received today."""
    text = (text or "").strip()
    if not text:
        raise RequestError("correction_empty", "请填写补正内容。", "Enter the corrected request.")
    with transaction.atomic():
        _event, state = _append_event(
            request=request,
            actor=None,
            kind="correction_received",
            on=now.today(),
            note=text[:5000],
        )
    return state


def request_withdraw_by_applicant(*, request: DisclosureRequest) -> ClockState:
    with transaction.atomic():
        _event, state = _append_event(
            request=request, actor=None, kind="withdrawn", on=now.today(), note="申请人在线撤回"
        )
    return state


# -- reply -----------------------------------------------------------------------------------


def request_reply(
    *,
    request: DisclosureRequest,
    actor,
    outcome: str,
    on: date,
    reasons: str = "",
    legal_basis: str | None = None,
) -> Reply:
    """答复: one of the 21 outcomes, its legal basis (the outcome's article unless given),
    reasons, and the letter (告知书) rendered from the group's editable template."""
    _require_handler(actor, request)
    if outcome not in OUTCOMES:
        raise RequestError(
            "unknown_outcome",
            f"未知的处理结果代码：{outcome}",
            f"Unknown outcome code: {outcome}",
        )
    basis = legal_basis if legal_basis is not None else (OUTCOMES[outcome].basis or "")
    with transaction.atomic():
        _append_event(request=request, actor=actor, kind="replied", on=on, outcome=outcome)
        reply = Reply.objects.create(
            request=request,
            outcome=outcome,
            legal_basis=basis,
            reasons=(reasons or "").strip(),
            letter_text=letter_text(request, outcome=outcome, basis=basis, reasons=reasons, on=on),
            replied_on=on,
            replied_by=_user(actor),
        )
    _notify_applicant(request, "replied")
    return reply


def reply_template_for(outcome: str) -> tuple[str, str]:
    group = OUTCOMES[outcome].group.code
    row = ReplyTemplate.objects.filter(group=group).first()
    return (row.title, row.body) if row else DEFAULT_TEMPLATES[group]


def letter_text(
    request: DisclosureRequest, *, outcome: str, basis: str, reasons: str, on: date
) -> str:
    from gongkai.disclosure.selectors import answering_body

    _title, body = reply_template_for(outcome)
    result = OUTCOMES[outcome]
    return render_letter(
        body,
        {
            "body_name": answering_body(request),
            "reconsideration_body": settings.GONGKAI_RECONSIDERATION_BODY
            or RECONSIDERATION_BODY_UNNAMED,
            "court": settings.GONGKAI_COURT or COURT_UNNAMED,
            "tracking_number": request.tracking_number,
            "applicant_name": request.applicant_name,
            "received_on": f"{request.received_on:%Y年%m月%d日}",
            "description": request.description,
            "outcome": result.name,
            "legal_basis": basis or REGULATION,
            "reasons": (reasons or "").strip(),
            "replied_on": f"{on:%Y年%m月%d日}",
            "department": request.department.name if request.department else "",
        },
    )


def request_record_delivery(*, request: DisclosureRequest, actor, via: str, on: date) -> Reply:
    """送达: how and when the reply reached the applicant."""
    _require_handler(actor, request)
    reply = Reply.objects.filter(request=request).first()
    if reply is None:
        raise RequestError("no_reply", "尚未答复，不能登记送达。", "No reply to deliver yet.")
    if on < reply.replied_on:
        raise RequestError(
            "delivered_before_reply",
            f"送达日期 {on} 早于答复日期 {reply.replied_on}。",
            f"Delivery date {on} is before the reply date {reply.replied_on}.",
        )
    _refuse_future(on, "送达日期", "delivery date")
    with transaction.atomic():
        reply.delivered_via, reply.delivered_on = via, on
        reply.save(update_fields=["delivered_via", "delivered_on"])
        audit.record(
            actor=actor,
            action="disclosure_request.delivered",
            obj=request,
            after={"via": via, "on": on},
        )
    return reply


# -- art. 44 ---------------------------------------------------------------------------------


def request_publish_proactively(
    *, request: DisclosureRequest, actor, title: str, doc_type, body: str, summary: str = ""
):
    """第四十四条: information many applicants ask for becomes a proactive publication. Makes a
    draft document of the responsible department and submits it to the sign-off workflow; it
    is published only when signed off."""
    from gongkai.documents import services as document_services
    from gongkai.documents.models import Disclosure, Document

    _require_handler(actor, request)
    department = request.department or _actor_department(actor)
    if department is None:
        raise RequestError(
            "no_department",
            "请先指定承办部门。",
            "Assign the responsible department first.",
        )
    with transaction.atomic():
        document = Document(
            title=title.strip(),
            department=department,
            doc_type=doc_type,
            disclosure=Disclosure.PROACTIVE,
            written_on=now.today(),
            summary=summary.strip(),
            body=body,
            live=False,
        )
        document.clean()
        document.issuers.set([department])
        document.save()
        document_services.document_created(document=document, user=actor)
        document.save_revision(user=actor)
        workflow = document.get_workflow()
        if workflow is not None:
            workflow.start(document, actor)
        DisclosureRequest.objects.filter(pk=request.pk).update(proactive_document=document)
        request.proactive_document = document
        audit.record(
            actor=actor,
            action="disclosure_request.to_proactive",
            obj=request,
            after={"document": document.pk, "title": document.title},
        )
    return document


# -- notices to the applicant ----------------------------------------------------------------


def _notify_applicant(request: DisclosureRequest, kind: str) -> None:
    if not request.email:
        return
    from gongkai.disclosure.tasks import notify_applicant

    enqueue_on_commit(notify_applicant, request_id=request.pk, kind=kind)
