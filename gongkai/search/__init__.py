"""Full-text search (全文检索): segmentation, index backends, query parsing, ranking.

`get_backend()` returns the backend chosen by settings.SEARCH_BACKEND ("tantivy", the
embedded default, or "postgres"); one instance per process.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.search.backends.base import SearchBackend

logger = logging.getLogger(__name__)

REBUILD_REQUEST_SECONDS = 300
# The backend of the current configuration; replaced (and the old one released) only when
# the settings change, as they do between tests.
_current: tuple[tuple[str, str], SearchBackend] | None = None


def get_backend() -> SearchBackend:
    from django.conf import settings

    global _current
    name = getattr(settings, "SEARCH_BACKEND", "tantivy")
    key = (name, str(getattr(settings, "SEARCH_INDEX_DIR", "")))
    if _current is None or _current[0] != key:
        _current = (key, _create_backend(*key))
    return _current[1]


def _create_backend(name: str, index_dir: str) -> SearchBackend:
    from django.core.exceptions import ImproperlyConfigured

    if name == "tantivy":
        from gongkai.search.backends.tantivy_backend import TantivyBackend

        return TantivyBackend(index_dir, on_unavailable=request_rebuild)
    if name == "postgres":
        from gongkai.search.backends.postgres_backend import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be 'tantivy' or 'postgres', not {name!r}.")


def request_rebuild() -> None:
    """Enqueue a rebuild of the index, at most once per few minutes (per cache)."""
    from django.core.cache import cache

    from gongkai.search.tasks import rebuild_index

    if cache.add("gongkai.search.rebuild-requested", True, timeout=REBUILD_REQUEST_SECONDS):
        logger.warning("search index missing or damaged: rebuild enqueued")
        rebuild_index.enqueue()
