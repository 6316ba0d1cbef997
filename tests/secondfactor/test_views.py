"""The back office's second-factor pages: enrolment with a QR code and the secret, backup codes
shown once, verification with throttling, in Chinese and English."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.secondfactor import selectors
from tests.factories import enrol_second_factor, force_login_password_only, totp_code, wrong_code

pytestmark = pytest.mark.django_db
ENROL = reverse("secondfactor_enrol")
VERIFY = reverse("secondfactor_verify")


def shown_secret(page: str) -> bytes:
    [secret] = re.findall(
        r"<code class=\"second-factor-secret\" data-secret>([A-Z2-7 ]+)</code>", page
    )
    return b32decode(secret.replace(" ", ""))


def verified(client) -> bool:
    return "otp_device_id" in client.session


def test_enrol_page_shows_a_qr_code_and_the_secret_and_a_right_code_turns_it_on(client, reviewer):
    force_login_password_only(client, reviewer)
    page = client.get(ENROL, {"next": "/admin/documents/"}).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    key = shown_secret(page)
    assert key == TOTPDevice.objects.get(user=reviewer, confirmed=False).bin_key
    assert "<script" not in page.split("<main", 1)[1]

    code = f"{totp(key):06d}"
    response = client.post(ENROL, {"code": code, "next": "/admin/documents/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("secondfactor_backup_codes"))
    assert verified(client)
    codes_page = client.get(response["Location"]).content.decode()
    assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", codes_page)) == 10
    assert 'href="/admin/documents/"' in codes_page
    # Shown once only.
    assert client.get(response["Location"]).status_code == 302


def test_enrol_refuses_a_wrong_code(client, reviewer):
    force_login_password_only(client, reviewer)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=reviewer)
    response = client.post(ENROL, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert not selectors.has_device(reviewer) and not verified(client)


def test_verify_refuses_a_wrong_code_then_throttles_then_accepts(client, reviewer):
    device = enrol_second_factor(reviewer)
    force_login_password_only(client, reviewer)
    assert client.get(ENROL).url == VERIFY
    refused = client.post(VERIFY, {"code": wrong_code(device)})
    assert "验证码不正确" in refused.content.decode() and not verified(client)
    throttled = client.post(VERIFY, {"code": totp_code(device)})
    assert "错误次数过多，请 1 秒后再试" in throttled.content.decode()
    assert not verified(client)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert verified(client)


def test_throttling_message_in_english(client, reviewer):
    device = enrol_second_factor(reviewer)
    force_login_password_only(client, reviewer)
    client.cookies["django_language"] = "en"
    client.post(VERIFY, {"code": wrong_code(device)})
    page = client.post(VERIFY, {"code": totp_code(device)}).content.decode()
    assert "Too many wrong codes: wait 1 s and try again." in page
    assert "错误次数过多" not in page


def test_verify_does_not_follow_a_next_to_another_site(client, reviewer):
    device = enrol_second_factor(reviewer)
    force_login_password_only(client, reviewer)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_account_settings_link_to_the_second_factor(client, editor):
    force_login_password_only(client, editor)
    assert (
        reverse("secondfactor_status")
        in client.get(reverse("wagtailadmin_account")).content.decode()
    )
    page = client.get(reverse("secondfactor_status")).content.decode()
    assert "两步验证是可选的" in page and ENROL in page


def test_verify_without_a_device_goes_to_enrolment(client, editor):
    force_login_password_only(client, editor)
    assert client.get(VERIFY).url.startswith(ENROL)
