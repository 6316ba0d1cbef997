from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from gongkai.core.pagecache import mark_public, obj_tag
from gongkai.disclosure.outcomes import CHANNEL_LIST
from gongkai.documents.pagetags import DOCUMENT_LISTS


class GuidePage(Page):
    """政府信息公开指南: how to obtain government information, edited in the back office.

    A Wagtail page (served under /pages/…) because it is editorial text with drafts and
    revisions; the portal's /guide/ address redirects to the live one.
    """

    title_en = models.CharField(_("英文标题"), max_length=255, blank=True)
    body = RichTextField(_("正文"))
    body_en = RichTextField(_("英文正文"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("title_en"),
        FieldPanel("body_en"),
    ]
    subpage_types: list[str] = []
    template = "portal/guide_page.html"

    def serve(self, request, *args, **kwargs):
        # Public and cached for anonymous visitors; publishing or unpublishing drops it
        # (gongkai.portal.receivers), and so does any change of what its generated sections
        # show: a department (renamed, its contact details), a document published or
        # withdrawn, a topic or kind.
        mark_public(request, obj_tag(self), *DOCUMENT_LISTS)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """The editorial text, and the sections generated from the library (条例 art. 12):
        the bodies handling disclosure, the classes of information with their counts, how to
        request, and when this was generated (the page is rendered again after each change)."""
        from gongkai.portal.selectors import guide_sections  # selectors read GuidePage

        context = super().get_context(request, *args, **kwargs)
        context["generated"] = guide_sections()
        context["generated_at"] = timezone.now()
        context["channels"] = CHANNEL_LIST
        return context

    class Meta:
        verbose_name = pgettext_lazy("model", "政府信息公开指南")
        verbose_name_plural = pgettext_lazy("models", "政府信息公开指南")
