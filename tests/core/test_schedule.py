"""The worker's clock: scheduled publishing each beat, daily jobs enqueued once a day."""

import signal
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from gongkai.core import schedule
from tests import factories

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def nightly_report() -> str:
    return "done"


@pytest.fixture
def jobs(monkeypatch, settings):
    """An empty registry (apps' own daily jobs stay out) and the database task queue."""
    monkeypatch.setattr(schedule, "_daily_jobs", {})
    settings.TASKS = DATABASE_TASKS
    return schedule


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=nightly_report.module_path))


def test_a_daily_job_is_not_enqueued_before_its_time(jobs):
    jobs.register_daily(nightly_report, at="07:00")
    assert jobs.enqueue_due_daily_jobs(local(2026, 3, 2, 6, 59)) == []
    assert queued() == []


def test_a_daily_job_is_enqueued_once_a_day_to_run_at_its_time(jobs):
    jobs.register_daily(nightly_report, at="07:00")
    assert jobs.enqueue_due_daily_jobs(local(2026, 3, 2, 7, 0)) == [nightly_report.module_path]
    # Later beats, and a restarted worker, find today's run already queued.
    assert jobs.enqueue_due_daily_jobs(local(2026, 3, 2, 7, 1)) == []
    assert jobs.enqueue_due_daily_jobs(local(2026, 3, 2, 23, 59)) == []
    assert [result.run_after for result in queued()] == [local(2026, 3, 2, 7, 0)]
    assert jobs.enqueue_due_daily_jobs(local(2026, 3, 3, 9, 30)) == [nightly_report.module_path]
    assert len(queued()) == 2


def test_a_worker_that_was_down_at_the_time_catches_up_the_same_day(jobs):
    jobs.register_daily(nightly_report, at="07:00")
    jobs.enqueue_due_daily_jobs(local(2026, 3, 2, 15, 20))
    assert [result.run_after for result in queued()] == [local(2026, 3, 2, 7, 0)]


def test_registering_a_job_again_moves_it():
    job = schedule.register_daily(nightly_report, at="06:30")
    try:
        assert [j.at.isoformat() for j in schedule.daily_jobs() if j.name == job.name] == [
            "06:30:00"
        ]
    finally:
        del schedule._daily_jobs[job.name]


def test_a_beat_publishes_what_was_signed_off_for_later(jobs):
    go_live_at = timezone.now() + timedelta(hours=1)
    document = factories.publish_object(
        factories.make_document(publish=False, go_live_at=go_live_at)
    )
    assert not document.live, "signed off for later, not yet live"
    # An hour later: the approved revision's time has come.
    revision = document.revisions.get(approved_go_live_at__isnull=False)
    an_hour_ago = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = an_hour_ago.isoformat()
    revision.approved_go_live_at = an_hour_ago
    revision.save()
    schedule.tick()
    document.refresh_from_db()
    assert document.live


def test_a_beat_refuses_a_schedule_no_sign_off_approved(jobs):
    document = factories.make_document(publish=False)
    revision = document.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    schedule.tick()
    document.refresh_from_db()
    revision.refresh_from_db()
    assert not document.live
    assert revision.approved_go_live_at is None, "taken off the schedule, not retried"


def test_beats_fall_on_the_minute():
    assert schedule.seconds_to_next_tick(local(2026, 3, 2, 12, 0, 30)) == 30
    assert schedule.seconds_to_next_tick(local(2026, 3, 2, 12, 0, 59, 900_000)) == 1


@pytest.fixture
def restore_signals():
    """db_worker installs SIGINT/SIGTERM handlers in the test process; put the old ones back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)  # db_worker closes connections left in a transaction
def test_the_worker_in_batch_mode_beats_once_and_runs_the_queue(jobs, restore_signals):
    jobs.register_daily(nightly_report, at="00:00")
    call_command("worker", batch=True, verbosity=0)
    [result] = queued()
    assert (result.status, result.return_value) == ("SUCCESSFUL", "done")
