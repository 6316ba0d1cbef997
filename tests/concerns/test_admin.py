"""The back office: a department records a concern, the office sees it with its age among the
open ones (filtered by department), a response is drafted with its links and published by the
head; risk assessments are written and approved from their list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.concerns.models import ConcernState, PublicConcern, RiskAssessment
from gongkai.core.roles import Role
from tests.concerns.conftest import record
from tests.factories import make_document, make_user

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail answers a refused back-office request with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_an_editor_records_a_concern_and_the_office_sees_its_age(
    client, department, other_department, editor, reviewer
):
    client.force_login(editor)
    raised = timezone.localdate() - timedelta(days=6)
    answer = client.post(
        reverse("concerns_admin:new"),
        {
            "title": "菜市场改造期间摊位安置",
            "description": "12345热线多次接到商户来电，询问改造期间的临时摊位。",
            "channel": "hotline",
            "source_note": "工单 20261201-0042",
            "raised_on": raised.isoformat(),
            "lead_department": department.pk,
            "supporting_departments": [other_department.pk],
            "owner": editor.pk,
        },
    )
    concern = PublicConcern.objects.get()
    assert answer["Location"] == reverse("concerns_admin:concern", args=[concern.pk])
    assert list(concern.supporting_departments.all()) == [other_department]
    record(other_department, reviewer, title="公交站台迁移")
    client.force_login(reviewer)
    listing = client.get(reverse("concerns_admin:list")).content.decode()
    assert "菜市场改造期间摊位安置" in listing and "公交站台迁移" in listing
    assert "6 天" in listing
    only = client.get(reverse("concerns_admin:list"), {"department": department.pk})
    assert "公交站台迁移" not in only.content.decode()


def test_an_editor_cannot_record_for_another_department(client, editor, other_department):
    client.force_login(editor)
    page = client.post(
        reverse("concerns_admin:new"),
        {"title": "x", "description": "y", "channel": "online",
         "raised_on": timezone.localdate().isoformat(),
         "lead_department": other_department.pk, "owner": editor.pk},
    )  # fmt: skip
    assert page.status_code == 200 and not PublicConcern.objects.exists()
    assert "lead_department" in page.context["form"].errors


def test_a_response_with_its_links_is_drafted_and_published_by_the_head(
    client, department, editor, head
):
    concern = record(department, editor)
    document = make_document(department=department, doc_number="筑高新住建发〔2026〕3号")
    client.force_login(editor)
    respond = reverse("concerns_admin:respond", args=[concern.pk])
    page = client.post(respond, {"text": "见文件。", "responded_on": timezone.localdate(),
                                 "links": "/documents/999999/"})  # fmt: skip
    assert "找不到这些已公开的文件或解读：/documents/999999/" in page.content.decode()
    client.post(respond, {"text": "施工月底完成。", "responded_on": timezone.localdate(),
                          "links": f"筑高新住建发〔2026〕3号\nhttp://x/documents/{document.pk}/"})  # fmt: skip
    response = concern.responses.get()
    assert list(response.documents.all()) == [document] and response.published_at is None
    publish = reverse("concerns_admin:publish", args=[response.pk])
    assert refused(client.post(publish))
    client.force_login(head)
    client.post(publish)
    concern.refresh_from_db()
    assert concern.state == ConcernState.RESPONDED


def test_the_head_returns_a_draft_and_the_editor_edits_and_resubmits_it(
    client, department, other_department, editor, head
):
    concern = record(department, editor, supporting_departments=[other_department])
    document = make_document(department=department)
    client.force_login(editor)
    client.post(
        reverse("concerns_admin:respond", args=[concern.pk]),
        {"text": "正在核实。", "responded_on": timezone.localdate(),
         "links": f"/documents/{document.pk}/"},
    )  # fmt: skip
    response = concern.responses.get()
    edit = reverse("concerns_admin:response_edit", args=[response.pk])
    detail = client.get(reverse("concerns_admin:concern", args=[concern.pk])).content.decode()
    assert edit in detail and "退回修改" not in detail
    client.force_login(head)
    detail = client.get(reverse("concerns_admin:concern", args=[concern.pk])).content.decode()
    assert reverse("concerns_admin:response_return", args=[response.pk]) in detail
    returned = client.post(
        reverse("concerns_admin:response_return", args=[response.pk]),
        {"reason": "请写明完成时间。"},
        follow=True,
    ).content.decode()
    assert "回应已退回起草部门修改。" in returned and "请写明完成时间。" in returned
    assert reverse("concerns_admin:publish", args=[response.pk]) not in returned
    supporter = make_user(role=Role.EDITOR, department=other_department)
    client.force_login(supporter)
    assert refused(client.get(edit))
    client.force_login(editor)
    form = client.get(edit).content.decode()
    assert "请写明完成时间。" in form and f"/documents/{document.pk}/" in form
    too_long = client.post(edit, {"text": "长" * 10001, "responded_on": timezone.localdate()})
    assert too_long.status_code == 200
    saved = client.post(
        edit,
        {"text": "施工将于本月底完成。", "responded_on": timezone.localdate(), "links": ""},
        follow=True,
    ).content.decode()
    assert "回应草稿已修改，重新提交审核发布。" in saved
    response.refresh_from_db()
    assert response.text == "施工将于本月底完成。" and not response.is_returned
    assert list(response.documents.all()) == []
    client.force_login(head)
    client.post(reverse("concerns_admin:publish", args=[response.pk]))
    response.refresh_from_db()
    assert response.is_published
    client.force_login(editor)
    assert client.get(edit, follow=True).redirect_chain[-1][0] == reverse(
        "concerns_admin:concern", args=[concern.pk]
    )


def test_a_supporting_department_reads_the_concern_but_does_not_answer(
    client, department, other_department, editor
):
    concern = record(department, editor, supporting_departments=[other_department])
    supporter = make_user(role=Role.EDITOR, department=other_department)
    client.force_login(supporter)
    page = client.get(reverse("concerns_admin:concern", args=[concern.pk])).content.decode()
    assert concern.title in page and "起草回应" not in page
    assert refused(client.post(reverse("concerns_admin:close", args=[concern.pk])))


def test_an_assessment_is_written_then_approved_from_the_list(client, department, editor, head):
    document = make_document(department=department, publish=False, is_sensitive=True)
    client.force_login(editor)
    listing = client.get(reverse("concerns_admin:assessments")).content.decode()
    assert document.title in listing and "尚未评估" in listing
    client.post(
        reverse("concerns_admin:assess", args=[document.pk]),
        {"risk_level": "high", "analysis": "涉及低保标准调整。", "response_plan": "同步解读。",
         "assessed_on": timezone.localdate().isoformat()},
    )  # fmt: skip
    assessment = RiskAssessment.objects.get()
    assert assessment.assessor == editor and not assessment.is_approved
    assert "审核通过" not in client.get(reverse("concerns_admin:assessments")).content.decode()
    client.force_login(head)
    client.post(reverse("concerns_admin:approve", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.approved_by == head
