"""In a real browser: the office creates a plan from a document, choosing the document with the
snippet chooser and the period end with the date picker, then confirms the tasks found.
Screenshots at 1280 and 375 px: test-artifacts/execution-*.png."""

import pytest

from gongkai.execution.models import Plan
from tests import browser as browser_helpers
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def sign_in(page, base, username):
    browser_helpers.sign_in(page, base, username, PASSWORD)
    page.wait_for_url(f"{base}/admin/")


@pytest.mark.parametrize("width", [1280, 375])
def test_plan_from_a_document_chosen_in_the_chooser(
    live_server, browser, org, seed_document, width
):
    org.reviewer.username = "office"
    org.reviewer.save()
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    sign_in(page, live_server.url, "office")

    page.goto(f"{live_server.url}/admin/execution/plans/new/", wait_until="networkidle")
    page.click("[data-chooser-action-choose]")
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=seed_document.title).click()
    page.wait_for_selector(f"[data-chooser-title]:has-text('{seed_document.title[:10]}')")
    page.click("#id_period_end")
    page.wait_for_selector(".xdsoft_datetimepicker:visible")
    page.fill("#id_period_end", "2019-12-31")
    page.click("main h2, main h1")  # closes the date picker
    shot(page, f"execution-plan-new-{width}")
    page.click("main form button[type=submit]")

    page.wait_for_selector("#proposed-tasks")
    shot(page, f"execution-plan-confirm-{width}")
    assert page.locator("#proposed-tasks tbody tr").count() == 13
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/execution/plans/*/")
    plan = Plan.objects.get()
    assert plan.document == seed_document and plan.tasks.count() == 13
    assert str(plan.period_end) == "2019-12-31"
    assert script_errors == []
