"""Enrolment, verification with throttling, backup codes and reset (django-otp devices)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.core.models import AuditEvent
from gongkai.secondfactor import selectors, services
from tests.factories import enrol_second_factor, totp_code, wrong_code

pytestmark = pytest.mark.django_db


def enrolled(user) -> list[str]:
    device = services.enrolment_device(user)
    return services.confirm_enrolment(user=user, device=device, code=totp_code(device))


def test_enrolment_shows_one_secret_until_confirmed(reviewer):
    first = services.enrolment_device(reviewer)
    assert services.enrolment_device(reviewer) == first
    assert not selectors.has_device(reviewer)


def test_a_wrong_code_does_not_confirm(reviewer):
    device = services.enrolment_device(reviewer)
    with pytest.raises(services.CodeRefused, match="验证码不正确"):
        services.confirm_enrolment(user=reviewer, device=device, code=wrong_code(device))
    assert not selectors.has_device(reviewer)


def test_the_right_code_confirms_and_gives_ten_backup_codes_once(reviewer):
    codes = enrolled(reviewer)
    assert len(codes) == len(set(codes)) == 10
    assert selectors.has_device(reviewer)
    assert selectors.status(reviewer).backup_codes_left == 10
    event = AuditEvent.objects.get(action="secondfactor.enrol")
    assert event.actor == reviewer
    assert codes[0] not in str(event.after)


def test_verify_accepts_the_current_code_once(reviewer):
    device = enrol_second_factor(reviewer)
    code = totp_code(device)
    assert services.verify(user=reviewer, code=code) == device
    with pytest.raises(services.CodeRefused):
        services.verify(user=reviewer, code=code)  # a code is never accepted twice


def test_wrong_codes_are_throttled_even_with_the_right_code(reviewer):
    device = enrol_second_factor(reviewer)
    with pytest.raises(services.CodeRefused, match="验证码不正确"):
        services.verify(user=reviewer, code=wrong_code(device))
    with pytest.raises(services.CodeRefused, match="错误次数过多") as refused:
        services.verify(user=reviewer, code=totp_code(device))
    assert refused.value.code == "throttled"
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Once the wait is over the right code works again.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    assert services.verify(user=reviewer, code=totp_code(device)) == device


def test_a_backup_code_works_once(reviewer):
    codes = enrolled(reviewer)
    device = services.verify(user=reviewer, code=codes[3].upper())
    assert device.name == services.BACKUP_NAME
    assert StaticToken.objects.filter(token=codes[3]).count() == 0
    assert selectors.status(reviewer).backup_codes_left == 9
    with pytest.raises(services.CodeRefused):
        services.verify(user=reviewer, code=codes[3])
    assert AuditEvent.objects.filter(action="secondfactor.backup_code_used").count() == 1


def test_reset_removes_every_device_and_is_audited(reviewer, editor):
    enrolled(reviewer)
    assert services.reset(user=reviewer, actor=editor, reason="手机丢失") == 2
    assert not selectors.has_device(reviewer)
    assert selectors.status(reviewer).backup_codes_left == 0
    event = AuditEvent.objects.get(action="secondfactor.reset")
    assert event.actor == editor and event.reason == "手机丢失"
    assert event.before == {"enrolled": True, "backup_codes": 10}


def test_status_says_who_must_enrol(reviewer, editor):
    assert selectors.status(reviewer).required
    assert not selectors.status(editor).required
    assert selectors.requires_second_factor(reviewer)
    assert not selectors.requires_second_factor(editor)
    enrol_second_factor(editor)
    assert selectors.requires_second_factor(editor)
