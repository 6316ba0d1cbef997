from django import template

from gongkai.core.language import in_ui_language

register = template.Library()


@register.filter
def in_language(message, prefix: str = ""):
    """A rule's message in the reader's language: ``{{ problem|in_language }}`` reads
    ``problem.zh``/``problem.en``, ``{{ problem|in_language:"message" }}`` reads
    ``message_zh``/``message_en``."""
    stem = f"{prefix}_" if prefix else ""
    return in_ui_language(getattr(message, f"{stem}zh", ""), getattr(message, f"{stem}en", ""))
