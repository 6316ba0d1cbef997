"""The shared cache without Redis keeps its SQLite connections from one request to the next."""

import sqlite3
from unittest import mock

from django.core.cache import cache


def test_closing_the_cache_at_the_end_of_a_request_keeps_its_connections():
    cache.set("gongkai:test-kept-open", 1)
    with mock.patch("diskcache.core.sqlite3.connect", wraps=sqlite3.connect) as connect:
        cache.close()  # what Django does to every cache when a request finishes
        assert cache.get("gongkai:test-kept-open") == 1
    assert connect.call_count == 0
