"""Every change of state of public accounts: validate, write, audit, mail.

The audit log records what happened to an account (``account:<id>``), never its name, address
or number: staff who read the log see no personal data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts import sms, tokens
from gongkai.accounts.mail import absolute_url, mail_account
from gongkai.accounts.masking import normalise_mobile
from gongkai.accounts.models import AccountKind, PublicAccount
from gongkai.core import audit, pagecache
from gongkai.core.pagecache import obj_tag

MOBILE_CODE_MINUTES = 10


@dataclass(frozen=True)
class Registration:
    """An acknowledged registration; ``created`` is False for a repeated submit of the form,
    and ``account`` is None when the address was already registered (that owner is told by
    mail, the visitor sees the same page: nobody learns who has an account)."""

    account: PublicAccount | None
    created: bool


def account_register(
    *,
    email: str,
    password: str,
    name: str,
    kind: str,
    nonce: str,
    mobile: str = "",
    language: str = "zh-hans",
) -> Registration:
    """注册: the account is created unverified and a verification link is mailed."""
    if not tokens.NONCE_PATTERN.fullmatch(nonce or ""):
        raise ValidationError(_("表单已失效，请刷新页面后重新提交。"), code="bad_nonce")
    if kind not in AccountKind.values:
        raise ValidationError(_("请选择账号类型。"), code="kind")
    email = email.strip().lower()
    key_hash = tokens.digest(nonce)
    repeated = PublicAccount.objects.filter(registration_key_hash=key_hash).first()
    if repeated is not None:
        return Registration(repeated, created=False)
    existing = PublicAccount.objects.filter(email=email).first()
    if existing is not None:
        _mail_already_registered(existing)
        return Registration(None, created=False)
    number = _checked_mobile(mobile)
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=f"p-{secrets.token_hex(8)}", email=email, password=password
            )
            account = PublicAccount.objects.create(
                user=user,
                kind=kind,
                name=name.strip(),
                email=email,
                mobile=number,
                language=language,
                registration_key_hash=key_hash,
            )
            audit.record(actor=user, action="account.register", obj=account, after={"kind": kind})
            _mail_verification(account)
    except IntegrityError:
        # A double submit or the same address registered at the same moment: the first stands.
        repeated = PublicAccount.objects.filter(registration_key_hash=key_hash).first()
        if repeated is None and not PublicAccount.objects.filter(email=email).exists():
            raise
        return Registration(repeated, created=False)
    return Registration(account, created=True)


def _checked_mobile(mobile: str) -> str:
    if not mobile.strip():
        return ""
    number = normalise_mobile(mobile)
    if number is None:
        raise ValidationError(_("请填写正确的手机号码。"), code="mobile")
    return number


def _mail_verification(account: PublicAccount) -> None:
    user = account.user
    path = reverse(
        "accounts:verify",
        args=[tokens.user_reference(user), tokens.email_verification_token.make_token(user)],
    )
    mail_account(user.pk, "accounts/mail/verify", {"link": absolute_url(path)}, unverified=True)


def _mail_already_registered(account: PublicAccount) -> None:
    if account.is_deleted:
        return
    context = {
        "login": absolute_url(reverse("accounts:login")),
        "reset": absolute_url(reverse("accounts:password_reset")),
    }
    mail_account(account.user_id, "accounts/mail/already_registered", context, unverified=True)


def account_send_verification(*, email: str) -> None:
    """Mail the verification link again to an unverified account of ``email`` (if any)."""
    account = PublicAccount.objects.filter(
        email=email.strip().lower(), email_verified_at__isnull=True
    ).first()
    if account is not None:
        _mail_verification(account)


@transaction.atomic
def account_verify_email(*, reference: str, token: str) -> PublicAccount | None:
    """The link of the verification mail: marks the address verified; None when the link is
    wrong, used or expired."""
    user_id = tokens.user_id_from_reference(reference)
    account = (
        PublicAccount.objects.select_related("user")
        .filter(user_id=user_id, deleted_at__isnull=True)
        .first()
    )
    if account is None:
        return None
    if not tokens.email_verification_token.check_token(account.user, token):
        return None
    account.email_verified_at = timezone.now()
    account.save(update_fields=["email_verified_at"])
    audit.record(actor=account.user, action="account.verify_email", obj=account)
    return account


@transaction.atomic
def account_update(*, user, name: str, mobile: str = "") -> PublicAccount:
    """The name shown (masked) with contributions, and the optional mobile number; a new number
    is unverified until its code is entered."""
    account = _own_account(user)
    number = _checked_mobile(mobile)
    changed = []
    if name.strip() != account.name:
        account.name = name.strip()
        changed.append("name")
    if number != account.mobile:
        account.mobile = number
        account.mobile_verified_at = None
        account.mobile_code_hash = ""
        changed += ["mobile", "mobile_verified_at", "mobile_code_hash"]
    if changed:
        account.save(update_fields=changed)
        audit.record(actor=user, action="account.update", obj=account, after={"changed": changed})
    return account


@transaction.atomic
def account_send_mobile_code(*, user) -> None:
    """Send a six-digit code to the account's mobile number (valid 10 minutes)."""
    account = _own_account(user)
    if not account.mobile:
        raise ValidationError(_("请先填写手机号码。"), code="no_mobile")
    code = tokens.new_code()
    account.mobile_code_hash = tokens.digest(f"{account.pk}:{code}")
    account.mobile_code_expires_at = timezone.now() + timedelta(minutes=MOBILE_CODE_MINUTES)
    account.save(update_fields=["mobile_code_hash", "mobile_code_expires_at"])
    text = _("您的验证码是 %(code)s，%(minutes)s 分钟内有效。") % {
        "code": code,
        "minutes": MOBILE_CODE_MINUTES,
    }
    transaction.on_commit(lambda: sms.send_sms(account.mobile, text))


