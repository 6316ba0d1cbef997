"""In a real browser, the main public pages and the back office's login, dashboard and document
form raise no Content-Security-Policy violation (securitypolicyviolation events and console
messages both recorded)."""

import re

import pytest

from gongkai.core.roles import Role
from tests import factories
from tests.browser import shot
from tests.portal.test_content_security_policy import public_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def violations_on(page, url, console) -> list[str]:
    console.clear()
    page.goto(url, wait_until="networkidle")
    return page.evaluate("window.__cspViolations") + list(console)


def watched_page(browser):
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, console


def test_public_pages_raise_no_csp_violation(live_server, browser, library):
    page, console = watched_page(browser)
    for url in public_pages(library):
        assert violations_on(page, live_server.url + url, console) == [], url
    shot(page, "csp-public-last-page")


def test_back_office_login_dashboard_and_forms_raise_no_csp_violation(live_server, browser):
    factories.document_kind("通知")
    office = factories.department("党政办公室", code="dzb", is_openness_office=True)
    reviewer = factories.staff_user(Role.REVIEWER, office, username="reviewer", password=PASSWORD)
    device = factories.enrol_second_factor(reviewer)
    page, console = watched_page(browser)
    base = live_server.url
    assert violations_on(page, f"{base}/admin/login/", console) == []
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/second-factor/verify/"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") + console == []
    page.fill("#id_code", factories.totp_code(device))
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") + console == []
    for path in ["/admin/", "/admin/second-factor/", "/admin/snippets/documents/document/add/"]:
        assert violations_on(page, base + path, console) == [], path
    shot(page, "csp-admin-document-form")
