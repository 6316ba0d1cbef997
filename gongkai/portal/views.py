"""The public site's pages. Reads go through gongkai.portal.selectors, writes through services."""

import csv
import tempfile

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from gongkai.api.csv_export import cell_text
from gongkai.core.addresses import client_address
from gongkai.core.pagecache import count_view, list_tag, obj_tag, public_page, tag
from gongkai.documents.pagetags import DOCUMENT_LISTS, INTERPRETATION_LISTS, document_page_tags
from gongkai.documents.selectors import public_document_detail
from gongkai.portal import selectors
from gongkai.portal.display import COOKIE_MAX_AGE, DISPLAY_COOKIE, DISPLAY_MODES
from gongkai.portal.facets import facet_groups
from gongkai.portal.forms import (
    MAX_QUERY_LENGTH,
    CatalogueFilterForm,
    DocumentFilterForm,
    SearchForm,
)
from gongkai.portal.localize import joined_names, localized, summary_text
from gongkai.portal.models import GuidePage
from gongkai.search.limits import SEARCHES
from gongkai.search.query import MAX_TERMS, terms_cut

PAGE_SIZE = 20
MAX_SEARCH_PAGE = 500  # deeper pages help no reader and cost the index


@require_safe
@public_page(*DOCUMENT_LISTS, *INTERPRETATION_LISTS)
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "documents": selectors.latest_documents(),
            "interpretations": selectors.latest_interpretations(),
        },
    )


@require_safe
@public_page(*DOCUMENT_LISTS)
def document_list(request):
    form = DocumentFilterForm(request.GET, options=selectors.filter_options())
    documents = selectors.document_list(form.filters())
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/document_list.html",
        {"form": form, "page_obj": page, "active_filters": form.narrowing_count()},
    )


@require_safe
@public_page()
def document_detail(request, pk: int):
    document = public_document_detail(pk)
    if document is None:
        raise Http404
    tag(request, obj_tag(document))
    if document.withdrawn_at is not None:
        return render(request, "portal/document_withdrawn.html", {"document": document}, status=410)
    count_view(request, "document", document.pk)
    document.view_count += 1  # this visit, counted (written to the database within seconds)
    context = selectors.document_page_context(document, language=request.GET.get("lang"))
    tag(request, *document_page_tags(document))
    tag(request, *(obj_tag(item) for item in context["interpretations"]))
    tag(request, *(obj_tag(related.document) for related in context["relations"]))
    tag(request, *(obj_tag(related.document) for related in context["related_by"]))
    return render(request, "portal/document_detail.html", context)


