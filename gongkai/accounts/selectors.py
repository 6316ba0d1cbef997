"""Reads of public accounts shared by views, other apps and the back office."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gongkai.accounts.masking import mask_name
from gongkai.accounts.models import PublicAccount
from gongkai.core.permissions import user_department_id


def account_of(user) -> PublicAccount | None:
    """The live public account of ``user``, or None (staff, anonymous, deleted)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        account = user.public_account
    except PublicAccount.DoesNotExist:
        return None
    return None if account.is_deleted else account


def is_public_account(user) -> bool:
    return account_of(user) is not None


def public_name(account: PublicAccount | None) -> str:
    """What others see of a contributor: the masked name, or 已注销用户 once deleted."""
    if account is None or account.is_deleted:
        return _("已注销用户")
    return mask_name(account.name)


def participation_refusal(user) -> str | None:
    """Why ``user`` may not submit a comment or message now, or None when they may."""
    account = account_of(user)
    if account is None:
        return _("请使用公众账号登录后提交。")
    if account.email_verified_at is None:
        return _("请先验证电子邮箱后再提交。")
    if account.is_blocked:
        return _("您的账号已被限制发言，原因：%(reason)s") % {"reason": account.blocked_reason}
    return None


def sees_personal_data(user, department_id: int | None) -> bool:
    """Staff see a contributor's personal data (e-mail, mobile, full name) only for items of
    their own department; everyone else sees the masked name."""
    if user.is_superuser:
        return True
    own = user_department_id(user)
    return own is not None and own == department_id
