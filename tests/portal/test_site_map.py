"""网站地图: the footer opens an HTML page listing every section and the library's columns,
served from the page cache and dropped when a column is renamed; the XML sitemap stays for
crawlers."""

import pytest
from bs4 import BeautifulSoup

from gongkai.documents import services
from tests import factories
from tests.portal.test_page_cache import templates_rendered  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def links(client, url) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in page.main.find_all("a")}


def test_footer_opens_the_html_site_map(client, library):
    home = BeautifulSoup(client.get("/").content, "html.parser")
    footer_link = home.footer.find("a", string="网站地图")
    assert footer_link["href"] == "/sitemap/"
    shown = links(client, footer_link["href"])
    for name in ["政策文件库", "政策解读", "政府信息公开目录", "政府信息公开指南"]:
        assert name in shown, name
    assert shown["提交政府信息公开申请"] == "/requests/apply/"
    assert shown["财政局"] == f"/documents/?department={library.finance.pk}"
    assert shown["财政预算"] == f"/documents/?topic={library.budget_topic.pk}"
    assert shown["办法"] == f"/documents/?doc_type={library.measures.pk}"
    # Every link leads somewhere.
    for name, href in shown.items():
        assert client.get(href).status_code in {200, 302}, name


def test_site_map_in_english(client, library):
    client.get("/language/", {"language": "en", "next": "/"})
    shown = links(client, "/sitemap/")
    assert "Finance Bureau" in shown and "Economy" in shown
    assert "Sitemap" in BeautifulSoup(client.get("/sitemap/").content, "html.parser").h1.text


def test_site_map_is_cached_and_a_renamed_topic_shows_next_time(
    client,
    library,
    templates_rendered,  # noqa: F811
    django_assert_num_queries,
):
    assert "教育" in links(client, "/sitemap/")
    templates_rendered.clear()
    with django_assert_num_queries(0):
        client.get("/sitemap/")
    assert templates_rendered == []
    library.education.name = "教育科技"
    library.education.save()
    services.classification_saved(term=library.education, user=factories.make_user())
    assert "教育科技" in links(client, "/sitemap/")


def test_the_xml_sitemap_stays_for_crawlers(client, library):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and "xml" in response["Content-Type"]
