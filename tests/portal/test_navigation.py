"""行政执法公示 and 政策通 are reachable from where a visitor looks: the main navigation (marked
as the current section on their pages), the home page's section links, the footer and the site
map, in Chinese and in English."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

ENTRIES = {"/enforcement/": "行政执法公示", "/enterprise/calendar/": "政策通"}
ENTRIES_EN = {"/enforcement/": "Enforcement publicity", "/enterprise/calendar/": "Policy Match"}


def soup(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def hrefs(element) -> dict[str, str]:
    return {a["href"]: a.get_text(strip=True) for a in element.find_all("a")}


def test_main_nav_home_footer_and_site_map_link_both_sections(client):
    home = soup(client, "/")
    nav = hrefs(home.find("nav", class_="main-nav"))
    quick = hrefs(home.find("nav", class_="quick-links"))
    footer = hrefs(home.footer)
    site_map = hrefs(soup(client, "/sitemap/").main)
    for href, label in ENTRIES.items():
        assert nav[href] == label
        assert quick[href].startswith(label)
        assert href in footer and href in site_map
    assert "/enforcement/inspections/" in site_map and "/enterprise/projects/" in site_map


@pytest.mark.parametrize("url", ["/enforcement/", "/enforcement/items/", "/enterprise/calendar/"])
def test_the_section_is_marked_current_on_its_pages(client, url):
    current = soup(client, url).find("nav", class_="main-nav").find(attrs={"aria-current": "page"})
    entry = "/enterprise/calendar/" if url.startswith("/enterprise/") else "/enforcement/"
    assert current["href"] == entry


def test_entries_in_english(client):
    client.get("/language/", {"language": "en", "next": "/"})
    home = soup(client, "/")
    nav = hrefs(home.find("nav", class_="main-nav"))
    footer = hrefs(home.footer)
    for href, label in ENTRIES_EN.items():
        assert nav[href] == label
    assert footer["/enterprise/calendar/"] == "Programme calendar"
    assert "Enforcement decisions" in home.find("nav", class_="quick-links").get_text()
