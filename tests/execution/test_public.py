"""The public 执行公开 pages: the list of published plans and each plan with its tasks,
departments, latest progress, a progress chart per department and published findings."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.execution import services
from tests import factories

from .conftest import create_plan, plan_body, task_of


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def test_a_plan_is_public_only_once_published(partner_plan, org, client):
    assert client.get(f"/execution/plans/{partner_plan.pk}/").status_code == 404
    assert partner_plan.title not in client.get("/execution/").content.decode()
    services.plan_publish(plan=partner_plan, user=org.reviewer)
    assert partner_plan.title in page(client, "/execution/").get_text()


def test_a_plan_whose_document_is_not_public_cannot_be_published(seed_plan, org):
    with pytest.raises(ValidationError):
        services.plan_publish(plan=seed_plan, user=org.reviewer)


def test_the_page_shows_tasks_departments_progress_and_chart(partner_plan, org, client):
    services.progress_report_submit(
        task=task_of(partner_plan, "(一)2"), department=org.finance, user=org.finance_editor,
        status="in_progress", percent=60, text="预算已公开，联系人电话13812345678。",
        reported_on=date(2019, 5, 10),
    )  # fmt: skip
    services.plan_publish(plan=partner_plan, user=org.reviewer)
    soup = page(client, f"/execution/plans/{partner_plan.pk}/")
    text = soup.get_text()
    assert "(一)优化营商环境" in text
    task = soup.find(id=f"task-{task_of(partner_plan, '(一)2').pk}")
    assert (
        "公开财政预算" in task.get_text()
        and "进行中" in task.get_text()
        and "60%" in task.get_text()
    )
    assert "138****5678" in text and "13812345678" not in text  # personal data masked
    group_task = soup.find(id=f"task-{task_of(partner_plan, '(一)3').pk}").get_text()
    assert all(name in group_task for name in ("各行政执法部门", "规划建设局", "工商局", "税务局"))
    chart = soup.find("svg", attrs={"role": "img"})
    assert chart.find("title").get_text() == "各部门任务平均完成进度（%）"
    table = {
        row.th.get_text(): row.find_all("td")[-1].get_text()
        for row in soup.find(id="department-progress").tbody.find_all("tr")
    }
    # 财政局: 60% on (一)2, nothing yet on (一)1.
    assert table["财政局"] == "30%" and table["税务局"] == "0%"


def _plan_with(count: int, org):
    """A published plan of ``count`` tasks alternating a department pair and a group, each
    with a report and a published finding."""
    lines = ["一、工作任务", "(一)第一组"]
    for n in range(1, count + 1):
        units = "牵头单位：财政局；配合单位：规划建设局" if n % 2 else "责任单位：各行政执法部门"
        lines.append(f"{n}.第{n}项任务。（{units}）")
    document = factories.make_document(
        department=org.office,
        title=f"关于印发2019年第{count}号工作方案的通知",
        body=plan_body(*lines),
    )
    plan = create_plan(document, org.admin)
    for task in plan.tasks.all():
        lead = task.heading.endswith(("1", "3", "5", "7", "9"))
        department, user = (
            (org.finance, org.finance_editor) if lead else (org.departments["sw"], org.tax_editor)
        )
        services.progress_report_submit(
            task=task, department=department, user=user, status="in_progress", percent=50,
            text="推进中。", reported_on=date(2019, 5, 1),
        )  # fmt: skip
        finding = services.finding_add(
            task=task, user=org.reviewer, source="audit", problem="公开不及时。"
        )
        services.finding_publish(finding=finding, user=org.reviewer)
    services.plan_publish(plan=plan, user=org.reviewer)
    return plan


def test_the_plan_page_takes_the_same_queries_for_3_and_13_tasks(
    org, client, django_assert_num_queries
):
    small, large = _plan_with(3, org), _plan_with(13, org)
    assert large.tasks.count() == 13
    with CaptureQueriesContext(connection) as small_queries:
        page(client, f"/execution/plans/{small.pk}/")
    with django_assert_num_queries(len(small_queries)):
        soup = page(client, f"/execution/plans/{large.pk}/")
    assert len(soup.select("article.plan-task")) == 13
    assert len(soup.select(".finding")) == 13
