"""Messages end to end through the services: submitting (idempotent), routing, transfers, the
reply's review and publication, privacy, rating, reminders, statistics and the audit log."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.core.calendar import current_calendar
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.interaction import selectors, services
from gongkai.interaction.models import (
    EventKind,
    Message,
    MessageState,
    ReplyTemplate,
    RoutingRule,
)
from tests.accounts.conftest import make_account
from tests.factories import make_user
from tests.interaction.conftest import write

pytestmark = pytest.mark.django_db


def kinds(message):
    return list(message.events.values_list("kind", flat=True))


def answered(message, editor, head, text="已安排维修，三日内修复。"):
    services.reply_save(message=message, user=editor, text=text, submit=True)
    return services.reply_publish(message=message, user=head)


def test_a_double_submit_makes_one_message_with_its_deadline(citizen, category):
    first = write(citizen, category)
    again = write(citizen, category)
    assert first.created and not again.created
    assert again.message.pk == first.message.pk
    assert Message.objects.count() == 1
    message = first.message
    assert message.tracking_number.startswith("LY")
    assert message.due_on == current_calendar().add_working_days(timezone.localdate(), 5)
    assert message.state == MessageState.RECEIVED and message.department is None
    assert kinds(message) == [EventKind.RECEIVED]
    assert AuditEvent.objects.filter(action="message.submit", object_id=str(message.pk)).exists()


def test_the_category_sets_the_deadline_and_routes(citizen, category, department):
    category.department, category.reply_days = department, 10
    category.save()
    message = write(citizen, category).message
    assert message.state == MessageState.ASSIGNED and message.department == department
    assert message.due_on == current_calendar().add_working_days(timezone.localdate(), 10)
    assert kinds(message) == [EventKind.RECEIVED, EventKind.ASSIGNED]


def test_keywords_route_when_the_category_does_not(citizen, category, department, other_department):
    RoutingRule.objects.create(keywords="公交、地铁", department=other_department)
    RoutingRule.objects.create(keywords="路灯", department=department)
    assert write(citizen, category).message.department == department
    bus = write(citizen, category, nonce="b" * 24, title="公交车太少", body="希望加密班次。")
    assert bus.message.department == other_department


def test_a_message_to_a_department_goes_there(citizen, category, other_department):
    message = write(citizen, category, addressee=other_department).message
    assert message.department == other_department


@pytest.mark.parametrize(
    "fields, code",
    [({"title": " "}, "empty"), ({"body": "长" * 5001}, "long"), ({"nonce": "x"}, "bad_nonce")],
)
def test_bad_input_is_refused(citizen, category, fields, code):
    with pytest.raises(ValidationError) as error:
        write(citizen, category, **fields)
    assert error.value.code == code
    assert not Message.objects.exists()


def test_an_unverified_account_cannot_write(category):
    unverified = make_account(email="new@example.com", verified=False)
    with pytest.raises(PermissionDenied):
        write(unverified, category)


def test_the_office_assigns_by_hand(citizen, category, department, reviewer, editor):
    message = write(citizen, category).message
    with pytest.raises(PermissionDenied):
        services.message_assign(message=message, user=editor, department=department)
    services.message_assign(message=message, user=reviewer, department=department)
    assert message.state == MessageState.ASSIGNED and message.department == department
    assert selectors.messages_for_user(editor).get() == message


def test_only_the_holder_or_the_office_transfers_with_a_reason(
    citizen, category, department, other_department, editor, reviewer
):
    message = write(citizen, category, addressee=other_department).message
    with pytest.raises(ValidationError) as error:
        services.message_transfer(message=message, user=editor, department=department, reason="x")
    assert error.value.code == "not_holder"
    with pytest.raises(ValidationError) as error:
        services.message_transfer(message=message, user=reviewer, department=department, reason=" ")
    assert error.value.code == "no_reason"
    services.message_transfer(
        message=message, user=reviewer, department=department, reason="属住建局职责"
    )
    assert message.state == MessageState.TRANSFERRED and message.department == department
    event = message.events.get(kind=EventKind.TRANSFERRED)
    assert event.note == "属住建局职责" and event.department == department
    assert AuditEvent.objects.filter(action="message.transferred", reason="属住建局职责").exists()


def test_a_reply_is_drafted_from_a_template_and_the_head_publishes_it(
    citizen, category, department, editor, head, django_capture_on_commit_callbacks
):
    message = write(citizen, category, addressee=department).message
    template = ReplyTemplate.objects.create(
        name="已受理", text="您于{date}反映的《{title}》已收悉。"
    )
    services.reply_save(message=message, user=editor, template=template, submit=True)
    assert message.reply_draft.endswith("反映的《小区门口路灯不亮》已收悉。")
    assert message.reply_submitted
    with pytest.raises(PermissionDenied):
        services.reply_publish(message=message, user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_publish(message=message, user=head)
    message.refresh_from_db()
    assert message.state == MessageState.REPLIED and message.is_public
    assert message.reply == message.reply_draft and message.replied_by == head
    assert selectors.public_message(message.pk) == message
    assert kinds(message)[-1] == EventKind.REPLIED
    [sent] = mail.outbox
    assert sent.to == [citizen.email] and message.tracking_number in sent.subject
    assert message.get_absolute_url() in sent.body


def test_another_departments_head_cannot_publish(citizen, category, department, other_department):
    message = write(citizen, category, addressee=department).message
    outsider = make_user(role=Role.HEAD, department=other_department)
    with pytest.raises(PermissionDenied):
        services.reply_save(message=message, user=outsider, text="答复")
    with pytest.raises(PermissionDenied):
        services.reply_publish(message=message, user=outsider)


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"wants_private": True}, "asked"),
        ({"body": "请联系我 13912345678，路灯坏了。"}, "personal_data"),
    ],
)
def test_a_reply_is_kept_private_when_asked_or_holding_personal_data(
    citizen, category, department, editor, head, fields, reason
):
    message = write(citizen, category, addressee=department, **fields).message
    answered(message, editor, head)
    assert not message.is_public and message.private_reason == reason
    assert selectors.public_message(message.pk) is None


def test_the_writer_rates_once(citizen, category, department, editor, head):
    message = write(citizen, category, addressee=department).message
    with pytest.raises(ValidationError):
        services.message_rate(message=message, user=citizen.user, rating=5, solved=True)
    answered(message, editor, head)
    other = make_account(email="other@example.com", name="李四")
    with pytest.raises(PermissionDenied):
        services.message_rate(message=message, user=other.user, rating=1, solved=False)
    with pytest.raises(ValidationError):
        services.message_rate(message=message, user=citizen.user, rating=6, solved=True)
    services.message_rate(message=message, user=citizen.user, rating=4, solved=True)
    assert message.state == MessageState.CLOSED and (message.rating, message.solved) == (4, True)
    assert kinds(message)[-1] == EventKind.RATED
    with pytest.raises(ValidationError):
        services.message_rate(message=message, user=citizen.user, rating=1, solved=False)


def make_late(message, working_days=7):
    """Move the message's receipt back so that its 5-working-day deadline has passed."""
    calendar = current_calendar()
    today = timezone.localdate()
    received = today - timedelta(days=1)
    while calendar.working_days_between(received, today) < working_days:
        received -= timedelta(days=1)
    Message.objects.filter(pk=message.pk).update(
        received_at=received_at(received), due_on=calendar.add_working_days(received, 5)
    )
    message.refresh_from_db()
    return message


