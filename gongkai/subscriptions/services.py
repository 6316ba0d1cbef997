"""State changes of 政策订阅: subscribing, unsubscribing, keys, the fan-out of a published
document into deliveries, and sending them (at once, in digests, and again after a failure).

Sending works in batches so that a morning digest for 100,000 subscribers is a few queries per
thousand messages: the rows are grouped by subscriber and channel (rules.group_digests), the
documents, addresses and keys read once per batch, e-mail sent over one SMTP connection, and
the outcome written back with one UPDATE per outcome.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.siteurl import site_base_url
from gongkai.subscriptions import rules
from gongkai.subscriptions.channels import (
    DeliveryError,
    PermanentDeliveryError,
    check_webhook_url,
    post_webhook,
    unsubscribe_headers,
)
from gongkai.subscriptions.models import (
    Channel,
    Criterion,
    Delivery,
    DeliveryState,
    Frequency,
    Subscriber,
    Subscription,
    new_key,
)

UNSUBSCRIBE_SALT = "gongkai.subscriptions.unsubscribe"
BATCH_SIZE = 1000
_TARGET_FIELD = {
    Criterion.DEPARTMENT: "department",
    Criterion.TOPIC: "topic",
    Criterion.DOC_TYPE: "doc_type",
}


# Subscribing.


def subscriber_of(user) -> Subscriber:
    subscriber, _created = Subscriber.objects.get_or_create(user=user)
    return subscriber


@transaction.atomic
def subscribe(
    *,
    user,
    criterion: str,
    channel: str = Channel.EMAIL,
    frequency: str = Frequency.IMMEDIATE,
    department=None,
    topic=None,
    doc_type=None,
    value: str = "",
) -> Subscription:
    targets = {"department": department, "topic": topic, "doc_type": doc_type}
    needed = _TARGET_FIELD.get(criterion)
    value = " ".join(value.split())
    if needed and targets[needed] is None:
        raise ValidationError({needed: _("请选择订阅的对象。")})
    if criterion in (Criterion.REGION, Criterion.SEARCH) and not value:
        raise ValidationError({"value": _("请填写地区或检索词。")})
    subscriber = subscriber_of(user)
    if channel == Channel.WEBHOOK and not subscriber.webhook_url:
        raise ValidationError({"channel": _("请先设置 Webhook 地址。")})
    if channel == Channel.FEED:
        frequency = Frequency.IMMEDIATE  # a feed shows a document as soon as it is published
    fields = {name: (obj if name == needed else None) for name, obj in targets.items()}
    if criterion not in (Criterion.REGION, Criterion.SEARCH):
        value = ""
    subscription, _created = Subscription.objects.update_or_create(
        user=user,
        criterion=criterion,
        channel=channel,
        value=value,
        **fields,
        defaults={"frequency": frequency},
    )
    audit.record(actor=user, action="subscription.create", obj=subscription)
    return subscription


@transaction.atomic
def unsubscribe(*, user, subscription_ids: Iterable[int]) -> int:
    """Remove the user's subscriptions among ``subscription_ids``; removing one already gone
    is not an error (the one-click link may be followed twice)."""
    subscriptions = list(Subscription.objects.filter(user=user, pk__in=list(subscription_ids)))
    for subscription in subscriptions:
        audit.record(actor=user, action="subscription.delete", obj=subscription)
    Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).delete()
    return len(subscriptions)


def unsubscribe_token(user_id: int, subscription_ids: Iterable[int]) -> str:
    return signing.dumps(
        {"u": user_id, "s": sorted(set(subscription_ids))}, salt=UNSUBSCRIBE_SALT, compress=True
    )


def read_unsubscribe_token(token: str) -> tuple[int, list[int]] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return int(data["u"]), [int(pk) for pk in data["s"]]


def unsubscribe_by_token(token: str) -> int | None:
    """The one-click unsubscribe (RFC 8058): None for a forged token, else how many
    subscriptions it removed now (0 the second time)."""
    read = read_unsubscribe_token(token)
    if read is None:
        return None
    user_id, ids = read
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first()
    return 0 if user is None else unsubscribe(user=user, subscription_ids=ids)


def renew_feed_key(*, user) -> Subscriber:
    subscriber = subscriber_of(user)
    subscriber.feed_key = new_key()
    subscriber.save(update_fields=["feed_key"])
    audit.record(actor=user, action="subscription.feed_key_renewed", obj=subscriber)
    return subscriber


def set_webhook(*, user, url: str) -> Subscriber:
    subscriber = subscriber_of(user)
    url = url.strip()
    if url:
        try:
            check_webhook_url(url)
        except DeliveryError as error:
            raise ValidationError({"webhook_url": str(error)}) from error
    elif Subscription.objects.filter(user=user, channel=Channel.WEBHOOK).exists():
        raise ValidationError({"webhook_url": _("仍有以 Webhook 推送的订阅，不能清空地址。")})
    subscriber.webhook_url = url
    subscriber.save(update_fields=["webhook_url"])
    audit.record(actor=user, action="subscription.webhook_set", obj=subscriber)
    return subscriber


def renew_webhook_secret(*, user) -> Subscriber:
    subscriber = subscriber_of(user)
    subscriber.webhook_secret = new_key()
    subscriber.save(update_fields=["webhook_secret"])
    audit.record(actor=user, action="subscription.webhook_secret_renewed", obj=subscriber)
    return subscriber


# Fan-out.


def document_facts(document) -> rules.DocumentFacts:
    topic_ids = set()
    for topic in document.topics.all():
        topic_ids.update(t.pk for t in topic.lineage())
    text = " ".join(
        [
            document.title,
            document.doc_number,
            document.keywords,
            document.summary,
            strip_tags(document.body or ""),
        ]
    )
    return rules.DocumentFacts(
        id=document.pk,
        department_id=document.department_id,
        topic_ids=frozenset(topic_ids),
        doc_type_id=document.doc_type_id,
        region=document.region,
        text=text,
    )


def _candidates(facts: rules.DocumentFacts):
    """The subscriptions that could match: the rules decide among them."""
    return Subscription.objects.filter(
        Q(criterion=Criterion.DEPARTMENT, department_id=facts.department_id)
        | Q(criterion=Criterion.TOPIC, topic_id__in=facts.topic_ids)
        | Q(criterion=Criterion.DOC_TYPE, doc_type_id=facts.doc_type_id)
        | Q(criterion__in=[Criterion.REGION, Criterion.SEARCH, Criterion.EVERYTHING])
    )


def fan_out(document_id: int) -> int:
    """A document was published: a delivery for every subscriber and channel whose
    subscriptions it satisfies (none twice), and the immediate ones sent. Returns the new
    deliveries."""
    from gongkai.documents.selectors import public_documents

    document = public_documents().prefetch_related("topics").filter(pk=document_id).first()
    if document is None:
        return 0
    facts = document_facts(document)
    planned = []
    for chunk in _chunks(_candidates(facts).iterator(chunk_size=BATCH_SIZE), BATCH_SIZE):
        planned.extend(rules.plan((s.as_rule() for s in chunk), facts))
    return _deliver_planned(document_id, rules.merge_plans(planned))


def documents_matched(*, user_id: int, document_ids: Iterable[int]) -> int:
    """The enterprise matching found that these published documents concern the user's
    enterprise: delivered to the user's "new policies I match" subscriptions."""
    from gongkai.documents.selectors import public_documents

    criteria = [
        s.as_rule()
        for s in Subscription.objects.filter(user_id=user_id, criterion=Criterion.MATCHED)
    ]
    if not criteria:
        return 0
    created = 0
    for document_id in (
        public_documents().filter(pk__in=list(document_ids)).values_list("pk", flat=True)
    ):
        planned = rules.plan(criteria, rules.DocumentFacts(id=document_id), reported_match=True)
        created += _deliver_planned(document_id, planned)
    return created


