from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class GuidePage(Page):
    """政府信息公开指南: how to obtain government information, edited in the back office.

    A Wagtail page (served under /pages/…) because it is editorial text with drafts and
    revisions; the portal's /guide/ address redirects to the live one.
    """

    title_en = models.CharField(_("英文标题 English title"), max_length=255, blank=True)
    body = RichTextField(_("正文 body"))
    body_en = RichTextField(_("英文正文 English body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("title_en"),
        FieldPanel("body_en"),
    ]
    subpage_types: list[str] = []
    template = "portal/guide_page.html"

    class Meta:
        verbose_name = _("政府信息公开指南 disclosure guide")
        verbose_name_plural = _("政府信息公开指南 disclosure guides")
