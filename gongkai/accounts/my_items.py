"""The extension point of the "my items" page (我的办件): each app lists what a citizen did there.

An app registers a provider in its ``AppConfig.ready()``::

    from gongkai.accounts.my_items import MyItem, register_provider

    def my_comments(user):
        return [MyItem(kind=_("意见"), title=..., url=..., status=..., when=..., note=...)
                for comment in comments_of(user)]

    register_provider("consultations", _("意见建议"), my_comments, order=10)

The page shows one section per provider with at least one item, in ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class MyItem:
    title: str
    url: str
    status: str
    when: date | datetime
    reference: str = ""  # tracking number
    note: str = ""  # e.g. why a comment was not published


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    items: Callable[[object], list[MyItem]]
    order: int = 100


_providers: dict[str, Provider] = {}


def register_provider(
    key: str, label: str, items: Callable[[object], list[MyItem]], *, order: int = 100
) -> None:
    """Registering the same key again replaces the provider."""
    _providers[key] = Provider(key=key, label=label, items=items, order=order)


def sections_for(user) -> list[tuple[Provider, list[MyItem]]]:
    """Each provider with the items of ``user``, in order; providers with no item are left out."""
    sections = []
    for provider in sorted(_providers.values(), key=lambda p: (p.order, p.key)):
        items = provider.items(user)
        if items:
            sections.append((provider, items))
    return sections
