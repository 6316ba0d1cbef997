"""Entries promoted from a reply, published only through sign-off, flagged when a document
they rest on is repealed, and reviewed by their department."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.actions.publish_revision import PublishPermissionError

from gongkai.core.audit import history
from gongkai.core.roles import Role
from gongkai.documents import services as document_services
from gongkai.interaction.models import Message
from gongkai.knowledge import services
from gongkai.knowledge.models import AnswerValidity, PolicyAnswer
from tests.factories import make_document, make_user, publish_object
from tests.interaction.conftest import answered_message
from tests.knowledge.conftest import make_answer

pytestmark = pytest.mark.django_db


def test_a_reply_becomes_a_draft_entry_without_the_citizens_personal_data(
    message, editor, department
):
    Message.objects.filter(pk=message.pk).update(
        title="张三丰咨询房租补贴",
        body="我是张三丰，电话13812345678，住观山湖区金华路8号3栋2单元501室，想问房租补贴。",
        reply="张三丰您好：房租补贴请向产业发展局申报。",
    )
    message.refresh_from_db()
    answer = services.answer_promote(message=message, user=editor)
    assert not answer.live and answer.department == department
    assert answer.source_message == message
    for text in (answer.question, answer.answer):
        assert "张三丰" not in text and "13812345678" not in text and "501室" not in text
    assert "张**" in answer.question and "138****5678" in answer.question
    assert answer.answer.startswith("张**您好")
    assert answer.revisions.count() == 1
    assert [event.action for event in history(answer)] == ["policy_answer.promote"]


def test_only_an_answered_message_the_writer_let_be_public_is_promoted(message, editor):
    Message.objects.filter(pk=message.pk).update(wants_private=True)
    message.refresh_from_db()
    with pytest.raises(ValidationError):
        services.answer_promote(message=message, user=editor)
    Message.objects.filter(pk=message.pk).update(wants_private=False, state="assigned", reply="")
    message.refresh_from_db()
    with pytest.raises(ValidationError):
        services.answer_promote(message=message, user=editor)
    assert not PolicyAnswer.objects.exists()


def test_another_departments_reply_is_not_promoted(other_department, reviewer, editor):
    theirs = answered_message(other_department, reviewer)
    with pytest.raises(PermissionDenied):
        services.answer_promote(message=theirs, user=editor)
    assert services.answer_promote(message=theirs, user=reviewer).department == other_department


def test_an_entry_goes_live_only_through_sign_off(department, editor):
    draft = make_answer(department=department, publish=False)
    revision = draft.save_revision(user=editor)
    with pytest.raises(PublishPermissionError):
        revision.publish(user=editor)
    draft.refresh_from_db()
    assert not draft.live
    published = make_answer(department=department)
    assert published.live and published.published_on is not None
    assert "policy_answer.publish" in [event.action for event in history(published)]


def test_repealing_a_document_flags_the_entries_resting_on_it(department, basis, office):
    resting = make_answer(department=department, documents=[basis])
    other = make_answer(department=department, documents=[make_document(department=department)])
    reviewer = make_user(role=Role.REVIEWER, department=office)
    document_services.document_change_validity(
        document=basis, user=reviewer, validity="amended", reason="修订"
    )
    resting.refresh_from_db()
    assert resting.validity == AnswerValidity.EFFECTIVE
    document_services.document_change_validity(
        document=basis, user=reviewer, validity="repealed", reason="废止"
    )
    resting.refresh_from_db()
    other.refresh_from_db()
    assert resting.validity == AnswerValidity.NEEDS_REVIEW and resting.flagged_at is not None
    assert basis.title in resting.review_reason
    assert other.validity == AnswerValidity.EFFECTIVE
    assert "policy_answer.flag" in [event.action for event in history(resting)]


def test_a_new_revision_signed_off_keeps_the_flag(department, basis, reviewer):
    answer = make_answer(department=department, documents=[basis])
    document_services.document_change_validity(document=basis, user=reviewer, validity="expired")
    answer.refresh_from_db()
    answer.answer = "该措施已失效，请参照新文件申报。"
    answer = publish_object(answer)
    assert answer.answer.startswith("该措施已失效")
    assert answer.validity == AnswerValidity.NEEDS_REVIEW


def test_the_department_reviews_a_flagged_entry(department, basis, head, editor, reviewer):
    answer = make_answer(department=department, documents=[basis])
    with pytest.raises(ValidationError):  # not flagged
        services.answer_review(answer=answer, user=head, outcome="effective")
    document_services.document_change_validity(document=basis, user=reviewer, validity="repealed")
    answer.refresh_from_db()
    with pytest.raises(PermissionDenied):  # editors draft; heads and the office review
        services.answer_review(answer=answer, user=editor, outcome="effective")
    with pytest.raises(ValidationError):  # withdrawing needs a reason
        services.answer_review(answer=answer, user=head, outcome="withdrawn")
    services.answer_review(answer=answer, user=head, outcome="withdrawn", note="措施已废止")
    answer.refresh_from_db()
    assert answer.validity == AnswerValidity.WITHDRAWN and answer.reviewed_by == head
    assert not answer.is_public
