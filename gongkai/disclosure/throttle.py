"""Rate limit of public submissions per client address (a fixed window in the cache).

``DISCLOSURE_SUBMIT_LIMIT`` submissions per ``DISCLOSURE_SUBMIT_WINDOW`` seconds from one
address (defaults 5 per 600 s); a limit of 0 turns the check off (benchmarks). Staff
registrations and the staff API are never limited. With several app servers the cache must be
shared (REDIS_URL) for the limit to hold across them.
"""

from django.conf import settings
from django.core.cache import cache

from gongkai.disclosure.tokens import address_hash

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 600


def _limit() -> int:
    return int(getattr(settings, "DISCLOSURE_SUBMIT_LIMIT", DEFAULT_LIMIT))


def window_seconds() -> int:
    return int(getattr(settings, "DISCLOSURE_SUBMIT_WINDOW", DEFAULT_WINDOW_SECONDS))


def _key(address: str) -> str:
    return f"gongkai:disclosure:submits:{address_hash(address)}"


def submission_allowed(address: str) -> bool:
    limit = _limit()
    return limit <= 0 or int(cache.get(_key(address), 0)) < limit


def count_submission(address: str) -> None:
    if _limit() <= 0:
        return
    key = _key(address)
    cache.add(key, 0, timeout=window_seconds())
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds())
