"""Facet counts of a search, turned into labelled filter links (plain links: no JS needed)."""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Disclosure, Validity
from gongkai.portal.localize import localized
from gongkai.portal.selectors import FilterOptions

FACET_LABELS = {
    "department": _("发文机关"),
    "year": _("年份"),
    "doc_type": _("公文种类"),
    "topic": _("主题分类"),
    "validity": _("有效性"),
    "disclosure": _("公开属性"),
}


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    links: list[FacetLink]


def facet_groups(
    facets: dict[str, dict[str, int]], options: FilterOptions, params: QueryDict
) -> list[FacetGroup]:
    """One group per facet with counts; each link sets that filter (or clears it when selected)."""
    names = _value_names(options)
    groups = []
    for name, label in FACET_LABELS.items():
        counts = facets.get(name) or {}
        # Years newest first; other values by count, most first.
        ordered = sorted(counts.items(), key=_facet_order(name), reverse=name == "year")
        links = [
            _link(name, value, names[name].get(value, value), count, params)
            for value, count in ordered
        ]
        if links:
            groups.append(FacetGroup(name=name, label=str(label), links=links))
    return groups


def _facet_order(name):
    if name == "year":
        return lambda item: item[0]
    return lambda item: -item[1]


def _link(name: str, value: str, label: str, count: int, params: QueryDict) -> FacetLink:
    query = params.copy()
    query.pop("page", None)
    selected = query.get(name) == value
    if selected:
        query.pop(name)
    else:
        query[name] = value
    return FacetLink(label=str(label), count=count, url=f"?{query.urlencode()}", selected=selected)


def _value_names(options: FilterOptions) -> dict[str, dict[str, str]]:
    """Facet values are ids and codes; these are the names people read."""
    return {
        "department": {str(d.pk): localized(d, "name") for d in options.departments},
        "year": {},
        "doc_type": {kind.name: localized(kind, "name") for kind in options.kinds},
        "topic": {str(item.topic.pk): localized(item.topic, "name") for item in options.topics},
        "validity": dict(Validity.choices),
        "disclosure": dict(Disclosure.choices),
    }
