"""Departments, document kinds (公文种类) and topics by id, kept in each process until one of
them changes.

A page of search hits names each document's department, kind, issuers and topics, and its
facets name the departments, kinds and topics they count: read from the database, that was
joins and two queries per page and three more for the facets, more than half of the search
service's processor time (issue 7 §4). These tables are small and seldom edited; every save or
delete of a row gives the shared cache a new version token (now, and again when the
transaction commits, so no process keeps what it read before the commit), and each process
reads them again when it sees a token it has not built.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from gongkai.core import versiontokens
from gongkai.core.models import Department
from gongkai.documents.models import DocumentKind, Topic

VERSION_KEY = "gongkai:classification-version"


@dataclass(frozen=True)
class Classifications:
    """Every department, kind and topic by id, each dict in its model's ordering."""

    departments: dict[int, Department]
    kinds: dict[int, DocumentKind]
    topics: dict[int, Topic]

    def holds(self, departments, kinds, topics) -> bool:
        return (
            self.departments.keys() >= set(departments)
            and self.kinds.keys() >= set(kinds)
            and self.topics.keys() >= set(topics)
        )


_built: dict[str, Classifications] = {}


def classifications(*, departments=(), kinds=(), topics=()) -> Classifications:
    """The current rows, read again after any of them changed (in any process), or when one
    of the ids given is not among them: a row committed in another process just before this
    one saw the new token."""
    token = versiontokens.current(VERSION_KEY)
    built = _built.get(token)
    if built is None or not built.holds(departments, kinds, topics):
        built = _read()
        _built.clear()
        _built[token] = built
    return built


def _read() -> Classifications:
    return Classifications(
        departments={row.pk: row for row in Department.objects.all()},
        kinds={row.pk: row for row in DocumentKind.objects.all()},
        topics={row.pk: row for row in Topic.objects.all()},
    )


def invalidate(**kwargs) -> None:
    """Signal receiver: a department, kind or topic was saved or deleted."""
    versiontokens.bump(VERSION_KEY)


def connect() -> None:
    for model in (Department, DocumentKind, Topic):
        uid = f"classification-cache-{model._meta.label_lower}"
        post_save.connect(invalidate, sender=model, dispatch_uid=uid)
        post_delete.connect(invalidate, sender=model, dispatch_uid=uid)
