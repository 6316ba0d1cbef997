"""Consultations end to end through the services: publication by sign-off, comments,
moderation, reports, dispositions, the adoption report, permissions, page cache and audit."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.models import ParticipationSettings
from gongkai.consultations import selectors, services
from gongkai.consultations.models import Comment, CommentStatus, Consultation
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.selectors import publication_problems
from tests.accounts.conftest import make_account
from tests.consultations.conftest import close, make_consultation
from tests.factories import make_department, make_document, make_user, publish_object

# Mail goes out once the transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)

NONCE = "n" * 24


def submit(consultation, account, text="建议延长补贴期限。", nonce=NONCE, clause=None):
    return services.comment_submit(
        consultation=consultation,
        user=account.user,
        text=text,
        nonce=nonce,
        clause_id=clause.pk if clause else None,
    )


def test_published_through_sign_off_with_audit(consultation):
    assert consultation.live
    assert AuditEvent.objects.filter(
        action="consultation.publish", object_id=str(consultation.pk)
    ).exists()
    assert selectors.public_consultation(consultation.pk) == consultation


def test_sign_off_checks_the_short_period_reason(department):
    draft = make_consultation(department=department, publish=False, days_open=10)
    codes = [problem.code for problem in publication_problems(draft)]
    assert "short_period" in codes
    draft.short_period_reason = "政策窗口期紧迫"
    assert "short_period" not in [p.code for p in publication_problems(draft)]


def test_comment_is_pending_and_a_double_submit_makes_one(consultation, citizen):
    clause = consultation.clauses.first()
    first = submit(consultation, citizen, clause=clause)
    again = submit(consultation, citizen, clause=clause)
    assert first.created and not again.created
    assert again.comment.pk == first.comment.pk
    assert Comment.objects.count() == 1
    assert first.comment.status == CommentStatus.PENDING
    assert first.comment.tracking_number.startswith("YJ")


def test_bad_input_is_refused_and_nothing_written(consultation, citizen):
    with pytest.raises(ValidationError):
        submit(consultation, citizen, text="   ")
    with pytest.raises(ValidationError):
        submit(consultation, citizen, text="长" * 5001)
    with pytest.raises(ValidationError):
        submit(consultation, citizen, nonce="short")
    other = make_consultation()
    with pytest.raises(ValidationError):
        submit(consultation, citizen, clause=other.clauses.first())
    assert not Comment.objects.exists()


def test_script_is_kept_as_text(consultation, citizen):
    comment = submit(consultation, citizen, text="<script>alert(1)</script>").comment
    assert comment.text == "<script>alert(1)</script>"


def test_only_verified_unblocked_accounts_while_open(consultation, db):
    unverified = make_account(email="new@example.com", verified=False)
    with pytest.raises(PermissionDenied):
        submit(consultation, unverified)
    staff = make_user(role=Role.EDITOR, department=consultation.department)
    with pytest.raises(PermissionDenied):
        services.comment_submit(consultation=consultation, user=staff, text="x", nonce=NONCE)
    closed = close(make_consultation())
    with pytest.raises(ValidationError):
        submit(closed, make_account(email="c@example.com"))


def test_blocked_word_refuses_at_once_and_tells_the_commenter(consultation, citizen):
    settings = ParticipationSettings.load()
    settings.blocked_words = "赌博\n"
    settings.save()
    mail.outbox.clear()
    comment = submit(consultation, citizen, text="欢迎来玩赌博网站").comment
    assert comment.status == CommentStatus.REJECTED
    assert comment.refusal_reason
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    [item] = selectors.my_comments(citizen.user)
    assert comment.refusal_reason in item.note


def test_moderation_by_the_department_only(consultation, citizen, editor):
    comment = submit(consultation, citizen).comment
    stranger = make_user(role=Role.EDITOR, department=make_department())
    with pytest.raises(PermissionDenied):
        services.comment_approve(comment=comment, user=stranger)
    assert list(selectors.moderation_queue(stranger)) == []
    assert list(selectors.moderation_queue(editor)) == [comment]
    services.comment_approve(comment=comment, user=editor)
    assert [c.pk for c in selectors.published_comments(consultation)] == [comment.pk]


def test_refusal_needs_a_reason_and_is_mailed(consultation, citizen, editor):
    comment = submit(consultation, citizen).comment
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.comment_refuse(comment=comment, user=editor, reason=" ")
    services.comment_refuse(comment=comment, user=editor, reason="与草案无关")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert "与草案无关" in mail.outbox[-1].body


def test_reports_by_others_hide_a_comment(consultation, citizen, editor):
    settings = ParticipationSettings.load()
    settings.reports_to_hide = 2
    settings.save()
    comment = submit(consultation, citizen).comment
    services.comment_approve(comment=comment, user=editor)
    with pytest.raises(ValidationError):
        services.comment_report(comment=comment, user=citizen.user)  # one's own
    first = make_account(email="r1@example.com")
    services.comment_report(comment=comment, user=first.user)
    services.comment_report(comment=comment, user=first.user)  # counted once
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED
    services.comment_report(comment=comment, user=make_account(email="r2@example.com").user)
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.HIDDEN
    assert comment in selectors.moderation_queue(editor)


def _closed_with_comments(consultation, editor, accounts):
    comments = []
    for index, account in enumerate(accounts):
        comment = submit(consultation, account, nonce=f"nonce-{index:020d}").comment
        services.comment_approve(comment=comment, user=editor)
        comments.append(comment)
    return close(consultation), comments


def test_dispose_in_bulk_then_report_published_by_the_office(
    consultation, citizen, other_citizen, editor, reviewer
):
    consultation, (a, b) = _closed_with_comments(consultation, editor, [citizen, other_citizen])
    with pytest.raises(ValidationError):  # a reason for anything but adoption
        services.comments_dispose(
            consultation=consultation, comment_ids=[a.pk], user=editor,
            disposition="not_adopted", reason="",
        )  # fmt: skip
    with pytest.raises(ValidationError):  # not every comment disposed of yet
        services.report_generate(consultation=consultation, user=editor)
    count = services.comments_dispose(
        consultation=consultation, comment_ids=[a.pk, b.pk], user=editor,
        disposition="partly_adopted", reason="已在第一条中部分吸收",
    )  # fmt: skip
    assert count == 2
    report = services.report_generate(consultation=consultation, user=editor)
    assert "部分采纳2条" in report.text and not report.live
    mail.outbox.clear()
    publish_object(report)
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert consultation.phase() == "reported"
    assert sorted(m.to[0] for m in mail.outbox) == ["citizen@example.com", "other@example.com"]
    with pytest.raises(ValidationError):  # an edit of a published report goes to sign-off
        services.report_generate(consultation=consultation, user=editor)
    assert AuditEvent.objects.filter(action="comment.dispose").count() == 2
    [item] = selectors.my_comments(citizen.user)
    assert item.note == "已在第一条中部分吸收"


def test_dispositions_wait_for_the_close(consultation, citizen, editor):
    comment = submit(consultation, citizen).comment
    services.comment_approve(comment=comment, user=editor)
    with pytest.raises(ValidationError):
        services.comments_dispose(
            consultation=consultation, comment_ids=[comment.pk], user=editor,
            disposition="adopted", reason="",
        )  # fmt: skip


def test_waiting_list_counts_working_days(consultation, citizen, editor):
    close(consultation)
    [waiting] = selectors.awaiting_reports()
    assert waiting.consultation == consultation
    assert waiting.working_days in (0, 1)


def test_major_decision_document_waits_for_the_report(department, editor, reviewer):
    document = make_document(department=department, publish=False)
    consultation = close(make_consultation(department=department, is_major_decision=True))
    Consultation.objects.filter(pk=consultation.pk).update(final_document=document)
    assert "consultation_report" in [p.code for p in publication_problems(document)]
    publish_object(services.report_generate(consultation=consultation, user=editor))
    assert "consultation_report" not in [p.code for p in publication_problems(document)]


def test_no_override_publishes_a_major_decision_before_its_report(department, editor, reviewer):
    document = make_document(department=department, publish=False)
    consultation = close(make_consultation(department=department, is_major_decision=True))
    Consultation.objects.filter(pk=consultation.pk).update(final_document=document)
    with pytest.raises(ValidationError) as refused:
        publish_object(document)
    assert "采纳情况说明尚未发布" in " ".join(refused.value.messages)
    document.refresh_from_db()
    assert not document.live
    document.current_workflow_state.cancel(user=reviewer)
    publish_object(services.report_generate(consultation=consultation, user=editor))
    assert publish_object(document).live
