"""The page cache: anonymous visitors get public pages as stored, rendered once.

Rules every public page follows (portal, API GETs, and every public app added later)
------------------------------------------------------------------------------------
1. Decorate the view with ``@public_page(*tags)``: a GET or HEAD from a visitor without a
   session is answered from the cache when the page is there, without running the view (no
   database query, no template); otherwise the view renders it and it is stored. Function
   views, callables (``public_page(...)(DocumentFeed())``), Wagtail pages (call ``mark_public``
   in ``serve``) and django-ninja operations (``@decorate_view(public_page(...))``) alike.
   Restrict its methods with ``@require_safe`` (GET and HEAD), never ``@require_GET``:
   monitors and link checkers ask HEAD, answered as the GET without its body.
2. Declare the tags of EVERYTHING the page shows, static ones in the decorator and the rest
   with ``tag(request, ...)`` while rendering: ``obj_tag(document)`` ("document:42") for each
   record shown (the document, its issuing departments, its interpretations, each related
   document), ``list_tag(Document)`` ("document:list") for a page listing records of a kind
   (any list, feed, home block, sitemap, filter options). A page that changes by the clock
   alone (a window opens or closes at a given minute) also calls ``expire_at(request, when)``
   with the next such moment: it is rendered again at the first request after it.
3. Every service that changes what a public page shows calls ``invalidate(*tags)`` with the
   tags of what it changed, inside its transaction: the pages are dropped at once and again
   when the transaction commits (a render that read the old data in between is dropped or
   refused). Editing document 42 drops ``obj_tag(document)`` and ``list_tag(Document)``; a new
   relation 42 → 7 drops both documents' tags. A change made without a service (a Wagtail
   snippet edited in the back office) invalidates from that app's ``wagtail_hooks``, named
   there.
4. The page must not depend on who asks: no CSRF token (forms that need one go on pages
   that are not cached; search submits with GET), no session, no user. It may depend on the
   path, the query and the cookies in ``PAGE_CACHE_VARY_COOKIES`` (the language, the
   large-text mode): those make the key. A stored response sets no cookie and has no
   ``Vary: Cookie``; one that does is not stored (and a warning is logged).
5. Count views with ``count_view(request, "document", pk)`` and register the handler
   (the app's service adding counts) with ``register_view_counter`` in ``AppConfig.ready``:
   hits are counted too, in memory, written every ``PAGE_VIEW_FLUSH_SECONDS``.

Example::

    @public_page(list_tag(Department))
    def enforcement_decision(request, pk):
        decision = selectors.public_decision(pk)          # None when not public
        if decision is None:
            raise Http404                                 # 404s are not stored
        tag(request, obj_tag(decision), obj_tag(decision.department))
        count_view(request, "enforcement_decision", pk)
        return render(request, "enforcement/decision.html", {"decision": decision})

    # services.py
    @transaction.atomic
    def decision_publish(*, decision, user):
        ...
        pagecache.invalidate(obj_tag(decision), list_tag(Decision))

What the visitor gets: ``ETag`` (and 304 to ``If-None-Match``) and ``Cache-Control: public,
max-age=PAGE_CACHE_MAX_AGE`` (env GONGKAI_PAGE_MAX_AGE, default 0: browsers and proxies ask
again each time and get a 304; above 0 they may keep a page that long, also after a language
or large-text switch). Staff and visitors with a session (or a pending message) bypass the
cache both ways and get ``Cache-Control: private``.

Why this design (several worker processes, one host by default)
----------------------------------------------------------------
Django's local-memory cache lives in one process: an invalidation made by the process that
handled the publish (or by the background worker) would not reach the others. Pages are kept
instead in one SQLite file in the data folder (store.py), shared by every process of the
host; each process also keeps a memory copy of the pages it serves, valid while a generation
number in a memory-mapped file (raised by every invalidation, after its commit) has not
moved. A hit therefore costs a dictionary look-up and an 8-byte read; after an invalidation
the next hit of each page re-reads it from the file (one indexed SELECT) or renders it when
it was dropped. With REDIS_URL (several hosts) the pages and tag versions live in Redis
(redis_store.py), one round trip per hit. In front of Django, the WSGI application that
`gongkai serve` runs (wsgi.py) replays what Django answered for a hit, under the same key and
generation, without running Django again: most of a hit's cost was Django around the store.
Figures: bench/serve_bench.py.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.dispatch import receiver

from gongkai.core.pagecache.counting import counts_as_view, register_view_counter, view_counter

__all__ = [
    "count_view",
    "expire_at",
    "is_a_view",
    "invalidate",
    "list_tag",
    "mark_public",
    "obj_tag",
    "public_page",
    "register_view_counter",
    "tag",
]

logger = logging.getLogger(__name__)
_store = None


class PageState:
    """What the view declared about the page being rendered for this request."""

    __slots__ = ("expires", "public", "tags", "views")

    def __init__(self):
        self.public = False
        self.tags: set[str] = set()
        self.views: list[tuple[str, int]] = []
        self.expires: float | None = None


def public_page(*tags: str):
    """Decorator: the view's GET pages are public and may be cached, under ``tags``."""

    def decorator(view):
        @functools.wraps(view)
        def cached_view(request, *args, **kwargs):
            mark_public(request, *tags)
            return view(request, *args, **kwargs)

        return cached_view

    return decorator


