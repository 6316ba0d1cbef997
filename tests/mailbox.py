"""A local SMTP server for tests (aiosmtpd): Django sends real SMTP to it and tests read what
arrived, decoded, with the links in each body."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


class _Collector:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalSmtpServer:
    def __init__(self):
        self.port = _free_port()
        self._collector = _Collector()
        self._controller = Controller(self._collector, hostname="127.0.0.1", port=self.port)

    def start(self):
        self._controller.start()

    def stop(self):
        self._controller.stop()

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self._collector.lock:
            return list(self._collector.messages)

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[email.message.EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        if len(self.messages) < count:
            raise AssertionError(f"expected {count} mails, {len(self.messages)} arrived")
        return self.messages

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def links_in(message) -> list[str]:
    return LINK.findall(body_of(message))