def _deliver_planned(document_id: int, planned: list[rules.PlannedDelivery]) -> int:
    if not planned:
        return 0
    now = timezone.now()
    existing = set(
        Delivery.objects.filter(
            document_id=document_id, user_id__in={p.user_id for p in planned}
        ).values_list("user_id", "channel")
    )
    new = [p for p in planned if (p.user_id, p.channel) not in existing]
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [
                Delivery(
                    user_id=p.user_id,
                    document_id=document_id,
                    channel=p.channel,
                    frequency=p.frequency,
                    state=DeliveryState.SENT
                    if p.channel == Channel.FEED
                    else DeliveryState.PENDING,
                    sent_at=now if p.channel == Channel.FEED else None,
                )
                for p in new
            ],
            ignore_conflicts=True,
            batch_size=BATCH_SIZE,
        )
        ids = {
            (user_id, channel): pk
            for pk, user_id, channel in Delivery.objects.filter(
                document_id=document_id, user_id__in={p.user_id for p in new}
            ).values_list("pk", "user_id", "channel")
        }
        through = Delivery.subscriptions.through
        through.objects.bulk_create(
            [
                through(delivery_id=ids[(p.user_id, p.channel)], subscription_id=subscription_id)
                for p in new
                if (p.user_id, p.channel) in ids
                for subscription_id in p.subscription_ids
            ],
            ignore_conflicts=True,
            batch_size=BATCH_SIZE,
        )
    send(
        Delivery.objects.filter(
            document_id=document_id, state=DeliveryState.PENDING, frequency=Frequency.IMMEDIATE
        )
    )
    return len(new)


