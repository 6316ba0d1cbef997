"""PostgreSQL full-text backend, for deployments with several app servers.

Text is segmented by jieba in Python and stored as a tsvector written from those words
(gongkai.search.tsearch), weighted A (title, 发文字号), B (keywords, departments, summary)
and D (body); a GIN index serves the match, ts_rank orders by weight (over a small
title vector when thousands match, see _Match.ordered). Queries are tsquery values written
from the query's words the same way, so user input is never parsed as tsquery syntax.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from gongkai.core.docnumbers import DocNumberQuery, doc_number_matches_query
from gongkai.search.backends.base import Progress, SearchBackend
from gongkai.search.fields import doc_number_key, doc_number_parts, indexed_texts, sort_key
from gongkai.search.highlight import document_snippet, highlight
from gongkai.search.models import SearchEntry
from gongkai.search.query import ParsedQuery, clamp_query, parse_query
from gongkai.search.tsearch import tsquery_literal, tsvector_literal
from gongkai.search.types import (
    IndexedDocument,
    SearchHit,
    SearchQuery,
    SearchResults,
    empty_facets,
)

DOC_NUMBER_CANDIDATES = 50
# Up to this many matches, rank by the whole text; beyond, by title, number, keywords, summary.
FULL_RANK_LIMIT = 2000
VECTOR_FIELDS = ("search_vector", "title_vector")
WRITE_BATCH = 500
ENTRY_FIELDS = [
    field.name
    for field in SearchEntry._meta.concrete_fields
    if field.name not in {"id", "document_id"}
]
EQUALITY_FILTERS = ("year", "doc_type", "validity", "disclosure")
LIST_FILTERS = {"department": "department_ids", "topic": "topic_ids"}

# Facet name -> column. The list columns are grouped as whole arrays and expanded in Python:
# one pass over the matching rows (a few hundred distinct arrays), several times faster than
# expanding every row's JSON array in SQL.
FACET_COLUMNS = {
    "year": "year",
    "doc_type": "doc_type",
    "validity": "validity",
    "disclosure": "disclosure",
    "department": "department_ids",
    "topic": "topic_ids",
}
# Columns in FACET_COLUMNS order; {matched} is the SQL of the matching rows.
FACETS_SQL = """
SELECT GROUPING(year, doc_type, validity, disclosure, department_ids, topic_ids),
       year, doc_type, validity, disclosure, department_ids, topic_ids, count(*)
FROM ({matched}) AS matched
GROUP BY GROUPING SETS ((year), (doc_type), (validity), (disclosure), (department_ids), (topic_ids))
"""


class Matches(Func):
    """tsvector @@ tsquery, usable as a filter."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _vectors(doc: IndexedDocument) -> tuple[str, str]:
    """The whole-text vector (A title and number, B keywords and summary, D body) and the
    title vector (A and B only)."""
    texts = indexed_texts(doc)
    heading = [
        (f"{texts.title} {texts.doc_number}", "A"),
        (f"{texts.keywords} {texts.summary}", "B"),
    ]
    return tsvector_literal([*heading, (texts.body, "D")]), tsvector_literal(heading)


def _tsquery(terms: Sequence[str], *, all_terms: bool) -> Cast:
    return Cast(Value(tsquery_literal(terms, all_terms=all_terms)), SearchQueryField())


def to_entry(doc: IndexedDocument) -> SearchEntry:
    parts = doc_number_parts(doc)
    search_vector, title_vector = _vectors(doc)
    return SearchEntry(
        document_id=doc.id,
        title=doc.title,
        summary=doc.summary,
        body=doc.body,
        doc_number_key=doc_number_key(doc)[:128],
        doc_number_year=parts.year if parts else None,
        doc_number_serial=parts.serial if parts else None,
        doc_number_prefix=parts.prefix[:64] if parts else "",
        department_ids=list(doc.department_ids),
        topic_ids=list(doc.topic_ids),
        year=doc.year,
        doc_type=doc.doc_type,
        validity=doc.validity,
        disclosure=doc.disclosure,
        sort_key=sort_key(doc),
        search_vector=search_vector,
        title_vector=title_vector,
    )


def _filtered(query: SearchQuery) -> QuerySet[SearchEntry]:
    entries = SearchEntry.objects.all()
    for name in EQUALITY_FILTERS:
        value = getattr(query, name)
        if value is not None and value != "":
            entries = entries.filter(**{name: value})
    for name, column in LIST_FILTERS.items():
        value = getattr(query, name)
        if value is not None:
            entries = entries.filter(**{f"{column}__contains": [int(value)]})
    return entries