def mark_public(request, *tags: str) -> None:
    state = getattr(request, "page_cache", None)
    if state is not None:
        state.public = True
        state.tags.update(tags)


def tag(request, *tags: str) -> None:
    """Add the tags of what this page shows (known while rendering)."""
    state = getattr(request, "page_cache", None)
    if state is not None:
        state.tags.update(tags)


def expire_at(request, when) -> None:
    """The page shows a state that changes at ``when`` (an aware datetime; None: nothing
    pending): once that moment passes, its stored copy is not served again. The earliest of
    several calls wins."""
    state = getattr(request, "page_cache", None)
    if state is None or when is None:
        return
    moment = when.timestamp()
    if state.expires is None or moment < state.expires:
        state.expires = moment


def is_a_view(request) -> bool:
    """Whether this request counts as a view (counting.counts_as_view)."""
    return counts_as_view(request.method, request.META.get("HTTP_USER_AGENT", ""))


def count_view(request, name: str, pk: int) -> None:
    """Count this view of object ``pk`` if it is one and, when the page is stored, every later
    view of it."""
    if is_a_view(request):
        view_counter.add([(name, pk)])
    state = getattr(request, "page_cache", None)
    if state is not None:
        state.views.append((name, pk))


def obj_tag(obj, pk: int | None = None) -> str:
    """The tag of one record: ``document:42``; ``obj_tag(Document, 42)`` when only the id is at hand."""
    return f"{obj._meta.model_name}:{obj.pk if pk is None else pk}"


def list_tag(model) -> str:
    """The tag of the pages listing records of ``model``: ``document:list``."""
    return f"{model._meta.model_name}:list"


def invalidate(*tags: str) -> None:
    """Drop every page stored with one of ``tags``: now, and again once the transaction commits."""
    tags = {tag for tag in tags if tag}
    if not tags or not settings.PAGE_CACHE_ENABLED:
        return
    get_store().invalidate(tags)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: get_store().invalidate(tags), robust=True)


def get_store():
    global _store
    if _store is None:
        _store = _build_store()
    return _store


def _build_store():
    if settings.REDIS_URL:
        from gongkai.core.pagecache.redis_store import RedisPageStore

        return RedisPageStore(settings.REDIS_URL)
    from gongkai.core.pagecache.store import SqlitePageStore

    return SqlitePageStore(
        settings.PAGE_CACHE_DIR,
        memory_bytes=settings.PAGE_CACHE_MEMORY_MB * 1024 * 1024,
        max_entries=settings.PAGE_CACHE_MAX_ENTRIES,
        files_dir=settings.PAGE_CACHE_FILES_DIR or None,
    )


@receiver(setting_changed)
def _settings_changed(*, setting, **kwargs):
    global _store
    if setting in {
        "PAGE_CACHE_DIR",
        "PAGE_CACHE_FILES_DIR",
        "REDIS_URL",
        "PAGE_CACHE_MEMORY_MB",
        "PAGE_CACHE_MAX_ENTRIES",
    }:
        if _store is not None:
            _store.close()
        _store = None
