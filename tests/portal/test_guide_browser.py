"""In a real browser (issue 12 §4): a citizen opens the 政府信息公开指南, reads the disclosure
office's contact details generated from the library, follows a topic into the 政府信息公开目录
and downloads it as CSV. Screenshots at 1280 and 375 px in Chinese and English:
test-artifacts/guide-*.png and catalogue-*.png."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from gongkai.core.models import Department
from gongkai.portal.models import GuidePage
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guide_page():
    """The guide page a migration creates; a transactional test after another one starts from a
    flushed database, without Wagtail's root, site and that page, so it builds them."""
    existing = GuidePage.objects.first()
    if existing:
        return existing
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="门户页面 Portal pages", slug="portal"))
    Site.objects.update_or_create(
        hostname="localhost", port=80, defaults={"root_page": home, "is_default_site": True}
    )
    return home.add_child(
        instance=GuidePage(
            title="政府信息公开指南",
            title_en="Guide to government information disclosure",
            slug="guide",
            body="<p>本指南说明如何获取政府信息。</p>",
            body_en="<p>How to obtain government information.</p>",
        )
    )


def shoot(page, base, library):
    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in (
                ("guide", "/guide/"),
                ("catalogue", f"/catalogue/?topic={library.economy.pk}"),
            ):
                page.goto(f"{base}{url}")
                shot(page, f"{name}-{language}-{width}")
                if width == 375:
                    width_used = page.evaluate("() => document.documentElement.scrollWidth")
                    assert width_used <= 375, (url, language)
            heading = page.goto(f"{base}/guide/") and page.inner_text("#guide-offices")
            assert (
                heading
                == {
                    "zh-hans": "政府信息公开工作机构",
                    "en": "Government information disclosure offices",
                }[language]
            )


def test_citizen_follows_the_guide_into_the_catalogue_and_downloads_it(
    live_server, browser, library, guide_page
):
    base = live_server.url
    Department.objects.filter(pk=library.office.pk).update(
        is_openness_office=True,
        address="贵阳市高新区长岭南路1号",
        address_en="1 Changling South Road, Guiyang",
        office_hours="工作日 9:00—12:00，13:30—17:30",
        office_hours_en="Working days 9:00–12:00, 13:30–17:30",
        phone="0851-84112345",
        fax="0851-84112346",
        email="gongkai@example.gov.cn",
    )
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/")
    page.click("nav.main-nav >> text=政府信息公开指南")
    page.wait_for_selector("#guide-offices")
    first_office = page.inner_text("table.guide-offices tbody tr:first-child")
    assert "党政办公室" in first_office and "0851-84112346" in first_office

    page.click("#guide-topics + ul >> text=财政预算")
    page.wait_for_url(lambda url: f"topic={library.budget_topic.pk}" in url)
    assert page.input_value("#id_topic") == str(library.budget_topic.pk)
    titles = page.locator("table.catalogue tbody th").all_inner_texts()
    assert titles == [library.new_rules.title, library.old_rules.title]

    with page.expect_download() as download_info:
        page.click("text=下载 CSV")
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert [row[1] for row in table[1:]] == titles
    assert table[1][0] == library.new_rules.index_number

    shoot(page, base, library)
    assert errors == []
