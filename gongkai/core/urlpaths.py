"""The address of an object's page from its id, without a reverse() per object (issue 7).

reverse() cost 25–70 µs of processor per call, and a list, a search page, a feed or the
sitemap asks it for each row's get_absolute_url(). The address of a page whose one argument is
an integer id changes only by that id: reverse_id() reverses the route once with a placeholder
id, keeps the text on either side, and puts each id between them. What reverse() depends on is
part of the memo's key (the script prefix a deployment under a sub-path, SCRIPT_NAME, sets per
request; a request's own urlconf) or empties it (any changed setting, e.g. ROOT_URLCONF in
tests).
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# Reversed in place of the id: any digits would do, these are unlikely to appear elsewhere in
# an address, and an address holding them twice is reversed per call instead.
_PLACEHOLDER = "7302958164"

_around: dict[tuple[str, str, object], tuple[str, str] | None] = {}


def reverse_id(viewname: str, pk: int) -> str:
    """reverse(viewname, args=[pk]) for a route taking one non-negative integer."""
    if type(pk) is not int or pk < 0:
        return reverse(viewname, args=[pk])
    key = (viewname, get_script_prefix(), get_urlconf())
    try:
        around = _around[key]
    except KeyError:
        around = _around[key] = _split(viewname, key[2])
    if around is None:
        return reverse(viewname, args=[pk])
    return f"{around[0]}{pk}{around[1]}"


def _split(viewname: str, urlconf) -> tuple[str, str] | None:
    address = reverse(viewname, urlconf=urlconf, args=[int(_PLACEHOLDER)])
    if address.count(_PLACEHOLDER) != 1:
        return None
    head, _placeholder, tail = address.partition(_PLACEHOLDER)
    return head, tail


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    _around.clear()
