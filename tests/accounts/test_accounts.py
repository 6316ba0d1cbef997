"""Public accounts through Django: registration verified by a mail read from a real SMTP
server, login apart from staff, password reset, mobile code, deletion, limits."""

import logging
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.accounts import selectors, services
from gongkai.accounts.models import PublicAccount
from gongkai.core.roles import Role
from tests import factories
from tests.accounts.conftest import PASSWORD, make_account
from tests.mailbox import body_of, links_in

pytestmark = pytest.mark.django_db(transaction=True)

REGISTRATION = {
    "kind": "citizen",
    "name": "张三丰",
    "email": "Zhang.San@Example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "mobile": "",
    "agree": "on",
    "nonce": "registration-nonce-0001",
}


def register(client, **changes):
    return client.post(reverse("accounts:register"), {**REGISTRATION, **changes})


def login(client, email="zhang.san@example.com", password=PASSWORD):
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


def test_register_verify_by_the_mailed_link_and_log_in(client, smtp_server):
    response = register(client)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:register_sent")
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "zhang.san@example.com"
    assert "验证" in message["Subject"]
    # Not verified yet: the login is refused with the reason.
    response = login(client)
    assert response.status_code == 400
    assert "邮箱尚未验证" in response.content.decode()

    [link] = [url for url in links_in(message) if "/account/verify/" in url]
    response = client.get(urlsplit(link).path)
    assert response.status_code == 302
    account = PublicAccount.objects.get(email="zhang.san@example.com")
    assert account.email_verified_at is not None
    # The link is spent once used.
    assert client.get(urlsplit(link).path).status_code == 400

    response = login(client)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:mine")
    assert client.get(reverse("accounts:mine")).status_code == 200


def test_a_double_submit_makes_one_account(client, smtp_server):
    register(client)
    register(client)
    assert PublicAccount.objects.count() == 1
    assert len(smtp_server.wait_for(1)) == 1


def test_a_registered_address_is_told_by_mail_and_the_visitor_sees_the_same_page(
    client, smtp_server
):
    make_account(email="zhang.san@example.com")
    response = register(client, nonce="another-registration-nonce")
    assert response["Location"] == reverse("accounts:register_sent")
    message = smtp_server.wait_for(2)[-1]  # after make_account's own verification mail
    assert "已经注册过" in body_of(message)
    assert PublicAccount.objects.count() == 1


def test_bad_input_is_refused_in_the_users_language_and_nothing_is_written(client):
    response = register(client, password2="something else", mobile="12345", name="x" * 500)
    page = response.content.decode()
    assert response.status_code == 400
    assert "两次输入的密码不一致" in page and "请填写正确的手机号码" in page
    assert PublicAccount.objects.count() == 0
    client.cookies["django_language"] = "en"
    page = register(client, email="not-an-address").content.decode()
    assert "Enter a valid email address." in page


def test_staff_cannot_log_in_on_the_portal_and_public_accounts_cannot_reach_the_back_office(
    client,
):
    office = factories.department("党政办公室", code="dzb", is_openness_office=True)
    factories.staff_user(Role.REVIEWER, office, username="reviewer", email="reviewer@example.com")
    response = login(client, email="reviewer@example.com", password="correct horse battery staple")
    assert response.status_code == 400 and "邮箱或密码不正确" in response.content.decode()

    make_account(email="citizen@example.com")
    assert login(client, email="citizen@example.com").status_code == 302
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")


def test_password_reset_through_the_mailed_link(client, smtp_server):
    make_account(email="citizen@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "citizen@example.com"})
    message = smtp_server.wait_for(2)[-1]  # after make_account's own verification mail
    assert "重设" in message["Subject"]
    [link] = [url for url in links_in(message) if "/password/reset/" in url]
    path = urlsplit(link).path
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "Another-test-password-9"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert login(client, email="citizen@example.com", password=new).status_code == 302


def test_password_reset_of_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_mobile_code_goes_to_the_sms_backend_and_the_log_never_shows_the_number(client, caplog):
    account = make_account(email="citizen@example.com", mobile="13812345678")
    client.force_login(account.user)
    with caplog.at_level(logging.WARNING, logger="gongkai.sms"):
        client.post(reverse("accounts:mobile_code"))
    [record] = [r for r in caplog.records if r.name == "gongkai.sms"]
    text = record.getMessage()
    assert "138****5678" in text and "13812345678" not in text
    code = re.search(r"\d{6}", text.replace("138****5678", "")).group(0)
    client.post(reverse("accounts:mobile_verify"), {"code": "000000" if code != "000000" else "1"})
    account.refresh_from_db()
    assert account.mobile_verified_at is None
    client.post(reverse("accounts:mobile_verify"), {"code": code})
    account.refresh_from_db()
    assert account.mobile_verified_at is not None


def test_deleting_an_account_erases_the_person_and_keeps_the_signature(client):
    account = make_account(email="citizen@example.com", mobile="13812345678")
    client.force_login(account.user)
    response = client.post(reverse("accounts:delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400 and "密码不正确" in response.content.decode()
    client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    account.refresh_from_db()
    assert account.is_deleted and account.email is None and account.name == ""
    assert account.mobile == ""
    assert not account.user.is_active and not account.user.has_usable_password()
    assert selectors.public_name(account) == "已注销用户"
    assert login(client, email="citizen@example.com").status_code == 400
    # The address can register again.
    assert register(client, email="citizen@example.com").status_code == 302


def test_registrations_are_limited_per_address(client, settings):
    settings.ACCOUNT_REGISTER_LIMIT = 2
    for number in range(2):
        register(
            client, email=f"user{number}@example.com", nonce=f"registration-nonce-{number:04d}"
        )
    response = register(client, email="user9@example.com", nonce="registration-nonce-9999")
    assert response.status_code == 429
    assert "请 60 分钟后再试" in response.content.decode()
    assert PublicAccount.objects.count() == 2


def test_my_items_lists_the_accounts_disclosure_requests(client):
    from gongkai.disclosure.models import DisclosureRequest

    account = make_account(email="citizen@example.com")
    DisclosureRequest.objects.create(
        tracking_number="GK-2026-0000001",
        access_token_hash="x" * 64,
        applicant_type="natural_person",
        applicant_name="张三丰",
        description="请公开2025年区级财政预算执行情况",
        provision_form="electronic",
        delivery="online",
        channel="online",
        received_on="2026-03-02",
        submitted_by=account.user,
    )
    client.force_login(account.user)
    page = client.get(reverse("accounts:mine")).content.decode()
    assert "GK-2026-0000001" in page and "请公开2025年区级财政预算执行情况" in page


def test_the_privacy_page_is_public_and_cached(client):
    first = client.get(reverse("accounts:privacy"))
    assert first.status_code == 200 and "个人信息保护说明" in first.content.decode()
    assert first["Cache-Control"].startswith("public")


def test_block_needs_a_reason_and_the_office(client):
    account = make_account(email="citizen@example.com")
    office = factories.department("党政办公室", code="dzb", is_openness_office=True)
    editor = factories.staff_user(Role.EDITOR, office, username="editor")
    reviewer = factories.staff_user(Role.REVIEWER, office, username="reviewer")
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        services.account_block(account=account, actor=reviewer, reason=" ")
    with pytest.raises(PermissionDenied):
        services.account_block(account=account, actor=editor, reason="辱骂他人")
    services.account_block(account=account, actor=reviewer, reason="多次发布辱骂他人的内容")
    assert "限制发言" in selectors.participation_refusal(account.user)
