"""Search through the product at scale (issue 7 §4): the index rebuilt from the database, then
the 50 mixed queries three ways on the same index in the same run.

    python bench/search_api_bench.py --docs 20000      # what `make bench` runs
    make bench-search-million                          # the issue's 1,000,000 documents
    python bench/search_api_bench.py --docs 1000000 --data-dir /var/tmp/search1m
        # keeps the scratch site; a second run on the same folder skips writing the documents
        # (over an hour at a million on a busy machine) and measures the rebuild and queries
    python bench/search_api_bench.py --docs 1000000 --data-dir /var/tmp/search1m --reuse-index
        # also keeps the index that run built (the rebuild takes 25 minutes at a million):
        # only the queries are timed, e.g. to compare two versions of the search service

(a) ``--docs`` public documents generated as for search_bench.py (same texts, numbers,
    departments, types, topics, validity) are written with bulk_create into a scratch SQLite
    database; then the product's own rebuild (``search_index_rebuild``: read from the database,
    segment, write tantivy) is timed: documents per second and the process's peak memory.
(b) The 50 queries of search_bench.py (common and rare words, titles, 发文字号 in any bracket
    style, filters), each run ``--rounds`` times after a warm-up, timed (the three ways one
    after the other for each query, so that a change of the machine's load falls on all three)
    - through the product's search service (``api.selectors.search_documents``: the index query
      with facets and highlights, then the documents from the database),
    - through ``GET /api/documents/search`` (Django's test client: the whole request, the rate
      limit lifted),
    - with bare tantivy on the same index: the same words (the product's segmentation) as one
      boolean query over the same fields with the same filters, top 20 ids, nothing else.
    p50 and p99 of each, and the ratio of each p50 to bare tantivy's.
Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from disclosure_bench import setup_django  # noqa: E402
from generate import DEPARTMENTS, DOC_TYPES, TOPIC_LEAVES, TOPIC_ROOTS, Generator  # noqa: E402
from search_bench import build_queries, percentile  # noqa: E402

BATCH = 2000
VALIDITY_CODES = {
    "有效": "in_force",
    "已修订": "amended",
    "已废止": "repealed",
    "已失效": "expired",
}
# A sample of documents kept to build the title and 发文字号 queries from.
QUERY_SAMPLE = 2000


def create_classifications() -> tuple[dict[int, int], dict[str, int], dict[int, int]]:
    """Departments, document types and topics as the generator numbers them -> database ids."""
    from gongkai.core.models import Department
    from gongkai.documents.models import DocumentKind, Topic

    departments = {
        number: Department.objects.get_or_create(name=name, defaults={"code": f"bench{number}"})[
            0
        ].pk
        for number, (name, _prefix) in enumerate(DEPARTMENTS, start=1)
    }
    kinds = {name: DocumentKind.objects.get_or_create(name=name)[0].pk for name in DOC_TYPES}
    topics = {}
    for root in TOPIC_ROOTS:
        topics[root] = Topic.objects.get_or_create(slug=f"bench-{root}", name=f"主题{root}")[0].pk
    for leaf in TOPIC_LEAVES:
        parent = topics[TOPIC_ROOTS[leaf % len(TOPIC_ROOTS)]]
        topics[leaf] = Topic.objects.get_or_create(
            slug=f"bench-{leaf}", name=f"主题{leaf}", parent_id=parent
        )[0].pk
    return departments, kinds, topics


def query_sample(count: int, generator: Generator) -> list:
    """The sample write_documents returns, without writing: the generator draws each document
    from one random sequence, so all of them are drawn again (about 0.2 ms each)."""
    stride = max(1, count // QUERY_SAMPLE)
    documents = (generator.document(i) for i in range(1, count + 1))
    return [replace(doc, body="") for doc in documents if doc.id % stride == 0]


def write_documents(count: int, generator: Generator, maps) -> list:
    """``count`` public documents in the database; returns a sample for the queries."""
    from gongkai.documents.models import Disclosure, Document

    departments, kinds, topics = maps
    through = Document.topics.through
    sample, stride = [], max(1, count // QUERY_SAMPLE)
    now = datetime.now(UTC)
    for start in range(1, count + 1, BATCH):
        docs = [generator.document(i) for i in range(start, min(start + BATCH, count + 1))]
        rows = [
            Document(
                pk=doc.id,
                title=doc.title,
                doc_number=doc.doc_number,
                summary=doc.summary,
                body=doc.body,
                keywords=" ".join(doc.keywords),
                department_id=departments[doc.department_ids[0]],
                doc_type_id=kinds[doc.doc_type],
                validity=VALIDITY_CODES[doc.validity],
                disclosure=Disclosure.PROACTIVE,
                live=True,
                published_on=doc.published_on,
                updated_at=now,
            )
            for doc in docs
        ]
        Document.objects.bulk_create(rows)
        through.objects.bulk_create(
            through(document_id=doc.id, topic_id=topics[doc.topic_ids[-1]]) for doc in docs
        )
        sample += [replace(doc, body="") for doc in docs if doc.id % stride == 0]
        print(f"\r  written {min(start + BATCH - 1, count):,}/{count:,}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return sample


def product_query(bench_query, maps):
    """The generator's filter values as the database numbers them (the API takes ids)."""
    departments, _kinds, topics = maps
    query = bench_query.query
    return replace(
        query,
        department=departments[query.department] if query.department else None,
        topic=topics[query.topic] if query.topic else None,
        validity=VALIDITY_CODES[query.validity] if query.validity else None,
        disclosure=None,  # every document here is 主动公开; the API has no such filter
    )


