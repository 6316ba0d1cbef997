"""The rules of the audit hash chain, without the ORM: what a link's hash covers, which appended
events may be sealed now, and where a stored chain stops matching its events or checkpoints.

A chain is a sequence of links numbered 1, 2, …; link ``seq`` holds the id of one event, the
hash of link ``seq - 1`` (empty for the first) and its own hash, the SHA-256 of the event's
fields together with its id, ``seq`` and that previous hash. Changing an event, deleting or
reordering links, or moving an event's content under another id breaks the chain there. A
checkpoint (count and head hash, kept apart from the log) catches what the chain alone cannot:
the newest links removed, or the whole chain recomputed after a change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder


def link_hash(record: Mapping, seq: int, previous: str) -> str:
    """The hash of the link ``seq`` holding the event ``record`` (its fields and id) after the
    link whose hash is ``previous``."""
    fields = dict(record)
    created_at = fields.get("created_at")
    if isinstance(created_at, datetime):
        fields["created_at"] = created_at.astimezone(UTC).isoformat()
    payload = json.dumps(
        {**fields, "seq": seq, "previous": previous},
        cls=DjangoJSONEncoder,
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class NewLink:
    seq: int
    event_id: int
    previous_hash: str
    hash: str


def chain(records: Iterable[Mapping], *, head_seq: int, head_hash: str) -> list[NewLink]:
    """Links for ``records`` (each with its ``id``), in the order given, after the head."""
    links = []
    seq, previous = head_seq, head_hash
    for record in records:
        seq += 1
        digest = link_hash(record, seq, previous)
        links.append(NewLink(seq=seq, event_id=record["id"], previous_hash=previous, hash=digest))
        previous = digest
    return links


def sealable(candidates: Sequence[tuple[int, datetime]], *, last_id: int, cutoff: datetime) -> int:
    """How many of ``candidates`` (id, created_at), unsealed events in id order after the
    newest sealed event ``last_id``, may be sealed now.

    On PostgreSQL ids come from a sequence when the row is inserted, not when it commits: while
    event 7 is still in an open transaction, event 8 may already be visible, and a rolled-back
    transaction leaves id 7 unused for ever. An event is sealed when it follows the previous
    one without a gap (nothing can still appear between them), or when it is older than
    ``cutoff`` (the safe margin: a transaction holding a missing id has had that long to
    commit). The first event that is neither stops the batch, so the chain keeps id order.
    An event committed later still (a transaction open longer than the margin) is found by the
    sealer below the head and sealed in a later batch: it is never left out, and its hash binds
    its own id and place, so ``first_break`` accepts it.
    """
    count = 0
    previous_id = last_id
    for event_id, created_at in candidates:
        if event_id != previous_id + 1 and created_at > cutoff:
            break
        count += 1
        previous_id = event_id
    return count


@dataclass(frozen=True)
class StoredLink:
    """One link as stored, with its event's record (None when the event row is gone)."""

    seq: int
    event_id: int
    record: Mapping | None
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head_hash: str
    head_event_id: int
    source: str
    created_at: str


@dataclass(frozen=True)
class Break:
    """Where the chain stops matching: the first bad event (by id) and why, in both languages."""

    event_id: int | None
    seq: int
    zh: str
    en: str


def first_break(links: Iterable[StoredLink], checkpoints: Sequence[Checkpoint]) -> Break | None:
    """The first place where ``links`` (in ``seq`` order) do not make one unbroken chain over
    their events, or do not match a checkpoint; None when all is intact."""
    expected = {checkpoint.count: checkpoint for checkpoint in checkpoints}
    seq, previous, previous_event = 0, "", None
    for link in links:
        seq += 1
        problem = _link_problem(link, seq, previous)
        if problem:
            return Break(link.event_id, link.seq, *problem)
        checkpoint = expected.get(seq)
        if checkpoint and checkpoint.head_hash != link.hash:
            return _rewritten(checkpoint, seq, previous_event, link.event_id)
        previous, previous_event = link.hash, link.event_id
    return _truncated(checkpoints, seq, previous_event)


def _link_problem(link: StoredLink, seq: int, previous: str) -> tuple[str, str] | None:
    event = link.event_id
    if link.seq != seq:
        return (
            f"审计日志 {event} 之前的第 {seq} 条链接缺失（日志被删除）。",
            f"Link #{seq} before event {event} is missing (rows were deleted).",
        )
    if link.record is None:
        return f"审计日志 {event} 已被删除。", f"Event {event} was deleted."
    if link.previous_hash != previous:
        return (
            f"审计日志 {event} 与前一条不相连。",
            f"Event {event} does not follow the link before it.",
        )
    if link_hash(link.record, link.seq, previous) != link.hash:
        return f"审计日志 {event} 已被改动。", f"Event {event} was altered."
    return None


def _rewritten(checkpoint: Checkpoint, seq: int, previous_event, event_id: int) -> Break:
    return Break(
        event_id,
        seq,
        f"第 {seq} 条（审计日志 {event_id}）及之前的日志与{_source(checkpoint)}"
        f"（{checkpoint.created_at}）不符：日志曾被重写。",
        f"The log up to link #{seq} (event {event_id}) does not match the checkpoint of "
        f"{checkpoint.created_at} ({checkpoint.source}): it was rewritten.",
    )


def _truncated(checkpoints: Sequence[Checkpoint], count: int, last_event) -> Break | None:
    beyond = [checkpoint for checkpoint in checkpoints if checkpoint.count > count]
    if not beyond:
        return None
    checkpoint = max(beyond, key=lambda checkpoint: checkpoint.count)
    return Break(
        checkpoint.head_event_id,
        count + 1,
        f"日志在第 {count} 条（审计日志 {last_event}）后被截断：{_source(checkpoint)}"
        f"（{checkpoint.created_at}）记录了 {checkpoint.count} 条，至审计日志 "
        f"{checkpoint.head_event_id}。",
        f"The log was truncated after link #{count} (event {last_event}): the checkpoint of "
        f"{checkpoint.created_at} ({checkpoint.source}) records {checkpoint.count} links, up to "
        f"event {checkpoint.head_event_id}.",
    )


def _source(checkpoint: Checkpoint) -> str:
    return "检查点文件" if checkpoint.source == "file" else "检查点"
