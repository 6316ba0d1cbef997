"""The page stores' promise, for both (SQLite file, Redis): what one process invalidates, no
process serves afterwards, and a render that overlapped an invalidation is not stored."""

import os
import subprocess
import sys
import uuid

import pytest

from gongkai.core.pagecache.redis_store import RedisPageStore
from gongkai.core.pagecache.store import CachedPage, SqlitePageStore

REDIS_URL = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def page(text: str, views=()) -> CachedPage:
    return CachedPage(
        status=200,
        headers=(("Content-Type", "text/html"), ("ETag", '"e"')),
        body=text.encode(),
        views=tuple(views),
    )


def sqlite_pair(tmp_path):
    """Two stores on one folder: two worker processes, each with its own memory copies."""
    return [SqlitePageStore(tmp_path, memory_bytes=1 << 20, max_entries=100) for _ in range(2)]


def redis_pair(tmp_path):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip(f"needs Redis at {REDIS_URL}")
    prefix = f"test:{uuid.uuid4().hex}:"
    return [RedisPageStore(REDIS_URL, prefix=prefix) for _ in range(2)]


@pytest.fixture(params=[sqlite_pair, redis_pair], ids=["sqlite", "redis"])
def stores(request, tmp_path):
    pair = request.param(tmp_path)
    yield pair
    if isinstance(pair[0], RedisPageStore):
        leftovers = pair[0].client.keys(pair[0].prefix + "*")
        if leftovers:
            pair[0].client.delete(*leftovers)
    for store in pair:
        store.close()


def test_a_page_stored_by_one_process_is_served_by_another(stores):
    first, second = stores
    assert first.put("k", page("正文", views=[("document", 3)]), {"document:3"}, since=0)
    served = second.get("k")
    assert served.body == "正文".encode() and served.views == (("document", 3),)
    assert served.etag == '"e"' and served.headers[0] == ("Content-Type", "text/html")


def test_an_invalidation_by_one_process_reaches_the_others(stores):
    first, second = stores
    first.put("a", page("A"), {"document:1", "document:list"}, since=first.generation())
    first.put("b", page("B"), {"document:2"}, since=first.generation())
    assert second.get("a") and first.get("a")  # memory copies in both
    second.invalidate({"document:1"})
    assert first.get("a") is None and second.get("a") is None
    assert first.get("b").body == b"B"


def test_a_render_that_overlapped_an_invalidation_is_not_stored(stores):
    first, second = stores
    since = first.generation()  # the render starts, reads the old data …
    second.invalidate({"document:1"})  # … a publish commits meanwhile
    assert not first.put("a", page("old"), {"document:1"}, since=since)
    assert first.get("a") is None
    assert first.put("b", page("other"), {"document:2"}, since=since)  # other tags: stored


def test_memory_copies_stay_within_their_bound(tmp_path):
    store = SqlitePageStore(tmp_path, memory_bytes=250, max_entries=100)
    for number in range(5):
        store.put(f"k{number}", page("x" * 100), {f"t{number}"}, since=0)
    assert store.memory._bytes <= 250
    assert all(store.get(f"k{number}") for number in range(5))  # the file still has them


def test_the_oldest_pages_go_past_max_entries(tmp_path):
    store = SqlitePageStore(tmp_path, memory_bytes=1 << 20, max_entries=10)
    for number in range(25):
        store.put(f"k{number}", page("x"), {"t"}, since=0)
    store.cull()
    assert store.count() == 9
    assert store.get("k24") is not None


def test_an_invalidation_from_another_os_process(tmp_path):
    store = SqlitePageStore(tmp_path, memory_bytes=1 << 20, max_entries=100)
    store.put("a", page("A"), {"document:1"}, since=0)
    assert store.get("a")
    code = (
        "import sys; from gongkai.core.pagecache.store import SqlitePageStore; "
        "SqlitePageStore(sys.argv[1], memory_bytes=1, max_entries=1).invalidate({'document:1'})"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True)
    assert store.get("a") is None


@pytest.mark.parametrize("make_pair", [sqlite_pair, redis_pair])
def test_a_page_keeps_its_expiry_in_every_store(tmp_path, make_pair):
    """The expiry travels with the page, so every process stops serving it at the same moment."""
    first, second = make_pair(tmp_path)
    expiring = CachedPage(
        status=200, headers=(("ETag", '"e"'),), body=b"open", expires=1_900_000_000.5
    )
    assert first.put("/calendar/", expiring, {"programme:list"}, since=first.generation())
    served = second.get("/calendar/")
    assert served.expires == 1_900_000_000.5
    assert served.expired(1_900_000_000.5) and not served.expired(1_900_000_000.4)
    assert first.get("/calendar/").expires == 1_900_000_000.5