# Sending.


def send_digests(day=None) -> SendReport:
    """The morning run: every pending daily digest, and the weekly ones on Mondays."""
    day = day or timezone.localdate()
    return send(
        Delivery.objects.filter(
            state=DeliveryState.PENDING, frequency__in=rules.digest_frequencies(day)
        )
    )


def retry(*, user_id: int, channel: str) -> SendReport:
    """Send again what failed for one subscriber and channel and is due."""
    return send(
        Delivery.objects.filter(
            user_id=user_id,
            channel=channel,
            state=DeliveryState.RETRYING,
            next_attempt_at__lte=timezone.now(),
        )
    )


@dataclass
class SendReport:
    messages: int = 0
    deliveries: int = 0
    failed_messages: int = 0


def send(deliveries) -> SendReport:
    """Send ``deliveries`` (a queryset), one message per subscriber and channel."""
    rows = deliveries.exclude(channel=Channel.FEED).order_by("user_id", "channel", "document_id")
    report = SendReport()
    user_ids = list(rows.values_list("user_id", flat=True).distinct())
    for users in _chunks(user_ids, BATCH_SIZE):
        chunk = rows.filter(user_id__in=users).values_list(
            "pk", "user_id", "channel", "document_id"
        )
        digests = rules.group_digests(chunk)
        _send_batch(digests, report)
    return report


def _send_batch(digests: list[rules.Digest], report: SendReport) -> None:
    from gongkai.accounts.models import PublicAccount
    from gongkai.documents.models import Document
    from gongkai.enterprise.selectors import DocumentReasons

    document_ids = {pk for digest in digests for pk in digest.document_ids}
    documents = Document.objects.select_related("department").in_bulk(document_ids)
    user_ids = {digest.user_id for digest in digests}
    accounts = {a.user_id: a for a in PublicAccount.objects.filter(user_id__in=user_ids)}
    subscribers = {s.user_id: s for s in Subscriber.objects.filter(user_id__in=user_ids)}
    subscriptions = defaultdict(set)
    for delivery_id, subscription_id in Delivery.subscriptions.through.objects.filter(
        delivery_id__in=[pk for digest in digests for pk in digest.delivery_ids]
    ).values_list("delivery_id", "subscription_id"):
        subscriptions[delivery_id].add(subscription_id)
    reasons = DocumentReasons(user_ids, document_ids)
    base = site_base_url()
    sent, failed = [], []
    connection = None
    for digest in digests:
        docs = [documents[pk] for pk in digest.document_ids if pk in documents]
        try:
            if digest.channel == Channel.EMAIL:
                connection = connection or get_connection()
                ids = {s for pk in digest.delivery_ids for s in subscriptions[pk]}
                message = _email(
                    accounts.get(digest.user_id), docs, base, ids, digest.user_id, reasons
                )
                message.connection = connection
                message.send()
            else:
                subscriber = subscribers.get(digest.user_id)
                if subscriber is None or not subscriber.webhook_url:
                    raise PermanentDeliveryError(_("未设置 Webhook 地址。"))
                payload = _payload(docs, base, accounts.get(digest.user_id), digest.user_id,
                                   reasons)  # fmt: skip
                post_webhook(subscriber.webhook_url, subscriber.webhook_secret, payload)
        except Exception as error:  # any failure of one message is that message's: retried
            permanent = isinstance(error, PermanentDeliveryError)
            failed.append((digest, _error_text(error), permanent))
            report.failed_messages += 1
            continue
        sent.extend(digest.delivery_ids)
        report.messages += 1
        report.deliveries += len(digest.delivery_ids)
    if connection is not None:
        connection.close()
    _record_outcome(sent, failed)


