"""Housekeeping jobs of the worker."""

from django.core.management import call_command
from django_tasks import task

# Finished results are what tells the daily clock that a job already ran today (see
# gongkai.core.schedule), so they are kept well beyond a day.
TASK_RESULT_DAYS_KEPT = 14


@task()
def prune_task_results() -> None:
    """Delete finished task results older than two weeks; Wagtail queues one for every save."""
    call_command("prune_db_task_results", min_age_days=TASK_RESULT_DAYS_KEPT, verbosity=0)
