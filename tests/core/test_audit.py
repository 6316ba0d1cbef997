"""The audit log is append-only and tamper-evident (invariant 3): writers append, the sealer
chains, checkpoints catch truncation."""

import json
import sqlite3
import threading
from contextlib import closing

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.models import AuditCheckpoint, AuditEvent, AuditSeal, Department
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    return factories.department("财政局", code="czj")


@pytest.fixture
def events(finance):
    written = [
        audit.record(actor="tester", action=f"test.step{n}", obj=finance, after={"n": n})
        for n in range(5)
    ]
    assert audit.seal(margin=0) == 5
    return written


def raw_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.format(
                events=connection.ops.quote_name(AuditEvent._meta.db_table),
                seals=connection.ops.quote_name(AuditSeal._meta.db_table),
                checkpoints=connection.ops.quote_name(AuditCheckpoint._meta.db_table),
            ),
            params,
        )


def delete_events(ids: list[int]) -> None:
    """Delete events and their links behind the application's back."""
    marks = ", ".join(["%s"] * len(ids))
    with transaction.atomic():
        raw_sql(f"DELETE FROM {{seals}} WHERE event_id IN ({marks})", ids)
        raw_sql(f"DELETE FROM {{events}} WHERE id IN ({marks})", ids)


def test_an_event_cannot_be_changed(events):
    event = AuditEvent.objects.get(pk=events[1].pk)
    event.reason = "事后补写"
    with pytest.raises(PermissionDenied):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_an_event_cannot_be_deleted(events):
    with pytest.raises(PermissionDenied):
        events[1].delete()
    assert AuditEvent.objects.filter(pk=events[1].pk).exists()


def test_links_and_checkpoints_cannot_be_changed_or_deleted(events):
    point = audit.checkpoint()
    link = AuditSeal.objects.get(event=events[0])
    link.hash = "0" * 64
    for refused in (link.save, link.delete, point.delete, AuditSeal.objects.all().delete):
        with pytest.raises(PermissionDenied):
            refused()
    with pytest.raises(PermissionDenied):
        AuditCheckpoint.objects.update(count=1)
    assert audit.verify().ok


def test_a_new_link_never_overwrites_an_existing_one(events):
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditSeal(seq=1, event=events[4], hash="x", sealed_at=timezone.now()).save()
    assert AuditSeal.objects.get(seq=1).event_id == events[0].pk


def test_writing_an_event_does_not_chain_it_the_sealer_does(finance):
    event = audit.record(actor="tester", action="test.one", obj=finance)
    assert not AuditSeal.objects.filter(event=event).exists()
    assert audit.seal(margin=0) == 1
    link = AuditSeal.objects.get(event=event)
    assert (link.seq, link.previous_hash) == (1, "")
    assert audit.verify().ok and audit.verify().sealed == 1


def test_the_sealer_links_events_in_id_order(events):
    links = list(AuditSeal.objects.order_by("seq"))
    assert [link.event_id for link in links] == [event.pk for event in events]
    for before, after in zip(links, links[1:], strict=False):
        assert after.previous_hash == before.hash
    assert audit.seal(margin=0) == 0
    assert audit.verify_chain() is None


def test_the_actor_is_recorded_by_name_and_reference(events):
    user = factories.make_user(username="reviewer1")
    event = audit.record(actor=user, action="test.user", obj=user)
    assert (event.actor, event.actor_label) == (user, "reviewer1")
    assert audit.record(actor=None, action="test.system", obj=user).actor_label == "system"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("reason", "篡改"),
        ("action", "test.other"),
        ("actor_label", "someone else"),
        ("object_label", "另一个"),
    ],
)
def test_a_row_altered_behind_the_applications_back_breaks_the_chain_there(events, column, value):
    raw_sql(f"UPDATE {{events}} SET {column} = %s WHERE id = %s", [value, events[2].pk])
    result = audit.verify()
    assert not result.ok and result.broken.event_id == events[2].pk
    assert audit.verify_chain() == events[2].pk


def test_a_row_deleted_behind_the_applications_back_breaks_the_chain_at_the_next(events):
    delete_events([events[1].pk])
    assert audit.verify_chain() == events[2].pk


def test_two_rows_swapped_break_the_chain_at_the_first(events):
    first, second = events[1].pk, events[2].pk
    raw_sql("UPDATE {events} SET action = %s WHERE id = %s", ["test.step2", first])
    raw_sql(
        "UPDATE {events} SET action = %s, after = %s WHERE id = %s",
        ["test.step1", json.dumps({"n": 1}), second],
    )
    assert audit.verify_chain() == first


def test_the_newest_rows_cut_off_are_found_by_the_checkpoint(events):
    point = audit.checkpoint()
    assert point.count == 5
    delete_events([events[3].pk, events[4].pk])
    result = audit.verify()
    assert not result.ok and result.broken.event_id == events[4].pk
    assert "truncated" in result.broken.en and result.sealed == 3


def test_the_checkpoint_file_still_tells_when_the_checkpoint_table_was_emptied(events, settings):
    audit.checkpoint()
    lines = settings.AUDIT_CHECKPOINT_FILE.read_text().splitlines()
    assert json.loads(lines[-1])["count"] == 5
    delete_events([events[4].pk])
    raw_sql("DELETE FROM {checkpoints}", [])
    result = audit.verify()
    assert not result.ok and "(file)" in result.broken.en


