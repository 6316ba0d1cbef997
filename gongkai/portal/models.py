from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from gongkai.core.pagecache import mark_public, obj_tag


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
        # (gongkai.portal.receivers).
        mark_public(request, obj_tag(self))
        return super().serve(request, *args, **kwargs)

    class Meta:
        verbose_name = pgettext_lazy("model", "政府信息公开指南")
        verbose_name_plural = pgettext_lazy("models", "政府信息公开指南")
