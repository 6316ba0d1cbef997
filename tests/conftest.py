"""Settings every Django test runs under: tasks run at once, files and the search index in temporary folders."""

import os

import pytest
from django.core import signals
from django.db import close_old_connections
from hypothesis import settings as hypothesis_settings

from tests.browser import ARTIFACTS, CHROMIUM

# No time limit on a Hypothesis example: on a shared machine a first example that loads the word
# segmenter's dictionary took 517 ms against the default 200 ms deadline and failed a test of
# rules only (times are measured by the benchmarks, never asserted by tests).
hypothesis_settings.register_profile("gongkai", deadline=None)
hypothesis_settings.load_profile("gongkai")


@pytest.fixture(autouse=True)
def _isolated_services(request, tmp_path_factory):
    if not request.config.pluginmanager.has_plugin("django"):
        return
    settings = request.getfixturevalue("settings")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    # Each test starts with an empty page cache of its own; views are written at once.
    settings.PAGE_CACHE_DIR = tmp_path_factory.mktemp("pagecache")
    settings.PAGE_VIEW_FLUSH_SECONDS = 0
    # Views an earlier test counted in memory name rows its rollback removed.
    from gongkai.core.pagecache.counting import view_counter

    view_counter.discard()
    settings.AUDIT_CHECKPOINT_FILE = tmp_path_factory.mktemp("audit") / "checkpoints.jsonl"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Argon2 costs most of a second per user; tests of hashing itself set it back.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate-limit counters live in the cache: each test starts with none.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language(request):
    """Each test starts in the site's default language: a request carrying the English cookie
    leaves English active in the thread (LocaleMiddleware activates it, nothing resets it), and
    a later test's messages would be English."""
    if not request.config.pluginmanager.has_plugin("django"):
        return
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(request, monkeypatch):
    """``client.force_login(reviewer)`` leaves the reviewer past the second factor too, as the
    back office requires of them (gongkai.secondfactor); tests of the second factor itself sign
    in with ``factories.force_login_password_only``."""
    if not request.config.pluginmanager.has_plugin("django"):
        return
    from django.test.client import ClientMixin

    from tests import factories

    monkeypatch.setattr(ClientMixin, "force_login", factories.force_login)


@pytest.fixture
def browser():
    """A headless Chromium (Debian's) browser context, driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls stay
    # synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = chromium.new_context(locale="zh-CN", accept_downloads=True)
        context.set_default_timeout(20_000)
        yield context
        close_the_event_loop_s_connections()
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def close_the_event_loop_s_connections():
    """Close the database connections the test opened while Playwright's loop ran.

    Django keeps a thread's connections in an asgiref Local that, while an event loop runs in
    the thread, holds them per context apart from the thread's own: the test body's connection
    is not the one pytest-django closes at teardown, once the loop has stopped. Left to the
    garbage collector, it kept a PostgreSQL session open and the test database could not be
    dropped ("is being accessed by other users")."""
    from django.db import connections

    connections.close_all()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port (aiosmtpd) that Django's SMTP backend sends to;
    ``smtp_server.messages`` are the parsed messages received, ``wait_for(n)`` waits for them."""
    from tests.mailbox import LocalSmtpServer

    server = LocalSmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


@pytest.fixture
def open_connection():
    """For tests calling a WSGI application directly (gongkai.wsgi): keep the test's database
    connection (and its transaction) across the calls, as Django's test client does; the WSGI
    handler would close it at the end of every request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
