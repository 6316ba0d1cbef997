"""Version tokens in the shared cache, for what a process builds from the database and keeps
until the rows it was built from change.

Whatever is built is kept under the token read before building it. A change gives the token
a new value at once and again when its transaction commits: a reader that saw the first new
value before the commit (and so read the old rows) keeps what it built under a value nobody
asks for after the commit. Used by gongkai.documents.classification_cache and the portal's
filter options (gongkai.portal.selectors.filter_options).
"""

import secrets
from functools import partial

from django.core.cache import cache
from django.db import transaction


def current(key: str) -> str:
    """The token now under ``key`` (a new one when the cache has none, e.g. after a clear)."""
    return cache.get_or_set(key, _new_token, timeout=None)


def bump(key: str) -> None:
    """What was built from the rows behind ``key`` is out of date: now, and again on commit."""
    _set(key)
    transaction.on_commit(partial(_set, key), robust=True)


def _set(key: str) -> None:
    cache.set(key, _new_token(), timeout=None)


def _new_token() -> str:
    return secrets.token_hex(8)