@transaction.atomic
def account_verify_mobile(*, user, code: str) -> PublicAccount:
    account = _own_account(user)
    expected = account.mobile_code_hash
    fresh = account.mobile_code_expires_at and account.mobile_code_expires_at > timezone.now()
    if not expected or not fresh or tokens.digest(f"{account.pk}:{code.strip()}") != expected:
        raise ValidationError(_("验证码不正确或已过期，请重新获取。"), code="bad_code")
    account.mobile_verified_at = timezone.now()
    account.mobile_code_hash = ""
    account.save(update_fields=["mobile_verified_at", "mobile_code_hash"])
    audit.record(actor=user, action="account.verify_mobile", obj=account)
    return account


@transaction.atomic
def account_delete(*, user, password: str) -> None:
    """注销: the person's data is erased and the login disabled; the account row stays, so what
    it published stays public under 已注销用户 (and disclosure requests keep their own record).
    Public pages naming a contributor (masked) carry their account's tag, dropped here."""
    account = _own_account(user)
    if not user.check_password(password):
        raise ValidationError(_("密码不正确。"), code="password")
    account.name = ""
    account.email = None
    account.mobile = ""
    account.mobile_verified_at = None
    account.mobile_code_hash = ""
    account.registration_key_hash = None
    account.deleted_at = timezone.now()
    account.save()
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit.record(actor=user, action="account.delete", obj=account)
    pagecache.invalidate(obj_tag(account))


@transaction.atomic
def account_block(*, account: PublicAccount, actor, reason: str) -> PublicAccount:
    """限制发言: the account may still read, log in and see its items, but not submit."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请填写限制发言的原因。"), code="reason")
    if not actor.has_perm("accounts.change_publicaccount"):
        raise PermissionDenied
    account.blocked_at = timezone.now()
    account.blocked_reason = reason[:200]
    account.save(update_fields=["blocked_at", "blocked_reason"])
    audit.record(actor=actor, action="account.block", obj=account, reason=reason)
    mail_account(account.user_id, "accounts/mail/blocked", {"reason": account.blocked_reason})
    return account


@transaction.atomic
def account_unblock(*, account: PublicAccount, actor) -> PublicAccount:
    if not actor.has_perm("accounts.change_publicaccount"):
        raise PermissionDenied
    account.blocked_at = None
    account.blocked_reason = ""
    account.save(update_fields=["blocked_at", "blocked_reason"])
    audit.record(actor=actor, action="account.unblock", obj=account)
    return account


def _own_account(user) -> PublicAccount:
    account = PublicAccount.objects.filter(user=user, deleted_at__isnull=True).first()
    if account is None:
        raise PermissionDenied
    return account
