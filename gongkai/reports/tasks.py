"""Background jobs of the reports app (django-tasks; run by `gongkai worker`)."""

from django_tasks import task

from gongkai.reports.services import annual_report_send_reminders


@task()
def remind_annual_reports() -> int:
    """Daily: e-mail the reminders of last year's reports due soon (see REMINDER_DAYS_BEFORE)."""
    return annual_report_send_reminders()
