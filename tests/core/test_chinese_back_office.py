"""The back office in Chinese: no English words in the text Wagtail writes on the main pages
(the dashboard, a document's listing, edit form and history, the account page). Wagtail's own
zh_Hans catalogue lacks many of its newer strings; gongkai/locale/zh_Hans fills them."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from gongkai.core.roles import Role
from gongkai.portal.models import GuidePage
from tests import factories

pytestmark = pytest.mark.django_db

WORD = re.compile(r"[A-Za-z]{3,}")
# Names, not words to translate: the product, file formats. Not Wagtail: the back office
# carries the site's name and mark (gongkai/templates/wagtailadmin).
NAMES = re.compile(r"https?://\S*|Gongkai|JavaScript|PDF|RSS|Atom|OFD|ZIP|Word|Excel|URL")


def english_lines(html):
    # Page titles are data (Wagtail's root page is "Root").
    for title in Page.objects.values_list("title", flat=True):
        html = html.replace(title, "")
    soup = BeautifulSoup(html, "lxml")
    # Options (time zones, languages) and the language switch name things in their own tongue.
    for hidden in soup.select("script, style, template, iframe, option, [lang]:not(html)"):
        hidden.decompose()
    texts = soup.get_text("\n").split("\n")
    for element in soup.select("[placeholder], [title], [aria-label]"):
        texts += [element.get(name, "") for name in ("placeholder", "title", "aria-label")]
    return sorted({line.strip() for line in texts if WORD.search(NAMES.sub("", line))})


@pytest.fixture
def pages(client):
    department = factories.department("产业发展局", code="cyj")
    document = factories.draft_document(dept=department, title="关于支持工业企业稳增长的若干意见")
    client.force_login(
        factories.staff_user(
            Role.ADMIN, department, first_name="丽", last_name="张", is_superuser=True
        )
    )
    edit = "wagtailsnippets_documents_document:"
    return [
        reverse("wagtailadmin_home"),
        reverse(f"{edit}list"),
        reverse(f"{edit}add"),
        reverse(f"{edit}edit", args=[document.pk]),
        reverse(f"{edit}history", args=[document.pk]),
        reverse("wagtailadmin_account"),
        # The guide's page: Wagtail's default workflow was "Moderators approval".
        reverse("wagtailadmin_pages:edit", args=[GuidePage.objects.get().pk]),
    ]


def test_main_back_office_pages_show_no_english_in_chinese(client, pages):
    found = {}
    for url in pages:
        response = client.get(url, headers={"accept-language": "zh-hans"})
        assert response.status_code == 200, url
        lines = english_lines(response.content.decode())
        if lines:
            found[url] = lines
    assert found == {}


def test_the_sign_in_page_shows_no_english_in_chinese(client):
    response = client.get(reverse("wagtailadmin_login"), headers={"accept-language": "zh-hans"})
    assert english_lines(response.content.decode()) == []
