"""The podcast of 每日一听: RSS 2.0, one episode a day with its sound as the enclosure."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audio import selectors
from gongkai.core.siteurl import site_base_url


class PodcastFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        # Enclosures need absolute addresses (the page cache keys on the host). The feed object
        # is shared by every request, so the address travels with the items, not on ``self``.
        return site_base_url(request)

    def title(self):
        return _("每日一听")

    def description(self):
        return _("每天约十分钟，收听前一天新发布的政策文件和政策解读。")

    def link(self):
        return reverse("audio:latest")

    def items(self, base_url):
        episodes = list(selectors.podcast_episodes())
        for episode in episodes:
            episode.enclosure_url = base_url + episode.file.url
        return episodes

    def item_title(self, item):
        return _("每日一听 %(day)s") % {"day": item.day.isoformat()}

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return reverse("audio:day", args=[item.day.year, item.day.month, item.day.day])

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.day, time(6, 30)))

    def item_enclosure_url(self, item):
        return item.enclosure_url

    def item_enclosure_length(self, item):
        return item.size

    def item_enclosure_mime_type(self, item):
        return item.media_type
