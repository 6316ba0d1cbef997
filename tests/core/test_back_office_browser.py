"""In a real browser: back-office pages that answered 500 for some users open for every role,
at 1280 and 375 px. Screenshots: test-artifacts/back-office-*.png."""

import pytest
from wagtail.models import Page

from tests import browser as browser_helpers
from tests import factories
from tests.browser import shot

PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, username):
    page = browser.new_page()
    browser_helpers.sign_in(page, live_server.url, username, PASSWORD)
    return page


def test_dashboard_of_a_superuser_on_a_site_without_pages(live_server, browser):
    # The dashboard's page count linked to the explorable root page; with no page tree it
    # reversed the page explorer without an id (NoReverseMatch, 500).
    Page.objects.all().delete()
    factories.make_user(username="root", is_superuser=True, is_staff=True)
    page = sign_in(browser, live_server, "root")
    assert page.goto(f"{live_server.url}/admin/").status == 200
    assert Page.objects.count() == 0
    shot(page, "back-office-dashboard-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    shot(page, "back-office-dashboard-375")
