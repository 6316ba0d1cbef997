"""Page-cache hits answered in front of Django: the WSGI application that `gongkai serve` runs.

Why a layer in front of Django rather than a faster middleware: a hit answered by
PageCacheMiddleware cost about 150 µs of processor (cProfile over 5,000 hits of the demo's
document page, load 4): the store's look-up (a memory copy) was a few per cent of it; the rest
was Django around it: building the WSGIRequest, the request_started and request_finished
signals (close_old_connections, close_caches, reset_urlconf), the four middlewares in front of
the page cache (django-csp building the policy again for every response was a third of the
total) and an HttpResponse assembled header by header. Under ``wrk -c50`` that held the hot
document page to about 15 % of a zero-work WSGI application under the same server, with a p99
above 50 ms (bench/serve_bench.py).

What it answers: an anonymous (no PAGE_CACHE_BYPASS_COOKIES) GET or HEAD whose page Django has
already answered from the page cache in this process, while the store's generation has not moved
since. The answer is the one Django gave then, replayed byte for byte: status, every header (the
stored ones with ETag and Cache-Control, and those the middlewares in front of the page cache
add: security headers, Content-Security-Policy) and body. Everything else goes to Django
untouched, and that is how the answers are learnt: when PageCacheMiddleware answers from the
store it marks its response (``page_cache_hit``), and this layer keeps what Django sent for it.

Why a replayed answer is the one Django would give:
- The key is the page cache's own (``middleware.page_key``, the same function) on the same parts
  of the request, computed by Django's own code (scheme, host checked against ALLOWED_HOSTS, path,
  cookies) and by TrustedProxyMiddleware's rule for the scheme behind a trusted proxy
  (``core.middleware.forwarded``). A disallowed host goes to Django, which refuses it (400). An
  answer is kept only when the middleware's key for that request is the one computed here.
- It holds while the store's generation is the one read before Django answered (as the store's
  own memory copies): an invalidation by any process drops every answer at once.
- Besides its key, a hit's answer depends on the method, on whether If-None-Match names the
  page's ETag (then a 304) and on path_info (the back office's CSP): all three are in the
  answer's key. Nothing else may vary: a middleware placed in front of PageCacheMiddleware must
  answer a hit the same way for every request with the same key (no nonce, no request id).
- A page that expires by the clock is left to Django: its max-age counts down at each request.
- Views are counted as the middleware counts them (``counting.counts_as_view``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_path_info, get_script_name
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.http import parse_etags

from gongkai.core import pagecache
from gongkai.core.middleware import forwarded, trusted_proxies
from gongkai.core.pagecache.counting import counts_as_view, view_counter
from gongkai.core.pagecache.middleware import SAFE_METHODS, page_key
from gongkai.core.pagecache.store import MemoryCopies

# What an answer's headers, keys and bookkeeping take beside its body (a HEAD's or a 304's is
# empty), counted against PAGE_CACHE_MEMORY_MB.
ANSWER_ENTRY_BYTES = 2048
# Hosts remembered as allowed (a pattern of ALLOWED_HOSTS may admit any subdomain); past this
# many, a new one is checked at each request.
KNOWN_HOSTS_MAX = 256
# What HttpRequest.get_host reads, besides the scheme.
HOST_INPUTS = (
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SERVER_NAME",
    "SERVER_PORT",
)

_settings_epoch = 0


@receiver(setting_changed)
def _settings_changed(**kwargs):
    """Answers hold what the settings made them (headers, the store they came from): a test's
    override starts afresh."""
    global _settings_epoch
    _settings_epoch += 1


@dataclass(frozen=True, slots=True)
class Answer:
    """What Django sent for a page-cache hit: WSGI status line, headers and body."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    views: tuple[tuple[str, int], ...]


