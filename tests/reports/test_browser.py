"""In a real browser: the back office's running figures of the current year, at 1280 and 375 px.
Screenshots: test-artifacts/reports-*.png."""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.core.roles import Role
from gongkai.reports.annual import RequestRecord
from tests import factories
from tests.browser import shot, sign_in

PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_running_figures_page_at_desktop_and_phone_width(live_server, browser, disclosure):
    this_year = timezone.localdate().year
    disclosure.requests[None] = [RequestRecord("natural_person", date(this_year, 1, 5))]
    office = factories.department("党政办公室", code="office", is_openness_office=True)
    factories.staff_user(Role.REVIEWER, office, username="office")
    page = browser.new_page()
    sign_in(page, live_server.url, "office", PASSWORD)
    page.goto(f"{live_server.url}/admin/snippets/reports/annualreport/")
    page.click("text=本年实时数据")
    page.wait_for_selector("table.report-table3")
    assert f"{this_year}年政府信息公开工作年度报告" in page.inner_text("main")
    shot(page, "reports-live-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.wait_for_selector("table.report-table3")
    shot(page, "reports-live-375")
    # The wide tables scroll inside their own region; the page itself does not.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375


def test_new_report_page_answers_no_server_error(live_server, browser, disclosure):
    # The create form offered Wagtail's preview panel; previewing a report before its draft
    # existed built the edit form for a report with no format (KeyError, 500).
    office = factories.department("党政办公室", code="office", is_openness_office=True)
    factories.staff_user(Role.REVIEWER, office, username="office")
    page = browser.new_page()
    failures = []
    page.on("response", lambda r: r.status >= 500 and failures.append(r.url))
    sign_in(page, live_server.url, "office", PASSWORD)
    page.goto(f"{live_server.url}/admin/snippets/reports/annualreport/add/")
    for toggle in page.locator("[data-side-panel-toggle]").all():
        toggle.click()
        page.wait_for_load_state("networkidle")
    shot(page, "reports-add-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    shot(page, "reports-add-375")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    page.click("#w-editor-form button[type=submit]")
    page.wait_for_selector("#id_overview", state="attached")
    assert failures == []
