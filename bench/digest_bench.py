"""Digest benchmark (issue 11 §7): the morning digest run for 100,000 subscribers, beside bare
Django mail sending the same number of messages of the same size through the same backend in
the same run.

    python bench/digest_bench.py                       # 100,000 subscribers
    python bench/digest_bench.py --subscribers 10000   # a quick look

A scratch SQLite database gets the demo library (``gongkai demo``: its public documents, the
support policy resting on one of them) and ``--subscribers`` verified public accounts, one in ten
in English. Nine in ten subscribe to a department's documents or to everything published, one in
ten is an enterprise meeting the demo's support policy subscribed to "new policies I match"; all
by e-mail, as a daily digest. Each has one to four pending deliveries of public documents (the
enterprises always the policy's document), as the fan-out leaves them overnight. Then:

(a) ``subscriptions.services.send_digests()`` — the worker's 07:30 job: reading the deliveries
    in batches, the documents, accounts and subscriptions, the enterprises' reasons (rules
    evaluated and explained per enterprise), a message rendered per subscriber in their language
    with its RFC 8058 unsubscribe headers, sent through Django's file e-mail backend (every
    message written out in full, as SMTP would get it), and the outcome written back; timed, then
    run again (the deliveries set pending again) under tracemalloc for its peak memory;
(b) the reference: as many messages of the mean size (a) wrote, with the same headers, made
    with EmailMultiAlternatives and sent through the same backend on one connection per
    thousand, nothing read from the database: messages per second, and the ratio (a)/(b).
Figures only, nothing asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclosure_bench import setup_django  # noqa: E402
from matching_bench import load_average  # noqa: E402

BATCH = 5000


def make_subscribers(count: int, seed: int = 0) -> int:
    """Accounts, subscriptions and pending daily deliveries; returns the deliveries made."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from gongkai.accounts.models import PublicAccount
    from gongkai.demo.enterprise import POLICY_TITLE
    from gongkai.documents.selectors import public_documents
    from gongkai.enterprise.models import Enterprise, Qualification, SupportPolicy, YearlyFigures
    from gongkai.enterprise.uscc import check_character
    from gongkai.subscriptions.models import (
        Channel,
        Criterion,
        Delivery,
        Frequency,
        Subscriber,
        Subscription,
    )

    rng = random.Random(seed)
    now = timezone.now()
    documents = list(public_documents().values_list("pk", "department_id"))
    departments = sorted({department for _pk, department in documents})
    policy_document = SupportPolicy.objects.get(title=POLICY_TITLE).document_id
    User = get_user_model()
    made = 0
    through = Delivery.subscriptions.through
    for start in range(0, count, BATCH):
        numbers = range(start, min(count, start + BATCH))
        users = User.objects.bulk_create(
            [User(username=f"bench-{n}", email=f"s{n}@bench.example") for n in numbers]
        )
        accounts = PublicAccount.objects.bulk_create(
            [
                PublicAccount(
                    user=user,
                    kind="enterprise" if n % 10 == 0 else "citizen",
                    name=f"订阅人{n}",
                    email=user.email,
                    email_verified_at=now,
                    language="en" if n % 10 == 5 else "zh-hans",
                )
                for n, user in zip(numbers, users, strict=True)
            ]
        )
        Subscriber.objects.bulk_create([Subscriber(user=user) for user in users])
        enterprises = []
        subscriptions = []
        for n, user, account in zip(numbers, users, accounts, strict=True):
            if n % 10 == 0:
                first17 = f"91520115MA{n:07d}"
                enterprises.append(
                    Enterprise(
                        account=account,
                        name=f"订阅企业{n}有限公司",
                        uscc=first17 + check_character(first17),
                        industry="I6513",
                        region="520115",
                        founded=dt.date(2018, 5, 1),
                    )  # fmt: skip
                )
                criterion = {"criterion": Criterion.MATCHED}
            elif rng.random() < 0.5:
                criterion = {"criterion": Criterion.DEPARTMENT,
                             "department_id": rng.choice(departments)}  # fmt: skip
            else:
                criterion = {"criterion": Criterion.EVERYTHING}
            subscriptions.append(
                Subscription(
                    user=user, channel=Channel.EMAIL, frequency=Frequency.DAILY, **criterion
                )  # fmt: skip
            )
        Enterprise.objects.bulk_create(enterprises)
        last_year = now.year - 1
        YearlyFigures.objects.bulk_create(
            [
                YearlyFigures(
                    enterprise=e, year=last_year, revenue=Decimal(3000), rd_spend=Decimal(400)
                )
                for e in enterprises
            ]  # fmt: skip
        )
        Qualification.objects.bulk_create(
            [
                Qualification(enterprise=e, kind="high_tech", valid_from=dt.date(2024, 1, 1))
                for e in enterprises
            ]  # fmt: skip
        )
        subscriptions = Subscription.objects.bulk_create(subscriptions)
        deliveries, links = [], []
        for subscription in subscriptions:
            if subscription.criterion == Criterion.MATCHED:
                chosen = [policy_document]
            else:
                chosen = [pk for pk, _department in rng.sample(documents, rng.randint(1, 4))]
            for document_id in chosen:
                deliveries.append(
                    Delivery(
                        user_id=subscription.user_id,
                        document_id=document_id,
                        channel=Channel.EMAIL,
                        frequency=Frequency.DAILY,
                    )  # fmt: skip
                )
                links.append(subscription.pk)
        deliveries = Delivery.objects.bulk_create(deliveries)
        through.objects.bulk_create(
            [
                through(delivery_id=delivery.pk, subscription_id=subscription_id)
                for delivery, subscription_id in zip(deliveries, links, strict=True)
            ]
        )
        made += len(deliveries)
    return made


