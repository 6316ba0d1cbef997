"""Jobs for after the commit: a database queue takes them inside the transaction (one commit),
another backend after it; either way nothing runs for a transaction rolled back."""

import pytest
from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from gongkai.core.queue import enqueue_on_commit

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ran: list[int] = []


@task()
def remember(value: int) -> None:
    ran.append(value)


class Rollback(Exception):
    pass


def queued() -> int:
    return DBTaskResult.objects.filter(task_path=remember.module_path).count()


def test_a_database_queue_takes_the_job_inside_the_transaction(db, settings):
    settings.TASKS = DATABASE_TASKS
    with transaction.atomic():
        enqueue_on_commit(remember, value=1)
        assert queued() == 1  # written by the transaction itself, committed with it
    with pytest.raises(Rollback), transaction.atomic():
        enqueue_on_commit(remember, value=2)
        raise Rollback
    assert queued() == 1


def test_another_backend_gets_the_job_after_the_commit(db, django_capture_on_commit_callbacks):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_on_commit(remember, value=1)
        assert ran == []
    assert ran == [1]
    with (
        pytest.raises(Rollback),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        enqueue_on_commit(remember, value=2)
        raise Rollback
    assert ran == [1]
