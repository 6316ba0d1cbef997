"""Disclosure requests benchmark: the annual report over a large register, and the public
form's sustained submit rate against a real server.

    python bench/disclosure_bench.py                 # 100,000 requests; 20 clients for 30 s
    python bench/disclosure_bench.py --requests 20000 --clients 10 --seconds 10 --json out.json

(a) 100,000 requests over five years are generated with bulk_create in a scratch SQLite
    database; timed: ``request_records`` + ``compute_annual_tables`` for one year, for the
    whole body and for one department.
(b) ``gongkai serve`` (granian) runs on 127.0.0.1 over a scratch database with the submit
    rate limit lifted (DISCLOSURE_SUBMIT_LIMIT = 0, in a settings module written to the
    scratch folder); ``--clients`` threads each fetch the form, then submit and open the
    acknowledgement page in a loop for ``--seconds``. Every acknowledged tracking number must
    be in the database afterwards, with the token it was acknowledged with. Figures only,
    except that errors and missing requests make the exit status 1.
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
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS = (2021, 2022, 2023, 2024, 2025)
REPORT_YEAR = 2024
VALID_ID = "11010519491231002X"


def setup_django(data_dir: Path) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    for name in ("DATABASE_URL", "REDIS_URL", "SEARCH_INDEX_DIR", "MEDIA_ROOT"):
        os.environ.pop(name, None)
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


# -- (b) the public form under load ---------------------------------------------------------------


@dataclass
class ClientStats:
    acknowledged: list[tuple[str, str]] = field(default_factory=list)  # (tracking number, token)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    (data_dir / "bench_settings.py").write_text(
        "from gongkai.settings import *  # noqa: F403\n"
        "DISCLOSURE_SUBMIT_LIMIT = 0  # the benchmark's clients share one address\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.locmem.EmailBackend'\n"
    )
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


class FormClient:
    """One applicant's browser: a keep-alive connection and the CSRF cookie."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, dict, bytes]:
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.cookie = value.split(";", 1)[0]
        return response.status, dict(response.getheaders()), content

    def submit(self, number: int) -> tuple[str, str]:
        csrf = self.cookie.partition("=")[2]
        form = {
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
        status, headers, _content = self.request(
            "POST", "/requests/apply/", urllib.parse.urlencode(form)
        )
        if status != 302:
            raise RuntimeError(f"submit answered {status}")
        location = headers.get("Location", "")
        token = location.split("/track/")[1].split("/")[0]
        status, _headers, page = self.request(
            "GET", urllib.parse.urlparse(location).path + "?submitted=1"
        )
        found = re.search(rb'id="tracking-number">([A-Z0-9-]+)<', page)
        if status != 200 or not found:
            raise RuntimeError(f"acknowledgement answered {status}")
        return found.group(1).decode(), token


def run_client(port: int, stop_at: float, stats: ClientStats, seed: int) -> None:
    client = FormClient(port)
    try:
        client.request("GET", "/requests/apply/")
    except OSError as error:
        stats.errors.append(f"form: {error}")
        return
    number = seed * 1_000_000
    while time.monotonic() < stop_at:
        number += 1
        try:
            stats.acknowledged.append(client.submit(number))
        except (OSError, RuntimeError, http.client.HTTPException) as error:
            stats.errors.append(str(error))
            client = FormClient(port)
            client.request("GET", "/requests/apply/")


def load_test(data_dir: Path, clients: int, seconds: float) -> dict:
    port = free_port()
    server = start_server(data_dir, port)
    try:
        stats = [ClientStats() for _ in range(clients)]
        stop_at = time.monotonic() + seconds
        threads = [
            threading.Thread(target=run_client, args=(port, stop_at, stats[i], i + 1))
            for i in range(clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    acknowledged = [item for s in stats for item in s.acknowledged]
    errors = [error for s in stats for error in s.errors]
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "acknowledged": len(acknowledged),
        "per_second": round(len(acknowledged) / elapsed, 1),
        "errors": len(errors),
        "error_samples": errors[:5],
        "missing": missing_requests(acknowledged),
    }


def missing_requests(acknowledged: list[tuple[str, str]]) -> int:
    from gongkai.disclosure.models import DisclosureRequest

    stored = dict(
        DisclosureRequest.objects.filter(
            tracking_number__in=[number for number, _token in acknowledged]
        ).values_list("tracking_number", "access_token_hash")
    )
    return sum(
        1
        for number, token in acknowledged
        if stored.get(number) != hashlib.sha256(token.encode()).hexdigest()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--json", help="Also write the figures to this file.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-disclosure-bench-") as scratch:
        data_dir = Path(scratch)
        started = time.perf_counter()
        setup_django(data_dir)
        print(f"migrated scratch database in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        departments = generate_register(args.requests)
        print(
            f"generated {args.requests:,} requests over {YEARS[0]}–{YEARS[-1]} in {time.perf_counter() - started:.1f} s"
        )
        whole, counted, table3 = time_report(None, args.rounds)
        one, counted_one, _ = time_report(departments[0], args.rounds)
        print(
            f"(a) annual report {REPORT_YEAR}, whole body: {whole * 1000:.0f} ms ({counted:,} requests counted; new = {table3['new'][-1]:,})"
        )
        print(f"    one department: {one * 1000:.0f} ms ({counted_one:,} requests counted)")
        load = load_test(data_dir, args.clients, args.seconds)
        print(
            f"(b) public form on SQLite, {load['clients']} clients for {load['seconds']} s: "
            f"{load['acknowledged']:,} acknowledged, {load['per_second']} submits/s, "
            f"{load['errors']} errors, {load['missing']} acknowledged but missing"
        )
        if load["error_samples"]:
            print("    errors, e.g.:", "; ".join(load["error_samples"]))
    figures = {
        "requests": args.requests,
        "report_year": REPORT_YEAR,
        "report_whole_ms": round(whole * 1000, 1),
        "report_department_ms": round(one * 1000, 1),
        "requests_counted": counted,
        "load": load,
    }
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    return 1 if load["errors"] or load["missing"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
