"""Turn what a user typed into something the backends can run, whatever it was.

Query text is never handed to a query-language parser (tantivy's or to_tsquery's): backends
build their queries from the words found here, so FTS syntax (" * - NEAR AND OR : ( ) ^ ~
[ ] { }) is plain text, and an empty, huge or punctuation-only query cannot raise.

Pure module: no Django imports.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from gongkai.core.docnumbers import DocNumberQuery, parse_doc_number_query
from gongkai.search.segmentation import segment_query
from gongkai.search.types import SORTS, SearchQuery

MAX_QUERY_CHARS = 200
MAX_TERMS = 24
MAX_PAGE_SIZE = 100
# Deep pages cost the backend offset + page_size hits; nobody reads past result 10 000.
MAX_RESULT_WINDOW = 10_000

# Function words that occur in nearly every document: they would not narrow an
# all-words-must-match query, only slow it down. Dropped unless the query has nothing else.
STOP_WORDS = frozenset("的了和与及或在是对为等之于并将把被")


@dataclass(frozen=True)
class ParsedQuery:
    """A cleaned query: its text, the words to look for, and the 发文字号 it names if any."""

    text: str
    terms: tuple[str, ...]
    doc_number: DocNumberQuery | None

    @property
    def is_blank(self) -> bool:
        """Nothing was typed (only spaces): list documents instead of searching."""
        return not self.text

    @property
    def matches_nothing(self) -> bool:
        """Something was typed but it holds no word and no document number."""
        return not self.is_blank and not self.terms and self.doc_number is None


def _head(raw: str | None) -> str:
    """As much of ``raw`` as cleaning can keep."""
    return (raw or "")[: MAX_QUERY_CHARS * 4]


def clean_text(raw: str | None) -> str:
    """Truncated, without control characters, spaces collapsed."""
    text = _head(raw)
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _all_terms(text: str) -> list[str]:
    words = segment_query(text)
    content = [word for word in words if word not in STOP_WORDS]
    return content or words


def terms_cut(raw: str | None) -> bool:
    """The query holds more than MAX_TERMS words: only the first ones are looked for."""
    return _parsed(_head(raw)).cut


def parse_query(raw: str | None) -> ParsedQuery:
    """Parse a user's query; never raises, whatever the input."""
    return _parsed(_head(raw)).query


class _Parsed(NamedTuple):
    query: ParsedQuery
    cut: bool


# Cleaning and segmenting a query cost tens of microseconds, as much as searching the index
# for a rare word: a query asked again (a popular word, the next page; the portal's
# terms_cut) is parsed once per process. The dictionary is loaded once per process, so the
# answer cannot change; a key is at most MAX_QUERY_CHARS * 4 characters.
@lru_cache(maxsize=1024)
def _parsed(head: str) -> _Parsed:
    text = clean_text(head)
    words = _all_terms(text)
    return _Parsed(
        ParsedQuery(
            text=text, terms=tuple(words[:MAX_TERMS]), doc_number=parse_doc_number_query(text)
        ),
        len(words) > MAX_TERMS,
    )


def clamp_query(query: SearchQuery) -> SearchQuery:
    """Paging and sort within bounds: page >= 1, 1 <= page_size <= 100, a known sort order."""
    page_size = min(max(query.page_size, 1), MAX_PAGE_SIZE)
    page = min(max(query.page, 1), MAX_RESULT_WINDOW // page_size)
    sort = query.sort if query.sort in SORTS else "relevance"
    return dataclasses.replace(query, page=page, page_size=page_size, sort=sort)
