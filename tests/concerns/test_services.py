from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.concerns import selectors, services
from gongkai.concerns.models import ConcernState
from gongkai.core.models import AuditEvent
from gongkai.core.permissions import DepartmentRefused
from gongkai.core.roles import Role
from gongkai.documents.selectors import publication_problems
from tests.concerns.conftest import concern_fields, record
from tests.factories import make_document, make_interpretation, make_user, publish_object


def test_a_department_records_its_concern_with_a_named_owner_and_the_audit_log(department, editor):
    concern = record(department, editor)
    assert concern.state == ConcernState.OPEN
    assert concern.owner == editor and concern.lead_department == department
    event = AuditEvent.objects.get(action="concern.record")
    assert event.object_id == str(concern.pk) and event.after["owner"] == editor.pk


def test_an_editor_cannot_record_a_concern_for_another_department(editor, other_department):
    with pytest.raises(DepartmentRefused):
        record(other_department, editor)


def test_the_owner_works_for_the_lead_department_or_the_office(
    department, other_department, editor, reviewer
):
    stranger = make_user(role=Role.EDITOR, department=other_department)
    with pytest.raises(ValidationError, match="责任人须为牵头部门"):
        services.concern_record(user=editor, fields=concern_fields(department, stranger))
    concern = services.concern_record(user=editor, fields=concern_fields(department, reviewer))
    assert concern.owner == reviewer


def test_a_concern_is_not_dated_ahead(department, editor):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="提出日期不能晚于今天"):
        record(department, editor, raised_on=tomorrow)


def test_supporting_departments_see_the_concern_a_third_does_not(
    department, other_department, editor, office
):
    concern = record(department, editor, supporting_departments=[other_department, department])
    assert list(concern.supporting_departments.all()) == [other_department]
    supporter = make_user(role=Role.EDITOR, department=other_department)
    assert list(selectors.concerns_for_user(supporter)) == [concern]
    third = make_user(role=Role.EDITOR, department=office)
    assert list(selectors.concerns_for_user(third)) == []
    # Seeing is not answering: only the lead department (or the office) responds.
    with pytest.raises(PermissionDenied):
        services.response_save(
            concern=concern, user=supporter, text="正在核实。", responded_on=timezone.localdate()
        )


def test_open_concerns_of_a_department_with_their_age(
    department, other_department, editor, reviewer
):
    old = record(department, editor, raised_on=timezone.localdate() - timedelta(days=10))
    record(other_department, reviewer, title="公交线路调整")
    assert [c.pk for c in selectors.open_concerns(reviewer, department.pk)] == [old.pk]
    [row] = selectors.with_age(selectors.open_concerns(editor))
    assert row.age.days == 10 and 5 <= row.age.working_days <= 8


def test_a_response_is_drafted_then_published_by_the_head(department, editor, head):
    concern = record(department, editor)
    document = make_document(department=department)
    interpretation = make_interpretation(documents=[document])
    response = services.response_save(
        concern=concern,
        user=editor,
        text="经核实，施工将于本月底完成，期间增派交通协管员。",
        responded_on=timezone.localdate(),
        documents=[document],
        interpretations=[interpretation],
    )
    assert list(selectors.public_concerns()) == []
    with pytest.raises(PermissionDenied):
        services.response_publish(response=response, user=editor)
    services.response_publish(response=response, user=head)
    concern.refresh_from_db()
    assert concern.state == ConcernState.RESPONDED
    shown = selectors.public_concern(concern.pk)
    assert [r.pk for r in shown.published_responses] == [response.pk]
    assert list(shown.published_responses[0].documents.all()) == [document]
    with pytest.raises(ValidationError, match="已发布"):
        services.response_publish(response=response, user=head)