class KeyRequest(WSGIRequest):
    """The parts of Django's WSGIRequest the page key reads, by Django's own code: scheme
    (here the trusted proxy's when it tells one), host, path, query string and cookies.

    Without the rest of WSGIRequest's construction (input stream, content type), and without
    writing to the environ: Django's own request, built after, decodes PATH_INFO in place."""

    def __init__(self, environ, *, scheme: str, known_hosts: dict):
        script_name = get_script_name(environ)
        path_info = get_path_info(environ) or "/"
        self.environ = self.META = environ
        self.path_info = path_info
        self.path = f"{script_name.rstrip('/')}/{path_info.replace('/', '', 1)}"
        self.method = environ["REQUEST_METHOD"].upper()
        self._scheme = scheme
        self._known_hosts = known_hosts

    def _get_scheme(self):
        return self._scheme

    def get_host(self):
        """HttpRequest.get_host (DisallowedHost included), remembered for the inputs it read:
        checking a host against ALLOWED_HOSTS costs 7 µs, a tenth of a replayed hit."""
        inputs = (self.scheme, *map(self.META.get, HOST_INPUTS))
        host = self._known_hosts.get(inputs)
        if host is None:
            host = super().get_host()
            if len(self._known_hosts) < KNOWN_HOSTS_MAX:
                self._known_hosts[inputs] = host
        return host


class PageCacheHits:
    """WSGI application: page-cache hits replayed, everything else passed to ``application``
    (Django's). One per worker process; its answers are that process's own."""

    def __init__(self, application):
        self.application = application
        self._epoch = None

    def __call__(self, environ, start_response):
        if self._epoch != _settings_epoch:
            self._start_afresh()
        request = self._key_request(environ)
        if request is None:
            return self.application(environ, start_response)
        try:
            key = page_key(request)
        except (DisallowedHost, UnicodeError):
            return self.application(environ, start_response)
        if key is None:
            return self.application(environ, start_response)
        generation = pagecache.get_store().generation()
        slot = (key, request.path_info, request.method)
        answer = self._answer(slot, generation, environ.get("HTTP_IF_NONE_MATCH"))
        if answer is None:
            return self._learn(environ, start_response, slot, generation)
        if answer.views and counts_as_view(request.method, environ.get("HTTP_USER_AGENT", "")):
            view_counter.add(answer.views)
        # A copy: a server may add its own headers to the list it is given (wsgiref does).
        start_response(answer.status, list(answer.headers))
        return [answer.body]

    def _start_afresh(self) -> None:
        self._epoch = _settings_epoch
        self.proxies = trusted_proxies()
        self.known_hosts: dict = {}
        self.answers = MemoryCopies(
            settings.PAGE_CACHE_MEMORY_MB * 1024 * 1024, entry_bytes=ANSWER_ENTRY_BYTES
        )

    def _key_request(self, environ) -> KeyRequest | None:
        """The request as the page key sees it, or None when the page cache would not answer it
        (method, page cache off, a bypass cookie)."""
        if environ.get("REQUEST_METHOD", "").upper() not in SAFE_METHODS:
            return None
        if not settings.PAGE_CACHE_ENABLED:
            return None
        scheme = forwarded(environ, self.proxies)[1] or environ.get("wsgi.url_scheme")
        request = KeyRequest(environ, scheme=scheme, known_hosts=self.known_hosts)
        if any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES):
            return None
        return request

    def _answer(self, slot, generation: int, if_none_match: str | None) -> Answer | None:
        """The answer learnt for ``slot`` at this generation: the 304 when If-None-Match names
        the page's ETag (middleware.not_modified), else the page; None when not learnt yet."""
        page = self.answers.get((*slot, False), generation)
        if not if_none_match:
            return page
        not_modified = self.answers.get((*slot, True), generation)
        known = page or not_modified
        if known is None:
            return None
        if known.etag and known.etag in parse_etags(if_none_match):
            return not_modified
        return page

    def _learn(self, environ, start_response, slot, generation: int):
        """Django answers; when its answer was a page-cache hit for this key, keep it."""
        sent = []

        def keep_start_response(status, headers, *exc_info):
            sent[:] = [status, tuple(headers)]
            return start_response(status, headers, *exc_info)

        response = self.application(environ, keep_start_response)
        hit = getattr(response, "page_cache_hit", None)
        if hit is None or hit[0] != slot[0] or hit[1].expires is not None:
            return response
        page = hit[1]
        try:
            body = b"".join(response)
        finally:
            response.close()
        status, headers = sent
        answer = Answer(status, headers, body, page.etag, page.views)
        self.answers.put((*slot, status.startswith("304")), answer, generation)
        return [body]
