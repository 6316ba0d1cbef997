"""In a real browser (issue 12 §4): a citizen follows the footer's 就业 link, filters the column
by kind and words, opens a job fair and reads when and where it is; the 放管服 list beside it.
Screenshots at 1280 and 375 px, in Chinese and English: test-artifacts/key-areas-*.png."""

import re

import pytest

from tests.areas.columns import make_employment, make_reform
from tests.browser import shot
from tests.factories import make_department

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_filter_the_employment_column_and_open_a_job_fair(live_server, browser):
    base = live_server.url
    hr = make_department(name="人力资源和社会保障局", name_en="Human Resources Bureau", code="rsj")
    make_employment(department=hr)
    fair = make_employment(department=hr, title="2026年“春风行动”专场招聘会", kind="job_fair",
                           summary="百家企业现场招聘。", target_groups="各类求职人员")  # fmt: skip
    make_employment(department=hr, title="2025年高校毕业生秋季双选会", kind="job_fair", year=2025,
                    summary="面向高校毕业生。", target_groups="高校毕业生")  # fmt: skip
    make_employment(department=hr, title="尚未审签的招聘会", kind="job_fair", publish=False)
    reform = make_reform(department=make_department(name="行政审批局", code="xzsp"))

    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/")
    page.click("footer >> text=就业")
    page.wait_for_selector("#employment")
    assert "尚未审签" not in page.inner_text("#employment")
    page.select_option("#f-kind", "job_fair")
    page.fill("#f-q", "春风行动")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*kind=job_fair.*q=.*"))
    rows = page.locator("#employment tbody tr")
    assert rows.count() == 1 and "春风行动" in rows.first.inner_text()
    page.click("#employment >> text=春风行动")
    page.wait_for_selector("#employment-record")
    record = page.inner_text("#employment-record")
    assert "2026-03-14" in record and "区人力资源市场一楼大厅" in record and "招聘会" in record
    page.click("nav.section-nav >> text=放管服")
    page.wait_for_selector("#reforms")
    assert reform.title in page.inner_text("#reforms")

    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in (
                ("employment", "/key-areas/employment/?kind=job_fair"),
                ("job-fair", fair.get_absolute_url()),
                ("reforms", "/key-areas/reform/"),
                ("reform", reform.get_absolute_url()),
            ):
                page.goto(f"{base}{url}")
                shot(page, f"key-areas-{name}-{language}-{width}")
                assert page.evaluate("() => document.documentElement.scrollWidth") <= width, url
    assert errors == []
