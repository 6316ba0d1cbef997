"""Value types shared by the search app, its backends and its callers (no Django imports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

SORTS = ("relevance", "newest", "oldest")
FACET_NAMES = ("department", "year", "doc_type", "topic", "validity", "disclosure")


@dataclass(frozen=True)
class IndexedDocument:
    """What the index knows about one public document (公开文件); built by the search source."""

    id: int
    title: str
    title_en: str = ""
    doc_number: str = ""
    doc_number_key: str = ""
    summary: str = ""
    body: str = ""
    keywords: list[str] = field(default_factory=list)
    department_ids: list[int] = field(default_factory=list)
    department_names: list[str] = field(default_factory=list)
    year: int | None = None
    doc_type: str = ""
    topic_ids: list[int] = field(default_factory=list)
    validity: str = ""
    disclosure: str = ""
    published_on: date | None = None
    modified_at: datetime | None = None
    # The body already segmented (segmentation.tokens_for_index), where the caller had it
    # done elsewhere: a bulk import segments in its extraction processes.
    body_words: str | None = None


@dataclass(frozen=True)
class SearchQuery:
    """A user's search: free text plus filters (all optional), sort order and page."""

    text: str = ""
    department: int | None = None
    year: int | None = None
    doc_type: str | None = None
    topic: int | None = None
    validity: str | None = None
    disclosure: str | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    with_facets: bool = True

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.page_size


@dataclass(frozen=True)
class SearchHit:
    """One result. title_html and snippet_html are escaped HTML with <mark> around matches."""

    id: int
    score: float
    title_html: str
    snippet_html: str


@dataclass(frozen=True)
class SearchResults:
    """One page of results; facets map facet name -> {value as str: count}."""

    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    page: int
    page_size: int
    # No document has every word: these are the documents with some of them (a near miss?).
    some_words_only: bool = False

    @classmethod
    def empty(cls, query: SearchQuery) -> SearchResults:
        facets = empty_facets() if query.with_facets else {}
        return cls(total=0, hits=[], facets=facets, page=query.page, page_size=query.page_size)


def empty_facets() -> dict[str, dict[str, int]]:
    """Every facet name, no counts: results always carry all six keys when facets are asked."""
    return {name: {} for name in FACET_NAMES}
