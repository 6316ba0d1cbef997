"""What every page offers everyone: landmarks, skip link, labelled controls, table headers,
language switch and large-text mode without JavaScript, and no script at all."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def pages(library) -> list[str]:
    return [
        "/",
        "/documents/",
        f"/documents/{library.plan.pk}/",
        f"/documents/{library.old_rules.pk}/",
        "/interpretations/",
        f"/interpretations/{library.interpretation.pk}/",
        "/search/?q=政务公开",
        "/catalogue/",
        "/pages/guide/",
        "/sitemap/",
    ]


def soup(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_every_page_has_landmarks_skip_link_and_language(client, library):
    for url in pages(library):
        page = soup(client, url)
        assert page.html["lang"] == "zh-hans"
        assert page.find("header") and page.find("footer"), url
        assert len(page.find_all("main")) == 1 and page.main["id"] == "main"
        assert page.find("nav", attrs={"aria-label": True}), url
        skip = page.body.find("a")
        assert skip["href"] == "#main" and "skip-link" in skip["class"]
        assert len(page.find_all("h1")) == 1, url
        assert not page.find("script"), "the portal works without JavaScript"
        assert not page.select("[style]"), "no inline styles (CSP-friendly)"


def test_every_control_has_a_label(client, library):
    for url in pages(library):
        page = soup(client, url)
        for control in page.select("input:not([type=hidden]), select, textarea"):
            labelled = control.get("aria-label") or page.find(
                "label", attrs={"for": control.get("id")}
            )
            assert labelled, f"{url}: {control}"


def test_tables_have_captions_and_header_scopes(client, library):
    for url in (f"/documents/{library.plan.pk}/", "/catalogue/"):
        for table in soup(client, url).find_all("table"):
            assert table.caption is not None
            assert all(th.get("scope") in {"row", "col"} for th in table.find_all("th"))


def test_current_section_is_marked_in_navigation(client, library):
    page = soup(client, f"/documents/{library.plan.pk}/")
    assert page.select_one('nav a[aria-current="page"]')["href"] == "/documents/"


@pytest.mark.parametrize("url", ["/interaction/", "/audio/", "/consultations/"])
def test_the_apps_pages_are_marked_in_navigation(client, library, url):
    assert soup(client, url).select_one('nav a[aria-current="page"]')["href"] == url


def switch_link(page, path: str):
    return page.find("a", href=lambda href: href and href.startswith(path + "?"))


def test_language_switch_is_a_plain_link(client, library):
    page = soup(client, "/documents/?year=2019")
    link = switch_link(page, "/language/")
    assert link["lang"] == "en" and link.get_text() == "English"
    assert link["href"] == "/language/?language=en&next=/documents/%3Fyear%3D2019"
    response = client.get(link["href"])
    assert response.status_code == 302 and response["Location"] == "/documents/?year=2019"
    english = soup(client, "/documents/")
    assert english.html["lang"] == "en"
    assert english.h1.get_text() == "Policy Library"
    assert english.find("label", attrs={"for": "id_department"}).get_text() == "Issuing body"
    assert "In force" in soup(client, f"/documents/{library.plan.pk}/").get_text()
    back = switch_link(english, "/language/")
    assert back.get_text() == "中文" and "language=zh-hans" in back["href"]


def test_large_text_mode_is_a_cookie_set_by_a_link(client, library):
    assert "mode-large" not in (soup(client, "/").body.get("class") or [])
    link = switch_link(soup(client, "/documents/"), "/display/")
    assert link["href"] == "/display/?mode=large&next=/documents/"
    response = client.get("/display/", {"mode": "large", "next": "/documents/?year=2019"})
    assert response.status_code == 302 and response["Location"] == "/documents/?year=2019"
    page = soup(client, "/documents/")
    assert "mode-large" in page.body["class"]
    assert "mode=standard" in switch_link(page, "/display/")["href"]
    client.get("/display/", {"mode": "standard", "next": "/"})
    assert "mode-large" not in (soup(client, "/").body.get("class") or [])


@pytest.mark.parametrize("switch", ["/display/?mode=large", "/language/?language=en"])
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", ""])
def test_switches_only_return_to_this_site(client, db, switch, target):
    response = client.get(switch, {"next": target} if target else {})
    assert response["Location"] == "/"


def test_switches_ignore_unknown_values_and_post(client, db):
    response = client.get("/display/", {"mode": "<script>", "next": "/"})
    assert "gongkai_display" not in response.cookies
    assert "django_language" not in client.get("/language/", {"language": "xx"}).cookies
    assert client.post("/display/").status_code == 405


def test_script_in_a_title_is_inert_everywhere(client, db):
    from tests import factories

    document = factories.make_document(title="<script>alert(1)</script>标题")
    for url in ("/", "/documents/", f"/documents/{document.pk}/", "/catalogue/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in html, url


def test_not_found_page_is_the_portals(client, db):
    response = client.get("/documents/999999/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "页面不存在" and page.find("main")


def test_filter_errors_are_shown_next_to_their_field(client, library):
    page = soup(client, "/documents/?year=1800")
    field = page.find("select", attrs={"name": "year"})
    assert field.get("aria-invalid") == "true"
    error = page.find(id=field["aria-describedby"])
    assert error is not None and "1800" in error.get_text()


def test_chinese_unless_english_is_chosen(client):
    """An English browser still gets Chinese; the switcher's choice (a cookie) gives English."""
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert BeautifulSoup(page.content, "html.parser").html["lang"] == "zh-hans"
    client.get("/language/", {"language": "en", "next": "/"})
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert BeautifulSoup(english.content, "html.parser").html["lang"] == "en"
