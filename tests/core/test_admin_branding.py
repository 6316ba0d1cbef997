"""The back office carries the site's name and mark, not Wagtail's, in both languages: the sign-in
page, the browser tab, the sidebar, and no links to Wagtail's guide on the internet."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from gongkai.core.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

SITE = settings.WAGTAIL_SITE_NAME


@pytest.mark.parametrize(
    ("language", "heading", "password", "hint"),
    [
        ("zh-hans", f"登录{SITE}", "密码", "输入用户名"),
        ("en", f"Sign in to {SITE}", "Password", "Enter your username"),
    ],
)
def test_sign_in_page_names_the_site_and_labels_the_password(
    client, language, heading, password, hint
):
    client.cookies["django_language"] = language
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_login")).content, "lxml")
    assert soup.h1.get_text(strip=True) == heading
    assert soup.title.get_text(strip=True).endswith(f" - {SITE}")
    assert soup.select_one("label[for=id_password]").get_text(" ", strip=True).startswith(password)
    assert soup.select_one("#id_username")["placeholder"] == hint
    assert soup.select_one(".login-logo img.gongkai-logo")["alt"] == SITE
    assert "Wagtail" not in soup.get_text()


def test_signing_in_with_the_labelled_form_still_works(client):
    staff = factories.staff_user(Role.EDITOR, factories.department("财政局", code="czj"))
    staff.set_password("correct horse battery staple")
    staff.save()
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": staff.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_dashboard_has_the_sites_mark_and_no_link_to_wagtails_guide(client):
    client.force_login(factories.staff_user(Role.ADMIN, is_superuser=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    soup = BeautifulSoup(html, "lxml")
    logo = soup.select_one("template[data-wagtail-sidebar-branding-logo]")
    assert "core/logo.svg" in logo.decode_contents()
    assert "guide.wagtail.org" not in html
    assert soup.title.get_text(strip=True).endswith(f" - {SITE}")
