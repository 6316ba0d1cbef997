"""Every list reads a fixed number of queries, whatever its length (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.api.selectors import search_documents
from gongkai.core import pagecache
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag
from gongkai.core.roles import Role
from gongkai.documents.classification_cache import classifications
from gongkai.documents.models import (
    Document,
    DocumentKind,
    InterpretationForm,
    RelationKind,
    Topic,
)
from gongkai.search.services import search_index_rebuild
from gongkai.search.types import SearchQuery
from tests import factories

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/documents",
    "/api/documents?format=csv",
    "/api/documents?q=通知",
    "/api/documents/search?q=通知",
    "/api/documents/withdrawn",
    "/api/interpretations",
    "/api/interpretations?format=csv",
    "/api/departments",
    "/api/topics",
    "/api/doc-types",
]


def grow_library(count: int) -> None:
    """``count`` documents, each joint, with two topics, an interpretation of two forms and a
    relation to the one before; every other one withdrawn."""
    parent = factories.make_topic(name=f"上级{count}")
    reviewer = factories.make_user(role=Role.REVIEWER)
    previous = None
    for number in range(count):
        department, partner = factories.make_department(), factories.make_department()
        document = factories.make_document(
            department=department,
            issuers=[department, partner],
            topics=[parent, factories.make_topic(parent=parent)],
            relations=[(RelationKind.BASED_ON, previous)] if previous else [],
            doc_type=factories.make_kind(name="通知", needs_interpretation=False),
        )
        factories.make_interpretation(
            documents=[document],
            forms=[
                InterpretationForm(kind="text", text="<p>解读</p>"),
                InterpretationForm(kind="chart"),
            ],
        )
        if number % 2:
            factories.withdraw_document(document, user=reviewer)
        previous = document
    search_index_rebuild()
    # The factories make departments, topics and kinds directly; the back office's snippet
    # hooks would drop the cached lists showing them.
    pagecache.invalidate(list_tag(Department), list_tag(Topic), list_tag(DocumentKind))


def queries(api, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url + ("&" if "?" in url else "?") + "limit=100")
        assert response.status_code == 200, response.content
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


def test_lists_read_the_same_number_of_queries_for_3_and_20_items(api):
    grow_library(3)
    few = {url: queries(api, url) for url in LISTS}
    grow_library(17)
    many = {url: queries(api, url) for url in LISTS}
    assert many == few
    # The PostgreSQL search backend's own queries (count, hits, facets) are included.
    assert max(few.values()) <= 10, few


def test_a_page_of_20_search_hits_reads_their_issuers_and_topics_in_two_queries(
    api, django_assert_num_queries
):
    """The search service reads the documents of a page of hits in one query and their issuers
    and topics in another (issue 7 §4), and gives the same documents as the list."""
    first, second, third = (
        factories.make_department(name=name, sort_order=order)
        for name, order in (("规划建设局", 2), ("财政局", 1), ("党政办公室", 1))
    )
    parent = factories.make_topic(name="经济")
    child = factories.make_topic(name="工业", parent=parent)
    for number in range(21):
        department = (first, second, third)[number % 3]
        factories.make_document(
            department=department,
            issuers=[department, (first, second, third)[(number + 1) % 3]],
            topics=[[], [child], [child, parent]][number % 3],
            title=f"关于第{number}项工作的通知",
        )
    search_index_rebuild()
    classifications()  # departments, kinds and topics: read once per process, until one changes
    with django_assert_num_queries(2):
        results, documents = search_documents(SearchQuery(text="通知", page_size=20))
    assert len(results.hits) == 20 and set(documents) == {hit.id for hit in results.hits}
    for pk, document in documents.items():
        stored = Document.objects.get(pk=pk)
        assert list(document.issuers) == list(stored.issuers.all())
        assert list(document.topics) == list(stored.topics.all())
    hits = api.get("/api/documents/search", {"q": "通知", "limit": 20}).json()["items"]
    listed = api.get("/api/documents", {"limit": 100}).json()["items"]
    by_id = {item["id"]: item for item in listed}
    assert len(hits) == 20
    assert [hit["document"] for hit in hits] == [by_id[hit["id"]] for hit in hits]
    assert {len(hit["document"]["topics"]) for hit in hits} == {0, 1, 2}
