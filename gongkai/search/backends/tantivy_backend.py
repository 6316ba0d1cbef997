"""tantivy backend: the embedded default, an index on local disk next to the database.

Layout of the index directory::

    CURRENT        name of the live generation, replaced atomically
    write.lock     flock held by the one process that writes (worker or CLI)
    v1-<ns>/       a generation: one complete tantivy index

Text is segmented in Python (gongkai.search.segmentation) and indexed with tantivy's
whitespace tokenizer, so the index holds exactly the words the query side looks up. A rebuild
writes a new generation and then switches CURRENT, so searches go on answering from the old
one meanwhile; readers notice both a switch and a commit by checking CURRENT and meta.json on
each search (a few microseconds) and reload only then.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

from gongkai.core.docnumbers import DocNumberQuery, doc_number_matches_query
from gongkai.core.native_memory import release_freed_memory
from gongkai.search.backends.base import IndexUnavailable, Progress, SearchBackend
from gongkai.search.fields import (
    FIELD_BOOSTS,
    doc_number_key,
    doc_number_parts,
    indexed_texts,
    prefix_suffixes,
    sort_key,
)
from gongkai.search.highlight import document_snippet, highlight
from gongkai.search.query import ParsedQuery, clamp_query, parse_query
from gongkai.search.types import (
    FACET_NAMES,
    IndexedDocument,
    SearchHit,
    SearchQuery,
    SearchResults,
)

logger = logging.getLogger(__name__)

# Bump when the schema below changes: older generations then count as missing and are rebuilt.
SCHEMA_VERSION = 1
GENERATION_PREFIX = f"v{SCHEMA_VERSION}-"
CURRENT_FILE = "CURRENT"
LOCK_FILE = "write.lock"
UPDATE_HEAP_BYTES = 50_000_000
REBUILD_HEAP_BYTES = 400_000_000
INTEGER_FILTERS = ("department", "year", "topic")
STRING_FILTERS = ("doc_type", "validity", "disclosure")
FACET_SIZE = 1000
DOC_NUMBER_CANDIDATES = 50
# Added to the score of the document a 发文字号 query names, so it ranks above any text match.
DOC_NUMBER_BOOST = 1e6


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in FIELD_BOOSTS:
        # Term frequencies are all BM25 needs; no phrase queries, so no positions.
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("doc_number_key", stored=True, tokenizer_name="raw")
    builder.add_integer_field("dn_year", indexed=True)
    builder.add_integer_field("dn_serial", indexed=True)
    builder.add_text_field("dn_prefix", tokenizer_name="raw", index_option="basic")
    for name in INTEGER_FILTERS:
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in STRING_FILTERS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_integer_field("sort_key", fast=True)
    builder.add_bytes_field("display", stored=True)
    return builder.build()


SCHEMA = build_schema()


def to_tantivy(doc: IndexedDocument) -> tantivy.Document:
    """One IndexedDocument as a tantivy document (segmented text, filters, stored originals)."""
    out = tantivy.Document()
    out.add_integer("id", doc.id)
    for name, text in indexed_texts(doc).as_dict().items():
        out.add_text(name, text)
    _add_doc_number(out, doc)
    _add_filters(out, doc)
    out.add_integer("sort_key", sort_key(doc))
    display = {"title": doc.title, "summary": doc.summary, "body": doc.body}
    out.add_bytes("display", json.dumps(display, ensure_ascii=False).encode())
    return out


def _add_doc_number(out: tantivy.Document, doc: IndexedDocument) -> None:
    key, parts = doc_number_key(doc), doc_number_parts(doc)
    if key:
        out.add_text("doc_number_key", key)
    if parts:
        out.add_integer("dn_year", parts.year)
        out.add_integer("dn_serial", parts.serial)
        for suffix in prefix_suffixes(parts.prefix):
            out.add_text("dn_prefix", suffix)


def _add_filters(out: tantivy.Document, doc: IndexedDocument) -> None:
    for department in doc.department_ids:
        out.add_integer("department", department)
    for topic in doc.topic_ids:
        out.add_integer("topic", topic)
    if doc.year is not None:
        out.add_integer("year", doc.year)
    for name in STRING_FILTERS:
        if value := getattr(doc, name):
            out.add_text(name, value)


def _term(name: str, value: object) -> tantivy.Query:
    return tantivy.Query.term_query(SCHEMA, name, value)


def _word_query(word: str) -> tantivy.Query:
    """A word in any text field, weighted by the field."""
    clauses = [
        (tantivy.Occur.Should, tantivy.Query.boost_query(_term(name, word), boost))
        for name, boost in FIELD_BOOSTS.items()
    ]
    return tantivy.Query.boolean_query(clauses)


def text_query(terms: Iterable[str], *, all_terms: bool) -> tantivy.Query:
    occur = tantivy.Occur.Must if all_terms else tantivy.Occur.Should
    return tantivy.Query.boolean_query([(occur, _word_query(word)) for word in terms])


def filter_queries(query: SearchQuery) -> list[tantivy.Query]:
    """One non-scoring clause per filter set on the query."""
    clauses = []
    for name in (*INTEGER_FILTERS, *STRING_FILTERS):
        value = getattr(query, name)
        if value is None or value == "":
            continue
        typed = int(value) if name in INTEGER_FILTERS else str(value)
        clauses.append(tantivy.Query.const_score_query(_term(name, typed), 0.0))
    return clauses


def _must(*queries: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, query) for query in queries])


def _add_batches(
    writer: tantivy.IndexWriter, batches: Iterable[list[IndexedDocument]], progress: Progress | None
) -> int:
    written = 0
    for batch in batches:
        for doc in batch:
            writer.add_document(to_tantivy(doc))
        written += len(batch)
        if progress is not None:
            progress(len(batch))
    return written


class TantivyBackend(SearchBackend):
    """Search over a tantivy index in `index_dir`. Only the worker and the CLI write;
    `on_unavailable` is called (to enqueue a rebuild) when a search finds no usable index."""

    def __init__(
        self, index_dir: str | Path, on_unavailable: Callable[[], None] | None = None
    ) -> None:
        self.root = Path(index_dir)
        self._on_unavailable = on_unavailable
        self._reader_lock = threading.Lock()
        self._reader: tantivy.Index | None = None
        self._generation: str | None = None
        self._stamp: tuple[int, int, int] | None = None

    # --- reading -------------------------------------------------------------------------

    def _current_generation(self) -> str:
        try:
            generation = (self.root / CURRENT_FILE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise IndexUnavailable(f"no search index in {self.root}")
        if not generation.startswith(GENERATION_PREFIX):
            raise IndexUnavailable(f"search index {generation} has an older schema")
        return generation

    def _open(self, generation: str) -> tantivy.Index:
        path = self.root / generation
        try:
            index = tantivy.Index.open(str(path))
        except (ValueError, OSError) as error:
            raise IndexUnavailable(f"cannot open search index {path}: {error}") from error
        index.config_reader(reload_policy="manual")
        return index

    def _meta_stamp(self, generation: str) -> tuple[int, int, int]:
        try:
            stat = os.stat(self.root / generation / "meta.json")
        except FileNotFoundError:
            raise IndexUnavailable(f"search index {generation} has no meta.json")
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _searcher(self) -> tantivy.Searcher:
        """A searcher over the latest commit of the live generation."""
        with self._reader_lock:
            generation = self._current_generation()
            if generation != self._generation:
                self._reader = self._open(generation)
                self._generation, self._stamp = generation, None
            stamp = self._meta_stamp(generation)
            if stamp != self._stamp:
                self._reader.reload()
                self._stamp = stamp
            return self._reader.searcher()

    def count(self) -> int:
        try:
            return self._searcher().num_docs
        except (IndexUnavailable, ValueError):
            return 0

    def search(self, query: SearchQuery) -> SearchResults:
        query = clamp_query(query)
        parsed = parse_query(query.text)
        if parsed.matches_nothing:
            return SearchResults.empty(query)
        filters = filter_queries(query)
        try:
            return self._search(self._searcher(), query, parsed, filters)
        except (IndexUnavailable, ValueError, OSError) as error:
            # tantivy reports unreadable files as ValueError; answer empty, rebuild behind.
            logger.warning("search index unavailable, answering empty: %s", error, exc_info=True)
            if self._on_unavailable is not None:
                self._on_unavailable()
            return SearchResults.empty(query)

    def _search(
        self,
        searcher: tantivy.Searcher,
        query: SearchQuery,
        parsed: ParsedQuery,
        filters: list[tantivy.Query],
    ) -> SearchResults:
        pinned = self._doc_number_ids(searcher, parsed.doc_number) if parsed.doc_number else []
        combined = self._combined(parsed, filters, pinned, all_terms=True)
        result = self._run(searcher, combined, query, parsed)
        some_words_only = result.count == 0 and len(parsed.terms) > 1
        if some_words_only:
            # No document has every word: fall back to documents with any of them.
            combined = self._combined(parsed, filters, pinned, all_terms=False)
            result = self._run(searcher, combined, query, parsed)
        facets = self._facets(searcher, combined) if query.with_facets else {}
        ranked = query.sort == "relevance" and bool(parsed.terms)
        hits = [
            self._hit(searcher, score if ranked else 0.0, address, parsed.terms)
            for score, address in result.hits
        ]
        return SearchResults(
            result.count, hits, facets, query.page, query.page_size, some_words_only
        )

    def _combined(
        self,
        parsed: ParsedQuery,
        filters: list[tantivy.Query],
        pinned: list[int],
        *,
        all_terms: bool,
    ) -> tantivy.Query:
        if not parsed.terms:
            return _must(tantivy.Query.all_query(), *filters)
        matched = text_query(parsed.terms, all_terms=all_terms)
        if pinned:
            named = tantivy.Query.term_set_query(SCHEMA, "id", pinned)
            boosted = tantivy.Query.const_score_query(named, DOC_NUMBER_BOOST)
            matched = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, matched), (tantivy.Occur.Should, boosted)]
            )
        return _must(matched, *filters)

    def _run(
        self,
        searcher: tantivy.Searcher,
        combined: tantivy.Query,
        query: SearchQuery,
        parsed: ParsedQuery,
    ) -> tantivy.SearchResult:
        options: dict = {"limit": query.page_size, "offset": query.offset, "count": True}
        if query.sort != "relevance" or not parsed.terms:
            options["order_by_field"] = "sort_key"
            options["order"] = tantivy.Order.Asc if query.sort == "oldest" else tantivy.Order.Desc
        return searcher.search(combined, **options)

    def _doc_number_ids(self, searcher: tantivy.Searcher, number: DocNumberQuery) -> list[int]:
        """Ids of the documents whose 发文字号 is the one the query names."""
        parts = [_term("dn_serial", number.serial), _term("dn_year", number.year or 0)]
        if number.prefix:
            parts.append(_term("dn_prefix", number.prefix))
        ids = []
        for _, address in searcher.search(_must(*parts), limit=DOC_NUMBER_CANDIDATES).hits:
            doc = searcher.doc(address)
            key = doc.get_first("doc_number_key")
            if key and doc_number_matches_query(key, number):
                ids.append(doc.get_first("id"))
        return ids

    def _facets(self, searcher: tantivy.Searcher, combined: tantivy.Query) -> dict:
        request = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACET_NAMES}
        answer = searcher.aggregate(combined, request)
        return {
            name: {str(bucket["key"]): bucket["doc_count"] for bucket in answer[name]["buckets"]}
            for name in FACET_NAMES
        }

    def _hit(
        self, searcher: tantivy.Searcher, score: float, address: tantivy.DocAddress, terms
    ) -> SearchHit:
        doc = searcher.doc(address)
        display = json.loads(doc.get_first("display"))
        return SearchHit(
            id=doc.get_first("id"),
            score=score,
            title_html=highlight(display["title"], terms),
            snippet_html=document_snippet(display["summary"], display["body"], terms),
        )

    # --- writing -------------------------------------------------------------------------

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        """One writer at a time across processes (tantivy allows one per index)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK_FILE, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def _writer(self) -> Iterator[tantivy.IndexWriter]:
        """A writer on the live generation, committed when the block succeeds."""
        with self._write_lock():
            index = self._open(self._current_generation())
            writer = index.writer(heap_size=UPDATE_HEAP_BYTES, num_threads=1)
            try:
                yield writer
            except BaseException:
                writer.rollback()
                raise
            else:
                writer.commit()
            finally:
                writer.wait_merging_threads()
                release_freed_memory()

    def index_documents(self, docs: Iterable[IndexedDocument]) -> int:
        written = 0
        with self._writer() as writer:
            for doc in docs:
                writer.delete_documents_by_term("id", doc.id)
                writer.add_document(to_tantivy(doc))
                written += 1
        return written

    def delete_documents(self, ids: Iterable[int]) -> None:
        with self._writer() as writer:
            for doc_id in ids:
                writer.delete_documents_by_term("id", int(doc_id))

    def clear(self) -> None:
        self.rebuild([])

    def rebuild(
        self, batches: Iterable[list[IndexedDocument]], progress: Progress | None = None
    ) -> int:
        with self._write_lock():
            generation = f"{GENERATION_PREFIX}{time.time_ns()}"
            path = self.root / generation
            try:
                written = self._build(path, batches, progress)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._switch_to(generation)
        return written

    def _build(
        self, path: Path, batches: Iterable[list[IndexedDocument]], progress: Progress | None
    ) -> int:
        path.mkdir(parents=True)
        writer = tantivy.Index(SCHEMA, path=str(path), reuse=False).writer(REBUILD_HEAP_BYTES)
        try:
            written = _add_batches(writer, batches, progress)
        except BaseException:
            writer.rollback()
            raise
        else:
            writer.commit()
        finally:
            # Joins the writer's threads, so no file is written after this returns.
            writer.wait_merging_threads()
            release_freed_memory()
        return written

    def _switch_to(self, generation: str) -> None:
        """Make `generation` live atomically, then delete the others (open readers keep
        their files until they move on: POSIX unlink semantics)."""
        pending = self.root / f"{CURRENT_FILE}.tmp"
        with open(pending, "w", encoding="utf-8") as handle:
            handle.write(generation)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(pending, self.root / CURRENT_FILE)
        for entry in self.root.iterdir():
            if entry.is_dir() and entry.name != generation:
                shutil.rmtree(entry, ignore_errors=True)
