"""In a real browser: a citizen subscribes to a department, a document of that department is
published through the sign-off workflow, the mail arrives at a real SMTP server with the
RFC 8058 headers, and the one-click unsubscribe works; the page in both languages at 1280 and
375 px (screenshots in test-artifacts/)."""

import pytest

from gongkai.subscriptions.models import Delivery, DeliveryState, Subscription
from tests.accounts.conftest import PASSWORD, make_account
from tests.browser import shot
from tests.factories import make_department, make_document

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_subscribe_publish_mail_and_one_click_unsubscribe(
    live_server, browser, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    department = make_department(name="科技创新局", name_en="Science and Innovation Bureau")
    account = make_account(email="wang.wu@example.com", name="王五")
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/account/login/")
    page.fill("#id_email", account.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/")
    page.get_by_role("link", name="政策订阅").click()
    page.wait_for_url("**/subscriptions/")
    page.select_option("#id_criterion", "department")
    page.select_option("#id_department", str(department.pk))
    page.click("form.account-form button[type=submit] >> text=订阅")
    page.wait_for_url("**/subscriptions/")
    assert page.get_by_text("订阅已保存。").is_visible()
    assert Subscription.objects.get(user=account.user).department == department

    document = make_document(department=department, title="关于支持科技企业研发投入的通知")
    # The account's verification mail came first; then exactly one for the document.
    mails = [m for m in smtp_server.wait_for(2) if m["To"] == account.email]
    [message] = [m for m in mails if document.title in m["Subject"]]
    assert message["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    unsubscribe_url = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe_url.startswith(live_server.url)

    page.reload()
    assert page.get_by_text(document.title).is_visible()
    assert Delivery.objects.get().state == DeliveryState.SENT
    shot(page, "subscriptions-manage-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    shot(page, "subscriptions-manage-375")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.reload()
    assert page.get_by_role("heading", name="Policy subscriptions").is_visible()
    assert page.locator(".my-items").first.get_by_text("Science and Innovation Bureau").is_visible()
    shot(page, "subscriptions-manage-en-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "subscriptions-manage-en-1280")

    # What a mail program does for one-click unsubscribe: a POST without cookies or token.
    response = page.context.request.post(
        unsubscribe_url, form={"List-Unsubscribe": "One-Click"}, fail_on_status_code=False
    )
    assert response.status == 200
    assert not Subscription.objects.exists()
    page.goto(unsubscribe_url)  # the link itself asks for confirmation; again harmless
    page.get_by_role("button", name="Confirm unsubscribing").click()
    assert page.get_by_text("Unsubscribed").is_visible()
    shot(page, "subscriptions-unsubscribed-en-1280")
