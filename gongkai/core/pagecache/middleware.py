"""Serves stored pages before the rest of the middleware runs, and stores what public views render.

Placed right after WhiteNoise: a hit touches neither the session, nor the database, nor the
template engine. The key is the scheme, host, path, query and the PAGE_CACHE_VARY_COOKIES.
"""

from __future__ import annotations

import logging
import math
import re
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from gongkai.core import pagecache
from gongkai.core.pagecache.counting import view_counter
from gongkai.core.pagecache.store import CachedPage, body_etag

logger = logging.getLogger(__name__)

# Redirects too: /guide/ answers 302 to the live guide page.
STORED_STATUSES = {200, 301, 302, 410}
MAX_KEY_LENGTH = 2000
SAFE_METHODS = ("GET", "HEAD")
# Segments of letters, digits, _ . - not starting with a dot, ending with "/": safe as a file path.
PLAIN_PATH = re.compile(r"(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*/")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS or not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        state = request.page_cache = pagecache.PageState()
        anonymous = not any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES)
        key = page_key(request) if anonymous else None
        store = pagecache.get_store()
        since = None
        if key is not None:
            page = store.get(key)
            if page is not None and not page.expired(time.time()):
                if pagecache.is_a_view(request):
                    view_counter.add(page.views)
                response = respond(request, page)
                # What the WSGI layer (pagecache.wsgi) records to answer the next asks itself.
                response.page_cache_hit = (key, page)
                return response
            since = store.generation()
        response = self.get_response(request)
        if state.public:
            response = keep(request, response, key, since)
        return without_body(request, response)


def keep(request, response, key: str | None, since):
    """Store the public page rendered for an anonymous visitor; others' copies stay private."""
    if key is None:
        patch_cache_control(response, private=True)
        return response
    page = storable_page(request, response, request.page_cache)
    if page is None:
        return response
    # A front web server would send the file past its expiry: a page that expires has none.
    file = None if page.expires is not None else file_name(request, response)
    pagecache.get_store().put(key, page, request.page_cache.tags, since=since, file=file)
    return not_modified(request, page) or response


def without_body(request, response):
    """A HEAD answer is the GET's headers (Content-Length included) without the body: not
    every WSGI server drops it, and the view rendered it in full (a HEAD also fills the cache)."""
    if request.method == "HEAD" and not response.streaming:
        response.content = b""
    return response


def page_key(request) -> str | None:
    query = request.META.get("QUERY_STRING", "")
    if len(request.path) + len(query) > MAX_KEY_LENGTH:
        return None
    return f"{request.scheme}://{request.get_host()}{request.path}?{query}|{'|'.join(variant(request))}"


def variant(request) -> list[str]:
    """The value of each PAGE_CACHE_VARY_COOKIES cookie that changes the page, else "-"."""
    return [
        value if (value := request.COOKIES.get(name, "")) in values else "-"
        for name, values in settings.PAGE_CACHE_VARY_COOKIES.items()
    ]


def file_name(request, response) -> str | None:
    """Where a front web server finds this page (PAGE_CACHE_FILES_DIR): HTML pages without a
    query string, at a plain path, as ``<variant>/<path>index.html``."""
    if (
        request.META.get("QUERY_STRING")
        or response.status_code != 200
        or not response.get("Content-Type", "").startswith("text/html")
        or not PLAIN_PATH.fullmatch(request.path)
    ):
        return None
    return "/".join(variant(request)) + request.path + "index.html"


def storable_page(request, response, state) -> CachedPage | None:
    """The response as stored, or None when it must not be (status, streaming, cookies)."""
    if (
        response.status_code not in STORED_STATUSES
        or response.streaming
        or response.has_header("Cache-Control")
        and "private" in response["Cache-Control"]
    ):
        return None
    if response.cookies or "cookie" in response.get("Vary", "").lower():
        logger.warning(
            "public page %s not cached: it sets a cookie or varies on Cookie (CSRF token? session?)",
            request.path,
        )
        return None
    if state.expires is not None and state.expires <= time.time():
        return None
    body = response.content
    response["ETag"] = body_etag(body)
    response["Cache-Control"] = f"public, max-age={max_age(state.expires)}"
    return CachedPage(
        status=response.status_code,
        headers=tuple(response.items()),
        body=body,
        views=tuple(state.views),
        expires=state.expires,
    )


def max_age(expires: float | None) -> int:
    """PAGE_CACHE_MAX_AGE, cut so that no browser or proxy keeps the page past its expiry."""
    if expires is None:
        return settings.PAGE_CACHE_MAX_AGE
    return max(0, min(settings.PAGE_CACHE_MAX_AGE, math.floor(expires - time.time())))


def not_modified(request, page: CachedPage) -> HttpResponse | None:
    """304 when the visitor's copy (If-None-Match) is this page."""
    if not page.etag or page.etag not in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
        return None
    response = HttpResponseNotModified()
    response["ETag"] = page.etag
    response["Cache-Control"] = f"public, max-age={max_age(page.expires)}"
    return response


def respond(request, page: CachedPage) -> HttpResponse:
    answer = not_modified(request, page)
    if answer is not None:
        return answer
    response = HttpResponse(b"" if request.method == "HEAD" else page.body, status=page.status)
    for name, value in page.headers:
        response[name] = value
    if page.expires is not None:
        response["Cache-Control"] = f"public, max-age={max_age(page.expires)}"
    return response
