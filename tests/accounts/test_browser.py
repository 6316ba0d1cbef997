"""In a real browser: a citizen registers, opens the verification link from the mail the SMTP
server received, logs in and sees "my items"; the pages in both languages at 1280 and 375 px
(screenshots in test-artifacts/)."""

import pytest

from gongkai.accounts.models import PublicAccount
from tests.accounts.conftest import PASSWORD
from tests.browser import shot
from tests.mailbox import links_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def register_in_browser(page, base, smtp_server, *, email="li.si@example.com", name="李四"):
    """Register through the form and verify through the mailed link; returns the page logged in
    on "my items"."""
    page.goto(f"{base}/account/register/")
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_agree")
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/register/sent/")
    [message] = [m for m in smtp_server.wait_for(1) if email in m["To"]]
    [link] = [url for url in links_in(message) if "/account/verify/" in url]
    page.goto(link)  # WAGTAILADMIN_BASE_URL is the live server
    page.wait_for_url("**/account/login/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/")
    return page


def test_register_verify_log_in_and_my_items(live_server, browser, smtp_server, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/account/register/")
    shot(page, "accounts-register-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    shot(page, "accounts-register-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    register_in_browser(page, live_server.url, smtp_server)
    assert PublicAccount.objects.get(email="li.si@example.com").email_verified_at is not None
    assert page.get_by_role("heading", name="我的办件").is_visible()
    shot(page, "accounts-mine-1280")
    page.goto(f"{live_server.url}/account/profile/")
    assert "李**" in page.content()
    shot(page, "accounts-profile-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    shot(page, "accounts-profile-375")

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/account/profile/")
    assert page.get_by_role("heading", name="Account", exact=True).is_visible()
    shot(page, "accounts-profile-en-375")
    page.goto(f"{live_server.url}/account/privacy/")
    shot(page, "accounts-privacy-en-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/account/login/")
    shot(page, "accounts-login-en-1280")
