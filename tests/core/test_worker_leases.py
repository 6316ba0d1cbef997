"""Jobs left running by a worker that died are queued again (issue 13 item 9)."""

import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from gongkai.core.models import WorkerLease
from gongkai.core.worker_leases import (
    LEASE_SECONDS,
    LOST_WORKER,
    MAX_ATTEMPTS,
    jobs_recover_orphaned,
    lease_renew,
)

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def rebuild_something() -> str:
    return "rebuilt"


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_TASKS


def _running(*worker_ids: str, minutes_ago: int = 5) -> DBTaskResult:
    """A job as db_worker leaves it when its worker claims it and then dies."""
    result = rebuild_something.enqueue()
    job = DBTaskResult.objects.get(pk=result.id)
    for worker_id in worker_ids:
        job.claim(worker_id)
    DBTaskResult.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    job.refresh_from_db()
    return job


def _stale(worker_id: str) -> None:
    lease_renew(worker_id)
    WorkerLease.objects.filter(worker_id=worker_id).update(
        renewed_at=timezone.now() - timedelta(seconds=LEASE_SECONDS + 1)
    )


def test_a_job_whose_worker_is_gone_is_queued_again(queue):
    job = _running("killed-worker")
    assert jobs_recover_orphaned() == ([str(job.pk)], [])
    job.refresh_from_db()
    assert (job.status, job.started_at) == ("READY", None)
    assert job.worker_ids == ["killed-worker"]  # the attempts are remembered


def test_a_job_whose_worker_stopped_renewing_its_lease_is_queued_again(queue):
    _stale("stalled-worker")
    job = _running("stalled-worker")
    assert jobs_recover_orphaned() == ([str(job.pk)], [])


def test_a_job_whose_worker_renews_its_lease_keeps_running(queue):
    lease_renew("live-worker")
    job = _running("live-worker", minutes_ago=600)
    assert jobs_recover_orphaned() == ([], [])
    job.refresh_from_db()
    assert job.status == "RUNNING"


def test_a_job_that_keeps_losing_its_worker_fails(queue):
    job = _running(*(f"worker-{n}" for n in range(MAX_ATTEMPTS)))
    assert jobs_recover_orphaned() == ([], [str(job.pk)])
    job.refresh_from_db()
    assert job.status == "FAILED"
    assert job.exception_class_path == LOST_WORKER
    assert f"stopped {MAX_ATTEMPTS} times" in job.traceback


@pytest.fixture
def restore_signals():
    """db_worker installs SIGINT/SIGTERM handlers in the test process; put the old ones back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)  # db_worker closes connections left in a transaction
def test_a_starting_worker_runs_the_job_a_dead_worker_left_running(queue, restore_signals):
    job = _running("killed-worker")
    call_command("worker", batch=True, clock=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.return_value) == ("SUCCESSFUL", "rebuilt")
    assert job.worker_ids[0] == "killed-worker" and len(job.worker_ids) == 2
    assert not WorkerLease.objects.exists()  # the worker gave its lease back on leaving
