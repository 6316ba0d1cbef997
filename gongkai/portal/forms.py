"""GET forms of the portal: they validate the query string and render labelled controls.

A bad value in one field (a hand-edited URL) is dropped with a message; the others still apply.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Disclosure, Validity
from gongkai.portal.localize import localized
from gongkai.portal.selectors import DEFAULT_SORT, DocumentFilters, FilterOptions
from gongkai.search.types import SearchQuery

MAX_QUERY_LENGTH = 200
INDENT = "\u3000"  # ideographic space: shows a topic's depth inside a <select>


def _optional_int(label):
    return forms.TypedChoiceField(label=label, coerce=int, required=False, empty_value=None)


def _with_all(choices) -> list:
    return [("", _("全部")), *choices]


class GetForm(forms.Form):
    def __init__(self, data):
        super().__init__(data, label_suffix="")

    def valid_data(self) -> dict:
        """The fields that passed validation and were filled in."""
        self.is_valid()
        for name in self.errors:
            if name in self.fields:  # screen readers read the message with the field
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "")}


class FilterForm(GetForm):
    """Fields and choices shared by the library filter and the search page."""

    department = _optional_int(_("发文机关"))
    year = _optional_int(_("年份"))
    topic = _optional_int(_("主题分类"))
    validity = forms.ChoiceField(label=_("有效性"), required=False)
    # Only proactively disclosed documents are public, so that is the one value offered.
    disclosure = forms.ChoiceField(label=_("公开属性"), required=False)

    def __init__(self, data, *, options: FilterOptions):
        super().__init__(data)
        self.options = options
        self.fields["department"].choices = _with_all(
            (department.pk, localized(department, "name")) for department in options.departments
        )
        self.fields["year"].choices = _with_all((year, str(year)) for year in options.years)
        self.fields["topic"].choices = _with_all(
            (item.topic.pk, INDENT * item.depth + localized(item.topic, "name"))
            for item in options.topics
        )
        self.fields["validity"].choices = _with_all(Validity.choices)
        self.fields["disclosure"].choices = _with_all(
            [(Disclosure.PROACTIVE, Disclosure.PROACTIVE.label)]
        )


class DocumentFilterForm(FilterForm):
    doc_type = _optional_int(_("公文种类"))
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[
            ("newest", _("最新发布")),
            ("oldest", _("最早发布")),
            ("title", _("标题")),
            ("views", _("浏览量")),
        ],
    )
    field_order = ["department", "year", "doc_type", "topic", "validity", "disclosure", "sort"]

    def __init__(self, data, *, options: FilterOptions):
        super().__init__(data, options=options)
        self.fields["doc_type"].choices = _with_all(
            (kind.pk, localized(kind, "name")) for kind in options.kinds
        )

    def filters(self) -> DocumentFilters:
        data = self.valid_data()
        data.setdefault("sort", DEFAULT_SORT)
        return DocumentFilters(**data)

    def narrowing_count(self) -> int:
        """How many filters narrow the list (the sort order does not): shown on the closed panel."""
        return len(self.valid_data().keys() - {"sort"})


class SearchForm(FilterForm):
    """The search page. The index knows a document's kind by name, so doc_type is a name here."""

    q = forms.CharField(label=_("检索词"), required=False, strip=True)
    doc_type = forms.ChoiceField(label=_("公文种类"), required=False)
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[("relevance", _("相关度")), ("newest", _("最新发布")), ("oldest", _("最早发布"))],
    )
    field_order = ["q", "department", "year", "doc_type", "topic", "validity", "disclosure", "sort"]

    def __init__(self, data, *, options: FilterOptions):
        super().__init__(data, options=options)
        self.fields["doc_type"].choices = _with_all(
            (kind.name, localized(kind, "name")) for kind in options.kinds
        )
        self.truncated = False

    def clean_q(self) -> str:
        """A pasted page of text is cut to its start rather than refused."""
        text = self.cleaned_data["q"]
        if len(text) > MAX_QUERY_LENGTH:
            self.truncated = True
            text = text[:MAX_QUERY_LENGTH]
        return text

    def search_query(self, *, page: int, page_size: int) -> SearchQuery:
        data = self.valid_data()
        return SearchQuery(
            text=data.pop("q", ""),
            sort=data.pop("sort", "relevance"),
            page=page,
            page_size=page_size,
            **data,
        )


class CatalogueFilterForm(GetForm):
    """The catalogue's classes (条例 art. 12 分类): issuing body, topic, kind, year generated."""

    department = _optional_int(_("发文机关"))
    topic = _optional_int(_("主题分类"))
    doc_type = _optional_int(_("公文种类"))
    year = _optional_int(_("生成年份"))

    def __init__(self, data, *, options: FilterOptions, years):
        super().__init__(data)
        self.fields["department"].choices = _with_all(
            (department.pk, localized(department, "name")) for department in options.departments
        )
        self.fields["topic"].choices = _with_all(
            (item.topic.pk, INDENT * item.depth + localized(item.topic, "name"))
            for item in options.topics
        )
        self.fields["doc_type"].choices = _with_all(
            (kind.pk, localized(kind, "name")) for kind in options.kinds
        )
        self.fields["year"].choices = _with_all((year, str(year)) for year in years)
