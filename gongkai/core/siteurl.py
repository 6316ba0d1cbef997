"""The address the site is served on, for links in mail (written now, read elsewhere later).

``GONGKAI_BASE_URL`` (``settings.SITE_URL``) wins when set: behind a proxy it is the one sure
public address. Otherwise the scheme and host of the request being answered are used, because
that is the address the visitor knows works, but only when the host has been checked:
``request.get_host()`` refuses a host outside ``ALLOWED_HOSTS``, and an ``ALLOWED_HOSTS`` with a
bare ``*`` accepts any Host header, which would let a stranger choose where the links in someone
else's mail point (host header poisoning). Then the configured default is used.
"""

from __future__ import annotations

from django.conf import settings


def site_base_url(request=None) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None and "*" not in settings.ALLOWED_HOSTS:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
