"""gongkai.core.bulk: rows inserted with one executemany store what bulk_create would."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import transaction

from gongkai.core import bulk
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db

CHINA = timezone(timedelta(hours=8))


def _event(created_at: datetime) -> AuditEvent:
    return AuditEvent(created_at=created_at, action="test.bulk", object_type="t", object_id="1")


def test_times_shared_by_rows_are_stored_as_given():
    """Times are converted once per distinct value: rows sharing a time, and equal instants
    written in other time zones, all keep their own instant."""
    noon = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
    times = [noon, noon, noon.astimezone(CHINA), noon + timedelta(seconds=1), noon]
    events = [_event(when) for when in times]
    with transaction.atomic():
        for event, pk in zip(events, bulk.reserve_ids(AuditEvent, len(events)), strict=True):
            event.pk = pk
        bulk.insert(events)
    stored = dict(AuditEvent.objects.filter(action="test.bulk").values_list("pk", "created_at"))
    assert [stored[event.pk] for event in events] == times
