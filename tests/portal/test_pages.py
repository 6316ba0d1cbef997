"""The home page and the policy library: filters, sorting, pagination, bad parameters."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in page.select(".doc-list .doc-title a")]


def test_home_lists_latest_documents_and_interpretations_and_links_sections(client, library):
    response = client.get("/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    documents = page.find("section", attrs={"aria-labelledby": "latest-documents"})
    interpretations = page.find("section", attrs={"aria-labelledby": "latest-interpretations"})
    assert [a.get_text(strip=True) for a in documents.select(".doc-title a")] == [
        library.new_rules.title,
        library.opinion_doc.title,
        library.plan.title,
        library.old_rules.title,
    ]
    assert [a.get_text(strip=True) for a in interpretations.select(".doc-title a")] == [
        library.interpretation.title
    ]
    html = response.content.decode()
    for url in (
        "/documents/",
        "/interpretations/",
        "/catalogue/",
        "/guide/",
        "/feeds/rss/",
        "/feeds/atom/",
    ):
        assert f'href="{url}"' in html
    for hidden in (library.withdrawn, library.on_request, library.draft):
        assert hidden.title not in html


def test_library_lists_only_public_documents_newest_first(client, library):
    response = client.get("/documents/")
    assert response.status_code == 200
    assert titles(response) == [
        library.new_rules.title,
        library.opinion_doc.title,
        library.plan.title,
        library.old_rules.title,
    ]
    assert "已废止" in response.content.decode(), "the repealed document carries its badge"


LIBRARY_FILTERS = [
    ({"department": "finance"}, ["new_rules", "plan", "old_rules"]),  # plan: joint issue
    ({"department": "planning"}, ["opinion_doc"]),
    ({"year": "2019"}, ["plan", "old_rules"]),
    ({"doc_type": "measures"}, ["new_rules", "old_rules"]),
    ({"topic": "economy"}, ["new_rules", "plan", "old_rules"]),  # with its child topic
    ({"topic": "budget_topic"}, ["new_rules", "old_rules"]),
    ({"validity": "repealed"}, ["old_rules"]),
    ({"disclosure": "proactive", "year": "2024"}, ["new_rules"]),
    ({"department": "finance", "year": "2024"}, ["new_rules"]),
]


def test_library_filters(client, library):
    # One test for all cases: building the library is the slow part.
    for params, expected in LIBRARY_FILTERS:
        query = {key: _value(library, key, value) for key, value in params.items()}
        response = client.get("/documents/", query)
        assert titles(response) == [getattr(library, name).title for name in expected], params


def _value(library, key, value):
    if key in {"department", "doc_type", "topic"}:
        return getattr(library, value).pk
    return value


SORTS = {
    "oldest": ["old_rules", "plan", "opinion_doc", "new_rules"],
    # Titles by code point: 关于优 < 关于印 < 财.
    "title": ["opinion_doc", "plan", "old_rules", "new_rules"],
}


def test_library_sorting(client, library):
    for sort, expected in SORTS.items():
        response = client.get("/documents/", {"sort": sort})
        assert titles(response) == [getattr(library, name).title for name in expected], sort


def test_library_sorts_by_views(client, library):
    for _ in range(3):
        client.get(f"/documents/{library.opinion_doc.pk}/")
    client.get(f"/documents/{library.plan.pk}/")
    assert titles(client.get("/documents/", {"sort": "views"}))[:2] == [
        library.opinion_doc.title,
        library.plan.title,
    ]


def test_library_paginates_and_keeps_filters_in_page_links(client, db):
    department = factories.make_department()
    kind = factories.make_kind(name="通知", needs_interpretation=False)
    for day in range(1, 26):
        factories.make_document(
            department=department, doc_type=kind, published_on=date(2024, 1, day)
        )
    first = client.get("/documents/", {"department": department.pk})
    assert len(titles(first)) == 20
    page = BeautifulSoup(first.content, "html.parser")
    next_link = page.select_one('.pagination a[rel="next"]')["href"]
    assert f"department={department.pk}" in next_link and "page=2" in next_link
    second = client.get("/documents/" + next_link)
    assert len(titles(second)) == 5
    assert client.get("/documents/", {"page": "999"}).status_code == 200
    assert client.get("/documents/", {"page": "abc"}).status_code == 200


BAD_PARAMETERS = [
    {"department": "abc"},
    {"year": "99999999999999999999"},
    {"topic": "-1"},
    {"validity": "<script>"},
    {"sort": "DROP TABLE"},
    {"doc_type": "1;2"},
    {"page": "\x00"},
]


def test_library_ignores_bad_parameters(client, library):
    for params in BAD_PARAMETERS:
        response = client.get("/documents/", params)
        assert response.status_code == 200, params
        assert len(titles(response)) == 4, params
