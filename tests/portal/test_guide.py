"""政府信息公开指南: a Wagtail page created by migration, reached from /guide/."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site

from gongkai.portal.models import GuidePage

pytestmark = pytest.mark.django_db


def test_migration_creates_a_live_guide_under_the_site_root():
    guide = GuidePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert guide.live and guide.get_parent().pk == site.root_page_id
    assert "依申请公开" in guide.body and "20个工作日" in guide.body
    assert guide.body_en
    assert Page.find_problems() == ([], [], [], [], [])
    root = guide.get_parent()
    assert (root.title, root.draft_title) == ("门户页面", "门户页面"), "one language, not two"


def test_guide_link_redirects_to_the_page_which_renders(client):
    response = client.get("/guide/")
    assert response.status_code == 302 and response["Location"] == "/pages/guide/"
    page = BeautifulSoup(client.get("/pages/guide/").content, "html.parser")
    assert page.h1.get_text() == "政府信息公开指南"
    assert "当面提交和邮政寄送" in page.select_one(".rich-text").get_text()
    assert page.select_one('nav a[aria-current="page"]')["href"] == "/guide/"


def test_guide_in_english(client):
    client.cookies["django_language"] = "en"
    page = BeautifulSoup(client.get("/pages/guide/").content, "html.parser")
    assert page.h1.get_text() == "Guide to Government Information Disclosure"
    assert page.select_one("article")["lang"] == "en"


def test_edited_guide_is_served(client):
    guide = GuidePage.objects.get()
    guide.body = "<p>本机关地址：XX路1号。</p>"
    guide.save_revision().publish()
    assert "本机关地址：XX路1号。" in client.get("/pages/guide/").content.decode()


def test_without_a_live_guide_the_link_is_not_found(client):
    assert client.get("/guide/").status_code == 302  # the redirect is stored (page cache)
    GuidePage.objects.get().unpublish()
    assert client.get("/guide/").status_code == 404


def test_a_moved_guide_drops_the_stored_redirect(client):
    assert client.get("/guide/")["Location"] == "/pages/guide/"
    guide = GuidePage.objects.get()
    guide.slug = "zhinan"
    guide.save_revision().publish()
    assert client.get("/guide/")["Location"] == "/pages/zhinan/"


def test_wagtail_root_page_sends_visitors_home(client):
    response = client.get("/pages/")
    assert response.status_code == 302 and response["Location"] == "/"
