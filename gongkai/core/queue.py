"""Jobs tied to the transaction that asks for them: they run only if it commits."""

from django.db import connection, transaction
from django_tasks_db import DatabaseBackend


def enqueue_on_commit(task, **kwargs) -> None:
    """Enqueue ``task(**kwargs)`` to run once the current transaction has committed.

    A queue kept in this database (django_tasks_db, the default) takes the job inside the
    transaction: it is committed with the rows it is about, by the same commit, instead of a
    second write transaction after it (on SQLite every writer waits for the one lock, so a
    public form submission costs one commit, not two). Any other backend gets the job after the
    commit, as it could run it at once."""
    if connection.in_atomic_block and isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))