@require_safe
@public_page(*INTERPRETATION_LISTS)
def interpretation_list(request):
    page = Paginator(selectors.interpretation_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/interpretation_list.html", {"page_obj": page})


@require_safe
@public_page()
def interpretation_detail(request, pk: int):
    interpretation = selectors.public_interpretation(pk)
    if interpretation is None:
        raise Http404
    count_view(request, "interpretation", interpretation.pk)
    interpretation.view_count += 1
    context = selectors.interpretation_page_context(
        interpretation, language=request.GET.get("lang")
    )
    tag(request, obj_tag(interpretation), obj_tag(interpretation.department))
    tag(request, *(obj_tag(document) for document in context["documents"]))
    return render(request, "portal/interpretation_detail.html", context)


@require_safe
def search(request):
    if not SEARCHES.hit(client_address(request)):
        return _search_rate_limited(request)
    options = selectors.filter_options()
    form = SearchForm(request.GET, options=options)
    page_number = _page_number(request.GET.get("page"), maximum=MAX_SEARCH_PAGE)
    query = form.search_query(page=page_number, page_size=PAGE_SIZE)
    found = selectors.search_documents(query)
    pages = max(1, -(-found.results.total // PAGE_SIZE))
    # A typo finds nothing, or only documents with some of the words: offer the nearest spelling.
    near_miss = bool(query.text) and (found.results.total == 0 or found.results.some_words_only)
    return render(
        request,
        "portal/search.html",
        {
            "form": form,
            "query": query,
            "results": found.results,
            "items": found.items,
            "facets": facet_groups(found.results.facets, options, request.GET),
            "page_number": page_number,
            "first_rank": query.offset + 1,
            "max_query_length": MAX_QUERY_LENGTH,
            "terms_cut": terms_cut(query.text),
            "max_terms": MAX_TERMS,
            "suggestion": selectors.spelling_suggestion(query.text) if near_miss else None,
            "filters_open": any(request.GET.get(name) for name in form.fields if name != "q"),
            "has_previous": page_number > 1,
            "has_next": page_number < min(pages, MAX_SEARCH_PAGE),
        },
    )


def _search_rate_limited(request):
    response = render(
        request,
        "portal/search_rate_limited.html",
        {"minutes": SEARCHES.window_minutes},
        status=429,
    )
    response["Retry-After"] = str(SEARCHES.window)
    return response


def _page_number(value, *, maximum: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), maximum)


def _catalogue(request):
    form = CatalogueFilterForm(
        request.GET, options=selectors.filter_options(), years=selectors.catalogue_years()
    )
    return form, selectors.catalogue_list(**form.valid_data())


@require_safe
@public_page(*DOCUMENT_LISTS)
def catalogue(request):
    form, documents = _catalogue(request)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query = query.urlencode()
    return render(
        request,
        "portal/catalogue.html",
        {
            "form": form,
            "page_obj": page,
            "csv_url": f"{reverse('portal:catalogue_csv')}?{query}",
            "xlsx_url": f"{reverse('portal:catalogue_xlsx')}?{query}",
        },
    )


class _Echo:
    """csv.writer target that hands each row back to the streaming response."""

    def write(self, value):
        return value


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _catalogue_header() -> list[str]:
    return [
        _("索引号"),
        pgettext("document", "名称"),
        _("发文字号"),
        _("发文机关"),
        _("内容概述"),
        _("生成日期"),
        _("链接"),
    ]


@require_safe
def catalogue_csv(request):
    _form, documents = _catalogue(request)
    writer = csv.writer(_Echo())
    header = _catalogue_header()

    def rows():
        yield "\ufeff"  # byte order mark: spreadsheet programs then read the file as UTF-8
        yield writer.writerow(header)
        for document in selectors.catalogue_rows(documents):
            yield writer.writerow([cell_text(value) for value in _catalogue_row(request, document)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="catalogue.csv"'
    return response


@require_safe
def catalogue_xlsx(request):
    """The same rows as the CSV in a workbook, written row by row to a temporary file (openpyxl's
    write-only mode: memory stays flat however long the catalogue)."""
    _form, documents = _catalogue(request)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("政府信息公开目录"))
    sheet.append(_catalogue_header())
    for document in selectors.catalogue_rows(documents):
        sheet.append([cell_text(value) for value in _catalogue_row(request, document)])
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    book.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename="catalogue.xlsx", content_type=XLSX_TYPE)


def _catalogue_row(request, document) -> list:
    return [
        document.index_number,
        localized(document, "title"),
        document.doc_number,
        joined_names(document.issuers.all()),
        summary_text(document),
        document.generated_on.isoformat() if document.generated_on else "",
        request.build_absolute_uri(document.get_absolute_url()),
    ]


@require_safe
@public_page(*DOCUMENT_LISTS)
def site_map(request):
    """网站地图 for readers: every section of the site and the library's columns (departments,
    kinds, topics), each a link. The XML sitemap (/sitemap.xml) is the crawlers' one."""
    return render(request, "portal/site_map.html", {"options": selectors.filter_options()})


@require_safe
@public_page(list_tag(GuidePage))
def guide(request):
    page = selectors.live_guide_page()
    if page is None:
        raise Http404
    tag(request, obj_tag(page))
    return redirect(page.get_url(request))


@require_safe
def display_mode(request):
    """Switch the large-text, high-contrast mode (适老化) and go back to the page.

    A link rather than a form: pages then carry no CSRF token and can be cached for everyone
    (the mode's cookie is part of the page cache's key)."""
    response = _back_to_page(request)
    mode = request.GET.get("mode")
    if mode in DISPLAY_MODES:
        response.set_cookie(
            DISPLAY_COOKIE,
            mode,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


@require_safe
def switch_language(request):
    """Choose the UI language (the cookie Django's set_language sets) and go back to the page.

    A link, for the same reason as display_mode; no session is needed."""
    response = _back_to_page(request)
    language = request.GET.get("language")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


def _back_to_page(request) -> HttpResponseRedirect:
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return HttpResponseRedirect(target)
