"""Staff sign-in: Argon2 password hashes and a lock-out after repeated failures, per user name and
address together."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai.api.services import api_token_create
from tests.factories import enrol_second_factor

pytestmark = pytest.mark.django_db
LOGIN_URL = reverse("wagtailadmin_login")


@pytest.fixture
def staff(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    return User.objects.create_user(
        "zhangsan", password="Correct-horse-2026", is_staff=True, is_superuser=True
    )


def test_passwords_are_hashed_with_argon2(staff):
    assert staff.password.startswith("argon2$")


def sign_in(client, password, *, address="10.0.0.1"):
    return client.post(
        LOGIN_URL, {"username": "zhangsan", "password": password}, REMOTE_ADDR=address
    )


def lock_out(address):
    attacker = Client()
    for _ in range(3):
        sign_in(attacker, "wrong", address=address)
    return attacker


def test_repeated_failures_lock_the_account_from_that_address(client, staff):
    lock_out("10.0.0.1")
    locked = sign_in(client, "Correct-horse-2026", address="10.0.0.1")
    assert locked.status_code == 429
    assert "账户已暂时锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_leave_the_account_usable_from_another(client, staff):
    lock_out("203.0.113.9")
    response = sign_in(client, "Correct-horse-2026", address="10.0.0.1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_forwarded_header_does_not_choose_the_counted_address(client, staff):
    # Only `gongkai serve --trusted-proxy` may turn X-Forwarded-For into the client address.
    attacker = Client()
    for number in range(3):
        attacker.post(
            LOGIN_URL,
            {"username": "zhangsan", "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    assert sign_in(attacker, "Correct-horse-2026", address="203.0.113.9").status_code == 429


def test_api_token_keeps_working_while_the_account_is_locked_from_an_address(client, staff):
    """The rule: a lock-out stops password sign-in from the attacking address only; a token is a
    separate secret the attacker does not have, so it keeps working (an administrator revokes a
    leaked token with `gongkai token revoke ID`). The administrator's token acts at all only
    once they have set up the second factor (gongkai.api.auth)."""
    enrol_second_factor(staff)
    plaintext, _token = api_token_create(user=staff, name="登记系统")
    lock_out("10.0.0.1")
    response = client.get(
        "/api/staff/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}", REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 200
    assert response.json()["username"] == "zhangsan"


def test_correct_password_signs_in(client, staff):
    response = client.post(LOGIN_URL, {"username": "zhangsan", "password": "Correct-horse-2026"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
