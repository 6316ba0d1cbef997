"""`gongkai audit verify|seal|checkpoint`: exit status and what they print."""

import json

import django
import pytest
from django.db import connections

from gongkai import cli
from gongkai.core import audit
from gongkai.core.models import AuditEvent, AuditSeal, AuditVerification
from tests import factories
from tests.core.test_audit import raw_sql

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """A management command run from the command line closes every connection when it ends;
    the test's own (PostgreSQL, inside the test's transaction) must stay open."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture(autouse=True)
def keep_the_logging_configuration(monkeypatch):
    """The command line sets Django up again, which rebuilds the log handlers on capsys's
    temporary stderr; that stream is closed after the test and later tests would log into it.
    pytest-django has set Django up already."""
    monkeypatch.setattr(django, "setup", lambda *args, **kwargs: None)


def run(argv, capsys) -> tuple[int, str]:
    try:
        status = cli.main(argv)
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out + err


@pytest.fixture
def events(settings):
    settings.AUDIT_SEAL_MARGIN = 0
    finance = factories.department("财政局", code="czj")
    return [audit.record(actor="t", action=f"test.{n}", obj=finance) for n in range(3)]


def test_seal_links_the_new_events(events, capsys):
    status, out = run(["audit", "seal"], capsys)
    assert status == 0 and "Sealed 3 events" in out
    assert AuditSeal.objects.count() == 3


def test_checkpoint_seals_and_writes_the_head_to_the_file(events, capsys, settings):
    status, out = run(["audit", "checkpoint"], capsys)
    assert status == 0 and "Checkpoint: 3 events" in out
    line = json.loads(settings.AUDIT_CHECKPOINT_FILE.read_text().splitlines()[-1])
    assert line["count"] == 3 and line["head_event_id"] == events[-1].pk
    status, out = run(["audit", "checkpoint"], capsys)
    assert status == 0 and "no checkpoint" in out


def test_verify_of_an_intact_log_exits_zero_and_is_kept(events, capsys):
    run(["audit", "seal"], capsys)
    status, out = run(["audit", "verify"], capsys)
    assert status == 0 and "intact: 3 events sealed, 0 not sealed yet" in out
    assert AuditVerification.objects.get().ok


def test_verify_of_an_altered_log_exits_non_zero_naming_the_first_bad_row(events, capsys):
    run(["audit", "seal"], capsys)
    raw_sql("UPDATE {events} SET reason = %s WHERE id = %s", ["改", events[1].pk])
    status, out = run(["audit", "verify"], capsys)
    assert status == 1
    assert f"first bad row: event {events[1].pk}" in out
    assert f"首个异常记录：审计日志 {events[1].pk}" in out
    kept = AuditVerification.objects.get()
    assert not kept.ok and kept.first_bad_event_id == events[1].pk


def test_an_unknown_action_is_a_usage_error(capsys):
    status, out = run(["audit", "rewrite"], capsys)
    assert status != 0 and "invalid choice" in out
    assert AuditEvent.objects.count() == 0