def test_a_draft_response_is_edited_returned_and_resubmitted_before_publication(
    department, editor, head, other_department
):
    """The department edits its draft until it is published; the head may send it back with
    a reason, and it cannot be published until the department has edited it again."""
    concern = record(department, editor)
    document = make_document(department=department)
    response = services.response_save(
        concern=concern, user=editor, text="正在核实。", responded_on=timezone.localdate()
    )
    response = services.response_edit(
        response=response,
        user=editor,
        text="经核实，施工将于本月底完成。",
        responded_on=timezone.localdate(),
        documents=[document],
    )
    assert list(response.documents.all()) == [document]
    with pytest.raises(PermissionDenied):
        services.response_return(response=response, user=editor, reason="请补充时间。")
    with pytest.raises(ValidationError, match="请填写退回理由"):
        services.response_return(response=response, user=head, reason=" \x00 ")
    services.response_return(response=response, user=head, reason="请写明交通疏导措施。")
    response.refresh_from_db()
    assert response.is_returned and response.return_reason == "请写明交通疏导措施。"
    with pytest.raises(ValidationError, match="退回修改"):
        services.response_publish(response=response, user=head)
    with pytest.raises(PermissionDenied):
        services.response_edit(
            response=response,
            user=make_user(role=Role.EDITOR, department=other_department),
            text="x",
            responded_on=timezone.localdate(),
        )
    services.response_edit(
        response=response,
        user=editor,
        text="经核实，施工将于本月底完成，期间增派交通协管员疏导。",
        responded_on=timezone.localdate(),
        documents=[document],
    )
    response.refresh_from_db()
    assert not response.is_returned and response.return_reason == ""
    services.response_publish(response=response, user=head)
    shown = selectors.public_concern(concern.pk).published_responses[0]
    assert shown.text.endswith("期间增派交通协管员疏导。")
    with pytest.raises(ValidationError, match="已发布"):
        services.response_edit(
            response=response, user=editor, text="改。", responded_on=timezone.localdate()
        )
    with pytest.raises(ValidationError, match="已发布"):
        services.response_return(response=response, user=head, reason="晚了。")
    actions = AuditEvent.objects.filter(action__startswith="concern.response").values_list(
        "action", flat=True
    )
    assert list(actions.order_by("pk")) == [
        "concern.response_save",
        "concern.response_edit",
        "concern.response_return",
        "concern.response_edit",
        "concern.response_publish",
    ]


def test_a_response_links_only_public_documents(department, editor):
    concern = record(department, editor)
    draft = make_document(department=department, publish=False)
    with pytest.raises(ValidationError, match="只能关联已公开的文件"):
        services.response_save(
            concern=concern, user=editor, text="见文件。", responded_on=timezone.localdate(),
            documents=[draft],
        )  # fmt: skip


def test_closing_keeps_the_published_response_on_the_portal(department, editor, head):
    concern = record(department, editor)
    response = services.response_save(
        concern=concern, user=editor, text="已处理。", responded_on=timezone.localdate()
    )
    services.response_publish(response=response, user=head)
    services.concern_close(concern=concern, user=editor)
    concern.refresh_from_db()
    assert concern.state == ConcernState.CLOSED and concern.closed_at
    assert list(selectors.open_concerns(head)) == []
    assert selectors.public_concern(concern.pk) is not None


# --- a sensitive document waits for its approved risk assessment --------------------------


def _assess(document, user, **fields):
    values = {
        "risk_level": "high",
        "analysis": "涉及公交票价调整，群众关注度高，可能引发负面舆情。",
        "response_plan": "发布当日同步推出解读，开通咨询电话，专人监测网络舆情。",
        "assessed_on": timezone.localdate(),
        **fields,
    }
    return services.assessment_save(user=user, document=document, **values)


def test_a_sensitive_document_is_not_published_without_an_approved_assessment(
    department, editor, head
):
    document = make_document(department=department, publish=False, is_sensitive=True)
    assert "risk_assessment" in [p.code for p in publication_problems(document)]
    with pytest.raises(ValidationError) as refused:
        publish_object(document)  # even with an override reason
    assert "尚无经审核的舆情风险评估" in " ".join(refused.value.messages)
    document.refresh_from_db()
    assert not document.live
    document.current_workflow_state.cancel(user=head)

    assessment = _assess(document, editor)
    assert "risk_assessment" in [p.code for p in publication_problems(document)]
    services.assessment_approve(assessment=assessment, user=head)
    assert "risk_assessment" not in [p.code for p in publication_problems(document)]
    assert publish_object(document).live


def test_a_document_not_marked_sensitive_needs_no_assessment(department):
    document = make_document(department=department, publish=False)
    assert "risk_assessment" not in [p.code for p in publication_problems(document)]


def test_the_assessor_does_not_approve_their_own_assessment(department, head, editor):
    document = make_document(department=department, publish=False, is_sensitive=True)
    assessment = _assess(document, head)
    with pytest.raises(ValidationError, match="评估人以外"):
        services.assessment_approve(assessment=assessment, user=head)
    with pytest.raises(PermissionDenied):
        services.assessment_approve(assessment=assessment, user=editor)


def test_a_changed_assessment_needs_approving_again(department, editor, head):
    document = make_document(department=department, publish=False, is_sensitive=True)
    assessment = services.assessment_approve(assessment=_assess(document, editor), user=head)
    _assess(document, editor, risk_level="medium", assessment=assessment)
    assessment.refresh_from_db()
    assert not assessment.is_approved
    assert "risk_assessment" in [p.code for p in publication_problems(document)]


def test_another_department_cannot_assess_the_document(department, other_department):
    document = make_document(department=department, publish=False, is_sensitive=True)
    with pytest.raises(PermissionDenied):
        _assess(document, make_user(role=Role.EDITOR, department=other_department))
