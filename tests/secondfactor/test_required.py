"""The second factor is required at sign-in for reviewers and administrators, optional for other
staff, and never touches the session of a public page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.factories import enrol_second_factor, force_login_password_only, totp_code

pytestmark = pytest.mark.django_db
HOME = reverse("wagtailadmin_home")
ENROL = reverse("secondfactor_enrol")
VERIFY = reverse("secondfactor_verify")
DOCUMENTS = reverse("wagtailsnippets_documents_document:list")


def test_reviewer_with_an_authenticator_is_sent_to_verification_until_verified(client, reviewer):
    enrol_second_factor(reviewer)
    force_login_password_only(client, reviewer)
    for path in (HOME, DOCUMENTS, reverse("secondfactor_status")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == f"{VERIFY}?next={path.replace('/', '%2F')}", path
    assert client.post(DOCUMENTS).url.startswith(VERIFY)


def test_reviewer_without_an_authenticator_reaches_only_enrolment(client, reviewer):
    force_login_password_only(client, reviewer)
    for path in (HOME, DOCUMENTS, reverse("wagtailadmin_account"), VERIFY):
        assert client.get(path).url.startswith(ENROL), path
    assert client.get(ENROL).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_administrator_without_an_authenticator_is_sent_to_enrolment(client):
    force_login_password_only(client, factories.make_user(is_superuser=True, is_staff=True))
    assert client.get(HOME).url.startswith(ENROL)


def test_verified_reviewer_reaches_the_back_office(client, reviewer):
    client.force_login(reviewer)  # as tests/conftest.py leaves it: past both factors
    assert client.get(HOME).status_code == 200
    assert client.get(DOCUMENTS).status_code == 200


def test_editor_without_an_authenticator_passes(client, editor):
    force_login_password_only(client, editor)
    assert client.get(HOME).status_code == 200


def test_editor_who_enrolled_is_asked_for_the_code(client, editor):
    enrol_second_factor(editor)
    force_login_password_only(client, editor)
    assert client.get(HOME).url.startswith(VERIFY)


def test_switched_off_nobody_must_enrol_but_an_enrolled_user_is_asked(client, reviewer, settings):
    settings.GONGKAI_OTP_REQUIRED = False
    force_login_password_only(client, reviewer)
    assert client.get(HOME).status_code == 200
    enrol_second_factor(reviewer)
    assert client.get(HOME).url.startswith(VERIFY)


def test_password_then_code_at_the_login_page_reaches_the_dashboard(client, reviewer):
    device = enrol_second_factor(reviewer)
    signed_in = client.post(
        reverse("wagtailadmin_login"),
        {"username": "shenqian", "password": "correct horse battery staple", "next": DOCUMENTS},
    )
    detour = client.get(signed_in.url)
    assert detour.url.startswith(VERIFY)
    form = client.get(detour.url)
    assert form.status_code == 200
    response = client.post(VERIFY, {"code": totp_code(device), "next": DOCUMENTS})
    assert response.url == DOCUMENTS
    assert client.get(DOCUMENTS).status_code == 200


@pytest.mark.parametrize("path", ["/", "/documents/", "/api/documents"])
def test_public_pages_stay_cookieless_for_visitors_and_unverified_staff(client, reviewer, path):
    response = Client().get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    force_login_password_only(client, reviewer)
    assert client.get(path).status_code == 200  # no detour off the back office
