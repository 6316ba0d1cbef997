"""The search page: results with highlights, facet links, filters, and any input answered calmly."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from gongkai.documents.models import Document
from gongkai.search import get_backend
from gongkai.search.services import search_index_rebuild
from gongkai.search.types import SearchQuery
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(library):
    search_index_rebuild()
    return library


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(page) -> list[str]:
    return [a.get_text() for a in page.select(".search-results .doc-title a")]


def test_finds_a_word_of_the_body_with_highlight(client, indexed):
    page = search(client, q="萤火虫")
    assert result_titles(page) == [indexed.plan.title]
    assert page.select_one(".search-results mark") is not None
    assert "萤火虫" in page.select_one(".snippet").get_text()
    assert page.select_one(".search-results a")["href"] == f"/documents/{indexed.plan.pk}/"


def test_finds_a_document_number_written_with_other_brackets(client, indexed):
    assert result_titles(search(client, q="筑高新办函[2019]23号"))[0] == indexed.plan.title


def test_facets_are_links_with_counts_that_filter(client, indexed):
    page = search(client, q="管理办法")
    facets = {
        section.h3.get_text(): [a.get_text(" ", strip=True) for a in section.select("a")]
        for section in page.select(".facets section")
    }
    assert facets["发文机关"] == ["财政局 (2)"]
    assert sorted(facets["有效性"]) == ["已废止 (1)", "有效 (1)"]
    assert sorted(facets["主题分类"]) == ["经济管理 (2)", "财政预算 (2)"], (
        "a topic counts its children's"
    )
    repealed = next(
        a for a in page.select(".facets a") if a.get_text(" ", strip=True) == "已废止 (1)"
    )
    response = client.get("/search/" + repealed["href"])
    filtered = BeautifulSoup(response.content, "html.parser")
    assert result_titles(filtered) == [indexed.old_rules.title]
    selected = filtered.select_one(".facets a.selected")
    assert "validity" not in selected["href"], "a selected facet links to its removal"
    assert "q=" in selected["href"]


def test_filters_in_the_form_apply(client, indexed):
    page = search(client, q="管理办法", department=indexed.planning.pk)
    assert result_titles(page) == []
    page = search(client, doc_type="办法", sort="oldest")
    assert result_titles(page) == [indexed.old_rules.title, indexed.new_rules.title]


def test_withdrawn_and_non_public_documents_are_not_found(client, indexed):
    for hidden in (indexed.withdrawn, indexed.on_request, indexed.draft):
        assert hidden.title not in search(client, q=hidden.title).select_one(".results").get_text()


ODD_QUERIES = [
    "",
    "   ",
    "政" * 10_000,
    "！？。，、；：“”‘’（）《》",
    "!@#$%^&*()_+-=[]{}|;':\",./<>?",
    '"unclosed',
    "* - NEAR AND OR :",
    "title:政务 AND (body:公开 OR NOT x) NEAR/3 y^2 ~1",
    "\x00\x01",
    "<script>alert(1)</script>",
]


def test_any_query_answers_normally(client, indexed):
    for query in ODD_QUERIES:
        page = search(client, q=query)
        assert page.select_one("#results-heading") is not None, query[:50]
        assert "<script>alert(1)</script>" not in str(page.select_one("main")), query


def test_long_query_is_cut_with_a_notice(client, indexed):
    page = search(client, q="萤火虫" + "的" * 5000)
    assert "检索词过长" in page.get_text()


BAD_PARAMETERS = [
    {"page": "-5"},
    {"page": "abc"},
    {"page": "99999999999"},
    {"department": "x", "year": "二〇一九", "topic": "0", "validity": "nonsense", "sort": "random"},
]


def test_bad_parameters_answer_normally(client, indexed):
    for params in BAD_PARAMETERS:
        assert result_titles(search(client, q="萤火虫", **params)) in ([indexed.plan.title], []), (
            params
        )


def test_title_with_markup_is_escaped_in_results(client, db):
    factories.make_document(title="<script>alert(1)</script>萤火虫办法")
    search_index_rebuild()
    page = search(client, q="萤火虫")
    title = page.select_one(".search-results .doc-title a")
    assert title.find("script") is None
    assert "<script>alert(1)</script>" in title.get_text()


def test_pages_through_results(client, db):
    department = factories.make_department()
    for number in range(25):
        factories.make_document(department=department, title=f"萤火虫保护通知{number}")
    search_index_rebuild()
    first = search(client, q="萤火虫")
    assert len(result_titles(first)) == 20
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    assert "q=" in next_link and "page=2" in next_link
    second = search(client, q="萤火虫", page=2)
    assert len(result_titles(second)) == 5
    assert second.select_one(".search-results")["start"] == "21"
    assert second.select_one('.pagination a[rel="next"]') is None


def test_a_near_miss_offers_the_nearest_spelling(client, indexed):
    page = search(client, q="政务公凯", department=indexed.office.pk)
    link = page.select_one(".suggestion a")
    assert link.get_text() == "政务公开"
    response = client.get("/search/" + link["href"])
    corrected = BeautifulSoup(response.content, "html.parser")
    assert indexed.plan.title in result_titles(corrected)
    assert "department" in link["href"]  # the filters are kept


def test_no_suggestion_when_nothing_near_or_results_found(client, indexed):
    assert search(client, q="萤火蚁虫子").select_one(".suggestion") is None
    assert search(client, q="政务公开").select_one(".suggestion") is None


def test_nothing_found_links_to_a_disclosure_request(client, indexed):
    page = search(client, q="没有这种文件")
    assert page.select_one(".results a[href='/requests/apply/']").get_text() == "申请政府信息公开"
    found = search(client, q="政务公开")
    assert found.select_one(".results a[href='/requests/apply/']") is None


def test_too_many_words_are_cut_with_a_notice(client, indexed):
    words = " ".join(f"词{number}" for number in range(30))
    assert "检索词过多，只使用了前 24 个词语" in search(client, q=words).get_text()
    assert "检索词过多" not in search(client, q="政务 公开").get_text()


def test_search_messages_in_english(client, indexed):
    client.get("/language/", {"language": "en", "next": "/"})
    page = search(client, q="政务公凯")
    assert "Did you mean" in page.select_one(".suggestion").get_text()
    page = search(client, q="没有这种文件")
    assert page.select_one(".results a[href='/requests/apply/']").get_text() == "request it"


def test_a_hit_the_index_still_holds_is_left_out_once_its_document_is_withdrawn(client, indexed):
    """update() sends no signal: the index keeps the document as it lags after a withdrawal."""
    Document.objects.filter(pk=indexed.plan.pk).update(withdrawn_at=timezone.now())
    assert indexed.plan.pk in [hit.id for hit in get_backend().search(SearchQuery()).hits]
    assert result_titles(search(client, q="萤火虫")) == []
