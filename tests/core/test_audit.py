"""The audit log is append-only and tamper-evident (invariant 3)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from gongkai.core import audit
from gongkai.core.models import AuditEvent, Department
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    finance = factories.department("财政局", code="czj")
    return [
        audit.record(actor="tester", action=f"test.step{n}", obj=finance, after={"n": n})
        for n in range(4)
    ]


def raw_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.format(table=connection.ops.quote_name(AuditEvent._meta.db_table)), params
        )


def test_an_event_cannot_be_changed(events):
    event = AuditEvent.objects.get(pk=events[1].pk)
    event.reason = "事后补写 written afterwards"
    with pytest.raises(PermissionDenied):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_an_event_cannot_be_deleted(events):
    with pytest.raises(PermissionDenied):
        events[1].delete()
    assert AuditEvent.objects.filter(pk=events[1].pk).exists()


def test_each_event_carries_the_hash_of_the_one_before(events):
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash
    assert audit.verify_chain() is None


def test_the_actor_is_recorded_by_name_and_reference(events):
    user = factories.make_user(username="reviewer1")
    event = audit.record(actor=user, action="test.user", obj=user)
    assert (event.actor, event.actor_label) == (user, "reviewer1")
    assert audit.record(actor=None, action="test.system", obj=user).actor_label == "system"


@pytest.mark.parametrize(
    ("column", "value"),
    [("reason", "篡改 tampered"), ("action", "test.other"), ("actor_label", "someone else")],
)
def test_a_row_altered_behind_the_applications_back_breaks_the_chain_there(events, column, value):
    raw_sql(f"UPDATE {{table}} SET {column} = %s WHERE id = %s", [value, events[2].pk])
    assert audit.verify_chain() == events[2].pk


def test_a_row_deleted_behind_the_applications_back_breaks_the_chain_at_the_next(events):
    raw_sql("DELETE FROM {table} WHERE id = %s", [events[1].pk])
    assert audit.verify_chain() == events[2].pk


def test_history_lists_the_events_of_one_object_in_order(events):
    other = factories.department("规划建设局", code="ghjs")
    audit.record(actor="tester", action="test.other", obj=other)
    finance = Department.objects.get(code="czj")
    assert [event.action for event in audit.history(finance)] == [f"test.step{n}" for n in range(4)]


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
    assert many[0].previous_hash == events[-1].hash and many[1].previous_hash == many[0].hash
    assert AuditEvent.objects.filter(action="test.bulk").count() == 2
    assert audit.verify_chain() is None
