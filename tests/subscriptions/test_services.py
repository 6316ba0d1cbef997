"""政策订阅 through the services: fan-out on publication, one delivery per subscriber and
channel, digests, retries with back-off, one-click unsubscribe, matches reported by the
enterprise app, signed webhooks."""

import hashlib
import hmac
import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from gongkai.documents.models import Document
from gongkai.subscriptions import rules, services
from gongkai.subscriptions.channels import DeliveryError, check_webhook_url
from gongkai.subscriptions.models import Channel, Criterion, Delivery, DeliveryState, Frequency
from gongkai.subscriptions.signals import documents_matched
from tests.accounts.conftest import make_account
from tests.factories import make_department, make_document, make_topic, withdraw_document
from tests.subscriptions.conftest import publish_now, subscribe

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server refused the connection")


def test_a_published_document_is_mailed_at_once_with_one_click_unsubscribe(
    citizen, department, django_capture_on_commit_callbacks
):
    subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department)
    document = publish_now(django_capture_on_commit_callbacks, department=department)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    assert document.title in message.subject and document.title in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http") and "/subscriptions/unsubscribe/" in url
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.channel, delivery.document) == (
        DeliveryState.SENT,
        Channel.EMAIL,
        document,
    )


def test_several_matching_subscriptions_deliver_once_per_channel(
    citizen, department, django_capture_on_commit_callbacks
):
    topic = make_topic(name="科技")
    by_department = subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department)
    everything = subscribe(citizen, criterion=Criterion.EVERYTHING, frequency=Frequency.DAILY)
    subscribe(citizen, criterion=Criterion.TOPIC, topic=topic, channel=Channel.FEED)
    other = make_account(email="other@example.com")
    subscribe(other, criterion=Criterion.SEARCH, value="软件 补贴")
    document = publish_now(
        django_capture_on_commit_callbacks,
        department=department,
        topics=[topic],
        title="关于软件企业房租补贴的通知",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["citizen@example.com", "other@example.com"]
    email = Delivery.objects.get(user=citizen.user, channel=Channel.EMAIL)
    assert email.frequency == Frequency.IMMEDIATE  # the fastest asked
    assert set(email.subscriptions.all()) == {by_department, everything}
    feed = Delivery.objects.get(user=citizen.user, channel=Channel.FEED)
    assert feed.state == DeliveryState.SENT
    # Published again (a new revision): nobody gets it twice.
    mail.outbox.clear()
    services.fan_out(document.pk)
    assert mail.outbox == [] and Delivery.objects.count() == 3


def test_documents_not_public_are_not_delivered(
    citizen, department, django_capture_on_commit_callbacks
):
    subscribe(citizen, criterion=Criterion.EVERYTHING)
    document = make_document(department=department, publish=False)
    assert services.fan_out(document.pk) == 0
    withdrawn = withdraw_document(make_document(department=department))
    Delivery.objects.all().delete()
    assert services.fan_out(withdrawn.pk) == 0


def test_daily_and_weekly_digests(citizen, department, django_capture_on_commit_callbacks):
    subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department, frequency="daily")
    weekly = make_account(email="weekly@example.com")
    subscribe(weekly, criterion=Criterion.EVERYTHING, frequency=Frequency.WEEKLY)
    first = publish_now(django_capture_on_commit_callbacks, department=department)
    second = publish_now(django_capture_on_commit_callbacks, department=department)
    assert mail.outbox == []
    report = services.send_digests(date(2026, 12, 8))  # a Tuesday: daily only
    assert (report.messages, report.deliveries) == (1, 2)
    [digest] = mail.outbox
    assert first.title in digest.body and second.title in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert services.send_digests(date(2026, 12, 8)).messages == 0  # nothing left
    assert services.send_digests(date(2026, 12, 7)).messages == 1  # Monday: the weekly one
    assert mail.outbox[-1].to == ["weekly@example.com"]


def test_failed_mail_is_retried_with_back_off_and_given_up_after_twelve(
    citizen, department, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.subscriptions.test_services.FailingBackend"
    subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department)
    publish_now(django_capture_on_commit_callbacks, department=department)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.RETRYING and delivery.attempts == 1
    assert "refused" in delivery.last_error
    assert delivery.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    # Not due yet: nothing is sent.
    assert services.retry(user_id=citizen.user_id, channel=Channel.EMAIL).messages == 0
    for attempt in range(2, rules.MAX_ATTEMPTS + 1):
        Delivery.objects.update(next_attempt_at=timezone.now())
        services.retry(user_id=citizen.user_id, channel=Channel.EMAIL)
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
    assert delivery.state == DeliveryState.FAILED and delivery.next_attempt_at is None


def test_a_retry_that_succeeds_is_marked_sent(
    citizen, department, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.subscriptions.test_services.FailingBackend"
    subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department)
    publish_now(django_capture_on_commit_callbacks, department=department)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Delivery.objects.update(next_attempt_at=timezone.now())
    assert services.retry(user_id=citizen.user_id, channel=Channel.EMAIL).messages == 1
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.last_error) == (DeliveryState.SENT, "")


def test_an_unverified_address_fails_without_retrying(
    department, django_capture_on_commit_callbacks
):
    account = make_account(email="new@example.com", verified=False)
    subscribe(account, criterion=Criterion.EVERYTHING)
    publish_now(django_capture_on_commit_callbacks, department=department)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED and delivery.last_error
    assert mail.outbox == []


