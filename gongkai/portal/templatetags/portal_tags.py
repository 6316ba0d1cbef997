from django import template
from django.conf import settings
from django.urls import reverse

from gongkai.portal.display import is_large_text
from gongkai.portal.localize import (
    joined_names,
    label_colon,
    list_separator,
    localized,
    localized_language,
    summary_text,
)

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """{{ department|tr:"name" }}: the English name in the English UI when there is one."""
    return localized(obj, field)


@register.filter
def tr_lang(obj, field: str) -> str:
    """{{ document|tr_lang:"title" }}: the language of what ``tr`` shows (for lang="…")."""
    return localized_language(obj, field)


@register.filter
def summary(document) -> str:
    """{{ document|summary }}: 内容概述, or the start of the body when none was entered."""
    return summary_text(document)


@register.simple_tag(takes_context=True)
def large_text(context) -> bool:
    """Whether the visitor chose the large-text, high-contrast mode (适老化)."""
    return is_large_text(context.get("request"))


@register.filter
def names(departments) -> str:
    """{{ document.issuers.all|names }}: the names joined with 、 (a comma in English)."""
    return joined_names(departments)


@register.simple_tag
def list_sep() -> str:
    return list_separator()


@register.simple_tag
def colon() -> str:
    """{% trans "发布时间" %}{% colon %}: 发布时间： in Chinese, "Published: " in English."""
    return label_colon()


SECTIONS = {
    "home": "home",
    "document_list": "documents",
    "document_detail": "documents",
    "interpretation_list": "interpretations",
    "interpretation_detail": "interpretations",
    "search": "search",
    "catalogue": "catalogue",
    "wagtail_serve": "guide",
}
# Apps with pages of their own are one navigation entry each.
NAMESPACE_SECTIONS = {
    "disclosure": "requests",
    "execution": "execution",
    "reports": "reports",
    "enforcement": "enforcement",
    "enterprise": "enterprise",
    "consultations": "consultations",
    "interaction": "interaction",
    "audio": "audio",
    "areas": "services",
}


@register.simple_tag(takes_context=True)
def current_section(context) -> str:
    """Which main navigation entry the page belongs to (marked aria-current)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return SECTIONS.get(match.url_name) or NAMESPACE_SECTIONS.get(match.namespace, "")


@register.simple_tag
def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def file_url(context, file) -> str:
    """Where an uploaded file is read: /media/ on a public page; in a preview (a draft, whose
    files are not public yet) the staff view."""
    if context.get("preview"):
        return reverse("core_media_staff", args=[file.name])
    return file.url
