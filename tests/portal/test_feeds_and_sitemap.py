"""RSS and Atom feeds (all, per department, per topic) and sitemap.xml."""

import pytest
from lxml import etree

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def rss_items(client, url) -> list[tuple[str, str]]:
    root = xml(client, url)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return [(item.findtext("title"), item.findtext("link")) for item in root.iter("item")]


def atom_entries(client, url) -> list[tuple[str, str]]:
    root = xml(client, url)
    assert root.tag == f"{ATOM}feed"
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in root.iter(f"{ATOM}entry")
    ]


def link(document) -> str:
    return f"http://testserver/documents/{document.pk}/"


def test_rss_lists_public_documents_newest_first(client, library):
    items = rss_items(client, "/feeds/rss/")
    assert [url for _title, url in items] == [
        link(library.new_rules),
        link(library.opinion_doc),
        link(library.plan),
        link(library.old_rules),
    ]
    assert items[0][0] == "财政专项资金管理办法（2024年修订）（筑高新财发〔2024〕3号）"
    root = xml(client, "/feeds/rss/")
    item = root.find("channel/item")
    assert item.findtext("pubDate").startswith("Thu, 01 Feb 2024")
    assert item.findtext("category") == "办法"


def test_atom_has_the_same_entries(client, library):
    assert [url for _title, url in atom_entries(client, "/feeds/atom/")] == [
        url for _title, url in rss_items(client, "/feeds/rss/")
    ]


def test_department_feeds_include_joint_issues(client, library):
    expected = [link(library.new_rules), link(library.plan), link(library.old_rules)]
    department = library.finance.pk
    assert [
        url for _t, url in rss_items(client, f"/feeds/department/{department}/rss/")
    ] == expected
    assert [
        url for _t, url in atom_entries(client, f"/feeds/department/{department}/atom/")
    ] == expected
    assert client.get("/feeds/department/999999/rss/").status_code == 404


def test_topic_feeds_include_child_topics(client, library):
    expected = [link(library.new_rules), link(library.plan), link(library.old_rules)]
    assert [url for _t, url in rss_items(client, "/feeds/topic/economy/rss/")] == expected
    assert [url for _t, url in atom_entries(client, "/feeds/topic/budget/atom/")] == [
        link(library.new_rules),
        link(library.old_rules),
    ]
    assert client.get("/feeds/topic/nothing/atom/").status_code == 404


def test_feed_titles_are_escaped_text(client, db):
    from tests import factories

    factories.make_document(title="<script>alert(1)</script>标题")
    titles = [title for title, _url in rss_items(client, "/feeds/rss/")]
    assert titles == ["<script>alert(1)</script>标题"], (
        "markup is text inside the XML, not elements"
    )


def test_sitemap_lists_public_pages_only(client, library):
    index = xml(client, "/sitemap.xml")
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert len(sections) == 4 and all(
        url.startswith("http://testserver/sitemap-") for url in sections
    )
    locations = set()
    for section in sections:
        root = xml(client, section.removeprefix("http://testserver"))
        locations |= {url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")}
    for document in (library.plan, library.old_rules, library.new_rules, library.opinion_doc):
        assert link(document) in locations
    for hidden in (library.withdrawn, library.on_request, library.draft):
        assert link(hidden) not in locations
    assert f"http://testserver/interpretations/{library.interpretation.pk}/" in locations
    for page in ("/", "/documents/", "/interpretations/", "/catalogue/", "/pages/guide/"):
        assert f"http://testserver{page}" in locations
