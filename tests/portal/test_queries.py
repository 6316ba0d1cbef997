"""Every page reads a fixed number of queries, whatever the number of items it shows (no N+1)."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core.pagecache.counting import view_counter
from gongkai.documents.classification_cache import classifications
from gongkai.documents.models import InterpretationForm, RelationKind
from gongkai.portal.selectors import filter_options
from gongkai.search import get_backend
from gongkai.search.services import search_index_rebuild
from gongkai.search.types import SearchQuery
from tests import factories

pytestmark = pytest.mark.django_db

SIZES = [3, 20]
# Queries per page. The same whether the page shows 3 or 20 items; a change here needs a reason.
EXPECTED_QUERIES = {
    "home": 5,
    "library": 3,
    "library_filtered": 4,
    # The document, its attachments, its issuers' and topics' ids (one statement), its
    # interpretations, its relations both ways, its citations both ways (上位依据, 下位落实).
    "document": 6,
    "interpretations": 4,
    "interpretation": 4,
    "search": 2,  # plus the backend's own (none for tantivy, a few for PostgreSQL)
    "catalogue": 4,
    "catalogue_csv": 3,
    "feed": 2,
    "department_feed": 3,
    "sitemap": 8,
    "sitemap_documents": 2,
}


@pytest.fixture
def shelf(request):
    """``request.param`` documents, each issued jointly by two departments with two topics and an
    attachment; the first cites all the others and they all amend it; as many interpretations of
    the first, one of them with as many forms and interpreting every document."""
    count = request.param
    office, finance = factories.make_department(), factories.make_department()
    parent = factories.make_topic()
    topics = [factories.make_topic(parent=parent), factories.make_topic()]
    kind = factories.make_kind(name="通知", needs_interpretation=False)
    documents = [
        factories.make_document(
            department=office,
            issuers=[office, finance],
            doc_type=kind,
            topics=topics,
            title=f"萤火虫保护通知{number}",
            attachments=[factories.make_attachment(title=f"附件{number}")],
        )
        for number in range(count)
    ]
    first = documents[0]
    for other in documents[1:]:
        factories.make_relation(source=first, kind=RelationKind.BASED_ON, target=other)
        factories.make_relation(source=other, kind=RelationKind.AMENDS, target=first)
    charts = [
        InterpretationForm(kind="chart", caption="图", file=ContentFile(b"x", name=f"{n}.png"))
        for n in range(count)
    ]
    interpretations = [factories.make_interpretation(documents=documents, forms=charts)]
    interpretations += [factories.make_interpretation(documents=[first]) for _ in range(count - 1)]
    search_index_rebuild()
    cache.clear()  # Wagtail caches site roots; start each count cold
    # Departments, kinds and topics are read once per process until one changes, not per page;
    # the filter choices once until a public document or one of those changes
    # (test_filter_options.py).
    classifications()
    filter_options()
    return {
        "documents": documents,
        "interpretations": interpretations,
        "office": office,
        "topic": parent,
    }


def urls(shelf) -> dict[str, str]:
    first, interpretation = shelf["documents"][0], shelf["interpretations"][0]
    return {
        "home": "/",
        "library": "/documents/",
        "library_filtered": f"/documents/?department={shelf['office'].pk}&topic={shelf['topic'].pk}&sort=views",
        "document": f"/documents/{first.pk}/",
        "interpretations": "/interpretations/",
        "interpretation": f"/interpretations/{interpretation.pk}/",
        "search": "/search/?q=萤火虫",
        "catalogue": "/catalogue/",
        "catalogue_csv": "/catalogue.csv",
        "feed": "/feeds/rss/",
        "department_feed": f"/feeds/department/{shelf['office'].pk}/atom/",
        "sitemap": "/sitemap.xml",
        "sitemap_documents": "/sitemap-documents.xml",
    }


def backend_queries(text: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        get_backend().search(SearchQuery(text=text))
    return len(captured.captured_queries)


@pytest.mark.parametrize("shelf", SIZES, indirect=True)
def test_query_count_does_not_grow_with_items(client, django_assert_num_queries, shelf, settings):
    # Each page rendered once (not yet in the page cache); views counted in memory.
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600
    expected = {**EXPECTED_QUERIES}
    expected["search"] += backend_queries("萤火虫")
    for page, url in urls(shelf).items():
        with django_assert_num_queries(expected[page], info=page):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, page
    view_counter.flush()  # into this test's database, not a later one's
