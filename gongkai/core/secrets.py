"""The embedded deployment's keys and private files, kept owner-only in the data folder.

Two keys live in ``DATA_DIR`` unless the environment sets them: ``secret_key`` (Django's
SECRET_KEY: sessions, password-reset links) and ``field_encryption_key`` (the Fernet keys that
encrypt applicants' personal data at rest, see ``gongkai.disclosure.crypto``; several keys
separated by commas, the first encrypts). Each is generated on first use. Losing the field key
loses the encrypted data, so ``gongkai backup`` copies both keys and ``gongkai restore`` puts
them back.

A key is written to a temporary file and linked into place, so two processes starting on a
fresh data folder at once (the server and the worker) end up with the same key rather than one
each.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name)
FIELD_KEY_FILE = "field_encryption_key"
OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by the owner only; an existing folder is
    left as it is (its owner chose its mode)."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
        path.chmod(OWNER_ONLY_DIR)  # mkdir's mode is reduced by the umask
    return path


def create_private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only if it does not exist (e.g. the SQLite database, so
    that SQLite creates its -wal and -shm files with the same mode)."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY_FILE))
    return path


def write_private_file(path: Path, text: str) -> Path:
    """Replace ``path`` with ``text`` atomically, owner-only."""
    private_dir(path.parent)
    temporary = _private_temporary(path.parent, text)
    os.replace(temporary, path)
    return path


def _private_temporary(folder: Path, text: str) -> Path:
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # mkstemp: mode 0600
    with os.fdopen(descriptor, "w") as stream:
        stream.write(text)
    return Path(name)


def read_or_create_key(path: Path, generate) -> str:
    """The key stored at ``path``; on first use ``generate()`` makes one, and the first process
    to link its key into place wins."""
    if not path.exists():
        private_dir(path.parent)
        temporary = _private_temporary(path.parent, generate())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()


def local_secret_key(data_dir: Path) -> str:
    return read_or_create_key(data_dir / SECRET_KEY_FILE, lambda: secrets.token_urlsafe(50))


def local_field_keys(data_dir: Path) -> tuple[str, ...]:
    """The field-encryption keys kept in ``data_dir`` (the first encrypts).

    Every encrypted field and keyed hash asks for them: the file is read again only when it
    changed (``gongkai restore`` replaces it), a stat instead of an open and a read."""
    path = data_dir / FIELD_KEY_FILE
    try:
        found = path.stat()
    except FileNotFoundError:
        read_or_create_key(path, lambda: Fernet.generate_key().decode())
        found = path.stat()
    return _keys_in_file(path, found.st_ino, found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=8)
def _keys_in_file(path: Path, inode: int, mtime_ns: int, size: int) -> tuple[str, ...]:
    return split_keys(path.read_text().strip())


def field_keys() -> tuple[str, ...]:
    """The field-encryption keys in use: ``settings.FIELD_ENCRYPTION_KEY``, else the data
    folder's file."""
    from django.conf import settings

    configured = getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    if configured:
        return split_keys(str(configured))
    return local_field_keys(Path(settings.DATA_DIR))


def split_keys(value: str) -> tuple[str, ...]:
    return tuple(key.strip() for key in value.split(",") if key.strip())
