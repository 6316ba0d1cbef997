"""Keeps personal data and secrets out of the logs, whatever a library writes there.

Gongkai's own log lines name no applicant (tracking numbers and ids only); this filter is the
second line of defence for what others log: Django logs the path of every 4xx answer (a
private tracking link's token is in its path), a failed task's traceback may quote an SMTP
server's refusal with the recipient's address, an exception may carry a phone number. Before a
record is written, the filter masks in its message and traceback:

- the token of a private tracking link (``/requests/track/<token>/`` -> ``/track/***/``),
- e-mail addresses (``z***@example.com``),
- resident ID, mobile and bank card numbers and home addresses (``gongkai.core.pii``),
- bearer tokens and ``token=``/``password=`` style query values.

Names cannot be recognised reliably in free text: code must not log them (see the test that
runs a request through and searches every log line for the applicant's data).
"""

from __future__ import annotations

import logging
import re

from gongkai.core.pii import mask_personal_data

_TRACK_TOKEN = re.compile(r"(/track/)(?!\*\*\*/)[A-Za-z0-9_-]{8,}")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_BEARER = re.compile(r"(Bearer\s+)\S+", re.IGNORECASE)
_SECRET_PARAMETER = re.compile(r"((?:token|password|secret|key|nonce)=)[^&\s'\"]+", re.IGNORECASE)


def redact(text: str) -> str:
    text = _TRACK_TOKEN.sub(r"\1***", text)
    text = _EMAIL.sub(r"\1***@\2", text)
    text = _BEARER.sub(r"\1***", text)
    text = _SECRET_PARAMETER.sub(r"\1***", text)
    return mask_personal_data(text)


class RedactPersonalData(logging.Filter):
    """Rewrites each record's message (and traceback) with ``redact``; drops nothing."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
