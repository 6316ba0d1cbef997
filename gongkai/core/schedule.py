"""The worker's clock: scheduled publishing and audit sealing every minute, and daily jobs
registered by apps.

An app registers a django-tasks task in its ``AppConfig.ready()``::

    from gongkai.core.schedule import register_daily
    register_daily(send_deadline_reminders, at="07:00")

Each day, once the local time passes ``at``, the clock enqueues the task with ``run_after`` set
to that day's ``at``, and the worker runs it like any other job. Whether today's run was
enqueued is read from the task queue itself (django-tasks' database backend), under a lock,
so a restarted worker does not run a job twice and two workers never both enqueue it; a worker
that was down at ``at`` enqueues the job when it comes back the same day. (So finished task
results must be kept for at least a day when they are pruned.)
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# Serialises the check-then-enqueue of daily jobs on PostgreSQL; SQLite's IMMEDIATE
# transactions already serialise writers.
_DAILY_LOCK_KEY = 7_113_2020


@dataclass(frozen=True)
class DailyJob:
    task: Task
    at: time

    @property
    def name(self) -> str:
        return self.task.module_path


_daily_jobs: dict[str, DailyJob] = {}


def register_daily(task: Task, *, at: str = "07:00") -> DailyJob:
    """Run ``task`` (a django-tasks task taking no arguments) once a day at ``at`` (HH:MM, local
    time). Registering the same task again replaces its time."""
    job = DailyJob(task=task, at=time.fromisoformat(at))
    _daily_jobs[job.name] = job
    return job


def daily_jobs() -> list[DailyJob]:
    return sorted(_daily_jobs.values(), key=lambda job: (job.at, job.name))


def due_at(job: DailyJob, now: datetime) -> datetime | None:
    """Today's run time of ``job`` if it has passed at ``now`` (aware), else None."""
    local_now = timezone.localtime(now)
    run_at = timezone.make_aware(datetime.combine(local_now.date(), job.at))
    return run_at if run_at <= local_now else None


def enqueue_due_daily_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue each daily job whose time has passed today and that is not queued for today
    yet; returns the names of the jobs enqueued."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    enqueued = []
    for job in daily_jobs():
        run_at = due_at(job, now)
        if run_at is None:
            continue
        with transaction.atomic():
            _lock_daily_jobs()
            exists = DBTaskResult.objects.filter(task_path=job.name, run_after=run_at).exists()
            if not exists:
                job.task.using(run_after=run_at).enqueue()
                enqueued.append(job.name)
    return enqueued


def _lock_daily_jobs() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_DAILY_LOCK_KEY])


def tick() -> None:
    """One beat of the clock: publish what is scheduled, enqueue the daily jobs that are due.
    A failure is logged and the next beat tries again."""
    try:
        call_command("publish_scheduled", verbosity=0)
    except Exception:
        logger.exception("scheduled publishing failed")
    try:
        for name in enqueue_due_daily_jobs():
            logger.info("daily job enqueued: %s", name)
    except Exception:
        logger.exception("enqueuing daily jobs failed")
    try:
        count_views_of_page_files()
    except Exception:
        logger.exception("counting the views of page files failed")
    try:
        seal_audit_log()
    except Exception:
        logger.exception("sealing the audit log failed")


def seal_audit_log() -> None:
    """Link the events appended since the last beat into the chain; checkpoint its head when
    the last checkpoint is older than settings.AUDIT_CHECKPOINT_MINUTES."""
    from gongkai.core import audit

    audit.seal()
    if audit.checkpoint_due():
        audit.checkpoint()


def count_views_of_page_files() -> None:
    """Views of the pages nginx sent from GONGKAI_PAGE_FILES_DIR (see docs/operations.md)."""
    from gongkai.core.pagecache import get_store
    from gongkai.core.pagecache.counting import count_served_files

    if settings.PAGE_CACHE_FILES_DIR:
        count_served_files(Path(settings.PAGE_CACHE_FILES_DIR), get_store())


def seconds_to_next_tick(now: datetime) -> float:
    """Seconds from ``now`` to the start of the next minute, so beats fall on the minute."""
    next_minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return max((next_minute - now).total_seconds(), 1.0)


def run_clock(stop: threading.Event) -> None:
    """Beat once a minute until ``stop`` is set (run in a thread of the worker)."""
    try:
        while not stop.is_set():
            close_old_connections()  # as Django does around each request
            tick()
            stop.wait(seconds_to_next_tick(timezone.now()))
    finally:
        connection.close()