def mail_files(folder: Path) -> tuple[int, int]:
    """(messages, bytes) written by the file backend into ``folder``."""
    separator = b"\n" + b"-" * 79 + b"\n"
    messages = size = 0
    for path in folder.iterdir():
        data = path.read_bytes()
        messages += data.count(separator)
        size += len(data) - data.count(separator) * len(separator)
    return messages, size


def reference(count: int, size: int, folder: Path) -> float:
    """Seconds to send ``count`` messages of about ``size`` bytes with bare Django mail."""
    from django.core.mail import EmailMultiAlternatives, get_connection

    from gongkai.subscriptions.channels import unsubscribe_headers

    body = ("按您的订阅，以下政策文件已发布：关于印发政务公开工作要点的通知。" * 100)[: size // 4]
    started = time.perf_counter()
    for first in range(0, count, 1000):
        connection = get_connection(file_path=str(folder))
        for number in range(first, min(count, first + 1000)):
            url = f"https://www.example.gov.cn/subscriptions/unsubscribe/token{number}/"
            EmailMultiAlternatives(
                subject="政策订阅：3 件政策文件已发布",
                body=body,
                to=[f"s{number}@bench.example"],
                headers=unsubscribe_headers(url),
                connection=connection,
            ).send()
        connection.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-digest-bench-") as scratch:
        root = Path(scratch)
        setup_django(root)
        from django.test import override_settings
        from django.utils import timezone

        from gongkai.demo import build_demo, default_seed_dir
        from gongkai.subscriptions import services
        from gongkai.subscriptions.models import Delivery, DeliveryState

        started = time.perf_counter()
        build_demo(seed_dir=default_seed_dir(), log=lambda _line: None)
        Delivery.objects.all().delete()  # what the demo's own subscriptions left
        deliveries = make_subscribers(args.subscribers)
        print(f"demo library, {args.subscribers:,} subscribers and {deliveries:,} pending "
              f"deliveries written in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip

        mail, reference_mail, traced_mail = root / "mail", root / "reference", root / "traced"
        for folder in (mail, reference_mail, traced_mail):
            folder.mkdir()
        backend = "django.core.mail.backends.filebased.EmailBackend"
        day = timezone.localdate()
        with override_settings(EMAIL_BACKEND=backend, EMAIL_FILE_PATH=str(mail)):
            started, started_cpu = time.perf_counter(), time.process_time()
            report = services.send_digests(day)
            seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        messages, size = mail_files(mail)
        rate = report.messages / seconds
        print(f"(a) send_digests: {report.messages:,} messages ({report.deliveries:,} deliveries, "
              f"{report.failed_messages:,} failed) in {seconds:.1f} s (processor {cpu:.1f} s) = "
              f"{rate:,.0f} messages/s; {messages:,} written, mean {size / max(messages, 1):,.0f} "
              f"bytes")  # fmt: skip

        Delivery.objects.update(state=DeliveryState.PENDING, sent_at=None)
        with override_settings(EMAIL_BACKEND=backend, EMAIL_FILE_PATH=str(traced_mail)):
            tracemalloc.start()
            services.send_digests(day)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        print(f"    peak memory allocated by the run (tracemalloc, second run) {peak:,.0f} MB")

        with override_settings(EMAIL_BACKEND=backend):
            bare_seconds = reference(report.messages, size // max(messages, 1), reference_mail)
        bare_rate = report.messages / bare_seconds
        bare_messages, bare_size = mail_files(reference_mail)
        print(f"(b) bare Django mail, same backend: {bare_messages:,} messages of mean "
              f"{bare_size / max(bare_messages, 1):,.0f} bytes in {bare_seconds:.1f} s = "
              f"{bare_rate:,.0f} messages/s")  # fmt: skip
        print(f"    send_digests / bare: {rate / bare_rate:.0%} of the reference's rate")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process (ru_maxrss, setup included) {maxrss:,.0f} MB")
    print(load_average())


if __name__ == "__main__":
    main()
