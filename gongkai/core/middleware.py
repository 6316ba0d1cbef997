"""The UI language: Chinese unless the visitor chose English with the language switcher."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from gongkai.core import translations


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is not followed.

    The portal is Chinese by default; English is what a visitor picks with the switcher (the
    language cookie set by ``set_language``). The API reads Accept-Language itself where it
    offers both languages.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        translations.flatten_language(language)
        request.LANGUAGE_CODE = translation.get_language()


class TrustedProxyMiddleware:
    """Behind a reverse proxy (GONGKAI_TRUSTED_PROXY, `gongkai serve --trusted-proxy`), take the
    visitor's address and scheme from its X-Forwarded-For and X-Forwarded-Proto headers.

    Only requests coming from that address are believed: anyone else could send the headers.
    The proxy appends the address it saw, so the last entry of X-Forwarded-For is the one to use.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = trusted_proxies()

    def __call__(self, request):
        address, scheme = forwarded(request.META, self.proxies)
        if address:
            request.META["REMOTE_ADDR"] = address
        if scheme:
            request.META["wsgi.url_scheme"] = scheme
        return self.get_response(request)


def trusted_proxies() -> frozenset[str]:
    return frozenset(
        address.strip() for address in settings.TRUSTED_PROXY.split(",") if address.strip()
    )


def forwarded(meta, proxies: frozenset[str]) -> tuple[str, str]:
    """The visitor's address and scheme as the trusted proxy tells them ("" where it does not):
    the rule of TrustedProxyMiddleware, also followed by the page cache's WSGI layer
    (gongkai.core.pagecache.wsgi), which answers before the middleware runs."""
    if not proxies or meta.get("REMOTE_ADDR") not in proxies:
        return "", ""
    address = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    scheme = meta.get("HTTP_X_FORWARDED_PROTO", "").strip().lower()
    return address, scheme if scheme in {"http", "https"} else ""
