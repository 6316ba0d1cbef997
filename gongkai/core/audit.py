"""Writing, sealing and checking the append-only, hash-chained audit log (invariant 3).

Writers only insert (``record``, ``record_many``): no lock, no read of the chain, so they never
wait for each other. The sealer (``seal``, run by the worker's clock every minute and by
``gongkai audit seal``) links the unsealed events into the chain in id order, in batches, one
sealer at a time (``gongkai.core.auditchain.sealable`` says how gaps in the ids are handled).
``checkpoint`` writes the head of the chain (count and hash) to its own table and to a file in
the data folder that can be published; ``verify`` checks the whole log against both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core import auditchain, bulk
from gongkai.core.models import AuditCheckpoint, AuditEvent, AuditSeal, AuditVerification

# Only sealers take this lock (PostgreSQL); SQLite's IMMEDIATE transactions serialise writers.
_SEAL_LOCK_KEY = 7_113_2019
SEAL_BATCH = 2000
# How long a sealer looks back for events committed after younger ones were sealed.
LATE_WINDOW = timedelta(days=1)


def record(
    *,
    actor,
    action: str,
    obj: Any,
    before: Mapping | None = None,
    after: Mapping | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event for ``obj`` (a model instance) inside the caller's transaction: one
    INSERT and nothing else (the public forms' write path): no key reserved, and no save()
    signals, which would have Wagtail's reference index read the row back."""
    [event] = AuditEvent.objects.bulk_create(
        [_event(actor, action, obj, before, after, reason, timezone.now())]
    )
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
    each, written in one insert with keys reserved up front (bulk imports: bulk_create's
    per-row compilation cost more than the insert)."""
    now = timezone.now()
    events = [
        _event(actor, action, obj, before, after, reason, now) for obj, before, after in changes
    ]
    with transaction.atomic():
        for event, pk in zip(events, bulk.reserve_ids(AuditEvent, len(events)), strict=True):
            event.pk = pk
        bulk.insert(events)
    return events


def _event(actor, action: str, obj, before, after, reason: str, now) -> AuditEvent:
    return AuditEvent(
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
    )


def unpublished_by(instance):
    """Who took ``instance`` off line. Wagtail's ``unpublished`` signal does not say; the log entry
    its unpublish action writes just before sending it does (no one for a scheduled expiry)."""
    from wagtail.log_actions import registry

    entry = (
        registry.get_logs_for_instance(instance)
        .filter(action="wagtail.unpublish")
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.user if entry else None


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return actor.get_username() if getattr(actor, "pk", None) else "anonymous"


def history(obj) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("id")
    )


# -- sealing ---------------------------------------------------------------------------------


def seal(*, margin: float | None = None, everything: bool = False) -> int:
    """Link every sealable event into the chain, a batch per transaction; returns how many.

    ``margin`` (seconds, default ``settings.AUDIT_SEAL_MARGIN``) is the safe margin of
    ``auditchain.sealable``. Events committed below the head after it moved on are looked for
    among the last day's events, or among all with ``everything`` (the daily verification)."""
    margin = settings.AUDIT_SEAL_MARGIN if margin is None else margin
    total = 0
    while True:
        with transaction.atomic():
            _lock_sealer()
            count = _seal_batch(timezone.now() - timedelta(seconds=margin), everything)
        total += count
        if count < SEAL_BATCH:
            return total


def _lock_sealer() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SEAL_LOCK_KEY])


def _seal_batch(cutoff, everything: bool) -> int:
    head = AuditSeal.objects.order_by("-seq").values_list("seq", "hash").first() or (0, "")
    # The newest event sealed: not always the head's, when the head is a late event.
    last_id = AuditSeal.objects.aggregate(last=Max("event_id"))["last"] or 0
    events = _late_events(last_id, everything) + _next_events(last_id, cutoff)
    links = auditchain.chain(
        (event.chain_record() for event in events), head_seq=head[0], head_hash=head[1]
    )
    now = timezone.now()
    AuditSeal.objects.bulk_create(
        [
            AuditSeal(
                seq=link.seq,
                event_id=link.event_id,
                previous_hash=link.previous_hash,
                hash=link.hash,
                sealed_at=now,
            )
            for link in links
        ]
    )
    return len(links)


def _unsealed():
    return AuditEvent.objects.filter(seal__isnull=True).order_by("id")


def _late_events(last_id: int, everything: bool) -> list[AuditEvent]:
    late = _unsealed().filter(id__lt=last_id)
    if not everything:
        late = late.filter(created_at__gte=timezone.now() - LATE_WINDOW)
    return list(late[:SEAL_BATCH])


def _next_events(last_id: int, cutoff) -> list[AuditEvent]:
    candidates = list(_unsealed().filter(id__gt=last_id)[:SEAL_BATCH])
    count = auditchain.sealable(
        [(event.pk, event.created_at) for event in candidates], last_id=last_id, cutoff=cutoff
    )
    return candidates[:count]


