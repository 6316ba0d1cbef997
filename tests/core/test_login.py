"""Staff sign-in: Argon2 password hashes and a lock-out after repeated failures."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

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


def test_repeated_failures_lock_the_account(client, staff):
    for _ in range(3):
        response = client.post(LOGIN_URL, {"username": "zhangsan", "password": "wrong"})
    locked = client.post(LOGIN_URL, {"username": "zhangsan", "password": "Correct-horse-2026"})
    assert locked.status_code == 429
    assert "账户已暂时锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_correct_password_signs_in(client, staff):
    response = client.post(LOGIN_URL, {"username": "zhangsan", "password": "Correct-horse-2026"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
