"""Every change of state of messages (留言): validate, write, add to the timeline, audit,
invalidate pages, mail. The audit log names messages by tracking number, never their writers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts import selectors as accounts
from gongkai.accounts import tokens
from gongkai.accounts.mail import absolute_url, mail_account
from gongkai.core import audit, pagecache
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import acts_for_department, user_department_id
from gongkai.core.pii import find_personal_data
from gongkai.interaction import permissions, rules
from gongkai.interaction.models import (
    EventKind,
    Message,
    MessageCategory,
    MessageEvent,
    MessageState,
    ReplyTemplate,
    RoutingRule,
)


def _refresh_pages(message: Message, *, lists: bool = False) -> None:
    tags = [obj_tag(message)]
    if lists:
        tags.append(list_tag(Message))
    pagecache.invalidate(*tags)


def _event(message: Message, kind: str, *, actor=None, department=None, note: str = "") -> None:
    MessageEvent.objects.create(
        message=message, kind=kind, actor=actor, department=department, note=note
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您没有办理该留言的权限。"))


# --- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """An acknowledged message; ``created`` is False for a repeated submit of the same form."""

    message: Message
    created: bool


def message_submit(
    *,
    user,
    category_id: int,
    title: str,
    body: str,
    nonce: str,
    addressee_id: int | None = None,
    wants_private: bool = False,
) -> Submission:
    """写留言: committed before it is acknowledged, routed at once when a rule finds its
    department; its deadline counts from today on the working-day calendar."""
    if not tokens.NONCE_PATTERN.fullmatch(nonce or ""):
        raise ValidationError(_("表单已失效，请刷新页面后重新提交。"), code="bad_nonce")
    key_hash = tokens.digest(f"message:{nonce}")
    repeated = Message.objects.filter(submit_key_hash=key_hash).first()
    if repeated is not None:
        return Submission(repeated, created=False)
    refusal = accounts.participation_refusal(user)
    if refusal:
        raise PermissionDenied(refusal)
    account = accounts.account_of(user)
    title = _checked_text(title, rules.TITLE_MAX_LENGTH, _("请填写标题。"))
    body = _checked_text(body, rules.BODY_MAX_LENGTH, _("请填写留言内容。"))
    category = MessageCategory.objects.filter(pk=category_id).first()
    if category is None:
        raise ValidationError(_("请选择留言类别。"), code="category")
    if addressee_id is not None and not Department.objects.filter(pk=addressee_id).exists():
        raise ValidationError(_("所选部门不存在。"), code="addressee")
    fields = {
        "account": account,
        "category": category,
        "addressee_id": addressee_id,
        "title": title,
        "body": body,
        "wants_private": bool(wants_private),
        "submit_key_hash": key_hash,
    }
    try:
        with transaction.atomic():
            message = _create_message(fields)
    except IntegrityError:
        repeated = Message.objects.filter(submit_key_hash=key_hash).first()
        if repeated is None:
            raise
        return Submission(repeated, created=False)
    return Submission(message, created=True)


def _checked_text(text: str, limit: int, empty: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError(empty, code="empty")
    if len(text) > limit:
        raise ValidationError(_("不能超过 %(limit)s 字。") % {"limit": limit}, code="long")
    return text


def _create_message(fields: dict) -> Message:
    now = timezone.now()
    category = fields["category"]
    due_on = current_calendar().add_working_days(timezone.localdate(now), category.reply_days)
    message = Message.objects.create(
        **fields, tracking_number=_new_tracking_number(), received_at=now, due_on=due_on
    )
    _event(message, EventKind.RECEIVED)
    audit.record(
        actor=message.account.user,
        action="message.submit",
        obj=message,
        after={"category": category.pk, "addressee": fields["addressee_id"]},
    )
    department_id = _routed_department(message)
    if department_id is not None:
        _hand_to(message, Department.objects.get(pk=department_id), kind=EventKind.ASSIGNED)
    return message


def _new_tracking_number() -> str:
    """LY + date + six random characters: not guessable, so a number reveals nothing."""
    return f"LY{timezone.localdate():%Y%m%d}{secrets.token_hex(3).upper()}"


def _routed_department(message: Message) -> int | None:
    keyword_rules = [
        rules.KeywordRule(rule.keyword_list, rule.department_id)
        for rule in RoutingRule.objects.all()
    ]
    return rules.route(
        text=f"{message.title}\n{message.body}",
        addressee_id=message.addressee_id,
        category_department_id=message.category.department_id,
        keyword_rules=keyword_rules,
    )


def _hand_to(message: Message, department, *, kind: str, user=None, note: str = "") -> None:
    before = message.department_id
    message.department = department
    message.state = MessageState.TRANSFERRED if kind == EventKind.TRANSFERRED else kind
    message.reply_draft, message.reply_submitted = "", False
    message.save(update_fields=["department", "state", "reply_draft", "reply_submitted"])
    _event(message, kind, actor=user, department=department, note=note)
    audit.record(
        actor=user,
        action=f"message.{kind}",
        obj=message,
        before={"department": before},
        after={"department": department.pk},
        reason=note,
    )


# --- routing by hand and transfers --------------------------------------------------------------


@transaction.atomic
def message_assign(*, message: Message, user, department) -> Message:
    """人工分办: the office sends a message from its queue (or any open one) to a department."""
    _require(permissions.can_assign(user))
    if not message.is_open:
        raise ValidationError(_("该留言已答复，不能再分办。"), code="not_open")
    if department.pk == message.department_id:
        raise ValidationError(_("该留言已在这个部门办理。"), code="same")
    _hand_to(message, department, kind=EventKind.ASSIGNED, user=user)
    return message


_TRANSFER_REFUSALS = {
    rules.TransferRefusal.NOT_OPEN: gettext_lazy("该留言已答复，不能再转办。"),
    rules.TransferRefusal.NOT_HOLDER: gettext_lazy("只有承办部门或政务公开办可以转办该留言。"),
    rules.TransferRefusal.SAME: gettext_lazy("请选择另一个部门。"),
    rules.TransferRefusal.NO_REASON: gettext_lazy("请填写转办理由。"),
}


@transaction.atomic
def message_transfer(*, message: Message, user, department, reason: str) -> Message:
    """转办: the department holding the message (or the office) passes it on with a reason,
    shown on the timeline; the deadline does not restart."""
    _require(user.has_perm("interaction.change_message"))
    refusal = rules.transfer_refusal(
        state=message.state,
        holder_id=message.department_id,
        user_department_id=user_department_id(user),
        office_wide=acts_for_department(user, None),
        target_id=department.pk,
        reason=reason,
    )
    if refusal is not None:
        raise ValidationError(str(_TRANSFER_REFUSALS[refusal]), code=refusal.value)
    note = reason.strip()[: rules.REASON_MAX_LENGTH]
    _hand_to(message, department, kind=EventKind.TRANSFERRED, user=user, note=note)
    return message


# --- the reply ---------------------------------------------------------------------------------


def _check_open(message: Message) -> None:
    if not message.is_open:
        raise ValidationError(_("该留言已答复。"), code="not_open")
    if message.department_id is None:
        raise ValidationError(_("该留言尚未分办。"), code="unassigned")


@transaction.atomic
def reply_save(
    *,
    message: Message,
    user,
    text: str | None = None,
    template: ReplyTemplate | None = None,
    submit: bool = False,
) -> Message:
    """Save the reply's draft, written or taken from a template; ``submit`` sends it to the
    department head for approval."""
    _require(permissions.can_handle(user, message))
    _check_open(message)
    if template is not None:
        if template.department_id not in (None, message.department_id):
            raise ValidationError(_("该模板不属于承办部门。"), code="template")
        text = rules.fill_template(
            template.text,
            title=message.title,
            received_on=timezone.localdate(message.received_at),
        )
    message.reply_draft = _checked_text(text, rules.BODY_MAX_LENGTH, _("请填写答复内容。"))
    message.reply_submitted = submit
    message.save(update_fields=["reply_draft", "reply_submitted"])
    audit.record(
        actor=user,
        action="message.reply_submit" if submit else "message.reply_draft",
        obj=message,
    )
    return message


@transaction.atomic
def reply_publish(*, message: Message, user) -> Message:
    """审核发布答复: the head of the department (or the office) approves the draft; it is
    published with the message, unless the writer asked for privacy or either holds personal
    data. The writer is told by mail."""
    _require(permissions.can_publish(user, message))
    _check_open(message)
    reply = _checked_text(message.reply_draft, rules.BODY_MAX_LENGTH, _("请先起草答复。"))
    texts = "\n".join([message.title, message.body, reply])
    privacy = rules.privacy(
        wants_private=message.wants_private, has_personal_data=bool(find_personal_data(texts))
    )
    message.reply, message.reply_submitted = reply, False
    message.replied_at, message.replied_by = timezone.now(), user
    message.state = MessageState.REPLIED
    message.is_public = privacy == rules.Privacy.PUBLIC
    message.private_reason = privacy.value
    message.save()
    _event(message, EventKind.REPLIED, actor=user, department=message.department)
    audit.record(
        actor=user,
        action="message.reply_publish",
        obj=message,
        after={"public": message.is_public, "private_reason": message.private_reason},
    )
    _refresh_pages(message, lists=True)
    _mail_writer(message)
    return message


def _mail_writer(message: Message) -> None:
    context = {
        "title": message.title,
        "tracking_number": message.tracking_number,
        "link": absolute_url(_writer_url(message)),
        "public": message.is_public,
    }
    mail_account(message.account.user_id, "interaction/mail/replied", context)


def _writer_url(message: Message) -> str:
    """The public page of a published reply, else the writer's own page of the message."""
    if message.is_public:
        return message.get_absolute_url()
    return reverse("interaction:mine", args=[message.pk])


