"""Assessment benchmark (issue 12 §5): the indicators (考核指标) of 50 departments computed over
five years of data, against a bare SQL aggregate of the same rows.

    python bench/assessment_bench.py --docs 100000

``--docs`` disclosure requests (依申请公开) and, when the enforcement app is installed, ten
times as many enforcement decisions (行政执法决定; 1,000,000 at the issue's 100,000) are
inserted with bulk_create into a scratch SQLite database, spread over 50 departments and the
years 2021–2025 (due days at random, about one in five answered or published late, a few
requests withdrawn). Then, for each of the 25 periods of those years (20 quarters and 5 years),
as of 2026-01-31 (all settled):

(a) the service the scoreboard is computed by, ``services.compute_indicators``: every indicator
    in use scored per department (working days counted on the official calendar), and each
    result stored with the items behind it; then the staff board's read of each period
    (``selectors.scoreboard`` and ``selectors.to_notify``);
(b) the reference: one bare SQL aggregate per period and table over the same rows (items due in
    the period, counted per department with how many were done by their due day, in calendar
    days), which reads what the service reads and neither stores nor explains anything.

Wall time and processor time of this process (SQLite runs in it) over the 25 periods, and the
service's ratio to the reference; then, tracemalloc on (it slows allocation, so not during the
timing), the peak Python allocation of each for the last year alone (its recomputation for the
service). Figures only.
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure_bench import setup_django  # noqa: E402

DEPARTMENTS = 50
YEARS = range(2021, 2026)
AS_OF = date(2026, 1, 31)
DECISIONS_PER_REQUEST = 10
BATCH = 5000


def _due(rng: random.Random) -> date:
    return date(YEARS.start, 1, 1) + timedelta(days=rng.randrange(365 * len(YEARS)))


def _done(rng: random.Random, due: date) -> date:
    """Done by the due day four times in five, else up to 20 days after it."""
    if rng.random() < 0.8:
        return due - timedelta(days=rng.randrange(10))
    return due + timedelta(days=1 + rng.randrange(20))


def generate_requests(count: int, departments: list[int], rng: random.Random) -> None:
    from gongkai.disclosure.models import DisclosureRequest

    batch = []
    for number in range(count):
        due = _due(rng)
        withdrawn = rng.random() < 0.03
        batch.append(
            DisclosureRequest(
                tracking_number=f"B{number:011d}",
                access_token_hash=secrets.token_hex(32),
                applicant_type="natural_person",
                applicant_name="张三",
                description="某项目的环评批复",
                provision_form="electronic",
                delivery="email",
                channel="online",
                department_id=departments[number % len(departments)],
                received_on=due - timedelta(days=28),
                due_on=due,
                closed_on=None if withdrawn else _done(rng, due),
                status="withdrawn" if withdrawn else "replied",
            )
        )
        if len(batch) == BATCH:
            DisclosureRequest.objects.bulk_create(batch)
            batch.clear()
    DisclosureRequest.objects.bulk_create(batch)


def generate_decisions(count: int, departments: list[int], rng: random.Random) -> None:
    from django.utils import timezone

    from gongkai.enforcement.models import Decision

    batch = []
    for number in range(count):
        due = _due(rng)
        published = timezone.make_aware(datetime.combine(_done(rng, due), clock(10)))
        batch.append(
            Decision(
                department_id=departments[number % len(departments)],
                kind="penalty",
                number=f"基准罚〔{due.year}〕{number}号",
                target_kind="legal",
                target_name=f"基准公司{number}",
                public_target_name=f"基准公司{number}",
                target_code="",
                facts="事实",
                legal_basis="依据",
                conclusion="结论",
                decided_on=due - timedelta(days=7),
                publication_due=due,
                published_at=published,
                status="published",
            )
        )
        if len(batch) == BATCH:
            Decision.objects.bulk_create(batch)
            batch.clear()
    Decision.objects.bulk_create(batch)


def periods():
    from gongkai.assessment.scoring import Period

    return [Period(year, quarter) for year in YEARS for quarter in range(5)]


def timed(run):
    """(result, wall s, processor s) of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def peak_mib(run) -> float:
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def service(chosen) -> tuple[int, int]:
    """Results written over the ``chosen`` periods, and departments listed for 通报 in them."""
    from gongkai.assessment import selectors, services

    written = listed = 0
    for period in chosen:
        written += services.compute_indicators(period, as_of=AS_OF)
        rows = selectors.scoreboard(period, selectors.indicators(period=period))
        listed += len(selectors.to_notify(rows, selectors.notice_threshold()))
    return written, listed


def reference(chosen, with_decisions: bool) -> int:
    """Department lines aggregated over the ``chosen`` periods, straight from SQL."""
    from django.db import connection

    from gongkai.disclosure.models import DisclosureRequest
    from gongkai.enforcement.models import Decision

    queries = [
        f"SELECT department_id, COUNT(*), SUM(closed_on <= due_on) "
        f"FROM {DisclosureRequest._meta.db_table} WHERE due_on BETWEEN %s AND %s "
        f"AND status NOT IN ('withdrawn', 'lapsed') GROUP BY department_id"
    ]
    if with_decisions:
        queries.append(
            f"SELECT department_id, COUNT(*), SUM(date(published_at) <= publication_due) "
            f"FROM {Decision._meta.db_table} WHERE publication_due BETWEEN %s AND %s "
            f"GROUP BY department_id"
        )
    lines = 0
    with connection.cursor() as cursor:
        for period in chosen:
            for sql in queries:
                cursor.execute(sql, [period.start, period.end])
                lines += len(cursor.fetchall())
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs",
        type=int,
        default=20_000,
        help="disclosure requests, and ten times as many decisions (default 20000; "
        "the issue's figures are at 100000)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="assessment-bench-") as scratch:
        setup_django(Path(scratch))
        from django.apps import apps

        from gongkai.assessment.scoring import Period
        from gongkai.core.models import Department

        with_decisions = apps.is_installed("gongkai.enforcement")
        decisions = args.docs * DECISIONS_PER_REQUEST if with_decisions else 0
        rng = random.Random(0)
        departments = [
            Department.objects.create(code=f"bench{i}", name=f"基准部门{i}").pk
            for i in range(DEPARTMENTS)
        ]
        started = time.perf_counter()
        generate_requests(args.docs, departments, rng)
        if with_decisions:
            generate_decisions(decisions, departments, rng)
        print(
            f"generated {args.docs} requests and {decisions} decisions for {DEPARTMENTS} "
            f"departments over {len(YEARS)} years in {time.perf_counter() - started:.1f} s"
        )
        every, year = periods(), [Period(YEARS[-1])]
        lines, ref_wall, ref_cpu = timed(lambda: reference(every, with_decisions))
        (written, listed), wall, cpu = timed(lambda: service(every))
        print(
            f"(a) compute_indicators and the board, {len(every)} periods: {written} results, "
            f"{listed} departments listed for 通报; wall {wall:.2f} s, processor {cpu:.2f} s"
        )
        print(
            f"(b) bare SQL aggregate, {len(every)} periods: {lines} department lines; "
            f"wall {ref_wall:.2f} s, processor {ref_cpu:.2f} s"
        )
        print(
            f"service / reference: wall {wall / ref_wall:.1f}×, processor "
            f"{cpu / max(ref_cpu, 1e-9):.1f}×"
        )
        ref_peak = peak_mib(lambda: reference(year, with_decisions))
        peak = peak_mib(lambda: service(year))
        print(
            f"peak Python memory, year {YEARS[-1]}: service {peak:.1f} MiB, "
            f"reference {ref_peak:.2f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
