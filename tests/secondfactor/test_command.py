"""`gongkai otp status [USER]` and `gongkai otp reset USER` (audited)."""

import pytest
from django.core.management import CommandError, call_command

from gongkai import cli
from gongkai.core.models import AuditEvent
from gongkai.secondfactor import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def otp(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("otp", *args, stdout=out)
    return out.getvalue()


def test_the_gongkai_command_names_it():
    assert cli.COMMANDS["otp"][0] == "otp"


def test_status_lists_who_must_use_it_and_who_enrolled(reviewer, editor):
    admin = factories.make_user(username="root", is_superuser=True)
    factories.make_user(username="nobody")
    factories.enrol_second_factor(reviewer)
    out = otp("status")
    lines = dict(line.split("\t") for line in out.strip().splitlines())
    assert set(lines) == {"root", "shenqian"}
    assert lines["shenqian"].startswith("必须 required, 已启用 enrolled")
    assert lines["root"].startswith("必须 required, 未启用 not enrolled")
    factories.enrol_second_factor(editor)
    assert "xinxiyuan\t可选 optional, 已启用 enrolled" in otp("status")
    assert otp("status", "root").startswith("root\t必须 required") and admin


def test_reset_removes_the_devices_and_is_audited(reviewer):
    factories.enrol_second_factor(reviewer)
    out = otp("reset", "shenqian", "--reason", "手机丢失")
    assert "Reset the second factor of shenqian (1 devices removed)" in out
    assert not selectors.has_device(reviewer)
    event = AuditEvent.objects.get(action="secondfactor.reset")
    assert event.actor_label == "gongkai otp" and event.reason == "手机丢失"
    assert event.object_id == str(reviewer.pk)


def test_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="No user ghost"):
        otp("reset", "ghost")