@transaction.atomic
def message_rate(*, message: Message, user, rating: int, solved: bool) -> Message:
    """评价: the writer, once, rates the reply (1–5) and says whether the problem was solved;
    the message is then closed (办结)."""
    account = accounts.account_of(user)
    if account is None or account.pk != message.account_id:
        raise PermissionDenied(_("只有留言人可以评价答复。"))
    if message.state != MessageState.REPLIED or message.rated_at is not None:
        raise ValidationError(_("该留言不能评价，或已经评价过。"), code="rated")
    if rating not in rules.RATINGS:
        raise ValidationError(_("请选择 1 至 5 分。"), code="rating")
    message.rating, message.solved = rating, bool(solved)
    message.rated_at = timezone.now()
    message.state = MessageState.CLOSED
    message.save(update_fields=["rating", "solved", "rated_at", "state"])
    _event(message, EventKind.RATED, actor=user)
    audit.record(
        actor=user, action="message.rate", obj=message, after={"rating": rating, "solved": solved}
    )
    _refresh_pages(message)
    return message


# --- reminders ---------------------------------------------------------------------------------


def reminders_send(*, today: date | None = None, warn_days: int = 1) -> int:
    """E-mail each department its open messages due within ``warn_days`` working days or late
    (the office those not yet routed), once a day. Returns the e-mails sent."""
    from gongkai.execution.notices import recipients

    today = today or timezone.localdate()
    horizon = current_calendar().add_working_days(today, warn_days)
    due = list(
        Message.objects.filter(state__in=rules.OPEN_STATES, due_on__lte=horizon)
        .exclude(reminded_on=today)
        .select_related("department")
        .order_by("due_on", "pk")
    )
    office = Department.objects.filter(is_openness_office=True).order_by("pk").first()
    lines: dict[int, list[str]] = {}
    departments = {}
    for message in due:
        department = message.department or office
        if department is None:
            continue
        departments[department.pk] = department
        lines.setdefault(department.pk, []).append(_reminder_line(message, today))
    addresses = recipients(list(departments.values()))
    sent = sum(
        send_mail(_reminder_subject(departments[pk]), _reminder_body(rows), None, addresses[pk])
        for pk, rows in lines.items()
        if addresses.get(pk)
    )
    Message.objects.filter(pk__in=[m.pk for m in due]).update(reminded_on=today)
    return sent


def _reminder_line(message: Message, today: date) -> str:
    late = "已逾期 overdue" if today > message.due_on else "即将到期 due soon"
    return f"{message.tracking_number}  {message.due_on}  {late}  {message.title}"


def _reminder_subject(department) -> str:
    return f"留言答复期限提醒 Message reply deadlines: {department.name}"


def _reminder_body(rows: list[str]) -> str:
    return (
        "以下留言即将到期或已逾期，请及时答复：\n"
        "These messages are due soon or late; please reply:\n\n" + "\n".join(rows) + "\n"
    )
