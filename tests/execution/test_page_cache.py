"""The public 执行公开 pages are cached; every change they show appears at the next anonymous GET
(gongkai.core.pagecache): publishing a plan, a task corrected, progress reported, a finding
published or updated, a unit confirmed, a department renamed, and the new day (overdue)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core import services as core_services
from gongkai.execution import services
from gongkai.execution.models import UnitProposal
from gongkai.execution.tasks import refresh_plan_pages
from tests import factories

from .conftest import create_plan, plan_body, task_of


@pytest.fixture
def public_plan(partner_plan, org):
    return services.plan_publish(plan=partner_plan, user=org.reviewer)


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_publishing_a_plan_drops_the_list(partner_plan, org, client, django_assert_num_queries):
    assert partner_plan.title not in text(client, "/execution/")
    with django_assert_num_queries(0):
        text(client, "/execution/")  # stored
    services.plan_publish(plan=partner_plan, user=org.reviewer)
    assert partner_plan.title in text(client, "/execution/")
    assert partner_plan.title in text(client, f"/execution/plans/{partner_plan.pk}/")


def test_task_progress_and_findings_show_at_once(public_plan, org, client):
    url = f"/execution/plans/{public_plan.pk}/"
    task = task_of(public_plan, "(一)2")
    assert "公开财政预算" in text(client, url)
    services.task_update(task=task, user=org.admin, text="公开财政预算和决算。", reason="更正")
    assert "公开财政预算和决算。" in text(client, url)
    services.progress_report_submit(
        task=task, department=org.finance, user=org.finance_editor, status="in_progress",
        percent=60, text="预算已公开。", reported_on=date(2019, 5, 10),
    )  # fmt: skip
    assert "预算已公开。" in text(client, url)
    finding = services.finding_add(
        task=task, user=org.reviewer, source="inspection", problem="预算项目文本公开不完整。"
    )
    assert "预算项目文本公开不完整。" not in text(client, url)
    services.finding_publish(finding=finding, user=org.reviewer)
    assert "预算项目文本公开不完整。" in text(client, url)
    services.finding_update(finding=finding, user=org.reviewer, result="已全部补充公开。")
    assert "已全部补充公开。" in text(client, url)


def test_a_department_rename_shows_at_once(public_plan, org, client):
    url = f"/execution/plans/{public_plan.pk}/"
    assert "财政局" in text(client, url)
    org.finance.name = "财政金融局"
    org.finance.save()
    core_services.department_saved(department=org.finance, user=org.admin)
    assert "财政金融局" in text(client, url)


def rendered_again(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        text(client, url)
    return len(queries) > 0


def test_the_new_day_drops_the_plan_pages(public_plan, client):
    url = f"/execution/plans/{public_plan.pk}/"
    text(client, url)
    assert not rendered_again(client, url)
    refresh_plan_pages.call()
    assert rendered_again(client, url)


def test_confirming_a_unit_drops_the_plan_pages(org, client):
    document = factories.make_document(
        department=org.office,
        title="关于印发数据开放工作方案的通知",
        body=plan_body("一、工作任务", "1.开放公共数据。（责任单位：数据开放中心）"),
    )
    plan = services.plan_publish(plan=create_plan(document, org.admin), user=org.reviewer)
    url = f"/execution/plans/{plan.pk}/"
    text(client, url)
    assert not rendered_again(client, url)
    proposal = UnitProposal.objects.get(name="数据开放中心")
    services.unit_proposal_confirm(proposal=proposal, user=org.admin)
    assert rendered_again(client, url)