def received_at(day):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def test_reminders_go_to_the_department_once_a_day(citizen, category, department, office):
    late = make_late(write(citizen, category, addressee=department).message)
    write(citizen, category, nonce="q" * 24)  # not yet routed: the office is reminded
    assert services.reminders_send(warn_days=10) == 2
    recipients = sorted(address for sent in mail.outbox for address in sent.to)
    assert recipients == ["office@example.com", "zjj@example.com"]
    assert any(late.tracking_number in sent.body and "overdue" in sent.body for sent in mail.outbox)
    assert services.reminders_send(warn_days=10) == 0


def test_a_late_reply_counts_as_overdue_in_the_statistics(
    citizen, category, department, editor, head
):
    on_time = write(citizen, category, addressee=department).message
    answered(on_time, editor, head)
    late = make_late(write(citizen, category, addressee=department, nonce="l" * 24).message)
    assert list(selectors.overdue(editor)) == [late]
    answered(late, editor, head)
    services.message_rate(message=late, user=citizen.user, rating=2, solved=False)
    [row] = selectors.department_stats()
    assert row.department == department
    stats = row.stats
    assert (stats.received, stats.replied, stats.on_time, stats.overdue) == (2, 2, 1, 1)
    assert stats.satisfaction == 2 and stats.solved_share == 0
    assert list(selectors.overdue(editor)) == []


def test_the_writer_finds_their_messages_in_my_items(citizen, category):
    message = write(citizen, category).message
    [item] = selectors.my_messages(citizen.user)
    assert item.reference == message.tracking_number
    assert item.url == f"/interaction/mine/{message.pk}/"
    assert selectors.my_messages(make_account(email="x@example.com").user) == []
