"""One language on screen: the pure rules give each message in Chinese and English (they are
ORM- and Django-free, and the API answers in both), a page shows the one the user reads."""

from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "").lower().startswith("en")


def in_ui_language(zh: str, en: str) -> str:
    """``en`` when the active UI language is English, else ``zh`` (Chinese is the default)."""
    return en if is_english() and en else zh
