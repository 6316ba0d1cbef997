"""Signed links in the mails of accounts, and hashes of one-time keys.

Django's password-reset token generator signs the user's state with the site key and a time
stamp; the verification token signs the e-mail address and whether it is verified instead, so
a link stops working once used or once the address changes. Nothing of it is stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

NONCE_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "gongkai.accounts.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        account = user.public_account
        verified = account.email_verified_at.timestamp() if account.email_verified_at else ""
        return f"{user.pk}{account.email}{verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()


def user_reference(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_id_from_reference(reference: str) -> int | None:
    try:
        return int(urlsafe_base64_decode(reference).decode())
    except (TypeError, ValueError, UnicodeDecodeError):
        return None


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_code() -> str:
    """A six-digit SMS verification code."""
    return f"{secrets.randbelow(10**6):06d}"