# -- checkpoints -----------------------------------------------------------------------------


def checkpoint_file() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def checkpoint(*, force: bool = False) -> AuditCheckpoint | None:
    """Write the chain's head to the checkpoint table and append it to the checkpoint file;
    None when nothing is sealed, or (unless ``force``) the head has not moved since the last."""
    with transaction.atomic():
        _lock_sealer()
        head = AuditSeal.objects.order_by("-seq").first()
        if head is None:
            return None
        last = AuditCheckpoint.objects.order_by("-count").first()
        if last and last.count == head.seq and not force:
            return None
        point = AuditCheckpoint.objects.create(
            created_at=timezone.now(),
            count=head.seq,
            head_hash=head.hash,
            head_event_id=head.event_id,
        )
    _append_to_file(point)
    return point


def _append_to_file(point: AuditCheckpoint) -> None:
    path = checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = {
        "created_at": point.created_at.isoformat(),
        "count": point.count,
        "head_hash": point.head_hash,
        "head_event_id": point.head_event_id,
    }
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(line, sort_keys=True) + "\n")


def checkpoint_due(now=None) -> bool:
    """Whether the last checkpoint is older than ``settings.AUDIT_CHECKPOINT_MINUTES``."""
    now = now or timezone.now()
    last = AuditCheckpoint.objects.order_by("-created_at").values_list("created_at", flat=True)
    latest = last.first()
    return latest is None or now - latest >= timedelta(minutes=settings.AUDIT_CHECKPOINT_MINUTES)


def _checkpoints() -> list[auditchain.Checkpoint]:
    stored = [
        auditchain.Checkpoint(
            point.count, point.head_hash, point.head_event_id, "table", point.created_at.isoformat()
        )
        for point in AuditCheckpoint.objects.all()
    ]
    return stored + _file_checkpoints()


def _file_checkpoints() -> list[auditchain.Checkpoint]:
    path = checkpoint_file()
    if not path.exists():
        return []
    points = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            item = json.loads(line)
            points.append(
                auditchain.Checkpoint(
                    int(item["count"]),
                    str(item["head_hash"]),
                    int(item["head_event_id"]),
                    "file",
                    str(item["created_at"]),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise CheckpointFileError(path, number) from error
    return points


class CheckpointFileError(Exception):
    def __init__(self, path: Path, line: int):
        self.zh = f"检查点文件 {path} 第 {line} 行无法读取。"
        self.en = f"Line {line} of the checkpoint file {path} cannot be read."
        super().__init__(self.en)


# -- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """The outcome of ``verify``: how much is sealed, and the first break if any."""

    sealed: int
    unsealed: int
    broken: auditchain.Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify() -> Verification:
    """Check every sealed event against its link, the links against each other, and the chain
    against every checkpoint (table and file). Events not sealed yet are only counted."""
    try:
        checkpoints = _checkpoints()
    except CheckpointFileError as error:
        broken = auditchain.Break(None, 0, error.zh, error.en)
        return Verification(AuditSeal.objects.count(), _unsealed().count(), broken)
    sealed = 0

    def counted(links):
        nonlocal sealed
        for link in links:
            sealed += 1
            yield link

    broken = auditchain.first_break(counted(_stored_links()), checkpoints)
    return Verification(sealed=sealed, unsealed=_unsealed().count(), broken=broken)


def _stored_links(chunk: int = 2000) -> Iterator[auditchain.StoredLink]:
    """The links in ``seq`` order with their events' records, read a chunk at a time."""
    after = 0
    while True:
        seals = list(AuditSeal.objects.filter(seq__gt=after).order_by("seq")[:chunk])
        if not seals:
            return
        events = AuditEvent.objects.in_bulk([seal.event_id for seal in seals])
        for seal_ in seals:
            event = events.get(seal_.event_id)
            yield auditchain.StoredLink(
                seal_.seq,
                seal_.event_id,
                event.chain_record() if event else None,
                seal_.previous_hash,
                seal_.hash,
            )
        after = seals[-1].seq


def verify_chain() -> int | None:
    """The id of the first sealed event that does not match the chain, or None if intact."""
    broken = verify().broken
    return broken.event_id if broken else None


def verify_and_store() -> AuditVerification:
    """Verify the whole log and keep the outcome (what administrators and ``check`` see)."""
    result = verify()
    broken = result.broken
    return AuditVerification.objects.create(
        checked_at=timezone.now(),
        ok=result.ok,
        sealed=result.sealed,
        unsealed=result.unsealed,
        first_bad_event_id=broken.event_id if broken else None,
        problem=broken.zh if broken else "",
        problem_en=broken.en if broken else "",
    )
