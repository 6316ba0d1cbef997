"""Website health check benchmark (issue 12 §5): the crawler's pages per second over a
generated site, beside a bare loop making the same requests in the same run.

    python bench/health_bench.py                  # the demo site + 2,000 documents, 1,000 pages
    python bench/health_bench.py --docs 300 --max-pages 200     # a quick look

A scratch SQLite database gets the demo site (``gongkai demo``) and ``--docs`` generated public
documents (bench/generate.py: realistic titles, numbers and bodies; HTML paragraphs) spread over
the demo's departments and kinds, written with bulk_create as published. Then:

(a) ``assessment.services.run_health_check(max_pages=--max-pages)`` — what the worker runs each
    night and staff start on demand: the crawl of the public site through Django in this process
    (each page fetched, parsed, its links followed or probed, its text checked for personal
    data, size and time), the column and library checks, the findings stored. Every request it
    makes is recorded (method and path, from Django's ``request_started`` signal);
(b) the reference: a bare loop making the same requests in the same order through Django's test
    client, as the check does, and reading the responses, nothing parsed or checked.
Both first with the page cache off (every page rendered, as on a site whose pages all changed),
then with it on: a check to fill it (printed too), then (a) and (b) served from it. Printed:
pages crawled and requests per second, wall and processor time of this process (the machine
may be shared), and the ratio of (a)'s rate to (b)'s.
Figures only, nothing asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclosure_bench import setup_django  # noqa: E402
from generate import Generator  # noqa: E402
from matching_bench import load_average  # noqa: E402

BATCH = 1000


def make_documents(count: int, seed: int = 0) -> None:
    from gongkai.core.models import Department
    from gongkai.documents.models import Disclosure, Document, DocumentKind

    generator = Generator(seed)
    rng = random.Random(seed)
    departments = list(Department.objects.all())
    kinds = list(DocumentKind.objects.all())
    through = Document.issuers.through
    for start in range(0, count, BATCH):
        documents = []
        for number in range(start, min(count, start + BATCH)):
            doc = generator.document(number)
            sentences = [part for part in doc.body.split("。") if part]
            paragraphs = [
                "。".join(sentences[i : i + 4]) + "。" for i in range(0, len(sentences), 4)
            ]
            documents.append(
                Document(
                    title=doc.title,
                    doc_number=doc.doc_number,
                    index_number=f"bench-{number:07d}",
                    department=rng.choice(departments),
                    doc_type=rng.choice(kinds),
                    body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
                    summary=doc.summary,
                    keywords=" ".join(doc.keywords),
                    written_on=doc.published_on - dt.timedelta(days=3),
                    published_on=doc.published_on,
                    first_published_at=doc.modified_at,
                    last_published_at=doc.modified_at,
                    disclosure=Disclosure.PROACTIVE,
                    live=True,
                )
            )
        documents = Document.objects.bulk_create(documents)
        through.objects.bulk_create(
            [through(document_id=d.pk, department_id=d.department_id) for d in documents]
        )


class Recorder:
    """The requests Django handles while it is connected: (method, path with query)."""

    def __init__(self):
        self.requests: list[tuple[str, str]] = []

    def __call__(self, sender, environ=None, **kwargs):
        query = environ.get("QUERY_STRING", "")
        path = environ["PATH_INFO"] + (f"?{query}" if query else "")
        self.requests.append((environ["REQUEST_METHOD"], path))


def timed_check(max_pages: int):
    from django.core.signals import request_started

    from gongkai.assessment import services

    recorder = Recorder()
    request_started.connect(recorder)
    try:
        started, started_cpu = time.perf_counter(), time.process_time()
        check = services.run_health_check(max_pages=max_pages, check_external=False)
        seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    finally:
        request_started.disconnect(recorder)
    return check, seconds, cpu, recorder.requests


def bare_loop(requests: list[tuple[str, str]]) -> tuple[float, float]:
    from urllib.parse import urlsplit

    from django.test import Client

    from gongkai.core.siteurl import site_base_url

    client = Client(HTTP_HOST=urlsplit(site_base_url()).netloc or "127.0.0.1",
                    raise_request_exception=False)  # fmt: skip
    started, started_cpu = time.perf_counter(), time.process_time()
    for method, path in requests:
        response = client.head(path) if method == "HEAD" else client.get(path)
        if response.streaming:
            response.close()
        else:
            response.content  # noqa: B018 - read as the crawler reads it
    return time.perf_counter() - started, time.process_time() - started_cpu


def report(label: str, pages: int, requests: list, seconds: float, cpu: float) -> None:
    gets = sum(1 for method, _path in requests if method == "GET")
    print(f"{label}: {pages:,} pages, {len(requests):,} requests ({gets:,} GET) in "
          f"{seconds:.1f} s (processor {cpu:.1f} s) = {pages / seconds:,.1f} pages/s, "
          f"{len(requests) / seconds:,.1f} requests/s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="generated documents")
    parser.add_argument("--max-pages", type=int, default=1000, help="the crawl's page budget")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-health-bench-") as scratch:
        setup_django(Path(scratch))
        from django.test import override_settings

        from gongkai.core.pagecache.counting import view_counter
        from gongkai.demo import build_demo, default_seed_dir

        started = time.perf_counter()
        build_demo(seed_dir=default_seed_dir(), log=lambda _line: None)
        make_documents(args.docs)
        print(f"demo site and {args.docs:,} generated documents written in "
              f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip

        for cache, labels in ((False, ("page cache off",)),
                              (True, ("page cache on, filling it", "page cache on"))):  # fmt: skip
            with override_settings(PAGE_CACHE_ENABLED=cache):
                for label in labels:
                    check, seconds, cpu, requests = timed_check(args.max_pages)
                    report(f"(a) run_health_check, {label}", check.pages, requests, seconds, cpu)
                bare, bare_cpu = bare_loop(requests)
            report(f"(b) bare loop of the same requests, {label}", check.pages, requests, bare,
                   bare_cpu)  # fmt: skip
            print(f"    (a) / (b), {label}: {bare / seconds:.0%} of the bare rate (wall), "
                  f"{bare_cpu / cpu:.0%} (processor); {check.findings.count():,} findings, "
                  f"{check.links:,} links seen")  # fmt: skip
        view_counter.flush()  # the crawl counted views (浏览量): written before the folder goes
    print(load_average())


if __name__ == "__main__":
    main()
