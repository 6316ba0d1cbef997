"""Enrolment, verification and reset of the second factor (django-otp devices), audited.

A user has at most one confirmed authenticator (TOTPDevice) and one set of backup codes
(StaticDevice, ten single-use codes shown once at enrolment). Wrong codes are throttled by
django-otp (each failure doubles the wait: 1, 2, 4 … seconds, OTP_TOTP_THROTTLE_FACTOR).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.core import audit
from gongkai.secondfactor import rules, selectors

DEVICE_NAME = "身份验证器"
BACKUP_NAME = "备用码"


class CodeRefused(ValidationError):
    """A wrong code, or a code tried while throttled; the message says which."""


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed authenticator whose secret the enrolment page shows (a new one the
    first time, the same one on reloads until it is confirmed)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _refusal(device, code: str) -> CodeRefused | None:
    """None when ``device`` accepts ``code`` under django-otp's throttling, else the refusal.
    Returned, not raised, so that the caller's transaction keeps the failure count."""
    allowed, data = device.verify_is_allowed()
    if not allowed:
        return CodeRefused(_throttled_message(data), code="throttled")
    if not device.verify_token(code):
        return CodeRefused(_("验证码不正确。"), code="wrong")
    return None


def _throttled_message(data: dict | None) -> str:
    locked_until = (data or {}).get("locked_until")
    seconds = 1
    if locked_until is not None:
        seconds = max(1, int((locked_until - timezone.now()).total_seconds() + 0.999))
    return _("错误次数过多，请 %(seconds)d 秒后再试。") % {"seconds": seconds}


def confirm_enrolment(*, user, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the authenticator with a code from the app; returns the new backup codes (the
    only time they are shown). Raises CodeRefused."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        refusal = _refusal(device, rules.normalise_code(code))
        if refusal is None:
            _confirm(user, device)
            codes = _new_backup_codes(user)
            audit.record(
                actor=user,
                action="secondfactor.enrol",
                obj=user,
                after={"device": device.name, "backup_codes": len(codes)},
            )
    if refusal is not None:
        raise refusal
    return codes


def _confirm(user, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(rules.BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


def verify(*, user, code: str):
    """The device that accepts ``code``: six digits go to the authenticator, anything else is
    tried as a backup code (which then no longer works). Raises CodeRefused."""
    code = rules.normalise_code(code)
    with transaction.atomic():
        if rules.is_authenticator_code(code):
            devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
        else:
            devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
        device = devices.select_for_update().order_by("id").first()
        if device is None:
            raise CodeRefused(_("验证码不正确。"), code="wrong")
        refusal = _refusal(device, code)
        if refusal is None and isinstance(device, StaticDevice):
            audit.record(
                actor=user,
                action="secondfactor.backup_code_used",
                obj=user,
                after={"backup_codes_left": selectors.backup_codes_left(user)},
            )
    if refusal is not None:
        raise refusal
    return device


def reset(*, user, actor, reason: str = "") -> int:
    """Remove the user's authenticator and backup codes (a lost phone); a user who must use a
    second factor enrols again at the next sign-in. Returns how many devices were removed."""
    with transaction.atomic():
        before = selectors.status(user)
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            devices = model.objects.filter(user=user)
            removed += devices.count()
            devices.delete()
        audit.record(
            actor=actor,
            action="secondfactor.reset",
            obj=user,
            before={"enrolled": before.enrolled, "backup_codes": before.backup_codes_left},
            after={"enrolled": False, "backup_codes": 0},
            reason=reason,
        )
    return removed
