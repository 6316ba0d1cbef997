"""Where the index gets its documents: the module named by settings.SEARCH_SOURCE.

The search app does not import the documents app; the documents app provides a module with

    load(ids: list[int]) -> dict[int, IndexedDocument | None]   (None: no longer public)
    iter_all(batch_size: int) -> Iterator[list[IndexedDocument]] (every public document)
    count_all() -> int
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.conf import settings

from gongkai.search.types import IndexedDocument

DEFAULT_SOURCE = "gongkai.documents.search_source"


def _source() -> ModuleType:
    return import_module(getattr(settings, "SEARCH_SOURCE", DEFAULT_SOURCE))


def load(ids: list[int]) -> dict[int, IndexedDocument | None]:
    return _source().load(ids)


def iter_all(batch_size: int) -> Iterator[list[IndexedDocument]]:
    return _source().iter_all(batch_size)


def count_all() -> int:
    return _source().count_all()
