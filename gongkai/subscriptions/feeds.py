"""The private Atom feed of one subscriber: the documents delivered on the feed channel. Its
address holds the subscriber's secret key (renewable on the subscriptions page)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.portal.feeds import DocumentAtomFeed
from gongkai.subscriptions import selectors


class PrivateFeed(DocumentAtomFeed):
    def get_object(self, request, key):
        subscriber = selectors.subscriber_by_feed_key(key)
        if subscriber is None:
            raise Http404
        return subscriber

    def title(self, obj=None):
        return _("我的政策订阅")

    def subtitle(self, obj=None):
        return _("按您的订阅条件推送的新发布政策文件。")

    description = subtitle

    def link(self, obj=None):
        return reverse("subscriptions:manage")

    def items(self, obj=None):
        return selectors.feed_documents(obj.user_id)
