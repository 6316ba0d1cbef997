"""Tracking tokens, idempotency keys and address hashes.

The private link of a request carries a random token; only its SHA-256 is stored, so the
database alone does not open anyone's request. A public submission's token is derived from the
form's one-time nonce with a keyed HMAC, so a repeated submit of the same form (double click,
reload) finds the same request and shows the same link without the token ever being stored.
"""

import base64
import hashlib
import re
import secrets

from django.utils.crypto import salted_hmac

NONCE_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_for_nonce(nonce: str) -> str:
    digest = salted_hmac("gongkai.disclosure.access-token", nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def address_hash(address: str) -> str:
    return salted_hmac("gongkai.disclosure.address", address, algorithm="sha256").hexdigest()
