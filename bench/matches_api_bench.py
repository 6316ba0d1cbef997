"""Matches API benchmark (issue 11 §7): one enterprise against 1,000 support policies through
``/enterprise/matches.json`` with the explanations, beside the same request for an account
without an enterprise in the same run.

    python bench/matches_api_bench.py                  # 1,000 policies, 200 requests each
    python bench/matches_api_bench.py --requests 50    # a quick look
    python bench/matches_api_bench.py --limit 100      # the largest page

A scratch SQLite database gets ``--policies`` generated support policies (bench/enterprise_data.py:
``all`` of two to five conditions, some ``any`` and ``not``) with a programme open for one in ten,
and two verified enterprise accounts: one with a full profile (figures, qualifications, tags),
one without a profile. ``gongkai serve`` (granian) runs on 127.0.0.1; each account signs in
through the login form (a fast password hasher in the scratch settings) and then, one request at
a time on a kept-alive connection, after a few to warm up, ``--requests`` times:

(a) ``GET /enterprise/matches.json?limit=N`` as the enterprise (``--limit``, 20 by default as
    every list of the API): every policy judged, the first page of those met, nearly met or
    lacking data explained condition by condition — p50 and p95 of the time to the last byte
    (issue goal: p50 ≤ 5 ms);
(b) the reference: the same request as the account without a profile, which the same view
    answers at once (401) — the server, the session and the sign-in without the matching;
(c) in this process, without HTTP: ``selectors.matches`` for the same enterprise (every policy
    met, nearly met or lacking data explained: what the HTML page shows) p50;
(d) the same, what the JSON view computes when its page is not kept: every policy judged and
    ranked (``EnterpriseMatching.ranked``), the page explained — p50, to split (a) into
    matching and serving.
Figures only, nothing asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclosure_bench import BENCH_SETTINGS, free_port, setup_django, start_server  # noqa: E402
from matching_bench import load_average  # noqa: E402
from participation_bench import FAST_HASHER, PASSWORD, signed_in  # noqa: E402

SETTINGS = BENCH_SETTINGS + f"PASSWORD_HASHERS = [{FAST_HASHER!r}]\n"
WARM_UP = 5


def make_accounts(policies: int) -> tuple[str, str]:
    """The policies, programmes and the two accounts; their e-mail addresses."""
    from django.test import override_settings
    from django.utils import timezone
    from enterprise_data import make_policies

    from gongkai.accounts import services as accounts
    from gongkai.accounts.models import PublicAccount
    from gongkai.enterprise.models import (
        Enterprise,
        Programme,
        Qualification,
        SupportPolicy,
        YearlyFigures,
    )
    from gongkai.enterprise.uscc import check_character

    ids = make_policies(policies)
    now = timezone.now()
    Programme.objects.bulk_create(
        [
            Programme(
                policy=policy,
                department_id=policy.department_id,
                title=f"{policy.title}申报",
                opens_at=now - dt.timedelta(days=3),
                closes_at=now + dt.timedelta(days=3 + number % 40),
                where_to_apply="https://zwfw.example.gov.cn/",
            )  # fmt: skip
            for number, policy in enumerate(SupportPolicy.objects.filter(pk__in=ids[::10]))
        ]
    )
    emails = ("enterprise@bench.example", "newcomer@bench.example")
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        for number, email in enumerate(emails):
            accounts.account_register(email=email, password=PASSWORD, name=f"基准企业{number}",
                                      kind="enterprise", nonce=f"bench-matches-{number:06d}")  # fmt: skip
    PublicAccount.objects.filter(email__in=emails).update(email_verified_at=now)
    first17 = "91350100MA0000001"
    today = timezone.localdate()
    enterprise = Enterprise.objects.create(
        account=PublicAccount.objects.get(email=emails[0]),
        name="福州基准软件有限公司",
        uscc=first17 + check_character(first17),
        industry="C3911",
        region="350102",
        founded=today - dt.timedelta(days=4 * 365),
        registered_capital=Decimal(1000),
        employees=120,
        tags=["出口"],
    )
    YearlyFigures.objects.create(enterprise=enterprise, year=today.year - 1,
                                 revenue=Decimal(2500), rd_spend=Decimal(300))  # fmt: skip
    for kind in ("high_tech", "sme_tech"):
        Qualification.objects.create(enterprise=enterprise, kind=kind,
                                     valid_from=today - dt.timedelta(days=400))  # fmt: skip
    return emails


def latencies(client, path: str, count: int) -> tuple[list[float], int, bytes]:
    """Sorted times of ``count`` requests, and the last one's status and body."""
    for _ in range(WARM_UP):
        client.request("GET", path)
    times, status, body = [], 0, b""
    for _ in range(count):
        started = time.perf_counter()
        status, _headers, body = client.request("GET", path)
        times.append(time.perf_counter() - started)
    return sorted(times), status, body


