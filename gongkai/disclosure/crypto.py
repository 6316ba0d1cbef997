"""Encryption at rest of applicants' personal data, and keyed hashes for lookups.

Fernet (``cryptography``): AES-128-CBC with HMAC-SHA256, a timestamped token per value. The key
comes from ``settings.FIELD_ENCRYPTION_KEY`` (one key, or several separated by commas: the first
encrypts, all decrypt, so a key can be rotated); without it, from the file
``DATA_DIR/field_encryption_key`` (same format), generated once by ``gongkai.core.secrets``.
Losing the key loses the encrypted fields: ``gongkai backup`` copies it with the database.

Encrypted values cannot be searched, so what must be looked up is stored as a keyed hash
(``lookup_hash``): the same applicant's identity number always gives the same hash (the monthly
fee count), which says nothing without the key.
"""

from __future__ import annotations

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from gongkai.core.secrets import field_keys


class DecryptionError(RuntimeError):
    """A stored value cannot be decrypted with the configured keys."""


@functools.lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(value: str) -> str:
    """The Fernet token of ``value``; the empty string stays empty (nothing to hide)."""
    if not value:
        return ""
    return _fernet(field_keys()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(field_keys()).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise DecryptionError(
            "无法解密个人信息字段：加密密钥与数据不符。"
            "Cannot decrypt a personal-data field: the encryption key does not match the data."
        ) from error


def lookup_hash(purpose: str, value: str) -> str:
    """A keyed SHA-256 of ``value`` for ``purpose``; equal inputs give equal hashes."""
    key = hashlib.sha256(f"{purpose}:{field_keys()[0]}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
