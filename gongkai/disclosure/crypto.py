"""Encryption at rest of applicants' personal data, and keyed hashes for lookups.

Fernet (``cryptography``): AES-128-CBC with HMAC-SHA256, a timestamped token per value. The key
comes from ``settings.FIELD_ENCRYPTION_KEY`` (one key, or several separated by commas: the first
encrypts, all decrypt, so a key can be rotated); without it, a key generated once and kept
owner-readable in ``DATA_DIR/field_encryption_key`` (as ``gongkai.core.secrets`` does for the
secret key). Losing that file loses the encrypted fields: back it up with the database.

Encrypted values cannot be searched, so what must be looked up is stored as a keyed hash
(``lookup_hash``): the same applicant's identity number always gives the same hash (the monthly
fee count), which says nothing without the key.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

KEY_FILE_NAME = "field_encryption_key"


class DecryptionError(RuntimeError):
    """A stored value cannot be decrypted with the configured keys."""


def _configured_keys() -> tuple[str, ...]:
    configured = getattr(settings, "FIELD_ENCRYPTION_KEY", None)
    if configured:
        return tuple(key.strip() for key in str(configured).split(",") if key.strip())
    return (_local_key(Path(settings.DATA_DIR)),)


def _local_key(data_dir: Path) -> str:
    path = data_dir / KEY_FILE_NAME
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    path.touch(mode=0o600)
    path.write_text(key)
    return key


@functools.lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(value: str) -> str:
    """The Fernet token of ``value``; the empty string stays empty (nothing to hide)."""
    if not value:
        return ""
    return _fernet(_configured_keys()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(_configured_keys()).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise DecryptionError(
            "无法解密个人信息字段：加密密钥与数据不符。"
            "Cannot decrypt a personal-data field: the encryption key does not match the data."
        ) from error


def lookup_hash(purpose: str, value: str) -> str:
    """A keyed SHA-256 of ``value`` for ``purpose``; equal inputs give equal hashes."""
    key = hashlib.sha256(f"{purpose}:{_configured_keys()[0]}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
