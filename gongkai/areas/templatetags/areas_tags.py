"""How the 财政预决算 tables and 政府债务 amounts read on the portal."""

from django import template

from gongkai.areas import rules

register = template.Library()


@register.filter
def cell(value) -> str:
    """A table cell as stored (``gongkai.areas.tables.cell_value``): amounts with two decimals,
    an empty cell blank."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


@register.filter
def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@register.filter
def amount(value) -> str:
    return rules.amount_text(value)
