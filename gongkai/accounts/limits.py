"""Rate limits of public account forms, per client address and per account
(gongkai.core.ratelimit)."""

from __future__ import annotations

from gongkai.core.ratelimit import RateLimit


def account_subject(user) -> str:
    return f"account:{user.pk}" if getattr(user, "pk", None) else ""


REGISTRATION = RateLimit("account_register", 5, 3600)
LOGIN_MAIL = RateLimit("account_mail", 5, 3600)  # verification and reset mails asked for
SMS_CODE = RateLimit("account_sms", 3, 3600)
