"""The interface every search backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from gongkai.search.types import IndexedDocument, SearchQuery, SearchResults

Progress = Callable[[int], None]
"""Called with the number of documents just written, after each batch of a rebuild."""


class IndexUnavailable(Exception):
    """The index is missing or damaged; the caller rebuilds it from the database."""


class SearchBackend(ABC):
    """A full-text index of public documents. The database is the source of truth: every
    backend can be emptied and rebuilt from it at any time."""

    @abstractmethod
    def index_documents(self, docs: Iterable[IndexedDocument]) -> int:
        """Add or replace documents (by id); returns how many were written."""

    @abstractmethod
    def delete_documents(self, ids: Iterable[int]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """One page of results with facet counts. Never raises for any user input; an
        unavailable index answers with no results (and asks for a rebuild)."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document."""

    @abstractmethod
    def count(self) -> int:
        """Number of documents in the index."""

    @abstractmethod
    def rebuild(
        self, batches: Iterable[list[IndexedDocument]], progress: Progress | None = None
    ) -> int:
        """Replace the whole index with the given documents; returns how many were written.
        Searches keep answering from the old index until the new one is complete."""
