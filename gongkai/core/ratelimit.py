"""Rate limits per client address or account: fixed windows counted in the cache.

Each limit reads ``<NAME>_LIMIT`` events per ``<NAME>_WINDOW`` seconds from settings; a limit
of 0 turns it off (benchmarks). Subjects (an address, ``account:<id>``) are kept in the cache
only as keyed hashes. The cache is shared by the processes of one host (diskcache files); with
several app servers it must be shared by all (REDIS_URL) for a limit to hold across them. Used by public forms (disclosure requests, accounts) and search.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class RateLimit:
    """``name`` selects the settings ``<NAME>_LIMIT`` and ``<NAME>_WINDOW``."""

    name: str
    default_limit: int
    default_window: int

    @property
    def limit(self) -> int:
        return int(getattr(settings, f"{self.name.upper()}_LIMIT", self.default_limit))

    @property
    def window(self) -> int:
        return int(getattr(settings, f"{self.name.upper()}_WINDOW", self.default_window))

    @property
    def window_minutes(self) -> int:
        return max(1, -(-self.window // 60))

    def allowed(self, *subjects: str) -> bool:
        """Whether every subject is below the limit."""
        limit = self.limit
        return limit <= 0 or all(int(cache.get(self._key(s), 0)) < limit for s in subjects if s)

    def count(self, *subjects: str) -> None:
        if self.limit <= 0:
            return
        for subject in filter(None, subjects):
            key = self._key(subject)
            cache.add(key, 0, timeout=self.window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=self.window)

    def hit(self, *subjects: str) -> bool:
        """Count one event if the subjects are below the limit; whether they were."""
        if not self.allowed(*subjects):
            return False
        self.count(*subjects)
        return True

    def _key(self, subject: str) -> str:
        hashed = salted_hmac("gongkai.ratelimit", subject, algorithm="sha256").hexdigest()
        return f"gongkai:rate:{self.name}:{hashed}"
