"""The page cache's WSGI layer (gongkai.core.pagecache.wsgi, what `gongkai serve` runs): a hit it
replays is byte for byte what Django answers, any worker drops it at the next invalidation, and
whatever the page cache would not answer (a session, staff, a disallowed host, another scheme)
goes to Django."""

import io
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler

from gongkai.core.pagecache import obj_tag
from gongkai.core.pagecache.counting import view_counter
from gongkai.core.pagecache.wsgi import PageCacheHits
from gongkai.core.roles import Role
from gongkai.documents.models import Document
from tests import factories
from tests.portal.test_page_cache import page_urls

pytestmark = pytest.mark.usefixtures("open_connection")


class Django:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def environ(path: str, *, method: str = "GET", cookies: str = "", **headers) -> dict:
    """What a WSGI server hands over for ``method path`` with these HTTP_* headers."""
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "testserver",
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64)",
        **({"HTTP_COOKIE": cookies} if cookies else {}),
        **headers,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def call(application, path: str, **request) -> tuple[str, list, bytes]:
    """Status line, headers and body, as a WSGI server gets them."""
    sent = []
    result = application(
        environ(path, **request), lambda status, headers: sent.extend([status, headers])
    )
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return sent[0], list(sent[1]), body


def replayed(layer, django, path: str, **request) -> tuple[str, list, bytes]:
    """The layer's answer once it has learnt it: the third ask (render, hit learnt, replay),
    answered without Django."""
    call(layer, path, **request), call(layer, path, **request)
    before = django.calls
    answer = call(layer, path, **request)
    assert django.calls == before, (path, request)
    return answer


def test_a_replayed_hit_is_byte_for_byte_what_django_answers(library):
    django = Django()
    layer = PageCacheHits(django)
    for url in page_urls(library):
        etag = dict(call(layer, url)[1])["ETag"]
        for request in (
            {},
            {"method": "HEAD"},
            {"cookies": "django_language=en; gongkai_display=large; other=1"},
            {"HTTP_IF_NONE_MATCH": etag},
            {"method": "HEAD", "HTTP_IF_NONE_MATCH": etag},
            {"HTTP_IF_NONE_MATCH": '"another"'},
        ):
            answer = replayed(layer, django, url, **request)
            assert answer == call(django, url, **request), (url, request)


def test_a_replayed_hit_carries_the_security_headers_and_answers_304(library):
    django = Django()
    layer = PageCacheHits(django)
    url = f"/documents/{library.plan.pk}/"
    status, headers, body = replayed(layer, django, url)
    headers = dict(headers)
    assert status == "200 OK" and library.plan.title.encode() in body
    assert headers["Content-Security-Policy"] and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "public, max-age=0" and "Set-Cookie" not in headers
    status, again, body = replayed(layer, django, url, HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified" and body == b"" and dict(again)["ETag"] == headers["ETag"]
    status, _, body = replayed(layer, django, url, method="HEAD")
    assert status == "200 OK" and body == b""


def test_a_publish_drops_the_page_for_every_worker(library):
    django = Django()
    workers = [PageCacheHits(django), PageCacheHits(django)]
    url = f"/documents/{library.old_rules.pk}/"
    for worker in workers:
        assert library.old_rules.title.encode() in replayed(worker, django, url)[2]
    document = Document.objects.get(pk=library.old_rules.pk)
    document.title = "财政专项资金管理办法（修订）"
    factories.publish_object(document)
    for worker in workers:
        assert "财政专项资金管理办法（修订）".encode() in call(worker, url)[2]


def test_an_invalidation_by_another_process_reaches_the_layer(library):
    django = Django()
    layer = PageCacheHits(django)
    url = f"/documents/{library.plan.pk}/"
    replayed(layer, django, url)
    # A change no service announced; then another process drops the page's tag.
    Document.objects.filter(pk=library.plan.pk).update(title="另一进程使之失效后的标题")
    code = (
        "import sys; from gongkai.core.pagecache.store import SqlitePageStore; "
        "SqlitePageStore(sys.argv[1], memory_bytes=1, max_entries=1).invalidate({sys.argv[2]})"
    )
    tag = obj_tag(library.plan)
    subprocess.run(
        [sys.executable, "-c", code, str(django_settings.PAGE_CACHE_DIR), tag], check=True
    )
    before = django.calls
    assert "另一进程使之失效后的标题".encode() in call(layer, url)[2]
    assert django.calls == before + 1


def test_staff_and_sessions_bypass_the_layer(client, library):
    django = Django()
    layer = PageCacheHits(django)
    url = f"/documents/{library.plan.pk}/"
    replayed(layer, django, url)
    Document.objects.filter(pk=library.plan.pk).update(title="只给工作人员看的标题")
    client.force_login(factories.make_user(role=Role.EDITOR))
    session = f"sessionid={client.cookies['sessionid'].value}"
    status, headers, body = call(layer, url, cookies=session)
    assert "只给工作人员看的标题".encode() in body
    assert "private" in dict(headers)["Cache-Control"] and "ETag" not in dict(headers)
    status, headers, body = call(layer, url, cookies="messages=x")
    assert "只给工作人员看的标题".encode() in body and "private" in dict(headers)["Cache-Control"]
    # Anonymous visitors still get the stored page.
    assert "只给工作人员看的标题".encode() not in call(layer, url)[2]


def test_a_disallowed_host_gets_no_cached_page(library):
    django = Django()
    layer = PageCacheHits(django)
    url = f"/documents/{library.plan.pk}/"
    replayed(layer, django, url)
    for host in ("attacker.example", "testserver.attacker.example", "testserver:bad port"):
        before = django.calls
        status, headers, body = call(layer, url, HTTP_HOST=host)
        assert status.startswith("400") and library.plan.title.encode() not in body, host
        assert django.calls == before + 1, host


def test_the_scheme_a_trusted_proxy_tells_is_part_of_the_key(library, settings):
    settings.TRUSTED_PROXY = "127.0.0.1"
    settings.SECURE_HSTS_SECONDS = 3600  # sent over HTTPS only
    django = Django()  # after the setting: the middleware reads it when loaded
    layer = PageCacheHits(django)
    url = f"/documents/{library.plan.pk}/"
    http = replayed(layer, django, url)
    https = replayed(layer, django, url, HTTP_X_FORWARDED_PROTO="https")
    assert https == call(django, url, HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" in dict(https[1])
    assert "Strict-Transport-Security" not in dict(http[1])
    # Told by anyone but the proxy, the header is not believed: the plain page, replayed.
    before = django.calls
    assert call(layer, url, REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_PROTO="https") == http
    assert django.calls == before


def test_replayed_hits_count_views(library, settings):
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600
    django = Django()
    layer = PageCacheHits(django)
    url = f"/documents/{library.plan.pk}/"
    for _ in range(5):
        call(layer, url)
    call(layer, url, method="HEAD")
    call(layer, url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Baiduspider/2.0)")
    assert django.calls == 3  # the render, the hit it learnt, the HEAD's hit; the rest replayed
    view_counter.flush()
    assert Document.objects.get(pk=library.plan.pk).view_count == 5
