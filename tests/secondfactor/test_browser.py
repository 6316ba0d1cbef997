"""In a real browser: a reviewer signs in with the password, is asked for the code of their
authenticator and reaches the dashboard; one without an authenticator sets it up first.
Screenshots: test-artifacts/secondfactor-*.png."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

from gongkai.core.roles import Role
from tests import factories
from tests.browser import shot

PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewer():
    office = factories.department("党政办公室", code="dzb", is_openness_office=True)
    return factories.staff_user(Role.REVIEWER, office, username="reviewer")


def password_step(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


@pytest.mark.parametrize("width", [1280, 375])
def test_reviewer_types_the_authenticators_code_and_reaches_the_dashboard(
    live_server, browser, reviewer, width
):
    device = factories.enrol_second_factor(reviewer)
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    password_step(page, live_server.url)
    page.wait_for_url(re.compile(r".*/admin/second-factor/verify/\?next=%2Fadmin%2F$"))
    page.goto(
        f"{live_server.url}/admin/snippets/documents/document/"
    )  # nothing else opens before the code
    page.wait_for_url(re.compile(r".*/admin/second-factor/verify/"))
    shot(page, f"secondfactor-verify-{width}")
    page.fill("#id_code", f"{totp(device.bin_key, step=device.step):06d}")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/snippets/documents/document/")
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("main").is_visible()
    assert "/second-factor/" not in page.url


def test_reviewer_without_an_authenticator_sets_it_up_then_reaches_the_dashboard(
    live_server, browser, reviewer
):
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    password_step(page, live_server.url)
    page.wait_for_url(re.compile(r".*/admin/second-factor/enrol/"))
    assert page.locator("img.second-factor-qr").is_visible()
    shot(page, "secondfactor-enrol-1280")
    key = b32decode(page.inner_text("[data-secret]").replace(" ", ""))
    page.fill("#id_code", f"{totp(key):06d}")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/second-factor/backup-codes/"))
    assert page.locator(".second-factor-codes li").count() == 10
    page.click("text=我已保存，继续")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("main").is_visible()
