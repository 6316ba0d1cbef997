"""Audit and inspection findings (问题, 整改措施, 整改结果, 问责情况) attach to a task and
publish with it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditEvent
from gongkai.execution import services
from gongkai.execution.models import Finding

from .conftest import assert_refused, task_of


@pytest.fixture
def finding(partner_plan, org):
    return services.finding_add(
        task=task_of(partner_plan, "(一)2"),
        user=org.reviewer,
        source="inspection",
        found_on=date(2019, 9, 3),
        problem="预算项目文本公开不完整。",
        measures="补充公开全部项目文本。",
    )


def plan_page(client, plan) -> str:
    return client.get(f"/execution/plans/{plan.pk}/").content.decode()


def test_a_finding_shows_on_the_public_page_once_published(partner_plan, org, client, finding):
    services.plan_publish(plan=partner_plan, user=org.reviewer)
    assert "预算项目文本公开不完整" not in plan_page(client, partner_plan)
    services.finding_update(
        finding=finding,
        user=org.reviewer,
        result="已全部公开。",
        accountability="对相关责任人进行约谈。",
    )
    services.finding_publish(finding=finding, user=org.reviewer)
    page = plan_page(client, partner_plan)
    for label, text in (
        ("问题", "预算项目文本公开不完整。"),
        ("整改措施", "补充公开全部项目文本。"),
        ("整改结果", "已全部公开。"),
        ("问责情况", "对相关责任人进行约谈。"),
    ):
        assert f"<dt>{label}</dt><dd>{text}</dd>" in page
    assert "督查" in page


def test_a_published_finding_of_an_unpublished_plan_stays_private(
    partner_plan, org, client, finding
):
    services.finding_publish(finding=finding, user=org.reviewer)
    assert client.get(f"/execution/plans/{partner_plan.pk}/").status_code == 404


def test_findings_are_the_offices_to_record_and_publish(partner_plan, org, finding):
    task = task_of(partner_plan, "(一)2")
    with pytest.raises(PermissionDenied):
        services.finding_add(task=task, user=org.finance_editor, source="audit", problem="x")
    with pytest.raises(PermissionDenied):
        services.finding_publish(finding=finding, user=org.finance_head)
    actions = list(
        AuditEvent.objects.filter(object_type="execution.finding").values_list("action", flat=True)
    )
    assert actions == ["execution.finding_add"]


def test_the_back_office_records_updates_and_publishes(partner_plan, org, client):
    task = task_of(partner_plan, "(一)2")
    client.force_login(org.reviewer)
    response = client.post(
        f"/admin/execution/tasks/{task.pk}/findings/new/",
        {
            "source": "audit",
            "problem": "绩效目标未公开。",
            "measures": "",
            "result": "",
            "accountability": "",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    client.post(
        f"/admin/execution/findings/{finding.pk}/",
        {
            "problem": "绩效目标未公开。",
            "measures": "限期公开。",
            "result": "",
            "accountability": "",
        },
    )
    client.post(f"/admin/execution/findings/{finding.pk}/publish/")
    finding.refresh_from_db()
    assert (finding.measures, finding.published) == ("限期公开。", True)
    client.force_login(org.finance_editor)
    assert_refused(client.get(f"/admin/execution/tasks/{task.pk}/findings/new/"))
