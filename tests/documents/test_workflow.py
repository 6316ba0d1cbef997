"""The sign-off workflow end to end through Wagtail's workflow engine and our services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import TaskState, WorkflowState

from gongkai.core.audit import history, verify_chain
from gongkai.core.roles import Role
from gongkai.documents import services
from gongkai.documents.models import Document, SignOffRecord, Validity
from gongkai.documents.selectors import public_interpretations, publication_problems
from tests import factories
from tests.consultations.conftest import make_consultation
from tests.knowledge.conftest import make_answer

pytestmark = pytest.mark.django_db

CHECKS = {"political": True, "policy": True, "content": True}


@pytest.fixture
def office():
    dept = factories.department("财政局", code="czj")
    office_dept = factories.department("党政办公室", code="dzb", is_openness_office=True)
    return {
        "dept": dept,
        "editor": factories.staff_user(Role.EDITOR, dept),
        "head": factories.staff_user(Role.HEAD, dept),
        "reviewer": factories.staff_user(Role.REVIEWER, office_dept),
    }


def submit(obj, user):
    obj.save_revision(user=user)
    return obj.get_workflow().start(obj, user)


def act(obj, user, action, **data):
    obj.refresh_from_db()
    task_state = obj.current_workflow_task_state.specific
    return task_state.task.specific.on_action(task_state, user, action, **data)


def sign_off(obj, user, **data):
    return act(obj, user, "approve", **{**CHECKS, "comment": "", "override_reason": "", **data})


def test_document_with_interpretation_goes_live_together(office):
    document = factories.draft_document(dept=office["dept"])
    interpretation = factories.interpretation(document, live=False)

    submit(interpretation, office["editor"])
    act(interpretation, office["head"], "approve")
    sign_off(interpretation, office["reviewer"])
    interpretation.refresh_from_db()
    assert interpretation.live
    assert interpretation not in public_interpretations(), "not public before its document"

    submit(document, office["editor"])
    act(document, office["head"], "approve")
    sign_off(document, office["reviewer"], comment="同意发布")
    document.refresh_from_db()

    assert document.live and document.is_public
    assert document.published_on is not None
    assert document.index_number.startswith("czj/2025-")
    assert interpretation in public_interpretations()
    record = SignOffRecord.objects.get(document=document)
    assert (record.political, record.policy, record.content) == (True, True, True)
    actions = [event.action for event in history(document)]
    assert actions[0] == "document.create"
    assert "sign_off.approve" in actions and actions[-1] == "document.publish"
    assert verify_chain() is None


def test_sign_off_blocked_without_approved_interpretation(office):
    document = factories.draft_document(dept=office["dept"])
    submit(document, office["editor"])
    act(document, office["head"], "approve")

    with pytest.raises(ValidationError):
        sign_off(document, office["reviewer"])
    document.refresh_from_db()
    assert not document.live
    assert document.current_workflow_task.specific.name == "政务公开办审签"


def test_override_needs_reason_and_is_recorded(office):
    document = factories.draft_document(
        dept=office["dept"],
        body="<p>联系人手机 13812345678。</p>",
        kind=factories.document_kind("表彰决定", False),
    )
    codes = [problem.code for problem in publication_problems(document)]
    assert codes == ["personal_data.mobile"]
    submit(document, office["editor"])
    act(document, office["head"], "approve")

    with pytest.raises(ValidationError):
        sign_off(document, office["reviewer"])
    sign_off(document, office["reviewer"], override_reason="系公开的服务热线，经核实可公开。")

    document.refresh_from_db()
    assert document.live
    record = SignOffRecord.objects.get(document=document)
    assert record.overrides[0]["code"] == "personal_data.mobile"
    assert "服务热线" in record.override_reason
    event = next(e for e in history(document) if e.action == "sign_off.approve")
    assert "服务热线" in event.reason


def test_sign_off_needs_all_three_checks(office):
    document = factories.draft_document(
        dept=office["dept"], kind=factories.document_kind("表彰决定", False)
    )
    submit(document, office["editor"])
    act(document, office["head"], "approve")
    with pytest.raises(ValidationError):
        sign_off(document, office["reviewer"], policy=False)
    document.refresh_from_db()
    assert not document.live


def test_rejection_returns_to_editor_with_comment(office):
    document = factories.draft_document(dept=office["dept"])
    submit(document, office["editor"])
    act(document, office["head"], "reject", comment="请补充政策依据。")

    document.refresh_from_db()
    state = WorkflowState.objects.for_instance(document).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.for_instance(document).get(status=TaskState.STATUS_REJECTED)
    assert rejected.get_comment() == "请补充政策依据。"
    assert not document.live


def test_every_workflow_step_is_in_the_audit_log_with_its_person(office):
    document = factories.draft_document(dept=office["dept"])
    editor, head, reviewer = office["editor"], office["head"], office["reviewer"]
    workflow_state = submit(document, editor)
    act(document, head, "reject", comment="请补充政策依据。")
    workflow_state.refresh_from_db()
    workflow_state.resume(user=editor)
    act(document, head, "approve", comment="同意。")
    sign_off(document, reviewer, override_reason="测试。")
    steps = [(e.action, e.actor, (e.after or {}).get("comment")) for e in history(document)]
    assert steps[1:] == [
        ("head_review.submit", editor, ""),
        ("head_review.reject", head, "请补充政策依据。"),
        ("head_review.submit", editor, ""),
        ("head_review.approve", head, "同意。"),
        ("sign_off.approve", reviewer, ""),
        ("document.publish", reviewer, None),
    ]
    assert history(document)[1].after["task"] == "部门负责人审核"
    assert verify_chain() is None


def test_cancelling_a_submission_is_in_the_audit_log(office):
    document = factories.draft_document(dept=office["dept"])
    submit(document, office["editor"]).cancel(user=office["editor"])
    last = history(document)[-1]
    assert (last.action, last.actor) == ("workflow.cancel", office["editor"])


def test_only_the_drafting_departments_head_may_approve(office):
    other_head = factories.staff_user(Role.HEAD, factories.department("规划建设局", code="ghj"))
    document = factories.draft_document(dept=office["dept"])
    submit(document, office["editor"])
    task = document.current_workflow_task.specific
    assert task.get_actions(document, other_head) == []
    assert task.get_actions(document, office["editor"]) == []
    assert [name for name, *_ in task.get_actions(document, office["head"])][:2] == [
        "reject",
        "approve",
    ]


def test_withdraw_and_repeal(office):
    repealed = factories.published_document(dept=office["dept"])
    repealing = factories.draft_document(
        dept=office["dept"], kind=factories.document_kind("表彰决定", False)
    )
    factories.relation(repealing, "repeals", repealed)
    factories.publish(repealing)
    repealed.refresh_from_db()
    assert repealed.validity == Validity.REPEALED
    assert repealed.is_public, "a repealed document stays on the portal with its banner"

    with pytest.raises(PermissionDenied):
        services.document_withdraw(document=repealing, user=office["editor"], reason="有误")
    with pytest.raises(ValidationError):
        services.document_withdraw(document=repealing, user=office["reviewer"], reason=" ")
    services.document_withdraw(
        document=repealing, user=office["reviewer"], reason="文号有误，重新印发。"
    )
    repealing.refresh_from_db()
    assert not repealing.live and repealing.withdrawn_at is not None
    assert repealing.withdrawal_reason == "文号有误，重新印发。"


def test_republishing_keeps_numbering_and_validity(office):
    document = factories.published_document(dept=office["dept"])
    index_number = document.index_number
    services.document_change_validity(
        document=document, user=office["reviewer"], validity=Validity.EXPIRED
    )
    document.refresh_from_db()
    document.title = "关于测试事项的通知（修订稿）"
    factories.publish(document)
    document = Document.objects.get(pk=document.pk)
    assert document.index_number == index_number
    assert document.validity == Validity.EXPIRED
    assert document.title.endswith("（修订稿）")


def test_head_sees_every_item_waiting_for_review(client, office):
    """The head's "waiting for your review" list holds every item of the department in review,
    documents and interpretations alike, and nothing of another department (whose object ids
    may be the same numbers)."""
    documents = [
        factories.draft_document(dept=office["dept"], title=f"待审文件{n}") for n in range(3)
    ]
    interpretation = factories.interpretation(documents[0], live=False, title="待审解读")
    other_dept = factories.department("规划建设局", code="ghj")
    other = factories.draft_document(dept=other_dept, title="他部门待审文件")
    for obj in [*documents, interpretation]:
        submit(obj, office["editor"])
    submit(other, factories.staff_user(Role.EDITOR, other_dept))

    waiting = TaskState.objects.reviewable_by(office["head"])
    assert sorted(str(state.revision.as_object()) for state in waiting) == sorted(
        [*(doc.title for doc in documents), "待审解读"]
    )
    client.force_login(office["head"])
    dashboard = client.get("/admin/").content.decode()
    for title in ["待审文件0", "待审文件1", "待审文件2", "待审解读"]:
        assert title in dashboard
    assert "他部门待审文件" not in dashboard


def test_head_sees_consultations_and_policy_answers_waiting_for_review(client, office):
    """Consultations and 政策问答 entries go through the same workflow: the head's list holds
    every one of the department's in review beside its documents (several of each, so a
    subquery cut to its first row would show), and none of another department."""
    dept, editor = office["dept"], office["editor"]
    consultations = [
        make_consultation(department=dept, publish=False, title=f"待审征求意见{n}")
        for n in range(2)
    ]
    answers = [
        make_answer(department=dept, publish=False, question=f"待审问答{n}？") for n in range(3)
    ]
    document = factories.draft_document(dept=dept, title="待审文件")
    other_dept = factories.department("规划建设局", code="ghj")
    other_editor = factories.staff_user(Role.EDITOR, other_dept)
    others = [
        make_consultation(department=other_dept, publish=False, title="他部门待审征求意见"),
        make_answer(department=other_dept, publish=False, question="他部门待审问答？"),
    ]
    for obj in [*consultations, *answers, document]:
        submit(obj, editor)
    for obj in others:
        submit(obj, other_editor)

    ours = [
        "待审征求意见0",
        "待审征求意见1",
        "待审问答0？",
        "待审问答1？",
        "待审问答2？",
        "待审文件",
    ]
    waiting = TaskState.objects.reviewable_by(office["head"])
    assert sorted(str(state.revision.as_object()) for state in waiting) == sorted(ours)
    client.force_login(office["head"])
    dashboard = client.get("/admin/").content.decode()
    for title in ours:
        assert title in dashboard
    assert "他部门待审" not in dashboard
    other_head = factories.staff_user(Role.HEAD, other_dept)
    theirs = TaskState.objects.reviewable_by(other_head)
    assert sorted(str(state.revision.as_object()) for state in theirs) == sorted(
        ["他部门待审征求意见", "他部门待审问答？"]
    )
