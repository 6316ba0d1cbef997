"""How a delivery leaves: signed webhook posts (HMAC-SHA256 over "timestamp.body", refused for
addresses inside the network) and the one-click unsubscribe headers of e-mail (RFC 8058)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

SIGNATURE_HEADER = "X-Gongkai-Signature"
TIMESTAMP_HEADER = "X-Gongkai-Timestamp"
WEBHOOK_TIMEOUT_SECONDS = 10


class DeliveryError(Exception):
    """The channel refused or failed; the message is shown to the subscriber."""


class PermanentDeliveryError(DeliveryError):
    """Trying again cannot help (no address to send to): not retried."""


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 with the subscriber's secret over ``timestamp.body``."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def unsubscribe_headers(url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return not ip.is_global or ip.is_multicast


def check_webhook_url(url: str) -> None:
    """Refuse a webhook address that is not http(s) or that resolves to a private, loopback,
    link-local or reserved address (the server must not be made to call inside its network),
    unless ``SUBSCRIPTION_WEBHOOK_ALLOW_PRIVATE`` is set (tests, closed deployments)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DeliveryError(_("Webhook 地址须以 http:// 或 https:// 开头。"))
    if getattr(settings, "SUBSCRIPTION_WEBHOOK_ALLOW_PRIVATE", False):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise DeliveryError(_("无法解析 Webhook 地址的主机名。")) from error
    if any(_private(info[4][0]) for info in infos):
        raise DeliveryError(_("Webhook 地址指向内部网络，不予发送。"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could point inside the network after the address was checked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise DeliveryError(_("Webhook 地址返回了重定向，不予跟随。"))


_opener = urllib.request.build_opener(_NoRedirect)


def post_webhook(url: str, secret: str, payload: dict) -> None:
    check_webhook_url(url)
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 (check_webhook_url allows http(s) only)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Gongkai-Subscriptions",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
            response.read(1024)
    except urllib.error.HTTPError as error:
        raise DeliveryError(_("Webhook 地址返回 HTTP %(status)s。") % {"status": error.code})
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise DeliveryError(_("无法连接 Webhook 地址：%(reason)s") % {"reason": reason})
