"""Reading a user's second-factor state."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.core.roles import user_roles
from gongkai.secondfactor import rules


def authenticator(user) -> TOTPDevice | None:
    """The user's confirmed authenticator (one per user), if enrolled."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("id").first()


def has_device(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def backup_device(user) -> StaticDevice | None:
    return StaticDevice.objects.devices_for_user(user, confirmed=True).order_by("id").first()


def enforced() -> bool:
    """Whether reviewers and administrators must enrol (``GONGKAI_OTP_REQUIRED``)."""
    return settings.GONGKAI_OTP_REQUIRED


def requires_second_factor(user) -> bool:
    """``rules.requires_second_factor`` for a user (roles cached on the instance)."""
    return rules.requires_second_factor(
        user_roles(user), has_device=has_device(user), enforced=enforced()
    )


def next_step(user) -> str | None:
    """``rules.next_step`` for a signed-in user of this request (django-otp's ``is_verified``)."""
    if user.is_verified():
        return None
    return rules.next_step(
        user_roles(user), has_device=has_device(user), verified=False, enforced=enforced()
    )


def token_may_act(user) -> bool:
    """``rules.token_may_act`` for the user a staff API token belongs to."""
    return rules.token_may_act(user_roles(user), has_device=has_device(user), enforced=enforced())


@dataclass(frozen=True)
class Status:
    username: str
    required: bool
    enrolled: bool
    backup_codes_left: int

    @property
    def label(self) -> str:
        need = "必须 required" if self.required else "可选 optional"
        state = "已启用 enrolled" if self.enrolled else "未启用 not enrolled"
        return f"{need}, {state}, {self.backup_codes_left} 个备用码 backup codes left"


def status(user) -> Status:
    return Status(
        username=user.get_username(),
        required=rules.must_enrol(user_roles(user), enforced=enforced()),
        enrolled=has_device(user),
        backup_codes_left=backup_codes_left(user),
    )
