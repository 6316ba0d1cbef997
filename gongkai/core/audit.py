"""Writing and checking the append-only, hash-chained audit log (invariant 3)."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from gongkai.core.models import AuditEvent

# Serialises appends on PostgreSQL so the chain never forks; SQLite's IMMEDIATE
# transactions already serialise writers.
_CHAIN_LOCK_KEY = 7_113_2019
_BATCH_SIZE = 500


def record(
    *,
    actor,
    action: str,
    obj: Any,
    before: Mapping | None = None,
    after: Mapping | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event for ``obj`` (a model instance) inside the caller's transaction."""
    [event] = record_many(actor=actor, action=action, changes=[(obj, before, after)], reason=reason)
    return event


def record_many(
    *,
    actor,
    action: str,
    changes: Sequence[tuple[Any, Mapping | None, Mapping | None]],
    reason: str = "",
) -> list[AuditEvent]:
    """Append one event per (object, before, after) in ``changes``, all by ``actor`` doing
    ``action`` at one moment, inside the caller's transaction: what ``record`` does for
    each, written in a few inserts (bulk imports)."""
    now = timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        events = []
        for obj, before, after in changes:
            event = AuditEvent(
                created_at=now,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_label=_actor_label(actor),
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_label=str(obj)[:255],
                before=dict(before) if before is not None else None,
                after=dict(after) if after is not None else None,
                reason=reason,
                previous_hash=previous or "",
            )
            event.hash = previous = event.compute_hash()
            events.append(event)
        return AuditEvent.objects.bulk_create(events, batch_size=_BATCH_SIZE)


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return actor.get_username() if getattr(actor, "pk", None) else "anonymous"


def verify_chain() -> int | None:
    """Return the id of the first event whose hash or link does not match, or None if intact."""
    previous = ""
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous or event.compute_hash() != event.hash:
            return event.pk
        previous = event.hash
    return None


def history(obj) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("id")
    )
