"""Background jobs of 执行公开 (django-tasks; run by ``gongkai worker``)."""

from django_tasks import task

from gongkai.execution.pagetags import invalidate_plan_pages
from gongkai.execution.services import overdue_reminders_send


@task()
def remind_overdue_tasks() -> int:
    """Daily: e-mail each department its overdue plan tasks. Returns the e-mails sent."""
    return overdue_reminders_send()


@task()
def refresh_plan_pages() -> None:
    """Daily after midnight: a task becomes overdue by the date alone, so the stored plan
    pages are dropped."""
    invalidate_plan_pages()
