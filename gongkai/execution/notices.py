"""The overdue-task reminder e-mails of 执行公开 (in Chinese and English)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.urls import reverse

from gongkai.core.models import Department, StaffProfile
from gongkai.core.roles import Role
from gongkai.execution.selectors import TaskRow


def _task_url(row: TaskRow) -> str:
    path = reverse("execution_admin:task", args=[row.task.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _line(row: TaskRow) -> str:
    task = row.task
    return (
        f"- {task.plan.title} {task.heading} {task.heading_text}\n"
        f"  完成时限 due {task.due_on:%Y-%m-%d}，{_task_url(row)}"
    )


def recipients(departments: list[Department]) -> dict[int, list[str]]:
    """Where each department's reminders go: its own address, else its editors and heads."""
    found = {d.pk: [d.email] for d in departments if d.email}
    missing = [d.pk for d in departments if not d.email]
    staff = StaffProfile.objects.filter(
        department_id__in=missing, role__in=[Role.EDITOR, Role.HEAD], user__is_active=True
    ).select_related("user")
    for profile in staff:
        if profile.user.email:
            found.setdefault(profile.department_id, []).append(profile.user.email)
    return found


def overdue_mails(rows: list[TaskRow]) -> list[tuple[list[str], str, str]]:
    """(recipients, subject, body): one e-mail per department with overdue tasks it has not
    reported completed."""
    lines: dict[int, list[str]] = defaultdict(list)
    departments: dict[int, Department] = {}
    for row in rows:
        for entry in row.departments:
            if entry.department.pk in row.state.pending:
                departments[entry.department.pk] = entry.department
                lines[entry.department.pk].append(_line(row))
    addresses = recipients(list(departments.values()))
    return [
        (addresses[pk], _subject(departments[pk], len(lines[pk])), _body(lines[pk]))
        for pk in departments
        if addresses.get(pk)
    ]


def _subject(department: Department, count: int) -> str:
    return f"执行公开任务逾期提醒 Overdue plan tasks: {department.name} {count}"


def _body(lines: list[str]) -> str:
    return (
        "以下实施方案任务已超过完成时限，贵单位尚未报告完成，请及时推进并填报进展：\n"
        "These plan tasks are past their deadline and your department has not reported them "
        "completed; please report progress:\n\n" + "\n".join(lines) + "\n"
    )
