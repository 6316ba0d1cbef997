"""Rate limits of public forms, per client address and per account (fixed windows in the cache).

Each limit reads ``<NAME>_LIMIT`` events per ``<NAME>_WINDOW`` seconds from settings; a limit
of 0 turns it off (benchmarks). Addresses are kept in the cache only as keyed hashes. With
several app servers the cache must be shared (REDIS_URL) for a limit to hold across them.
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

    def allowed(self, *subjects: str) -> bool:
        """Whether every subject (an address, ``account:<id>``) is below the limit."""
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

    def _key(self, subject: str) -> str:
        hashed = salted_hmac("gongkai.accounts.ratelimit", subject, algorithm="sha256").hexdigest()
        return f"gongkai:rate:{self.name}:{hashed}"


def account_subject(user) -> str:
    return f"account:{user.pk}" if getattr(user, "pk", None) else ""


REGISTRATION = RateLimit("account_register", 5, 3600)
LOGIN_MAIL = RateLimit("account_mail", 5, 3600)  # verification and reset mails asked for
SMS_CODE = RateLimit("account_sms", 3, 3600)
