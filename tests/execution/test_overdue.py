"""Overdue tasks: the staff dashboard and home panel, and the daily reminder e-mails."""

from datetime import date

from django.core import mail
from django.utils import timezone

from gongkai.core import schedule
from gongkai.execution import selectors, services
from gongkai.execution.tasks import remind_overdue_tasks

from .conftest import task_of

AFTER_JUNE = date(2019, 7, 2)


def complete(task, department, user):
    services.progress_report_submit(
        task=task, department=department, user=user, status="completed", percent=100,
        text="已完成。", reported_on=date(2019, 6, 20),
    )  # fmt: skip


def test_overdue_is_past_due_and_not_completed_by_every_responsible_unit(partner_plan, org):
    assert [row.task.heading for row in selectors.overdue_rows(today=AFTER_JUNE)] == ["(一)1"]
    assert selectors.overdue_rows(today=date(2019, 6, 30)) == []
    complete(task_of(partner_plan, "(一)1"), org.departments["xzsp"], org.approval_editor)
    assert selectors.overdue_rows(today=AFTER_JUNE) == []


def test_reminders_go_to_the_departments_that_have_not_completed(partner_plan, org):
    sent = services.overdue_reminders_send(today=AFTER_JUNE)
    # (一)1 is led by 行政审批局: the lead answers for it, the partners are not reminded.
    assert sent == 1
    (message,) = mail.outbox
    assert message.to == ["xzsp@example.org"]
    assert "(一)1" in message.body and "2019-06-30" in message.body
    assert "逾期" in message.subject and "Overdue" in message.subject


def test_every_member_of_a_group_is_reminded_and_staff_stand_in_for_a_missing_address(
    partner_plan, org
):
    org.departments["sw"].email = ""
    org.departments["sw"].save()
    org.tax_editor.email = "tax.editor@example.org"
    org.tax_editor.save()
    complete(task_of(partner_plan, "(一)3"), org.departments["ghjs"], org.planning_editor)
    services.overdue_reminders_send(today=date(2020, 1, 2))
    recipients = sorted(address for message in mail.outbox for address in message.to)
    # (一)1 → 行政审批局; (一)2 → 财政局; (一)3 → 工商局 and 税务局 (规划建设局 has completed).
    assert recipients == [
        "czj@example.org", "gsj@example.org", "tax.editor@example.org", "xzsp@example.org",
    ]  # fmt: skip


def test_the_daily_job_sends_and_is_registered_with_the_worker(partner_plan, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: AFTER_JUNE)
    result = remind_overdue_tasks.enqueue()
    assert result.return_value == 1 and len(mail.outbox) == 1
    assert remind_overdue_tasks.module_path in [job.name for job in schedule.daily_jobs()]


def test_dashboard_shows_overdue_and_due_soon_tasks_of_the_users_department(
    partner_plan, org, client
):
    rows = selectors.dashboard_rows(org.finance_editor, today=date(2019, 12, 20))
    assert [row.task.heading for row in rows] == ["(一)1", "(一)2"]
    assert [row.state.overdue for row in rows] == [True, False]
    assert selectors.dashboard_rows(org.tax_editor, today=date(2019, 6, 1)) == []
    client.force_login(org.finance_editor)
    page = client.get("/admin/execution/").content.decode()
    assert "推进证照分离改革" in page


def test_the_admin_home_page_has_the_deadlines_panel(partner_plan, org, client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: AFTER_JUNE)
    client.force_login(org.approval_editor)
    page = client.get("/admin/").content.decode()
    assert 'id="execution-deadlines-section"' in page and "推进证照分离改革" in page
    client.force_login(org.tax_editor)
    assert 'id="execution-deadlines-section"' not in client.get("/admin/").content.decode()
