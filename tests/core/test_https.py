"""Served over HTTPS (GONGKAI_HTTPS=1): HSTS, Secure cookies, plain HTTP redirected; the scheme
is believed from the trusted proxy only."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

HTTPS_CHECKS = {"security.W004", "security.W008", "security.W012", "security.W016"}


def deploy_check(tmp_path, **env) -> str:
    environment = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "k" * 30 + "-a-long-random-secret-for-the-deploy-check",
        "ALLOWED_HOSTS": "gongkai.example.gov.cn",
        "DEBUG": "0",
        **env,
    }
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "check", "--deploy"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr


def test_check_deploy_is_clean_of_https_warnings_with_gongkai_https(tmp_path):
    with_https = deploy_check(tmp_path, GONGKAI_HTTPS="1")
    assert not {check for check in HTTPS_CHECKS if check in with_https}, with_https
    without = deploy_check(tmp_path)
    assert all(check in without for check in HTTPS_CHECKS), without


@pytest.fixture
def https_site(settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.TRUSTED_PROXY = "127.0.0.1"


@pytest.mark.django_db
def test_over_https_pages_carry_hsts_and_cookies_are_secure(client, https_site):
    User.objects.create_user("wang", password="Correct-horse-2026", is_staff=True)
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "wang", "password": "Correct-horse-2026"},
        secure=True,
    )
    assert response.status_code == 302
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert response.cookies["sessionid"]["secure"] is True
    login_page = client.get(reverse("wagtailadmin_login"), secure=True)
    assert login_page.cookies["csrftoken"]["secure"] is True


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, https_site):
    response = client.get("/about-nothing/")
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


@pytest.mark.django_db
def test_https_from_the_trusted_proxy_only(client, https_site):
    from_proxy = client.get(
        reverse("wagtailadmin_login"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"
    )
    assert from_proxy.status_code == 200
    assert "Strict-Transport-Security" in from_proxy.headers
    from_anyone = client.get(
        reverse("wagtailadmin_login"), REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_PROTO="https"
    )
    assert from_anyone.status_code == 301