def test_a_log_recomputed_after_a_change_does_not_match_the_checkpoint(events, finance):
    audit.checkpoint()
    raw_sql("UPDATE {events} SET reason = %s WHERE id = %s", ["改", events[0].pk])
    # Rewrite every link after the change, as someone with the database and the code could.
    from gongkai.core.auditchain import chain

    records = [event.chain_record() for event in AuditEvent.objects.order_by("id")]
    for link in chain(records, head_seq=0, head_hash=""):
        raw_sql(
            "UPDATE {seals} SET previous_hash = %s, hash = %s WHERE seq = %s",
            [link.previous_hash, link.hash, link.seq],
        )
    result = audit.verify()
    assert not result.ok and "rewritten" in result.broken.en


def test_an_unreadable_checkpoint_file_is_reported(events, settings):
    settings.AUDIT_CHECKPOINT_FILE.write_text("not json\n")
    result = audit.verify()
    assert not result.ok and "Line 1" in result.broken.en


def test_a_checkpoint_is_written_only_when_the_head_moved(events, finance):
    assert audit.checkpoint() is not None
    assert audit.checkpoint() is None
    audit.record(actor="tester", action="test.more", obj=finance)
    audit.seal(margin=0)
    assert audit.checkpoint().count == 6
    assert AuditCheckpoint.objects.count() == 2


def test_a_young_gap_in_the_ids_waits_for_the_margin(events):
    """A gap in the ids (on PostgreSQL, a transaction rolled back or still open) is passed
    only once the event after it is older than the margin; contiguous events go at once."""
    insert_event(events[-1].pk + 2, "test.after_gap")
    assert audit.seal(margin=60) == 0
    assert audit.seal(margin=0) == 1
    insert_event(events[-1].pk + 3, "test.next")
    assert audit.seal(margin=60) == 1
    assert audit.verify().ok


def test_an_event_committed_below_the_head_is_sealed_after_it(events, finance):
    """A transaction open longer than the margin commits an event with an id below events
    already sealed: the next seal links it after them, and the chain stays intact."""
    head_id = events[-1].pk
    insert_event(head_id + 10, "test.ahead")
    assert audit.seal(margin=0) == 1
    insert_event(head_id + 5, "test.late")
    assert audit.seal(margin=0) == 1
    assert AuditSeal.objects.get(seq=7).event_id == head_id + 5
    assert not AuditEvent.objects.filter(seal__isnull=True).exists()
    assert audit.verify().ok


def insert_event(event_id: int, action: str) -> None:
    raw_sql(
        "INSERT INTO {events} (id, created_at, actor_label, action, object_type, object_id, "
        "object_label, reason) VALUES (%s, %s, '', %s, 'core.department', '1', '', '')",
        [event_id, timezone.now(), action],
    )


def test_history_lists_the_events_of_one_object_in_order(events):
    other = factories.department("规划建设局", code="ghjs")
    audit.record(actor="tester", action="test.other", obj=other)
    finance = Department.objects.get(code="czj")
    assert [event.action for event in audit.history(finance)] == [f"test.step{n}" for n in range(5)]


def test_bulk_update_and_delete_are_refused(events):
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=events[0].pk).update(reason="改")
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == len(events)


def test_many_events_at_once_are_chained_like_single_ones(events):
    first, second = factories.department("教育局", code="jyj"), factories.department("卫健局")
    many = audit.record_many(
        actor="importer",
        action="test.bulk",
        changes=[(first, None, {"n": 1}), (second, {"n": 1}, {"n": 2})],
    )
    audit.record(actor="tester", action="test.after", obj=first)
    assert [(e.object_id, e.before, e.after) for e in many] == [
        (str(first.pk), None, {"n": 1}),
        (str(second.pk), {"n": 1}, {"n": 2}),
    ]
    assert audit.seal(margin=0) == 3
    links = AuditSeal.objects.filter(event__in=many).order_by("seq")
    assert [link.event_id for link in links] == [event.pk for event in many]
    assert audit.verify_chain() is None


@pytest.fixture
def shared_database(tmp_path):
    """A database the test's threads can write to at once: PostgreSQL's test database as it
    is; on SQLite, a WAL file copied from the in-memory test database (which answers "table is
    locked" to concurrent writers instead of waiting), opened as the default connection in
    each thread that calls the returned function."""
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    path = tmp_path / "race.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)
    file_settings = {**connections.settings["default"], "NAME": str(path)}
    file_settings["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
    }
    original = connections["default"]

    def use_file():
        connections["default"] = SQLiteWrapper(file_settings, "default")

    yield use_file
    connections["default"].close()
    connections["default"] = original


@pytest.mark.django_db(transaction=True)
def test_writers_and_sealers_at_once_make_one_unbroken_chain(shared_database):
    """Four threads each append events and seal, at the same time: every event ends up in one
    chain exactly once, in order of seq, whatever the interleaving."""
    finance = factories.department("财政局", code="czj")
    errors = []
    start = threading.Barrier(4)

    def work(n):
        shared_database()
        try:
            start.wait()
            for step in range(10):
                with transaction.atomic():
                    audit.record(actor=f"w{n}", action=f"test.{step}", obj=finance)
                audit.seal(margin=0)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    shared_database()
    audit.seal(margin=0)
    assert AuditSeal.objects.count() == AuditEvent.objects.count() == 40
    assert sorted(AuditSeal.objects.values_list("seq", flat=True)) == list(range(1, 41))
    assert audit.verify().ok


def test_each_beat_of_the_workers_clock_seals_and_checkpoints(finance, settings):
    from gongkai.core import schedule

    settings.AUDIT_SEAL_MARGIN = 0
    audit.record(actor="tester", action="test.beat", obj=finance)
    schedule.tick()
    assert not AuditEvent.objects.filter(seal__isnull=True).exists()
    assert AuditCheckpoint.objects.get().count == AuditSeal.objects.count()
    audit.record(actor="tester", action="test.beat2", obj=finance)
    schedule.tick()
    assert AuditCheckpoint.objects.count() == 1, "the next checkpoint waits for its interval"
    assert audit.verify().ok
