"""RSS 2.0 and Atom feeds of newly published documents: all, per department, per topic."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.core.models import Department
from gongkai.core.pagecache import obj_tag, tag
from gongkai.documents.models import Topic
from gongkai.portal import selectors
from gongkai.portal.localize import localized, summary_text


class DocumentFeed(Feed):
    """The newest public documents (RSS 2.0)."""

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj=None):
        if obj is None:
            return _("政策文件库：最新文件")
        return _("政策文件库：%(name)s") % {"name": localized(obj, "name")}

    def link(self, obj=None):
        return reverse("portal:document_list") + self.list_query(obj)

    def list_query(self, obj) -> str:
        return ""

    def description(self, obj=None):
        return _("新发布的主动公开政策文件。")

    def items(self, obj=None):
        return selectors.feed_documents()

    def item_title(self, item):
        title = localized(item, "title")
        return f"{title}（{item.doc_number}）" if item.doc_number else title

    def item_description(self, item):
        return summary_text(item, chars=300)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        if item.published_on is None:
            return None
        return timezone.make_aware(datetime.combine(item.published_on, time.min))

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return localized(item.department, "name")

    def item_categories(self, item):
        return [localized(item.doc_type, "name")]


class DocumentAtomFeed(DocumentFeed):
    feed_type = Atom1Feed
    subtitle = DocumentFeed.description


class DepartmentFeed(DocumentFeed):
    """Documents drafted or issued by one department."""

    def get_object(self, request, pk):
        department = get_object_or_404(Department, pk=pk)
        tag(request, obj_tag(department))
        return department

    def list_query(self, obj) -> str:
        return f"?department={obj.pk}"

    def items(self, obj=None):
        return selectors.feed_documents(department=obj)


class DepartmentAtomFeed(DepartmentFeed):
    feed_type = Atom1Feed
    subtitle = DocumentFeed.description


class TopicFeed(DocumentFeed):
    """Documents of one topic and the topics under it."""

    def get_object(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug)
        tag(request, obj_tag(topic))
        return topic

    def list_query(self, obj) -> str:
        return f"?topic={obj.pk}"

    def items(self, obj=None):
        return selectors.feed_documents(topic=obj)


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed
    subtitle = DocumentFeed.description
