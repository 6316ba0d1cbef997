"""Leases of running workers, and the jobs that dead workers left running.

django-tasks' database backend marks a job RUNNING when a worker claims it, and only that
worker ever records how it ended: a worker killed in the middle of a job (out of memory, a
restart of the machine, kill -9) leaves the job RUNNING for ever. So each `gongkai worker`
holds a lease (WorkerLease) that a thread renews every RENEW_SECONDS; the same thread, at
start-up and at each renewal, puts back in the queue every running job whose worker (the
last of its worker_ids) has not renewed its lease for LEASE_SECONDS. A job found orphaned
after MAX_ATTEMPTS claims is marked failed instead: it is likely what kills its workers.

Jobs thus run at least once: one whose worker died after its work but before recording
it runs again (a mail it sent may then go out twice).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.core.models import WorkerLease

logger = logging.getLogger(__name__)

LEASE_SECONDS = 60
RENEW_SECONDS = 15
MAX_ATTEMPTS = 3
LOST_WORKER = "gongkai.core.worker_leases.WorkerLost"


def new_worker_id() -> str:
    """Unique across machines and restarts, readable in the task results (at most 64
    characters, db_worker's limit)."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"


def lease_renew(worker_id: str) -> None:
    """Take or renew ``worker_id``'s lease."""
    now = timezone.now()
    WorkerLease.objects.update_or_create(
        worker_id=worker_id,
        defaults={"renewed_at": now},
        create_defaults={
            "renewed_at": now,
            "started_at": now,
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def lease_release(worker_id: str) -> None:
    WorkerLease.objects.filter(worker_id=worker_id).delete()


def jobs_recover_orphaned(*, now: datetime | None = None) -> tuple[list[str], list[str]]:
    """Queue again the running jobs whose worker holds no live lease (or fail those
    claimed MAX_ATTEMPTS times already); returns the ids queued and the ids failed."""
    now = now or timezone.now()
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "id", "worker_ids", "started_at"
        )
    )
    if not running:
        return [], []
    live = set(
        WorkerLease.objects.filter(
            renewed_at__gte=now - timedelta(seconds=LEASE_SECONDS)
        ).values_list("worker_id", flat=True)
    )
    queued, failed = [], []
    for job in running:
        if job.worker_ids and job.worker_ids[-1] in live:
            continue
        # started_at changes with each claim: a job claimed again meanwhile is left alone.
        same_claim = DBTaskResult.objects.filter(
            pk=job.pk, status=TaskResultStatus.RUNNING, started_at=job.started_at
        )
        if len(job.worker_ids) >= MAX_ATTEMPTS:
            if same_claim.update(**_failed_fields(job, now)):
                failed.append(str(job.pk))
        elif same_claim.update(status=TaskResultStatus.READY, started_at=None):
            queued.append(str(job.pk))
    for pk in queued:
        logger.warning("job %s was left running by a worker that stopped; queued again", pk)
    for pk in failed:
        logger.error("job %s lost its worker %d times; marked failed", pk, MAX_ATTEMPTS)
    return queued, failed


def _failed_fields(job: DBTaskResult, now: datetime) -> dict:
    return {
        "status": TaskResultStatus.FAILED,
        "finished_at": now,
        "return_value": None,
        "exception_class_path": LOST_WORKER,
        "traceback": (
            f"The worker running this job stopped {len(job.worker_ids)} times "
            f"({', '.join(job.worker_ids)}); it is not run again."
        ),
    }


def _keep_lease(worker_id: str, stop: threading.Event) -> None:
    try:
        while not stop.wait(RENEW_SECONDS):
            close_old_connections()  # as Django does around each request
            try:
                lease_renew(worker_id)
                jobs_recover_orphaned()
            except Exception:  # a locked or unreachable database: try again next time
                logger.exception("renewing the worker's lease failed")
    finally:
        connection.close()


@contextmanager
def leased(worker_id: str) -> Iterator[None]:
    """Hold ``worker_id``'s lease while the block runs (a thread renews it), recovering
    orphaned jobs at the start and at each renewal."""
    lease_renew(worker_id)
    jobs_recover_orphaned()
    stop = threading.Event()
    keeper = threading.Thread(
        target=_keep_lease, args=(worker_id, stop), name="gongkai-lease", daemon=True
    )
    keeper.start()
    try:
        yield
    finally:
        stop.set()
        keeper.join()
        lease_release(worker_id)