def tree_seconds(pid: int) -> float:
    """Processor time (user and system) of a process and its descendants so far (Linux)."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, grown = {pid}, True
    while grown:
        more = {child for child, (parent, _ticks) in stats.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    return sum(stats[member][1] for member in tree if member in stats) / os.sysconf("SC_CLK_TCK")


def percentile(times: list[float], fraction: float) -> float:
    return times[min(len(times) - 1, int(len(times) * fraction))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--limit", type=int, default=20, help="policies per page, 1 to 100")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-matches-bench-") as scratch:
        data_dir = Path(scratch)
        setup_django(data_dir)
        emails = make_accounts(args.policies)
        port = free_port()
        server = start_server(data_dir, port, SETTINGS)
        try:
            path = f"/enterprise/matches.json?limit={args.limit}"
            # Each signs in just before its run: an idle kept-alive connection gets closed.
            client = signed_in(port, emails[0])
            server_before, client_before = tree_seconds(server.pid), time.process_time()
            timed, status, body = latencies(client, path, args.requests)
            served = args.requests + WARM_UP
            server_cpu = (tree_seconds(server.pid) - server_before) / served
            client_cpu = (time.process_time() - client_before) / served
            reference, reference_status, _body = latencies(
                signed_in(port, emails[1]), path, args.requests
            )
        finally:
            server.terminate()
            server.wait(timeout=30)

        from gongkai.enterprise import selectors
        from gongkai.enterprise.models import Enterprise

        found = Enterprise.objects.get(account__email=emails[0])
        selectors.matches(found)
        direct = []
        for _ in range(args.requests):
            started = time.perf_counter()
            selectors.matches(found)
            direct.append(time.perf_counter() - started)
        direct.sort()
        paged = []
        for _ in range(args.requests):
            started = time.perf_counter()
            matching = selectors.EnterpriseMatching(found)
            matching.explained(matching.ranked()[: args.limit])
            paged.append(time.perf_counter() - started)
        paged.sort()

    answer = json.loads(body)
    shown = answer["matches"]
    outcomes = {}
    for match in shown:
        outcomes[match["outcome"]] = outcomes.get(match["outcome"], 0) + 1
    conditions = sum(len(match["conditions"]) for match in shown)
    print(f"one enterprise × {args.policies:,} policies, {args.requests} requests each, one at a "
          f"time, after {WARM_UP} to warm up")  # fmt: skip
    print(f"(a) GET {path} as the enterprise (HTTP {status}): p50 {percentile(timed, 0.5):.1f} ms, p95 "
          f"{percentile(timed, 0.95):.1f} ms; {len(shown)} of {answer['total']} policies shown "
          f"({', '.join(f'{n} {k}' for k, n in sorted(outcomes.items()))}), {conditions} "
          f"conditions explained, {len(body):,} bytes (goal p50 ≤ 5 ms)")  # fmt: skip
    print(f"    processor time per request of (a): server {server_cpu * 1000:.1f} ms, client "
          f"{client_cpu * 1000:.1f} ms")  # fmt: skip
    print(f"(b) the same request without an enterprise profile (HTTP {reference_status}): "
          f"p50 {percentile(reference, 0.5):.1f} ms, p95 {percentile(reference, 0.95):.1f} ms")  # fmt: skip
    print(f"    (a) / (b) at p50: {statistics.median(timed) / statistics.median(reference):.1f}×")
    print(f"(c) selectors.matches in process, no HTTP: p50 {percentile(direct, 0.5):.1f} ms, "
          f"p95 {percentile(direct, 0.95):.1f} ms")  # fmt: skip
    print(f"(d) the page of (a) computed in process, no HTTP: p50 {percentile(paged, 0.5):.1f} ms, "
          f"p95 {percentile(paged, 0.95):.1f} ms")  # fmt: skip
    print(load_average())


if __name__ == "__main__":
    main()
