"""The embedded deployment's e-mail: each message written to its own file in the data folder.

Django's console backend would print applicants' names, addresses and private tracking links
into the worker's log, and its file backend appends every message of a connection to one file
created with the process's umask (usually readable by everyone). Here each message is one
``.eml`` file (open it with any mail program), owner-only (0600), in an owner-only folder
(``EMAIL_FILE_PATH``, default ``DATA_DIR/mail``). Set ``EMAIL_BACKEND`` to Django's SMTP
backend to send mail for real.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from gongkai.core.secrets import OWNER_ONLY_FILE, private_dir


class PrivateFileEmailBackend(BaseEmailBackend):
    def __init__(self, *args, file_path: str | Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages) -> int:
        folder = private_dir(self.folder)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            write_owner_only(folder / _file_name(), message.message().as_bytes())
            sent += 1
        return sent


def _file_name() -> str:
    return f"{timezone.now():%Y%m%d-%H%M%S-%f}-{secrets.token_hex(4)}.eml"


def write_owner_only(path: Path, content: bytes) -> None:
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY_FILE)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(content)
