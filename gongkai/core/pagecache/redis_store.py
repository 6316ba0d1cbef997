"""The page store of several app servers: Redis (REDIS_URL), shared by every host.

Same promise as the SQLite store (see store.py); each check-and-write runs as one Lua script,
so a store racing an invalidation is refused exactly as there. No memory copy is kept: the
round trip that would check it costs what reading the page does.
"""

from __future__ import annotations

import hashlib

from gongkai.core.pagecache.store import TAG_VERSION_KEEP_SECONDS, CachedPage

PREFIX = "gongkai:pagecache:"
PAGE_TTL_SECONDS = 24 * 3600  # pages nobody asked for in a day go; Redis's own limits do the rest

PUT = """
local prefix, since, page = ARGV[1], tonumber(ARGV[2]), ARGV[3]
for i = 7, #ARGV do
  local version = redis.call('GET', prefix .. 'tagv:' .. ARGV[i])
  if version and tonumber(version) > since then return 0 end
end
redis.call('HSET', page, 'body', ARGV[4], 'meta', ARGV[5])
redis.call('EXPIRE', page, ARGV[6])
for i = 7, #ARGV do
  local members = prefix .. 'tag:' .. ARGV[i]
  redis.call('SADD', members, page)
  redis.call('EXPIRE', members, ARGV[6])
end
return 1
"""

INVALIDATE = """
local prefix, keep = ARGV[1], ARGV[2]
local seq = redis.call('INCR', prefix .. 'generation')
for i = 3, #ARGV do
  redis.call('SET', prefix .. 'tagv:' .. ARGV[i], seq, 'EX', keep)
  local members = prefix .. 'tag:' .. ARGV[i]
  local pages = redis.call('SMEMBERS', members)
  for _, page in ipairs(pages) do redis.call('DEL', page) end
  redis.call('DEL', members)
end
return seq
"""


class RedisPageStore:
    def __init__(self, url: str, *, prefix: str = PREFIX):
        import redis

        self.prefix = prefix
        self.client = redis.Redis.from_url(url)
        self._put = self.client.register_script(PUT)
        self._invalidate = self.client.register_script(INVALIDATE)

    def generation(self) -> int:
        return int(self.client.get(self.prefix + "generation") or 0)

    def get(self, key: str) -> CachedPage | None:
        body, meta = self.client.hmget(self._page_key(key), ["body", "meta"])
        if body is None or meta is None:
            return None
        return CachedPage.load(body, meta.decode())

    def put(
        self, key: str, page: CachedPage, tags: set[str], *, since: int, file: str | None = None
    ) -> bool:
        """``file`` is ignored: page files are for one host (SqlitePageStore)."""
        args = [self.prefix, since, self._page_key(key), page.body, page.meta(), PAGE_TTL_SECONDS]
        return bool(self._put(args=[*args, *sorted(tags)]))

    def invalidate(self, tags: set[str]) -> None:
        self._invalidate(args=[self.prefix, TAG_VERSION_KEEP_SECONDS, *sorted(tags)])

    def close(self) -> None:
        self.client.close()

    def _page_key(self, key: str) -> str:
        return self.prefix + "page:" + hashlib.sha256(key.encode()).hexdigest()
