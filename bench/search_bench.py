"""Search benchmark: indexing rate and query latency of each backend over generated documents.

    python bench/search_bench.py                      # 100,000 documents, tantivy (+ postgres
                                                      # when DATABASE_URL is PostgreSQL)
    python bench/search_bench.py --docs 20000 --backends tantivy --json out.json

tantivy indexes into a temporary directory; postgres into a throw-away test database created
next to DATABASE_URL's (Django's test-database machinery), so no real data is touched.
50 mixed queries (common words, rare words, titles, document numbers, with and without
filters, facets on) run once to warm up, then `--rounds` times timed. Figures only: nothing
is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Generator  # noqa: E402

from gongkai.core.docnumbers import (  # noqa: E402
    doc_number_matches_query,
    normalize_doc_number,
    parse_doc_number_query,
)
from gongkai.search.types import IndexedDocument, SearchQuery  # noqa: E402

BATCH_SIZE = 1000


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    query: SearchQuery


@dataclass
class Figures:
    backend: str
    documents: int
    index_seconds: float
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    numbers_first: int = 0
    numbers_total: int = 0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.index_seconds

    def all_latencies(self) -> list[float]:
        return sorted(value for values in self.latencies_ms.values() for value in values)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    rank = max(1, round(fraction * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def _number_variants(doc: IndexedDocument) -> list[str]:
    number = doc.doc_number
    serial = number.split("〕", 1)[1].rstrip("号")
    prefix = number.split("〔", 1)[0]
    return [
        number,
        number.replace("〔", "[").replace("〕", "]"),
        number.replace("〔", "（").replace("〕", "）"),
        f"{doc.year} {serial}号",
        f"{prefix}({doc.year}){serial}号",
    ]


def build_queries(generator: Generator, docs: list[IndexedDocument], seed: int) -> list[BenchQuery]:
    """50 queries: 10 common words, 10 rare words, 10 titles, 10 numbers, 10 with filters."""
    rng = random.Random(seed)
    common = generator.vocabulary[:8] + ["政务公开 工作", "营商环境 政策解读"]
    rare = rng.sample(generator.rare_names, 10)
    titled = rng.sample(docs, 10)
    numbered = rng.sample(docs, 10)
    queries = [BenchQuery("common", SearchQuery(text=text)) for text in common]
    queries += [BenchQuery("rare", SearchQuery(text=text)) for text in rare]
    queries += [BenchQuery("title", SearchQuery(text=doc.title)) for doc in titled]
    queries += [
        BenchQuery("number", SearchQuery(text=rng.choice(_number_variants(doc))))
        for doc in numbered
    ]
    filters = [
        {"text": "公开", "year": 2019},
        {"text": "政务", "department": 3},
        {"text": "信息", "doc_type": "通知"},
        {"text": "解读", "topic": 5, "validity": "有效"},
        {"text": "科技创新", "disclosure": "主动公开", "sort": "newest"},
        {"year": 2020},
        {"department": 7, "sort": "newest"},
        {"doc_type": "办法", "validity": "已废止"},
        {"text": rare[0], "year": 2020},
        {"text": "政策", "page": 5},
    ]
    queries += [BenchQuery("filtered", SearchQuery(**kwargs)) for kwargs in filters]
    return queries


def index(backend, docs: list[IndexedDocument], name: str) -> float:
    batches = (docs[start : start + BATCH_SIZE] for start in range(0, len(docs), BATCH_SIZE))
    started = time.perf_counter()
    backend.rebuild(batches, progress=_progress(len(docs), name))
    elapsed = time.perf_counter() - started
    print(file=sys.stderr)
    return elapsed


def _progress(total: int, name: str):
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        print(f"\r  {name}: indexed {done}/{total}", end="", file=sys.stderr)

    return report


def run_queries(
    backend, queries: list[BenchQuery], rounds: int, figures: Figures, numbers: dict[int, str]
) -> None:
    for bench in queries:  # warm-up: caches, lazily opened files
        backend.search(bench.query)
    for _ in range(rounds):
        for bench in queries:
            started = time.perf_counter()
            backend.search(bench.query)
            elapsed_ms = (time.perf_counter() - started) * 1000
            figures.latencies_ms.setdefault(bench.kind, []).append(elapsed_ms)
    for bench in queries:
        if bench.kind == "number":
            figures.numbers_total += 1
            figures.numbers_first += _number_first(backend, bench.query, numbers)


def _number_first(backend, query: SearchQuery, numbers: dict[int, str]) -> bool:
    """Whether the first hit carries the number the query names ("2019 23号" names several)."""
    hits = backend.search(query).hits
    wanted = parse_doc_number_query(query.text)
    return bool(hits) and doc_number_matches_query(numbers[hits[0].id], wanted)


@contextmanager
def tantivy_backend() -> Iterator[object]:
    from gongkai.search.backends.tantivy_backend import TantivyBackend

    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as directory:
        yield TantivyBackend(Path(directory) / "index")


@contextmanager
def postgres_backend() -> Iterator[object | None]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        yield None
        return
    from gongkai.search.backends.postgres_backend import PostgresBackend

    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield PostgresBackend()
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


def _analyze(name: str) -> None:
    """PostgreSQL plans with statistics, as a running database would have them."""
    if name == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")


BACKENDS = {"tantivy": tantivy_backend, "postgres": postgres_backend}


def bench_backend(name, docs, queries, rounds) -> Figures | None:
    with BACKENDS[name]() as backend:
        if backend is None:
            print(f"{name}: skipped (DATABASE_URL is not a PostgreSQL database)")
            return None
        figures = Figures(name, len(docs), index(backend, docs, name))
        _analyze(name)
        numbers = {doc.id: normalize_doc_number(doc.doc_number) for doc in docs}
        run_queries(backend, queries, rounds, figures, numbers)
        return figures


def report(figures: Figures) -> dict:
    values = figures.all_latencies()
    summary = {
        "backend": figures.backend,
        "documents": figures.documents,
        "index_seconds": round(figures.index_seconds, 1),
        "docs_per_second": round(figures.docs_per_second),
        "queries": len(values),
        "p50_ms": round(percentile(values, 0.50), 2),
        "p99_ms": round(percentile(values, 0.99), 2),
        "max_ms": round(values[-1], 2),
        "p50_ms_by_kind": {
            kind: round(percentile(sorted(times), 0.5), 2)
            for kind, times in figures.latencies_ms.items()
        },
        "numbers_found_first": f"{figures.numbers_first}/{figures.numbers_total}",
    }
    print(
        f"{figures.backend:9} {figures.documents} docs  index {summary['index_seconds']} s "
        f"({summary['docs_per_second']} docs/s)  query p50 {summary['p50_ms']} ms  "
        f"p99 {summary['p99_ms']} ms  max {summary['max_ms']} ms  "
        f"(n={len(values)}; p50 by kind {summary['p50_ms_by_kind']}; "
        f"document numbers first {summary['numbers_found_first']})"
    )
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description="Gongkai search benchmark")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--backends", default="tantivy,postgres")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    started = time.perf_counter()
    generator = Generator(args.seed)
    docs = [generator.document(doc_id) for doc_id in range(1, args.docs + 1)]
    print(f"generated {len(docs)} documents in {time.perf_counter() - started:.1f} s")
    queries = build_queries(generator, docs, args.seed)
    results = []
    for name in args.backends.split(","):
        figures = bench_backend(name.strip(), docs, queries, args.rounds)
        if figures is not None:
            results.append(report(figures))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the benchmark process: {peak_mb:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"search": results, "peak_mb": round(peak_mb)}, indent=2))


if __name__ == "__main__":
    main()
