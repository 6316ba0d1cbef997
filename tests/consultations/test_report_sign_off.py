"""The adoption report (意见采纳情况说明) goes public only through the sign-off workflow (issue 9
§2): the drafting department generates and edits a draft and submits it, its head reviews (the
report is in the head's review list), the office signs it off. Until then the report is on no
public page, the consultation still waits for it (public list, assessment indicator, the rule
holding back a major decision's document) and nobody is mailed; no button, service or
``publish()`` call puts it live; an edit of a published report waits for sign-off again while
the public keeps the published text. The audit log names who acted at each step."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import ModelLogEntry, TaskState
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.assessment.indicator_rows import consultation_rows
from gongkai.assessment.scoring import Period
from gongkai.consultations import selectors, services
from gongkai.consultations.models import AdoptionReport
from gongkai.consultations.publication import major_decision_problems
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.publication import sign_off_through
from tests.consultations.conftest import close
from tests.factories import make_department, make_document, make_user

pytestmark = pytest.mark.django_db

DETAIL_TEXT = "采纳1条"


@pytest.fixture
def head(department):
    return make_user(role=Role.HEAD, department=department)


@pytest.fixture
def disposed(consultation, citizen, editor):
    """A closed consultation whose one published comment is adopted."""
    comment = services.comment_submit(
        consultation=consultation, user=citizen.user, text="建议延长补贴期限。", nonce="d" * 24
    ).comment
    services.comment_approve(comment=comment, user=editor)
    close(consultation)
    services.comments_dispose(
        consultation=consultation, comment_ids=[comment.pk], user=editor,
        disposition="adopted", reason="",
    )  # fmt: skip
    return consultation


def submit(report, user):
    report.save_revision(user=user)
    return report.get_workflow().start(report, user)


def act(report, user, action, **data):
    state = report.current_workflow_state
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, user, action, **data)
    report.refresh_from_db()


CHECKS = {"political": True, "policy": True, "content": True}


def public_text(client, consultation) -> str:
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def indicator_row(consultation):
    period = Period(consultation.ends_on.year)
    [row] = [r for r in consultation_rows(period, None) if r.pk == consultation.pk]
    return row


def test_the_report_is_public_only_once_the_head_and_the_office_signed_it_off(
    client, disposed, editor, head, reviewer, django_capture_on_commit_callbacks
):
    consultation = disposed
    document = make_document(department=consultation.department, publish=False)
    type(consultation).objects.filter(pk=consultation.pk).update(
        final_document=document, is_major_decision=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_generate(consultation=consultation, user=editor)
    assert not report.live and DETAIL_TEXT in report.text

    def still_waiting():
        assert DETAIL_TEXT not in public_text(client, consultation)
        assert consultation in [w.consultation for w in selectors.awaiting_reports()]
        assert indicator_row(consultation).done_on is None
        assert [p.code for p in major_decision_problems(document)] == ["consultation_report"]
        assert mail.outbox == []

    still_waiting()
    submit(report, editor)
    [waiting] = TaskState.objects.reviewable_by(head)
    assert waiting.revision.object_id == str(report.pk)
    other_head = make_user(role=Role.HEAD, department=make_department(name="财政局"))
    assert not TaskState.objects.reviewable_by(other_head).exists()
    client.force_login(head)
    assert str(report) in client.get("/admin/").content.decode()
    client.logout()
    act(report, head, "approve")
    still_waiting()
    with django_capture_on_commit_callbacks(execute=True):
        act(report, reviewer, "approve", **CHECKS)

    assert report.live
    assert DETAIL_TEXT in public_text(client, consultation)
    assert consultation not in [w.consultation for w in selectors.awaiting_reports()]
    assert indicator_row(consultation).done_on == timezone.localdate()
    assert major_decision_problems(document) == []
    assert [m.to[0] for m in mail.outbox] == ["citizen@example.com"]

    def actor(action):
        return AuditEvent.objects.get(
            action=action, object_type="consultations.adoptionreport", object_id=str(report.pk)
        ).actor

    assert actor("adoption_report.generate") == editor
    assert actor("sign_off.approve") == reviewer
    assert actor("adoption_report.publish") == reviewer
    approvals = ModelLogEntry.objects.for_instance(report).filter(action="wagtail.workflow.approve")
    assert {entry.user for entry in approvals} == {head, reviewer}


def test_no_service_button_or_code_publishes_a_report(client, disposed, editor, reviewer):
    report = services.report_generate(consultation=disposed, user=editor)
    with pytest.raises(PublishPermissionError):
        report.save_revision(user=reviewer).publish(user=reviewer)
    edit = reverse("wagtailsnippets_consultations_adoptionreport:edit", args=[report.pk])
    client.force_login(reviewer)
    page = client.get(edit).content.decode()
    assert 'name="action-publish"' not in page
    data = querydict_from_html(page, form_id="w-editor-form")
    data["action-publish"] = "action-publish"
    client.post(edit, data)
    add = reverse("wagtailsnippets_consultations_adoptionreport:add")
    assert client.get(add).status_code in (302, 403)
    report.refresh_from_db()
    assert not report.live and not AdoptionReport.objects.filter(live=True).exists()


def test_regenerating_is_refused_under_review_and_once_published(disposed, editor, head, reviewer):
    report = services.report_generate(consultation=disposed, user=editor)
    submit(report, editor)
    with pytest.raises(ValidationError) as refused:
        services.report_generate(consultation=disposed, user=editor)
    assert refused.value.code == "in_review"
    act(report, head, "approve")
    act(report, reviewer, "approve", **CHECKS)
    with pytest.raises(ValidationError) as refused:
        services.report_generate(consultation=disposed, user=editor)
    assert refused.value.code == "published"


def test_a_report_before_the_close_cannot_be_signed_off(consultation, editor, head, reviewer):
    report = services.report_generate(consultation=consultation, user=editor)  # no comments yet
    submit(report, editor)
    act(report, head, "approve")
    with pytest.raises(ValidationError) as refused:
        act(report, reviewer, "approve", **CHECKS, override_reason="着急")
    assert "征求意见期结束后" in " ".join(refused.value.messages)
    assert not AdoptionReport.objects.get(pk=report.pk).live


def test_an_edit_of_a_published_report_waits_for_sign_off_again(
    client, disposed, editor, head, reviewer, django_capture_on_commit_callbacks
):
    report = services.report_generate(consultation=disposed, user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        sign_off_through(report, submitter=editor, head=head, reviewer=reviewer)
    mail.outbox.clear()
    edit = reverse("wagtailsnippets_consultations_adoptionreport:edit", args=[report.pk])
    client.force_login(editor)
    data = querydict_from_html(client.get(edit).content.decode(), form_id="w-editor-form")
    data["text"] = report.text + "\n补充说明：已与相关部门会商。"
    data["action-submit"] = "action-submit"
    assert client.post(edit, data).status_code == 302
    client.logout()
    report.refresh_from_db()
    assert report.live and report.has_unpublished_changes and report.workflow_in_progress
    assert "补充说明" not in public_text(client, disposed)
    assert AuditEvent.objects.get(action="adoption_report.edit").actor == editor

    act(report, head, "approve")
    with django_capture_on_commit_callbacks(execute=True):
        act(report, reviewer, "approve", **CHECKS)
    assert "补充说明" in public_text(client, disposed)
    assert mail.outbox == []  # commenters were told at the first publication


def test_a_report_taken_off_line_is_waited_for_again(client, disposed, editor, head, reviewer):
    report = services.report_generate(consultation=disposed, user=editor)
    sign_off_through(report, submitter=editor, head=head, reviewer=reviewer)
    assert DETAIL_TEXT in public_text(client, disposed)
    client.force_login(reviewer)
    unpublish = reverse("wagtailsnippets_consultations_adoptionreport:unpublish", args=[report.pk])
    assert client.post(unpublish).status_code == 302
    client.logout()
    assert DETAIL_TEXT not in public_text(client, disposed)
    assert disposed in [w.consultation for w in selectors.awaiting_reports()]
    assert indicator_row(disposed).done_on is None
    event = AuditEvent.objects.get(action="adoption_report.unpublish")
    assert event.actor == reviewer
