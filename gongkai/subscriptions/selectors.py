"""Reads of 政策订阅 for the pages and the feed."""

from gongkai.documents.selectors import public_documents
from gongkai.subscriptions.models import Channel, Criterion, Delivery, Subscriber, Subscription

FEED_LENGTH = 50
DELIVERIES_SHOWN = 50


def subscriber_by_feed_key(key: str) -> Subscriber | None:
    return Subscriber.objects.filter(feed_key=key).first() if key else None


def feed_documents(user_id: int):
    """The public documents delivered to the user's feed, newest delivery first."""
    delivered = Delivery.objects.filter(user_id=user_id, channel=Channel.FEED)
    return (
        public_documents()
        .filter(pk__in=delivered.values("document_id"))
        .select_related("department", "doc_type")
        .order_by("-published_on", "-id")[:FEED_LENGTH]
    )


def mails_new_matches(user) -> bool:
    """Whether the user has new policies they match (政策通) mailed to them."""
    return Subscription.objects.filter(
        user=user, criterion=Criterion.MATCHED, channel=Channel.EMAIL
    ).exists()


def subscriptions_of(user):
    return Subscription.objects.filter(user=user).select_related("department", "topic", "doc_type")


def deliveries_of(user):
    return (
        Delivery.objects.filter(user=user)
        .select_related("document")
        .order_by("-created_at", "-id")[:DELIVERIES_SHOWN]
    )
