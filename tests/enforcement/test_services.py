"""Decisions (clock, masking, publication, withdrawal, retention), feedback, item lists,
inspection plans and statistics, through the services."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from gongkai.core import calendar
from gongkai.core import services as core_services
from gongkai.core.models import AuditEvent, HolidayArrangement
from gongkai.enforcement import selectors, services
from gongkai.enforcement.models import Decision, Feedback, PlanStatus, Status
from tests.enforcement.conftest import ADULT_ID, MINOR_ID, make_decision, uscc

pytestmark = pytest.mark.django_db


def test_the_deadline_skips_national_day_and_the_public_version_is_masked(decision):
    assert decision.publication_due == date(2026, 10, 14)
    assert decision.public_target_name == "王**"
    assert ADULT_ID not in decision.public_facts and "13985012345" not in decision.public_facts
    assert "王秀英" not in decision.public_facts and "当事人王**" in decision.public_facts
    assert services.publication_problems(decision) == []
    assert AuditEvent.objects.filter(action="enforcement.decision.create").count() == 1


def test_an_organisation_needs_a_valid_credit_code(department, head):
    with pytest.raises(ValidationError) as refused:
        make_decision(department=department, user=head, target_kind="legal", target_code="123")
    assert "target_code" in refused.value.message_dict
    company = make_decision(
        department=department,
        user=head,
        target_kind="legal",
        target_name="贵阳某某餐饮有限公司",
        target_code=uscc(),
        kind="licence",
        facts="申请食品经营许可，材料齐全。",
    )
    assert company.public_target_name == "贵阳某某餐饮有限公司"


def test_publication_is_blocked_by_personal_data_left_and_by_minors(department, head):
    decision = make_decision(department=department, user=head)
    decision.public_facts = "当事人王秀英，住址贵阳市云岩区中华北路88号2栋3单元501室。"
    with pytest.raises(ValidationError) as blocked:
        services.decision_publish(decision, user=head)
    assert len(blocked.value.messages) == 2
    minor = make_decision(department=department, user=head, target_code=MINOR_ID)
    assert minor.minor
    with pytest.raises(ValidationError):
        services.decision_publish(minor, user=head)


def test_another_department_cannot_publish(decision, other_head):
    with pytest.raises(PermissionDenied):
        services.decision_publish(decision, user=other_head)


def test_publish_revoke_and_withdraw_with_their_clocks(decision, head, monkeypatch):
    services.decision_publish(decision, user=head)
    assert decision.status == Status.PUBLISHED
    assert decision.takedown_on == date(2028, 9, 29)  # natural person, penalty: 2 years
    assert list(selectors.public_decisions()) == [decision]
    event_on = timezone.localdate()
    services.decision_revoke(
        decision, user=head, reason="revoked", event_on=event_on, note="复议撤销", take_down=False
    )
    assert decision.withdrawal_due > event_on
    assert decision.is_public
    late_day = decision.withdrawal_due + timedelta(days=1)
    rows = selectors.queue(today=late_day)
    assert [(r.action, r.late) for r in rows] == [("withdraw", True)]
    services.decision_take_down(decision, user=head)
    assert decision.status == Status.WITHDRAWN
    assert list(selectors.public_decisions()) == []
    assert selectors.queue(today=late_day) == []
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"enforcement.decision.revoked", "enforcement.decision.withdraw"} <= actions


def test_unpublished_decisions_past_their_deadline_are_in_the_queue(decision):
    assert selectors.queue(today=date(2026, 10, 13)) == []
    [row] = selectors.queue(today=date(2026, 10, 15))
    assert row.action == "publish" and row.late and row.due == date(2026, 10, 14)
    [soon] = selectors.queue(today=date(2026, 10, 12), due_by=date(2026, 10, 14))
    assert not soon.late


def test_retention_takes_expired_decisions_down_and_audits_each(department, head):
    old = make_decision(department=department, user=head, decided_on=date(2023, 3, 1), publish=True)
    new = make_decision(department=department, user=head, publish=True)
    assert services.expired_take_down(today=date(2026, 12, 1)) == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (Status.EXPIRED, Status.PUBLISHED)
    assert AuditEvent.objects.filter(action="enforcement.decision.expire").count() == 1


def national_day_2027() -> HolidayArrangement:
    """The 2027 arrangement with 国庆 10-01..10-08 and no make-up days."""
    return HolidayArrangement.objects.create(
        year=2027,
        holidays=[{"name": "国庆节", "first": "2027-10-01", "last": "2027-10-08"}],
        makeup_workdays=[],
    )


def enter_national_day_2027(head, django_capture_on_commit_callbacks) -> None:
    """Enter it as the back office does, running what waits for the commit."""
    arrangement = national_day_2027()
    with django_capture_on_commit_callbacks(execute=True):
        core_services.holiday_arrangement_saved(arrangement=arrangement, user=head)


def test_a_new_holiday_arrangement_moves_pending_deadlines(department, head):
    decision = make_decision(department=department, user=head, decided_on=date(2027, 9, 29))
    assert decision.publication_due == date(2027, 10, 13)  # provisional: 10-01..10-05 off
    national_day_2027()
    calendar.invalidate()
    assert services.deadlines_recompute() == 1
    decision.refresh_from_db()
    assert decision.publication_due == date(2027, 10, 18)


def test_entering_an_arrangement_moves_only_the_pending_deadlines_it_can_move(
    department, head, django_capture_on_commit_callbacks
):
    draft = make_decision(department=department, user=head, decided_on=date(2027, 9, 29))
    published = make_decision(
        department=department, user=head, decided_on=date(2027, 9, 29), publish=True
    )
    Decision.objects.filter(pk=published.pk).update(
        withdrawal_reason="revoked",
        withdrawal_event_on=date(2027, 9, 29),
        withdrawal_due=date(2027, 10, 7),  # provisional: 10-01..10-05 off
    )
    # Counted before December 2026, so a 2027 notice cannot move it: a stale date left there
    # shows it is not even looked at.
    earlier = make_decision(department=department, user=head, decided_on=date(2026, 9, 29))
    Decision.objects.filter(pk=earlier.pk).update(publication_due=date(2026, 10, 16))
    enter_national_day_2027(head, django_capture_on_commit_callbacks)
    for decision in (draft, published, earlier):
        decision.refresh_from_db()
    assert draft.publication_due == date(2027, 10, 18)
    assert (published.publication_due, published.withdrawal_due) == (
        date(2027, 10, 13),
        date(2027, 10, 12),
    )
    assert earlier.publication_due == date(2026, 10, 16)
    assert services.deadlines_recompute() == 1
    earlier.refresh_from_db()
    assert earlier.publication_due == date(2026, 10, 14)


def test_entering_an_arrangement_moves_the_reply_deadlines_of_unanswered_feedback(
    department, head, django_capture_on_commit_callbacks
):
    decision = make_decision(department=department, user=head, publish=True)
    # Just after midnight in Beijing, still 2027-09-29 in UTC: the local day counts.
    submitted = timezone.make_aware(datetime(2027, 9, 30, 0, 30))
    unanswered, answered = (
        services.feedback_submit(
            decision=decision, kind="wrong", text="罚款金额有误。", name="", contact="", nonce=nonce
        ).feedback
        for nonce in ("a" * 24, "b" * 24)
    )
    services.feedback_reply(answered, user=head, reply="已核实。")
    # 10 working days from 2027-09-30 with the provisional 10-01..10-05 off.
    Feedback.objects.update(created_at=submitted, reply_due=date(2027, 10, 19))
    enter_national_day_2027(head, django_capture_on_commit_callbacks)
    unanswered.refresh_from_db()
    answered.refresh_from_db()
    assert unanswered.reply_due == date(2027, 10, 22)
    assert answered.reply_due == date(2027, 10, 19)


def test_feedback_is_idempotent_and_gets_a_reply_deadline(decision, head):
    services.decision_publish(decision, user=head)
    args = {
        "decision": decision,
        "kind": "wrong",
        "text": "罚款金额有误。",
        "name": "",
        "contact": "",
    }
    first = services.feedback_submit(nonce="n" * 24, **args)
    again = services.feedback_submit(nonce="n" * 24, **args)
    assert first.created and not again.created and Feedback.objects.count() == 1
    assert first.feedback.reply_due > timezone.localdate()
    services.feedback_reply(first.feedback, user=head, reply="已核实更正。")
    assert first.feedback.replied_at is not None


def test_feedback_only_on_published_decisions(decision):
    with pytest.raises(ValidationError):
        services.feedback_submit(
            decision=decision, kind="wrong", text="x" * 10, name="", contact="", nonce="m" * 24
        )


def test_item_list_versions_and_their_changes(department, head):
    row = {"name": "对销售过期食品的处罚", "kind": "penalty", "legal_basis": "食品安全法",
               "acting_body": "市场监督管理局"}  # fmt: skip
    first = services.item_list_publish(department=department, rows=[row], note="", user=head)
    changed = dict(row, legal_basis="食品安全法第一百二十四条")
    added = dict(row, name="食品经营许可", kind="licence")
    second = services.item_list_publish(
        department=department, rows=[changed, added], note="", user=head
    )
    assert (first.number, second.number) == (1, 2)
    changes = selectors.changes(list(first.items.all()), list(second.items.all()))
    assert [(c.action, c.name, c.fields) for c in changes] == [
        ("added", "食品经营许可", ()),
        ("changed", "对销售过期食品的处罚", ("legal_basis",)),
    ]


def test_the_draw_commits_first_then_verifies(plan, head, capsys):
    with pytest.raises(ValidationError):
        services.plan_draw(plan, user=head)
    services.plan_commit(plan, user=head)
    assert plan.status == PlanStatus.COMMITTED and len(plan.seed_commitment) == 64
    assert "seed" not in services.plan_export(plan)
    with pytest.raises(ValidationError):
        services.plan_save(plan, user=head)
    services.plan_draw(plan, user=head)
    assert len(plan.result) == 5
    assert all(c.ok for c in services.plan_verify(plan))
    call_command("inspections", "verify", str(plan.pk))
    assert "OK" in capsys.readouterr().out
    plan.entities = [*plan.entities, "后来加入的公司"]
    plan.save()
    assert not all(c.ok for c in services.plan_verify(plan))
    with pytest.raises(Exception, match="verification failed"):
        call_command("inspections", "verify", str(plan.pk))


def test_results_are_published_masked(plan, head):
    services.plan_commit(plan, user=head)
    services.plan_draw(plan, user=head)
    entity = plan.result[0]["entity"]
    result = services.result_record(
        plan, user=head, entity=entity, outcome="problem", inspected_on=date(2026, 11, 2),
        follow_up="责令整改，负责人联系电话：13985012345",
    )  # fmt: skip
    assert "13985012345" not in result.public_follow_up
    with pytest.raises(ValidationError):
        services.result_record(
            plan, user=head, entity="未抽中的公司", outcome="problem",
            inspected_on=date(2026, 11, 2), follow_up="",
        )  # fmt: skip


def test_statistics_and_report_counts(department, head, other_department):
    make_decision(department=department, user=head, publish=True)
    make_decision(department=department, user=head, kind="licence", penalty_amount=None)
    make_decision(department=department, user=head, kind="inspection", penalty_amount=None)
    counts = selectors.report_counts(year=2026)
    assert counts == {"licence": 1, "penalty": 1, "coercion": 0}
    assert selectors.report_counts(year=2026, department_ids=[other_department.pk])["penalty"] == 0
    rows = {r["kind"]: r for r in selectors.statistics(year=2026)}
    assert rows["penalty"]["published"] == 1 and rows["penalty"]["amount"] == 5000
    assert rows["licence"]["published"] == 0


def test_reminders_go_to_the_department(decision, department, editor, mailoutbox=None):
    from django.core import mail

    editor.email = "editor@example.com"
    editor.save()
    assert services.reminders_send(today=date(2026, 10, 13)) == 1
    assert "筑市监罚" in mail.outbox[-1].body
    assert Decision.objects.count() == 1
