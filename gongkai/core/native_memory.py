"""Giving the memory native libraries free back to the system."""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the interpreter runs on
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def release_freed_memory() -> None:
    """Hand the free pages of glibc's heaps back to the system (malloc_trim). glibc keeps
    what is freed for reuse, and reuses it poorly when a native library takes a large
    working area at each call and frees it: tantivy's index writer (its indexing heap and
    merge buffers) left about 10 MB more resident memory at each flush of a bulk import."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
