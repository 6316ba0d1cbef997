"""The back office: 从文件生成任务 (find, confirm, create), task lists scoped to the user's
department, the plan page and publishing."""

from bs4 import BeautifulSoup

from gongkai.core.models import AuditEvent
from gongkai.execution.forms import tasks_digest
from gongkai.execution.models import Plan
from gongkai.execution.selectors import proposed_tasks

from .conftest import assert_refused, task_of


def test_tasks_from_a_document_are_found_confirmed_and_created(org, seed_document, client):
    client.force_login(org.reviewer)
    assert client.get(f"/admin/execution/plans/new/?document={seed_document.pk}").status_code == 200
    found = client.post("/admin/execution/plans/new/", {"document": seed_document.pk})
    soup = BeautifulSoup(found.content, "lxml")
    rows = soup.select("#proposed-tasks tbody tr")
    assert len(rows) == 13 and "(三)3" in rows[9].get_text() and "财政局" in rows[9].get_text()
    assert not Plan.objects.exists()
    tasks, _text = proposed_tasks(seed_document)
    chosen = {f"task_{n}": "on" for n in range(13) if n != 12}
    response = client.post(
        "/admin/execution/plans/new/",
        {
            "document": seed_document.pk,
            "digest": tasks_digest(tasks),
            "period_end": "2019-12-31",
            "due_9": "2019-09-30",
            **chosen,
        },
    )
    plan = Plan.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/admin/execution/plans/{plan.pk}/"
    )
    assert plan.tasks.count() == 12
    assert str(task_of(plan, "(三)3").due_on) == "2019-09-30"
    assert "(三)以公开优服务" in client.get(response["Location"]).content.decode()


def test_a_stale_confirmation_is_refused(org, seed_document, client):
    client.force_login(org.reviewer)
    response = client.post(
        "/admin/execution/plans/new/",
        {"document": seed_document.pk, "digest": "0" * 64, "task_0": "on"},
    )
    assert response.status_code == 200 and "重新生成" in response.content.decode()
    assert not Plan.objects.exists()


def test_only_the_office_creates_plans(org, client):
    client.force_login(org.finance_editor)
    assert_refused(client.get("/admin/execution/plans/new/"))


def test_editors_see_their_departments_tasks_and_the_office_sees_all(partner_plan, org, client):
    client.force_login(org.finance_editor)
    mine = client.get("/admin/execution/tasks/").content.decode()
    assert "推进证照分离改革" in mine and "公开财政预算" in mine and "公开执法信息" not in mine
    client.force_login(org.tax_editor)
    assert "公开执法信息" in client.get("/admin/execution/tasks/").content.decode()
    client.force_login(org.assessor)
    everything = client.get("/admin/execution/tasks/").content.decode()
    assert all(task in everything for task in ("推进证照分离改革", "公开财政预算", "公开执法信息"))


def test_the_office_publishes_from_the_plan_page(partner_plan, org, client):
    client.force_login(org.reviewer)
    page = client.get(f"/admin/execution/plans/{partner_plan.pk}/").content.decode()
    assert "公开执行情况" in page
    client.post(f"/admin/execution/plans/{partner_plan.pk}/publish/")
    partner_plan.refresh_from_db()
    assert partner_plan.is_published
    client.force_login(org.finance_editor)
    client.post(f"/admin/execution/plans/{partner_plan.pk}/publish/")  # refused, no change
    assert (
        "公开执行情况"
        not in client.get(f"/admin/execution/plans/{partner_plan.pk}/").content.decode()
    )


def test_the_menu_and_the_documents_list_button(org, seed_document, client):
    client.force_login(org.reviewer)
    home = client.get("/admin/").content.decode()
    assert "/admin/execution/plans/" in home  # the 执行公开 submenu (rendered as JSON)
    listing = client.get("/admin/snippets/documents/document/").content.decode()
    assert f"/admin/execution/plans/new/?document={seed_document.pk}" in listing


def test_the_office_moves_a_deadline_with_a_reason(partner_plan, org, client):
    task = task_of(partner_plan, "(一)1")
    client.force_login(org.finance_editor)
    assert_refused(client.get(f"/admin/execution/tasks/{task.pk}/edit/"))
    client.force_login(org.reviewer)
    response = client.post(
        f"/admin/execution/tasks/{task.pk}/edit/",
        {
            "heading_text": task.heading_text,
            "text": task.text,
            "due_on": "2019-09-30",
            "reason": "管委会同意延期。",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert str(task.due_on) == "2019-09-30"
    event = AuditEvent.objects.get(action="execution.task_update")
    assert (event.before["due_on"], event.after["due_on"], event.reason) == (
        "2019-06-30",
        "2019-09-30",
        "管委会同意延期。",
    )


def test_every_list_page_renders_for_the_office(partner_plan, org, client):
    client.force_login(org.reviewer)
    for url in ("/admin/execution/", "/admin/execution/plans/", "/admin/execution/units/"):
        assert client.get(url).status_code == 200, url
    assert partner_plan.title in client.get("/admin/execution/plans/").content.decode()
