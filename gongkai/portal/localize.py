"""Which of a record's Chinese or English fields to show in the current UI language."""

from django.utils.text import Truncator
from django.utils.translation import get_language, pgettext

SUMMARY_CHARS = 120


def localized(obj, field: str) -> str:
    """``obj.<field>_en`` when the UI is English and it is filled in, else ``obj.<field>``."""
    if obj is None:
        return ""
    return getattr(obj, _shown_field(obj, field), "")


def localized_language(obj, field: str) -> str:
    """The language of what localized() shows, for the lang attribute around it."""
    return "en" if _shown_field(obj, field).endswith("_en") else "zh-hans"


def _shown_field(obj, field: str) -> str:
    if (get_language() or "").lower().startswith("en") and getattr(obj, f"{field}_en", ""):
        return f"{field}_en"
    return field


def summary_text(document, chars: int = SUMMARY_CHARS) -> str:
    """内容概述: the summary entered, else the start of the body."""
    return localized(document, "summary") or Truncator(document.body_text).chars(chars)


def list_separator() -> str:
    """、 between items of a Chinese list, a comma in English."""
    return pgettext("list separator", "、")


def label_colon() -> str:
    """The colon after a label: full-width in Chinese (标签：), ": " in English."""
    return pgettext("label colon", "：")


def joined_names(items, field: str = "name") -> str:
    return list_separator().join(localized(item, field) for item in items)