class PostgresBackend(SearchBackend):
    """Search over the SearchEntry table with PostgreSQL full text (tsvector + GIN)."""

    def __init__(self) -> None:
        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(
                "SEARCH_BACKEND='postgres' needs a PostgreSQL database (DATABASE_URL)."
            )

    # --- writing -------------------------------------------------------------------------

    def index_documents(self, docs: Iterable[IndexedDocument]) -> int:
        entries = [to_entry(doc) for doc in docs]
        SearchEntry.objects.bulk_create(
            entries,
            batch_size=WRITE_BATCH,
            update_conflicts=True,
            unique_fields=["document_id"],
            update_fields=ENTRY_FIELDS,
        )
        return len(entries)

    def delete_documents(self, ids: Iterable[int]) -> None:
        SearchEntry.objects.filter(document_id__in=list(ids)).delete()

    def clear(self) -> None:
        SearchEntry.objects.all().delete()

    def count(self) -> int:
        return SearchEntry.objects.count()

    def rebuild(
        self, batches: Iterable[list[IndexedDocument]], progress: Progress | None = None
    ) -> int:
        """Replace every entry in one transaction: searches see the old rows until commit."""
        written = 0
        with transaction.atomic():
            self.clear()
            for batch in batches:
                written += self.index_documents(batch)
                if progress is not None:
                    progress(len(batch))
        return written

    # --- reading -------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        query = clamp_query(query)
        parsed = parse_query(query.text)
        if parsed.matches_nothing:
            return SearchResults.empty(query)
        with transaction.atomic():
            if parsed.terms:
                _prefer_index_scans()
            return self._search(query, parsed)

    def _search(self, query: SearchQuery, parsed: ParsedQuery) -> SearchResults:
        filtered = _filtered(query)
        pinned = self._doc_number_ids(filtered, parsed.doc_number) if parsed.doc_number else []
        match = _Match.build(filtered, parsed, pinned, all_terms=True)
        total = match.entries.count()
        some_words_only = total == 0 and len(parsed.terms) > 1
        if some_words_only:
            # No document has every word: fall back to documents with any of them.
            match = _Match.build(filtered, parsed, pinned, all_terms=False)
            total = match.entries.count()
        ordered = match.ordered(query.sort, total).defer(*VECTOR_FIELDS)
        page = ordered[query.offset : query.offset + query.page_size]
        hits = [self._hit(entry, parsed) for entry in page]
        facets = {}
        if query.with_facets:
            facets = self._facets(match.entries) if total else empty_facets()
        return SearchResults(total, hits, facets, query.page, query.page_size, some_words_only)

    def _doc_number_ids(self, filtered: QuerySet[SearchEntry], number: DocNumberQuery) -> list[int]:
        """Ids of the documents whose 发文字号 is the one the query names."""
        candidates = filtered.filter(
            doc_number_serial=number.serial, doc_number_year=number.year or 0
        )
        if number.prefix:
            candidates = candidates.filter(doc_number_prefix__endswith=number.prefix)
        keys = candidates.values_list("document_id", "doc_number_key")[:DOC_NUMBER_CANDIDATES]
        return [doc_id for doc_id, key in keys if doc_number_matches_query(key, number)]

    def _facets(self, matched: QuerySet[SearchEntry]) -> dict[str, dict[str, int]]:
        inner_sql, params = matched.values(*FACET_COLUMNS.values()).query.sql_with_params()
        counts: dict[str, Counter[str]] = {name: Counter() for name in FACET_COLUMNS}
        with connection.cursor() as cursor:
            cursor.execute(FACETS_SQL.format(matched=inner_sql), params)
            for mask, *values, count in cursor.fetchall():
                name, value = _grouped(mask, values)
                # Django reads jsonb as text (JSONField decodes it); raw rows need json.loads.
                items = json.loads(value) if name in LIST_FILTERS else [value]
                for item in items:
                    if item is not None and item != "":
                        counts[name][str(item)] += count
        return {name: dict(counter.most_common()) for name, counter in counts.items()}

    def _hit(self, entry: SearchEntry, parsed: ParsedQuery) -> SearchHit:
        return SearchHit(
            id=entry.document_id,
            score=float(getattr(entry, "rank", 0.0)),
            title_html=highlight(entry.title, parsed.terms),
            snippet_html=document_snippet(entry.summary, entry.body, parsed.terms),
        )


def _grouped(mask: int, values: list) -> tuple[str, object]:
    """The facet a GROUPING SETS row counts and its value: GROUPING() has a 0 bit (first
    column = highest bit) for the one column of the row's set."""
    width = len(FACET_COLUMNS)
    index = next(i for i in range(width) if not mask & (1 << (width - 1 - i)))
    return list(FACET_COLUMNS)[index], values[index]


def _prefer_index_scans() -> None:
    """For this transaction, read matches through the GIN index.

    The planner prices `tsvector @@ tsquery` as cheap and scans the table for a common word,
    which decompresses every row's (TOASTed) vector: seconds at 100,000 documents. The GIN
    bitmap needs no recheck for plain word queries, so it reads only the small heap rows.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")


@dataclass(frozen=True)
class _Match:
    """The entries a query matches, and how to rank them."""

    entries: QuerySet[SearchEntry]
    tsquery: Cast | None
    pinned: list[int]

    @classmethod
    def build(
        cls,
        filtered: QuerySet[SearchEntry],
        parsed: ParsedQuery,
        pinned: list[int],
        *,
        all_terms: bool,
    ) -> _Match:
        if not parsed.terms:
            return cls(filtered, None, [])
        tsquery = _tsquery(parsed.terms, all_terms=all_terms)
        entries = filtered.filter(Matches(F("search_vector"), tsquery) | Q(document_id__in=pinned))
        return cls(entries, tsquery, pinned)

    def ordered(self, sort: str, total: int) -> QuerySet[SearchEntry]:
        """Relevance: the named document first, then ts_rank over the whole text when few
        documents match, over the title/number/keywords/summary vector when many do (ranking
        reads each vector: the small one stays fast for a word in every document)."""
        if sort == "oldest":
            return self.entries.order_by("sort_key")
        if sort == "newest" or self.tsquery is None:
            return self.entries.order_by("-sort_key")
        vector = "search_vector" if total <= FULL_RANK_LIMIT else "title_vector"
        named = Case(
            When(document_id__in=self.pinned, then=1), default=0, output_field=IntegerField()
        )
        ranked = self.entries.annotate(rank=SearchRank(F(vector), self.tsquery), named=named)
        return ranked.order_by("-named", "-rank", "-sort_key")
