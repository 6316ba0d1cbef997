"""X-Forwarded-For/-Proto are believed from the trusted proxy only (gongkai serve --trusted-proxy)."""

from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.core.middleware import TrustedProxyMiddleware


def seen_by_django(settings, remote_addr: str) -> tuple[str, str]:
    settings.TRUSTED_PROXY = "127.0.0.1"
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7",
        HTTP_X_FORWARDED_PROTO="https",
    )
    TrustedProxyMiddleware(lambda request: HttpResponse())(request)
    return request.META["REMOTE_ADDR"], request.scheme


def test_the_trusted_proxy_gives_the_visitors_address_and_scheme(settings):
    assert seen_by_django(settings, "127.0.0.1") == ("203.0.113.7", "https")


def test_anyone_else_sending_the_headers_is_not_believed(settings):
    assert seen_by_django(settings, "198.51.100.1") == ("198.51.100.1", "http")
