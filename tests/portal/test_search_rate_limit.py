"""Searches per client address are limited (portal /search/ and the API), with a 429 in the
user's language."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_searches(settings):
    settings.SEARCH_RATE_LIMIT, settings.SEARCH_RATE_WINDOW = 2, 120


def search_page(client, address, **extra):
    return client.get("/search/", {"q": "通知"}, REMOTE_ADDR=address, **extra)


def test_portal_search_answers_429_in_chinese_after_the_limit(client, two_searches):
    assert [search_page(client, "10.0.0.1").status_code for _ in range(2)] == [200, 200]
    refused = search_page(client, "10.0.0.1")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "120"
    page = refused.content.decode()
    assert "检索过于频繁" in page and "2 分钟后再试" in page
    assert "Too many" not in page
    assert search_page(client, "10.0.0.2").status_code == 200


def test_portal_search_429_in_english_for_an_english_visitor(client, two_searches):
    client.cookies["django_language"] = "en"
    for _ in range(2):
        search_page(client, "10.0.0.1")
    page = search_page(client, "10.0.0.1").content.decode()
    assert "Too many searches" in page
    assert "检索过于频繁" not in page


def test_api_search_answers_429_json_in_the_clients_language(client, two_searches):
    for _ in range(2):
        assert client.get("/api/documents/search?q=通知", REMOTE_ADDR="10.0.0.1").status_code == 200
    chinese = client.get("/api/documents/search?q=通知", REMOTE_ADDR="10.0.0.1")
    assert chinese.status_code == 429
    assert chinese.headers["Retry-After"] == "120"
    assert chinese.json() == {"detail": "检索过于频繁，请在 2 分钟后再试。"}
    english = client.get(
        "/api/documents/search?q=通知", REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json() == {"detail": "Too many searches: try again in 2 minutes."}


def test_api_list_counts_only_queries_that_search(client, two_searches):
    for _ in range(3):
        assert client.get("/api/documents", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/documents?q=a", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/documents?q=b", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/documents?q=c", REMOTE_ADDR="10.0.0.1").status_code == 429


def test_portal_and_api_share_the_count(client, two_searches):
    search_page(client, "10.0.0.1")
    client.get("/api/documents/search?q=x", REMOTE_ADDR="10.0.0.1")
    assert search_page(client, "10.0.0.1").status_code == 429