def _error_text(error: Exception) -> str:
    return (str(error) or type(error).__name__)[:500]


def _record_outcome(sent: list[int], failed: list[tuple[rules.Digest, str, bool]]) -> None:
    from gongkai.subscriptions.tasks import retry_deliveries

    now = timezone.now()
    for ids in _chunks(sent, BATCH_SIZE):
        Delivery.objects.filter(pk__in=ids).update(
            state=DeliveryState.SENT, sent_at=now, last_error="", next_attempt_at=None
        )
    for digest, error, permanent in failed:
        rows = Delivery.objects.filter(pk__in=digest.delivery_ids)
        attempts = max(rows.values_list("attempts", flat=True), default=0) + 1
        next_at = None if permanent else rules.next_attempt(attempts, now)
        rows.update(
            attempts=attempts,
            last_error=error,
            next_attempt_at=next_at,
            state=DeliveryState.FAILED if next_at is None else DeliveryState.RETRYING,
        )
        if next_at is not None:
            user_id, channel = digest.user_id, digest.channel
            transaction.on_commit(
                lambda u=user_id, c=channel, at=next_at: retry_deliveries.using(
                    run_after=at
                ).enqueue(u, c),
                robust=True,
            )


def _document_entry(document, base: str) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "title_en": document.title_en,
        "doc_number": document.doc_number,
        "department": document.department.name,
        "published_on": document.published_on.isoformat() if document.published_on else None,
        "url": base + document.get_absolute_url(),
    }


def _payload(documents, base: str, account, user_id: int, reasons) -> dict:
    """The webhook's JSON: each document, and for the policies on it that the subscriber's
    enterprise meets, the explanation the e-mail gives (``reasons``: policy, then each condition
    with its state — met / not_met / unknown, and 符合 / 不符合 / 待补充 in the account's
    language — its text and its clause)."""
    language = account.language if account is not None else settings.LANGUAGE_CODE
    with translation.override(language):
        return {
            "documents": [
                {**_document_entry(d, base), "reasons": _webhook_reasons(reasons.of(user_id, d.pk))}
                for d in documents
            ]
        }


def _webhook_reasons(verdicts) -> list[dict]:
    return [
        {
            "policy": v.policy.pk,
            "title": v.policy.title,
            "conditions": [{**e.as_dict(), "state_label": e.state_label} for e in v.explanations],
        }
        for v in verdicts
    ]


def _reason_line(explanation) -> str:
    line = _("%(state)s：%(text)s") % {"state": explanation.state_label,
                                      "text": explanation.text}  # fmt: skip
    clause = explanation.condition.clause
    return line + (_("（%(clause)s）") % {"clause": clause} if clause else "")


def _reasons(verdicts) -> list[dict]:
    """Why a document concerns the subscriber's enterprise: each policy on it that the
    enterprise meets, condition by condition with the clause (in the active language)."""
    return [
        {"policy": v.policy.title, "lines": [_reason_line(e) for e in v.explanations]}
        for v in verdicts
    ]


def _email(account, documents, base: str, subscription_ids, user_id: int, reasons):
    if account is None or account.is_deleted or not account.email:
        raise PermanentDeliveryError(_("账号没有电子邮箱。"))
    if account.email_verified_at is None:
        raise PermanentDeliveryError(_("电子邮箱尚未验证。"))
    token = unsubscribe_token(user_id, subscription_ids)
    unsubscribe_url = base + reverse("subscriptions:unsubscribe", args=[token])
    with translation.override(account.language):
        context = {
            "documents": [
                {**_document_entry(d, base), "reasons": _reasons(reasons.of(user_id, d.pk))}
                for d in documents
            ],
            "unsubscribe_url": unsubscribe_url,
            "manage_url": base + reverse("subscriptions:manage"),
        }
        subject = render_to_string("subscriptions/mail/documents_subject.txt", context)
        body = render_to_string("subscriptions/mail/documents.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        to=[account.email],
        headers=unsubscribe_headers(unsubscribe_url),
    )


def _chunks(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
