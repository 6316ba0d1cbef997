"""Disclosure requests benchmark: the annual report over a large register, and the public
form's sustained submit rate against a real server, beside raw SQLite commits in the same run.

    python bench/disclosure_bench.py                 # 100,000 requests; 50 clients for 10 s
    python bench/disclosure_bench.py --requests 0 --clients 50 --seconds 8 --json out.json
    python bench/disclosure_bench.py --requests 0 --profile profile.html  # one submission

(a) ``--requests`` requests over five years are generated with bulk_create in a scratch SQLite
    database (0 skips this part); timed: ``request_records`` + ``compute_annual_tables`` for one
    year, for the whole body and for one department.
(b) The reference: ``--clients`` threads, each with its own connection to a scratch SQLite
    database in WAL mode with the product's settings (synchronous=NORMAL, BEGIN IMMEDIATE),
    insert a row as wide as a request (about 1 KB over 20 columns) and commit, in a loop for
    ``--seconds``: commits/s is the ceiling of any one-transaction-per-request write path.
(c) ``gongkai serve`` (granian) runs on 127.0.0.1 over the scratch database with the submit
    rate limit lifted (DISCLOSURE_SUBMIT_LIMIT = 0, in a settings module written to the
    scratch folder); ``--clients`` threads each fetch the form once, then, once all have it,
    in a loop for ``--seconds`` submit it (a new nonce each time) and open the acknowledgement
    page. A submission counts when its acknowledgement page shows its tracking number.
    Afterwards every acknowledged tracking number must be in the database with the token it
    was acknowledged with. The processor time of the server (its workers included) and of the
    load generator over the timed loop is printed per acknowledged submission: on a shared
    machine it moves less than the rate. Figures only, except that errors and missing requests
    make the exit status 1.
(d) ``--profile FILE``: one submission (POST and acknowledgement page, after a few to warm up)
    under pyinstrument through Django's test client, written as HTML; the top costs printed.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS = (2021, 2022, 2023, 2024, 2025)
REPORT_YEAR = 2024
VALID_ID = "11010519491231002X"


def setup_django(data_dir: Path, database_url: str | None = None) -> None:
    """A scratch site in ``data_dir``: its SQLite database, or the (empty) database at
    ``database_url``."""
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    for name in ("DATABASE_URL", "REDIS_URL", "SEARCH_INDEX_DIR", "MEDIA_ROOT"):
        os.environ.pop(name, None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


# -- (a) the annual report ------------------------------------------------------------------------


def generate_register(count: int, seed: int = 0) -> list[int]:
    """``count`` requests over YEARS, most of them closed with one of the 21 outcomes."""
    from gongkai.core.models import Department
    from gongkai.disclosure.models import DisclosureRequest
    from gongkai.disclosure.outcomes import APPLICANT_TYPE_CODES, OUTCOME_CODES

    rng = random.Random(seed)
    departments = [
        Department.objects.get_or_create(code=f"bench{i}", defaults={"name": f"基准部门{i}"})[0].pk
        for i in range(10)
    ]
    weights = (70, 12, 3, 3, 7, 5)
    rows = []
    for number in range(count):
        year = YEARS[number % len(YEARS)]
        received = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        closed = rng.random() < 0.93
        closed_on = received + timedelta(days=rng.randrange(1, 45)) if closed else None
        rows.append(
            DisclosureRequest(
                tracking_number=f"GK-{year}-{number:07d}",
                access_token_hash=hashlib.sha256(f"bench-{seed}-{number}".encode()).hexdigest(),
                applicant_type=rng.choices(APPLICANT_TYPE_CODES, weights)[0],
                applicant_name=f"申请人{number}",
                description="请公开相关政府信息。",
                provision_form="electronic",
                delivery="online",
                channel="online",
                received_on=received,
                department_id=rng.choice(departments),
                status="replied" if closed else "running",
                closed_on=closed_on,
                outcome=rng.choice(OUTCOME_CODES) if closed else "",
            )
        )
    DisclosureRequest.objects.bulk_create(rows, batch_size=2000)
    return departments


def time_report(department_id: int | None, rounds: int) -> tuple[float, int, dict]:
    from gongkai.disclosure.selectors import request_records
    from gongkai.reports.annual import compute_annual_tables

    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        records = request_records(year=REPORT_YEAR, department_id=department_id)
        tables = compute_annual_tables(REPORT_YEAR, requests=records)
        best = min(best, time.perf_counter() - started)
    return best, len(records), tables.table3.as_dict()


# -- (b) the reference: raw SQLite commits ------------------------------------------------------

REFERENCE_COLUMNS = 20


def sqlite_commits(path: Path, writers: int, seconds: float) -> dict:
    """Commits/s of ``writers`` threads inserting one request-sized row per transaction."""
    import sqlite3

    columns = ", ".join(f"c{i} TEXT" for i in range(REFERENCE_COLUMNS))
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute(f"CREATE TABLE request (id INTEGER PRIMARY KEY, {columns})")
    setup.close()
    counts = [0] * writers
    stop_at = time.monotonic() + seconds

    def write(slot: int) -> None:
        connection = sqlite3.connect(path, timeout=20, isolation_level=None)
        connection.execute("PRAGMA synchronous=NORMAL")
        marks = ", ".join("?" * REFERENCE_COLUMNS)
        while time.monotonic() < stop_at:
            row = [f"{slot}-{counts[slot]}-{secrets.token_hex(24)}"] * REFERENCE_COLUMNS
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(f"INSERT INTO request VALUES (NULL, {marks})", row)
            connection.execute("COMMIT")
            counts[slot] += 1
        connection.close()

    started = time.monotonic()
    run_threads([threading.Thread(target=write, args=(slot,)) for slot in range(writers)])
    elapsed = time.monotonic() - started
    return {"writers": writers, "commits": sum(counts), "per_second": round(sum(counts) / elapsed)}


def run_threads(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# -- (c) the public form under load ---------------------------------------------------------------


@dataclass
class ClientStats:
    acknowledged: list[tuple[str, str]] = field(default_factory=list)  # (tracking number, token)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


BENCH_SETTINGS = (
    "from gongkai.settings import *  # noqa: F403\n"
    "DISCLOSURE_SUBMIT_LIMIT = 0  # the benchmark's clients share one address\n"
    "EMAIL_BACKEND = 'django.core.mail.backends.locmem.EmailBackend'\n"
)


def start_server(data_dir: Path, port: int, settings: str = BENCH_SETTINGS) -> subprocess.Popen:
    """``gongkai serve`` over ``data_dir`` with ``settings`` as its settings module."""
    (data_dir / "bench_settings.py").write_text(settings)
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(data_dir), str(ROOT)]),
        "LOG_LEVEL": "ERROR",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gongkai.cli",
            "serve",
            "--listen",
            f"127.0.0.1:{port}",
            "--threads",
            "16",
            "--no-collectstatic",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not start within 60 s")


def form_fields(number: int, csrf: str) -> dict:
    return {
        "csrfmiddlewaretoken": csrf,
        "applicant_type": "natural_person",
        "applicant_name": f"压测申请人{number}",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13812345678",
        "email": "bench@example.com",
        "description": f"请公开第{number}号文件。",
        "provision_form": "electronic",
        "delivery": "email",
        "nonce": secrets.token_urlsafe(24),
    }


def acknowledged_as(status: int, page: bytes) -> str:
    found = re.search(rb'id="tracking-number">([A-Z0-9-]+)<', page)
    if status != 200 or not found:
        raise RuntimeError(f"acknowledgement answered {status}")
    return found.group(1).decode()


def token_of(location: str) -> str:
    return location.split("/track/")[1].split("/")[0]


class FormClient:
    """One applicant's browser: a keep-alive connection and its cookies (CSRF, session,
    flash messages)."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    @property
    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, dict, bytes]:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers = {"Cookie": cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                self.keep_cookie(value.split(";", 1)[0])
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def keep_cookie(self, pair: str) -> None:
        name, _, value = pair.partition("=")
        if value.strip('"'):
            self.cookies[name] = value
        else:  # Django deletes a cookie by setting it empty and expired
            self.cookies.pop(name, None)

    def submit(self, number: int) -> tuple[str, str]:
        form = form_fields(number, self.csrf)
        status, headers, _content = self.request(
            "POST", "/requests/apply/", urllib.parse.urlencode(form)
        )
        location = headers.get("location", "")
        if status != 302 or "/track/" not in location:
            raise RuntimeError(f"submit answered {status}")
        status, _headers, page = self.request(
            "GET", urllib.parse.urlparse(location).path + "?submitted=1"
        )
        return acknowledged_as(status, page), token_of(location)


def run_client(port: int, start: Start, stats: ClientStats, seed: int) -> None:
    client = FormClient(port)
    try:
        client.request("GET", "/requests/apply/")
    except OSError as error:
        stats.errors.append(f"form: {error}")
        return
    finally:
        start.ready.wait()
    stop_at = start.stop_at
    number = seed * 1_000_000
    while time.monotonic() < stop_at:
        number += 1
        try:
            stats.acknowledged.append(client.submit(number))
        except (OSError, RuntimeError, http.client.HTTPException) as error:
            stats.errors.append(str(error))
            client = FormClient(port)
            client.request("GET", "/requests/apply/")


class Start:
    """The clock starts once every client has the form (and so every server worker has loaded
    the application): a worker still importing Django would be timed as submissions."""

    def __init__(self, clients: int, seconds: float, server_pid: int):
        self.seconds = seconds
        self.server_pid = server_pid
        self.stop_at = self.started = 0.0
        self.processor = (0.0, 0.0)  # the server's and this process's, at the start
        self.ready = threading.Barrier(clients, action=self.begin)

    def begin(self) -> None:
        self.processor = (processor_seconds(self.server_pid), time.process_time())
        self.started = time.monotonic()
        self.stop_at = self.started + self.seconds


def processor_seconds(pid: int) -> float:
    """User and system processor time of ``pid`` and its live descendants (Linux /proc), so
    that the server's workers are counted while they run."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        pending.extend(children.get(current, []))
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def load_test(data_dir: Path, clients: int, seconds: float) -> dict:
    port = free_port()
    server = start_server(data_dir, port)
    try:
        stats = [ClientStats() for _ in range(clients)]
        start = Start(clients, seconds, server.pid)
        run_threads(
            [
                threading.Thread(target=run_client, args=(port, start, stats[i], i + 1))
                for i in range(clients)
            ]
        )
        elapsed = time.monotonic() - start.started
        server_cpu = processor_seconds(server.pid) - start.processor[0]
        client_cpu = time.process_time() - start.processor[1]
    finally:
        server.terminate()
        server.wait(timeout=30)
    acknowledged = [item for s in stats for item in s.acknowledged]
    errors = [error for s in stats for error in s.errors]
    per_submission = 1000 / max(len(acknowledged), 1)
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "acknowledged": len(acknowledged),
        "per_second": round(len(acknowledged) / elapsed, 1),
        "server_cpu_ms": round(server_cpu * per_submission, 2),
        "client_cpu_ms": round(client_cpu * per_submission, 2),
        "errors": len(errors),
        "error_samples": errors[:5],
        "missing": missing_requests(acknowledged),
    }


def missing_requests(acknowledged: list[tuple[str, str]]) -> int:
    from gongkai.disclosure.models import DisclosureRequest

    return missing_items(
        DisclosureRequest,
        "access_token_hash",
        acknowledged,
        lambda token: hashlib.sha256(token.encode()).hexdigest(),
    )


def missing_items(
    model, key_field: str, acknowledged: list[tuple[str, str]], digest: Callable[[str], str]
) -> int:
    """How many acknowledged (tracking number, secret) pairs are not rows of ``model`` with
    ``digest(secret)`` in ``key_field``."""
    stored = dict(
        model.objects.filter(
            tracking_number__in=[number for number, _secret in acknowledged]
        ).values_list("tracking_number", key_field)
    )
    return sum(1 for number, secret in acknowledged if stored.get(number) != digest(secret))


def profile_submission(path: str, count: int = 50) -> list[str]:
    """``count`` submissions through the whole stack (middleware, CSRF, form, service,
    template), one at a time in this process: timed bare, then under pyinstrument."""
    from django.test import Client, override_settings
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    with override_settings(DISCLOSURE_SUBMIT_LIMIT=0, ALLOWED_HOSTS=["*"]):
        client = Client(enforce_csrf_checks=True)
        client.get("/requests/apply/")
        csrf = client.cookies["csrftoken"].value

        def submit(number: int) -> None:
            response = client.post("/requests/apply/", form_fields(number, csrf))
            acknowledged_as(200, client.get(response["Location"]).content)

        for number in range(count):  # warm up: imports, template loading, first queries
            submit(number)
        started, processor = time.perf_counter(), time.process_time()
        for number in range(count, 2 * count):
            submit(number)
        bare = (time.perf_counter() - started) / count
        cpu = (time.process_time() - processor) / count
        profiler = Profiler()
        with profiler:
            for number in range(2 * count, 3 * count):
                submit(number)
    Path(path).write_text(profiler.output_html())
    flat = profiler.output(ConsoleRenderer(unicode=True, flat=True, show_all=True))
    tree = profiler.output_text(unicode=True, show_all=False)
    return [
        f"one submission (POST + acknowledgement), one at a time: {bare * 1000:.1f} ms, "
        f"{cpu * 1000:.1f} ms of processor",
        *tree.splitlines(),
        "self time by function, top 40:",
        *[line for line in flat.splitlines() if line[:1].isdigit()][:40],
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--profile", help="Profile one submission into this HTML file instead.")
    parser.add_argument("--json", help="Also write the figures to this file.")
    args = parser.parse_args()

    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="gongkai-disclosure-bench-") as scratch:
        data_dir = Path(scratch)
        started = time.perf_counter()
        setup_django(data_dir)
        print(f"migrated scratch database in {time.perf_counter() - started:.1f} s")
        if args.profile:
            print("\n".join(profile_submission(args.profile)))
            return 0
        if args.requests:
            figures["report"] = report_figures(args.requests, args.rounds)
        reference = sqlite_commits(data_dir / "reference.sqlite3", args.clients, args.seconds)
        print(
            f"(b) reference: raw SQLite WAL commits, {reference['writers']} writers: "
            f"{reference['per_second']:,}/s"
        )
        load = load_test(data_dir, args.clients, args.seconds)
        ratio = load["per_second"] / reference["per_second"]
        print(
            f"(c) public form on SQLite, {load['clients']} clients for {load['seconds']} s: "
            f"{load['acknowledged']:,} acknowledged, {load['per_second']:,}/s "
            f"({ratio:.1%} of the reference; goal ≥ 1,000/s), "
            f"{load['errors']} errors, {load['missing']} acknowledged but missing"
        )
        print(
            f"    processor per acknowledged submission: server {load['server_cpu_ms']} ms, "
            f"load generator {load['client_cpu_ms']} ms"
        )
        if load["error_samples"]:
            print("    errors, e.g.:", "; ".join(load["error_samples"]))
    figures.update(reference=reference, load=load, ratio=round(ratio, 4))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    return 1 if load["errors"] or load["missing"] else 0


def report_figures(requests: int, rounds: int) -> dict:
    started = time.perf_counter()
    departments = generate_register(requests)
    print(
        f"generated {requests:,} requests over {YEARS[0]}–{YEARS[-1]} in {time.perf_counter() - started:.1f} s"
    )
    whole, counted, table3 = time_report(None, rounds)
    one, counted_one, _ = time_report(departments[0], rounds)
    print(
        f"(a) annual report {REPORT_YEAR}, whole body: {whole * 1000:.0f} ms ({counted:,} requests counted; new = {table3['new'][-1]:,})"
    )
    print(f"    one department: {one * 1000:.0f} ms ({counted_one:,} requests counted)")
    return {
        "requests": requests,
        "report_year": REPORT_YEAR,
        "report_whole_ms": round(whole * 1000, 1),
        "report_department_ms": round(one * 1000, 1),
        "requests_counted": counted,
    }


if __name__ == "__main__":
    raise SystemExit(main())
