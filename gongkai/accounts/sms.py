"""Text messages (短信) to mobile numbers, through a replaceable backend.

``SMS_BACKEND`` names a class with ``send(number, text)``. The default, ``LogSmsBackend``,
sends nothing: it writes the message to the log with the number masked (138****5678), which
is what a site without an SMS contract needs to try verification codes. A real gateway is a
subclass of ``BaseSmsBackend`` that calls the provider's API.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from gongkai.accounts.masking import mask_mobile

logger = logging.getLogger("gongkai.sms")


class BaseSmsBackend:
    def send(self, number: str, text: str) -> None:
        raise NotImplementedError


class LogSmsBackend(BaseSmsBackend):
    def send(self, number: str, text: str) -> None:
        logger.warning("SMS to %s: %s", mask_mobile(number), text)


def send_sms(number: str, text: str) -> None:
    backend_path = getattr(settings, "SMS_BACKEND", "gongkai.accounts.sms.LogSmsBackend")
    import_string(backend_path)().send(number, text)
