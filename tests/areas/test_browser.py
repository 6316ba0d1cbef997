"""In a real browser: a citizen finds a service guide by its words, opens it and downloads the
guides as Excel; the openness office repeals the guide's basis document in the back office and
the guide, read again by the citizen, carries the 待修订 notice at once. Screenshots at 1280 and
375 px in Chinese and English: test-artifacts/services-*.png."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongkai.core.roles import Role
from tests import browser as browser_helpers
from tests.areas.conftest import make_certificate, make_guide
from tests.browser import shot
from tests.factories import make_department, make_document, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def shoot(page, base, guide):
    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in (
                ("guides", "/services/?q=养老保险"),
                ("guide", guide.get_absolute_url()),
                ("certificates", "/services/certificates/"),
            ):
                page.goto(f"{base}{url}")
                shot(page, f"services-{name}-{language}-{width}")
                if name == "guide":
                    notice = page.inner_text("#revision-notice")
                    assert ("This guide is under revision" in notice) == (language == "en")
                if width == 375:
                    width_used = page.evaluate("() => document.documentElement.scrollWidth")
                    assert width_used <= 375, (url, language)
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": base}])
    page.set_viewport_size({"width": 1280, "height": 900})


def test_citizen_finds_a_guide_downloads_it_and_sees_its_repealed_basis(live_server, browser):
    base = live_server.url
    department = make_department(name="人力资源和社会保障局", name_en="Human Resources Bureau")
    basis = make_document(
        department=department,
        title="某市城乡居民基本养老保险实施办法",
        doc_number="某府发〔2015〕8号",
    )
    guide = make_guide(department=department, bases=[basis], online_url="https://zwfw.example.cn/")
    make_guide(department=make_department(name="民政局"), name="内地居民婚姻登记",
               basis="《婚姻登记条例》", conditions="双方共同申请。")  # fmt: skip
    make_certificate(department=department)
    office = make_department(name="党政办公室", is_openness_office=True)
    reviewer = make_user(role=Role.REVIEWER, department=office, password=PASSWORD)

    citizen = browser.new_page()
    errors = []
    citizen.on("pageerror", lambda error: errors.append(str(error)))
    citizen.goto(f"{base}/")
    citizen.click("nav.main-nav >> text=办事服务")
    citizen.fill("#f-q", "养老保险")
    citizen.press("#f-q", "Enter")
    citizen.wait_for_url(lambda url: "q=" in url)
    rows = citizen.locator("#guides tbody tr")
    assert rows.count() == 1 and "内地居民婚姻登记" not in citizen.inner_text("#guides")
    with citizen.expect_download() as download_info:
        citizen.click("text=Excel")
    book = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)] == [guide.name]
    citizen.click(f"#guides >> text={guide.name}")
    citizen.wait_for_selector("#materials")
    assert "户口簿" in citizen.inner_text("#materials")
    assert citizen.locator("#flow li").count() == 4
    assert citizen.locator("#revision-notice").count() == 0

    staff = browser.new_page()
    browser_helpers.sign_in(staff, base, reviewer.username, PASSWORD)
    staff.goto(f"{base}/admin/snippets/documents/document/validity/{basis.pk}/")
    staff.select_option("#id_validity", "repealed")
    staff.fill("#id_on", "2026-11-01")
    staff.fill("#id_reason", "已被新办法替代")
    staff.click("main form button[type=submit]")
    staff.wait_for_url(lambda url: "/validity/" not in url)
    staff.goto(f"{base}/admin/snippets/areas/serviceguide/?needs_revision=true")
    assert guide.name in staff.inner_text("main")

    citizen.reload()
    notice = citizen.inner_text("#revision-notice")
    assert "本指南待修订" in notice and "某市城乡居民基本养老保险实施办法" in notice
    assert "已废止 2026-11-01" in notice
    citizen.goto(f"{base}/services/")
    assert "待修订" in citizen.inner_text("#guides")
    shoot(citizen, base, guide)
    assert errors == []