def test_unsubscribe_token_is_idempotent_and_unforgeable(citizen, department):
    kept = subscribe(citizen, criterion=Criterion.EVERYTHING, channel=Channel.FEED)
    gone = subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department)
    token = services.unsubscribe_token(citizen.user_id, [gone.pk])
    assert services.unsubscribe_by_token(token) == 1
    assert services.unsubscribe_by_token(token) == 0
    assert services.unsubscribe_by_token(token[:-2] + "xx") is None
    assert list(citizen.user.subscriptions.all()) == [kept]


def test_subscribing_checks_its_target(citizen):
    with pytest.raises(ValidationError):
        subscribe(citizen, criterion=Criterion.DEPARTMENT)
    with pytest.raises(ValidationError):
        subscribe(citizen, criterion=Criterion.SEARCH, value="  ")
    with pytest.raises(ValidationError):
        subscribe(citizen, criterion=Criterion.EVERYTHING, channel=Channel.WEBHOOK)
    once = subscribe(citizen, criterion=Criterion.EVERYTHING)
    again = subscribe(citizen, criterion=Criterion.EVERYTHING, frequency=Frequency.WEEKLY)
    assert once.pk == again.pk and again.frequency == Frequency.WEEKLY


def test_matches_reported_by_the_enterprise_app_are_delivered(
    citizen, department, django_capture_on_commit_callbacks
):
    document = make_document(department=department)
    subscribe(citizen, criterion=Criterion.MATCHED)
    bystander = make_account(email="bystander@example.com")
    subscribe(bystander, criterion=Criterion.DEPARTMENT, department=make_department())
    with django_capture_on_commit_callbacks(execute=True):
        documents_matched.send(sender=None, user=citizen.user, document_ids=[document.pk])
        documents_matched.send(sender=None, user=bystander.user, document_ids=[document.pk])
    [message] = mail.outbox
    assert message.to == [citizen.email] and document.title in message.body


def test_the_private_feed_key_and_webhook_secret_can_be_renewed(citizen):
    subscriber = services.subscriber_of(citizen.user)
    assert services.renew_feed_key(user=citizen.user).feed_key != subscriber.feed_key
    assert services.renew_webhook_secret(user=citizen.user).webhook_secret != (
        subscriber.webhook_secret
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.1.2.3/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "ftp://example.com/hook",
    ],
)
def test_webhooks_to_the_internal_network_are_refused(url):
    with pytest.raises(DeliveryError):
        check_webhook_url(url)


class _Receiver(BaseHTTPRequestHandler):
    received: list = []
    status = 204

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook_server(settings):
    settings.SUBSCRIPTION_WEBHOOK_ALLOW_PRIVATE = True
    _Receiver.received, _Receiver.status = [], 204
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_webhook_posts_are_signed(
    citizen, department, webhook_server, django_capture_on_commit_callbacks
):
    url = f"http://127.0.0.1:{webhook_server.server_port}/hook"
    subscriber = services.set_webhook(user=citizen.user, url=url)
    subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department, channel="webhook")
    document = publish_now(django_capture_on_commit_callbacks, department=department)
    [(headers, body)] = _Receiver.received
    timestamp = headers["X-Gongkai-Timestamp"]
    expected = hmac.new(
        subscriber.webhook_secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Gongkai-Signature"] == f"sha256={expected}"
    assert json.loads(body)["documents"][0]["id"] == document.pk
    assert Delivery.objects.get().state == DeliveryState.SENT


def test_a_webhook_answering_an_error_is_retried(
    citizen, department, webhook_server, django_capture_on_commit_callbacks
):
    _Receiver.status = 500
    services.set_webhook(user=citizen.user, url=f"http://127.0.0.1:{webhook_server.server_port}/")
    subscribe(citizen, criterion=Criterion.EVERYTHING, channel=Channel.WEBHOOK)
    publish_now(django_capture_on_commit_callbacks, department=department)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.RETRYING and "500" in delivery.last_error


def test_fan_out_is_enqueued_only_on_publication(
    citizen, department, django_capture_on_commit_callbacks
):
    subscribe(citizen, criterion=Criterion.EVERYTHING)
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(department=department, publish=False)
    assert Delivery.objects.count() == 0
    assert Document.objects.get(pk=document.pk).live is False


def test_the_enterprise_apps_policy_matched_signal_is_delivered(
    citizen, department, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    from gongkai.enterprise.signals import policy_matched

    document = make_document(department=department)
    subscribe(citizen, criterion=Criterion.MATCHED)
    enterprise = SimpleNamespace(account_id=citizen.pk)  # what the receiver reads of it
    with django_capture_on_commit_callbacks(execute=True):
        policy_matched.send(
            sender=None, enterprise=enterprise, policy_ids=[1], document_ids=[document.pk]
        )
    [message] = mail.outbox
    assert message.to == [citizen.email] and document.title in message.body


@pytest.mark.parametrize(
    ("account_id", "document_ids"), [(None, [1]), (1, [])], ids=["no account", "no document"]
)
def test_policy_matched_for_nothing_to_deliver_costs_no_query(
    account_id, document_ids, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """A nightly re-match tells every newly matched enterprise, mostly without an account or
    about policies without a document: the receiver must not query for each."""
    from types import SimpleNamespace

    from gongkai.enterprise.signals import policy_matched

    enterprise = SimpleNamespace(account_id=account_id)
    with django_capture_on_commit_callbacks() as callbacks, django_assert_num_queries(0):
        policy_matched.send(
            sender=None, enterprise=enterprise, policy_ids=[1], document_ids=document_ids
        )
    assert callbacks == []
