"""Enforcement publicity benchmark (issue 10 §4): publication deadlines recomputed for N
decisions after a holiday arrangement is entered, and the public decision list with filters at
N decisions.

    python bench/enforcement_bench.py --docs 100000

and at the issue's million (long: inserting the decisions takes most of it):

    python bench/enforcement_bench.py --docs 1000000

and on PostgreSQL, in an empty database made for it (dropped after):

    createdb -h HOST -U USER enforcement_bench
    python bench/enforcement_bench.py --docs 100000 \
        --database-url postgres://USER@HOST:5432/enforcement_bench
    dropdb -h HOST -U USER enforcement_bench

(a) ``--docs`` unpublished decisions decided in 2027 (a year with no official arrangement
    shipped, so its deadlines are provisional) are inserted with bulk_create into a scratch
    SQLite database (or the database given). A 2027 arrangement is then entered and
    ``services.deadlines_recompute(year=2027)`` run, as the back office's signal does: wall and
    processor time, peak Python memory (tracemalloc).
(b) The same decisions are published (one UPDATE), then the public list
    ``/enforcement/`` is fetched through Django's test client with the page cache off, with
    random filters (department, kind, year, text), ``--requests`` times: p50 and p99 of wall
    time, and the processor time of all of them (the machine may be shared).
(c) The list's text search alone (``q``, first page), ``--requests`` / 6 times each: an exact
    decision number, the start of a number, a target's name, the middle of a name, a name no
    decision has (a typo reads the most) and a word every name has (as 有限公司 in most), p50
    and p99 of wall time per query kind.
The process's peak resident memory closes. Figures only.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure_bench import setup_django  # noqa: E402

KINDS = ("penalty", "licence", "coercion", "inspection", "other")


def generate(count: int, seed: int = 0) -> list[int]:
    from django.db import connection

    from gongkai.core.calendar import current_calendar
    from gongkai.core.models import Department
    from gongkai.enforcement.deadlines import publication_days
    from gongkai.enforcement.models import Decision

    rng = random.Random(seed)
    departments = [
        Department.objects.get_or_create(code=f"bench{i}", defaults={"name": f"基准部门{i}"})[0].pk
        for i in range(10)
    ]
    calendar = current_calendar()
    sqlite = connection.vendor == "sqlite"
    # A larger page cache while inserting (SQLite's default is 2 MB for a dozen indexes), back
    # to the default for what is measured.
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            (default_cache,) = cursor.fetchone()
            cursor.execute("PRAGMA cache_size = -262144")
    batch = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        decided_on = date(2027, 1, 1) + timedelta(days=rng.randrange(360))
        batch.append(
            Decision(
                department_id=departments[number % len(departments)],
                kind=kind,
                number=f"基准罚〔2027〕{number}号",
                target_kind="legal",
                target_name=f"基准公司{number}",
                public_target_name=f"基准公司{number}",
                target_code="",
                facts="事实" * 20,
                legal_basis="依据",
                conclusion="结论",
                decided_on=decided_on,
                publication_due=calendar.add_working_days(decided_on, publication_days(kind)),
            )
        )
        if len(batch) == 5000:
            Decision.objects.bulk_create(batch)
            batch.clear()
    Decision.objects.bulk_create(batch)
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(default_cache)}")
    analyze()
    return departments


def analyze() -> None:
    """PostgreSQL's statistics after a bulk write, as autovacuum would make them soon after."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def recompute() -> tuple[float, float, float, int]:
    from gongkai.core import calendar
    from gongkai.core.models import HolidayArrangement
    from gongkai.enforcement import services

    HolidayArrangement.objects.create(
        year=2027,
        holidays=[
            {"name": "春节", "first": "2027-02-06", "last": "2027-02-14"},
            {"name": "国庆节", "first": "2027-10-01", "last": "2027-10-08"},
        ],
        makeup_workdays=["2027-09-26", "2027-10-09"],
    )
    calendar.invalidate()
    tracemalloc.start()
    started, processor = time.perf_counter(), time.process_time()
    changed = services.deadlines_recompute(year=2027)
    elapsed, processor = time.perf_counter() - started, time.process_time() - processor
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, processor, peak / 2**20, changed


def list_latency(departments: list[int], requests: int, seed: int = 1) -> tuple[list[float], float]:
    from django.test import Client, override_settings

    from gongkai.enforcement.models import Decision

    Decision.objects.update(status="published")
    analyze()
    rng = random.Random(seed)
    client = Client()
    timings = []
    processor = 0.0
    with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
        client.get("/enforcement/")
        for _ in range(requests):
            params = {}
            if rng.random() < 0.6:
                params["department"] = rng.choice(departments)
            if rng.random() < 0.5:
                params["kind"] = rng.choice(KINDS)
            if rng.random() < 0.3:
                params["year"] = 2027
            if rng.random() < 0.2:
                params["q"] = f"基准公司{rng.randrange(1000)}"
            if rng.random() < 0.3:
                params["page"] = rng.randrange(1, 50)
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get("/enforcement/", params)
            timings.append((time.perf_counter() - started) * 1000)
            processor += time.process_time() - cpu
            assert response.status_code == 200, response.status_code
    return timings, processor


TEXT_QUERIES = {
    "exact number": lambda rng, count: f"基准罚〔2027〕{rng.randrange(count)}号",
    "number's start": lambda rng, count: f"基准罚〔2027〕{rng.randrange(100, 1000)}",
    "name": lambda rng, count: f"基准公司{rng.randrange(count)}",
    "middle of a name": lambda rng, count: f"公司{rng.randrange(count)}",
    "no such name": lambda rng, count: f"没有这家公司{rng.randrange(count)}",
    "word in every name": lambda rng, count: "基准公司",
}


def text_latency(count: int, requests: int, seed: int = 2) -> dict[str, list[float]]:
    from django.test import Client, override_settings

    rng = random.Random(seed)
    client = Client()
    timings = {}
    with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
        for kind, query in TEXT_QUERIES.items():
            timings[kind] = []
            for _ in range(max(1, requests // len(TEXT_QUERIES))):
                started = time.perf_counter()
                response = client.get("/enforcement/", {"q": query(rng, count)})
                timings[kind].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
    return timings


def percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.99))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="decisions (default 100000)")
    parser.add_argument("--requests", type=int, default=200, help="list requests timed")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enforcement-bench-") as scratch:
        setup_django(Path(scratch), args.database_url)
        started, processor = time.perf_counter(), time.process_time()
        departments = generate(args.docs)
        print(
            f"generated {args.docs} decisions in {time.perf_counter() - started:.1f} s "
            f"({time.process_time() - processor:.1f} s of processor)"
        )
        elapsed, processor, peak, changed = recompute()
        print(
            f"(a) deadlines recomputed for {args.docs} decisions after a holiday arrangement: "
            f"{elapsed:.2f} s ({processor:.2f} s of processor), peak Python memory "
            f"{peak:.1f} MiB, {changed} deadlines moved"
        )
        timings, processor = list_latency(departments, args.requests)
        p50, p99 = percentiles(timings)
        print(
            f"(b) public decision list with filters at {args.docs} decisions, "
            f"{args.requests} requests: p50 {p50:.1f} ms, p99 {p99:.1f} ms "
            f"({processor:.1f} s of processor for all)"
        )
        for kind, timings in text_latency(args.docs, args.requests).items():
            p50, p99 = percentiles(timings)
            print(f"(c) text search, {kind}: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"peak resident memory {peak_rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