def api_params(query, kinds) -> dict:
    params = {"q": query.text, "sort": query.sort, "page": query.page}
    for name in ("department", "year", "topic", "validity"):
        if getattr(query, name) is not None:
            params[name] = getattr(query, name)
    if query.doc_type:
        params["doc_type"] = kinds[query.doc_type]
    return params


def bare_tantivy(index_dir: Path):
    """A function running one query with tantivy alone on the product's index."""
    import tantivy

    from gongkai.search.backends.tantivy_backend import CURRENT_FILE, filter_queries, text_query
    from gongkai.search.query import parse_query

    index = tantivy.Index.open(str(index_dir / (index_dir / CURRENT_FILE).read_text().strip()))
    searcher = index.searcher()

    def run(query) -> list[int]:
        terms = parse_query(query.text).terms
        clauses = [text_query(terms, all_terms=True)] if terms else [tantivy.Query.all_query()]
        clauses += filter_queries(query)
        combined = tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in clauses])
        hits = searcher.search(combined, limit=query.page_size, offset=query.offset).hits
        return [searcher.doc(address)["id"][0] for _score, address in hits]

    return run


def timed(ways: dict, queries, rounds: int) -> dict[str, list[float]]:
    """Each way's latencies in ms, sorted; the ways take turns on each query."""
    for query in queries:  # warm-up
        for run in ways.values():
            run(query)
    latencies = {name: [] for name in ways}
    for _ in range(rounds):
        for query in queries:
            for name, run in ways.items():
                started = time.perf_counter()
                run(query)
                latencies[name].append((time.perf_counter() - started) * 1000)
    return {name: sorted(values) for name, values in latencies.items()}


def rebuild_index(args, data_dir: Path) -> dict:
    """The product's rebuild, timed; skipped with --reuse-index when the index is complete."""
    from gongkai.search import get_backend
    from gongkai.search.services import search_index_rebuild

    if args.reuse_index and get_backend().count() == args.docs:
        print(f"    the index in {data_dir} already holds {args.docs:,} documents: not rebuilt")
        return {"documents": args.docs}
    started = time.perf_counter()
    indexed = search_index_rebuild()
    index_seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"    product rebuild (database -> segmentation -> tantivy): {indexed:,} documents "
        f"in {index_seconds:.1f} s, {indexed / index_seconds:,.0f} docs/s; "
        f"peak memory of the process {peak_mb:,.0f} MB"
    )
    return {
        "documents": indexed,
        "index_seconds": round(index_seconds, 1),
        "docs_per_second": round(indexed / index_seconds),
        "peak_memory_mb": round(peak_mb),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep the scratch site in this folder; when it already holds --docs documents, "
        "they are not written again",
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="with --data-dir: when its index already holds --docs documents, time the queries "
        "on it without rebuilding it",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-search-api-bench-") as scratch:
        data_dir = args.data_dir or Path(scratch)
        data_dir.mkdir(parents=True, exist_ok=True)
        setup_django(data_dir)
        from django.conf import settings
        from django.test import Client

        from gongkai.api.selectors import search_documents
        from gongkai.documents.models import Document

        settings.SEARCH_RATE_LIMIT = 0
        generator = Generator(args.seed)
        maps = create_classifications()
        if Document.objects.count() == args.docs:
            sample = query_sample(args.docs, generator)
            print(f"(a) {args.docs:,} documents already in {data_dir}: not written again")
        else:
            started = time.perf_counter()
            sample = write_documents(args.docs, generator, maps)
            written = time.perf_counter() - started
            print(f"(a) {args.docs:,} documents written to SQLite in {written:.1f} s")

        figures = rebuild_index(args, data_dir)
        queries = [product_query(q, maps) for q in build_queries(generator, sample, args.seed)]
        client = Client()
        kinds = maps[1]

        def through_api(query):
            response = client.get("/api/documents/search", api_params(query, kinds))
            assert response.status_code == 200, response.content[:200]

        ways = {
            "bare tantivy": bare_tantivy(Path(settings.SEARCH_INDEX_DIR)),
            "search service": search_documents,
            "GET /api/documents/search": through_api,
        }
        print(f"(b) {len(queries)} queries x {args.rounds} rounds on the same index:")
        floor = None
        for name, latencies in timed(ways, queries, args.rounds).items():
            p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
            floor = floor or p50
            figures[name] = {
                "p50_ms": round(p50, 2),
                "p99_ms": round(p99, 2),
                "mean_ms": round(statistics.fmean(latencies), 2),
                "p50_ratio_to_bare": round(p50 / floor, 1),
            }
            print(
                f"    {name:27} p50 {p50:8.2f} ms  p99 {p99:8.2f} ms  "
                f"(p50 {p50 / floor:.1f}x bare tantivy)"
            )
        if args.json:
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
