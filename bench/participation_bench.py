"""Participation benchmark: the sustained rate of comments (意见征集) and messages (政民互动)
accepted from the public forms by a real server, beside raw SQLite commits in the same run.

    python bench/participation_bench.py              # 50 clients, 8 s per form
    python bench/participation_bench.py --clients 50 --seconds 5 --json out.json

(a) The reference, as in disclosure_bench: ``--clients`` threads commit one request-sized row
    per transaction to a scratch SQLite database in WAL mode for ``--seconds``.
(b) A scratch SQLite data folder gets an open, live consultation with two clauses, a
    message category and ``--clients`` verified citizen accounts (made through the accounts'
    service; a fast password hasher in the scratch settings, so that signing in is not what
    is measured). ``gongkai serve`` (granian) runs on 127.0.0.1 with the comment and message
    rate limits lifted (CONSULTATION_COMMENT_LIMIT = INTERACTION_MESSAGE_LIMIT = 0); each
    client signs in once through the login form, with its own session cookie, before timing.
(c) For comments on a clause, then for messages: ``--clients`` threads each, in a loop for
    ``--seconds``, fetch the form, submit it (with the form's own new nonce) and follow the
    redirect to the acknowledgement. An item counts when that page shows its tracking number;
    its latency is the whole round (form, submit, acknowledgement). Afterwards every
    acknowledged tracking number must be in the database with the nonce it was submitted with.
    Figures only, except that errors and lost items make the exit status 1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from disclosure_bench import (
    BENCH_SETTINGS,
    FormClient,
    free_port,
    missing_items,
    run_threads,
    setup_django,
    sqlite_commits,
    start_server,
)

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
PARTICIPATION_SETTINGS = (
    BENCH_SETTINGS
    + "CONSULTATION_COMMENT_LIMIT = 0\n"
    + "INTERACTION_MESSAGE_LIMIT = 0\n"
    + f"PASSWORD_HASHERS = [{FAST_HASHER!r}]  # signing in is not what is measured\n"
)
PASSWORD = "bench-participation-2026"
ACKNOWLEDGED = re.compile(r"（编号 ([A-Z0-9]+)）".encode())
NONCE = re.compile(rb'name="nonce" value="([A-Za-z0-9_-]+)"')


# -- (b) the data and the signed-in clients -------------------------------------------------------


@dataclass(frozen=True)
class Scene:
    consultation: int
    clause: int
    category: int
    emails: list[str]


def make_scene(clients: int) -> Scene:
    """An open consultation with two clauses, a message category and verified accounts."""
    from django.test import override_settings
    from django.utils import timezone

    from gongkai.accounts import services as accounts
    from gongkai.accounts.models import PublicAccount
    from gongkai.consultations.models import Clause, Consultation
    from gongkai.core.models import Department
    from gongkai.interaction.models import MessageCategory

    today = timezone.localdate()
    department = Department.objects.create(code="bench", name="基准部门")
    consultation = Consultation(
        department=department,
        title="关于促进软件产业发展的若干措施（征求意见稿）",
        background="为促进软件产业高质量发展，起草了本措施。",
        legal_basis="《优化营商环境条例》",
        offline_channels="信函：高新区管委会产业发展局（邮编 550000）",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=29),
        live=True,  # published as the sign-off workflow would: that is not what is measured
    )
    consultation.clauses = [
        Clause(heading="第一条", text="对新设立的软件企业给予房租补贴。"),
        Clause(heading="第二条", text="对研发投入给予奖励。"),
    ]
    consultation.save()
    category = MessageCategory.objects.create(name="城市管理", department=department)
    emails = [f"citizen{slot}@bench.example" for slot in range(clients)]
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        for slot, email in enumerate(emails):
            accounts.account_register(
                email=email,
                password=PASSWORD,
                name=f"压测用户{slot}",
                kind="citizen",
                nonce=f"bench-account-{slot:06d}",
            )
    PublicAccount.objects.filter(email__in=emails).update(email_verified_at=timezone.now())
    return Scene(consultation.pk, consultation.clauses.first().pk, category.pk, emails)


def signed_in(port: int, email: str) -> FormClient:
    client = FormClient(port)
    client.request("GET", "/account/login/")
    form = {"csrfmiddlewaretoken": client.csrf, "email": email, "password": PASSWORD}
    status, _headers, _page = client.request(
        "POST", "/account/login/", urllib.parse.urlencode(form)
    )
    if status != 302 or "sessionid" not in client.cookies:
        raise SystemExit(f"signing {email} in answered {status}")
    return client


# -- (c) the public forms under load --------------------------------------------------------------


@dataclass(frozen=True)
class PublicForm:
    kind: str  # the service's idempotency key prefix: comment, message
    path: str
    fields: Callable[[int], dict]


def comment_form(scene: Scene) -> PublicForm:
    return PublicForm(
        "comment",
        f"/consultations/{scene.consultation}/comment/",
        lambda number: {"clause": scene.clause, "text": f"建议第{number}条：补贴标准再提高。"},
    )


def message_form(scene: Scene) -> PublicForm:
    return PublicForm(
        "message",
        "/interaction/write/",
        lambda number: {
            "category": scene.category,
            "addressee": "",
            "title": f"第{number}号留言：小区门口路灯不亮",
            "body": "小区门口的路灯已经坏了一个月，晚上出行不便，请尽快维修。",
        },
    )


@dataclass
class FormStats:
    acknowledged: list[tuple[str, str]] = field(default_factory=list)  # (tracking number, nonce)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def submit(client: FormClient, form: PublicForm, number: int) -> tuple[str, str]:
    """Fetch the form, submit it, open the acknowledgement: (tracking number, nonce)."""
    status, _headers, page = client.request("GET", form.path)
    found = NONCE.search(page)
    if status != 200 or not found:
        raise RuntimeError(f"form answered {status}")
    nonce = found.group(1).decode()
    fields = {"csrfmiddlewaretoken": client.csrf, "nonce": nonce, **form.fields(number)}
    status, headers, _page = client.request("POST", form.path, urllib.parse.urlencode(fields))
    location = headers.get("location", "")
    if status != 302 or not location:
        raise RuntimeError(f"submit answered {status}")
    status, _headers, page = client.request("GET", urllib.parse.urlparse(location).path)
    found = ACKNOWLEDGED.search(page)
    if status != 200 or not found:
        raise RuntimeError(f"acknowledgement answered {status}")
    return found.group(1).decode(), nonce


def run_client(
    client: FormClient, form: PublicForm, stop_at: float, stats: FormStats, seed: int
) -> None:
    number = seed * 1_000_000
    while time.monotonic() < stop_at:
        number += 1
        started = time.perf_counter()
        try:
            stats.acknowledged.append(submit(client, form, number))
            stats.latencies.append(time.perf_counter() - started)
        except (OSError, RuntimeError, http.client.HTTPException) as error:
            stats.errors.append(str(error))
            client.connection.close()  # reopened by the next request


def load_test(clients: list[FormClient], form: PublicForm, seconds: float) -> dict:
    stats = [FormStats() for _ in clients]
    stop_at = time.monotonic() + seconds
    started = time.monotonic()
    run_threads(
        [
            threading.Thread(target=run_client, args=(client, form, stop_at, stats[i], i + 1))
            for i, client in enumerate(clients)
        ]
    )
    elapsed = time.monotonic() - started
    acknowledged = [item for s in stats for item in s.acknowledged]
    latencies = sorted(latency for s in stats for latency in s.latencies)
    errors = [error for s in stats for error in s.errors]
    return {
        "form": form.kind,
        "clients": len(clients),
        "seconds": round(elapsed, 1),
        "accepted": len(acknowledged),
        "per_second": round(len(acknowledged) / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1) if latencies else None,
        "errors": len(errors),
        "error_samples": errors[:5],
        "acknowledged": acknowledged,
    }


def lost_items(kind: str, acknowledged: list[tuple[str, str]]) -> int:
    """Acknowledged items not in the database with the nonce they were submitted with."""
    from gongkai.accounts import tokens
    from gongkai.consultations.models import Comment
    from gongkai.interaction.models import Message

    model = {"comment": Comment, "message": Message}[kind]
    return missing_items(
        model, "submit_key_hash", acknowledged, lambda nonce: tokens.digest(f"{kind}:{nonce}")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--json", help="Also write the figures to this file.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-participation-bench-") as scratch:
        data_dir = Path(scratch)
        started = time.perf_counter()
        setup_django(data_dir)
        scene = make_scene(args.clients)
        print(
            f"migrated scratch database, made a consultation, a category and "
            f"{args.clients} accounts in {time.perf_counter() - started:.1f} s"
        )
        reference = sqlite_commits(data_dir / "reference.sqlite3", args.clients, args.seconds)
        print(
            f"(a) reference: raw SQLite WAL commits, {reference['writers']} writers: "
            f"{reference['per_second']:,}/s"
        )
        port = free_port()
        server = start_server(data_dir, port, PARTICIPATION_SETTINGS)
        try:
            clients = [signed_in(port, email) for email in scene.emails]
            print(f"(b) {len(clients)} clients signed in, each with its own session")
            loads = [
                load_test(clients, form, args.seconds)
                for form in (comment_form(scene), message_form(scene))
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
        for load in loads:
            load["lost"] = lost_items(load["form"], load.pop("acknowledged"))
            load["ratio"] = round(load["per_second"] / reference["per_second"], 4)
            print(
                f"(c) {load['form']}s on SQLite, {load['clients']} clients for "
                f"{load['seconds']} s: {load['accepted']:,} accepted, {load['per_second']:,}/s "
                f"({load['ratio']:.1%} of the reference), median {load['median_ms']} ms, "
                f"p95 {load['p95_ms']} ms, {load['errors']} errors, {load['lost']} lost"
            )
            if load["error_samples"]:
                print("    errors, e.g.:", "; ".join(load["error_samples"]))
    if args.json:
        figures = {"reference": reference, "comments": loads[0], "messages": loads[1]}
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    return 1 if any(load["errors"] or load["lost"] for load in loads) else 0


if __name__ == "__main__":
    raise SystemExit(main())
