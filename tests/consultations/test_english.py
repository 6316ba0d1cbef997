"""The consultations pages in English: no Chinese in the headings, buttons, labels, table
headers and menus that the app itself writes (the data entered in Chinese stays Chinese, so
the data of these tests is in English)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from gongkai.consultations import services
from gongkai.core.roles import Role
from tests.accounts.conftest import make_account
from tests.consultations.conftest import close, make_consultation
from tests.factories import make_department, make_user

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# The parts of a page the app writes: headings, buttons, labels, table headers, links that act
# as buttons, the page title and the admin's breadcrumbs and side panel.
CHROME = "title, h1, h2, h3, h4, legend, label, th, button, summary, .button, .help, .w-help-text, nav, [role=tab]"


def chinese_chrome(html):
    # The site's name is bilingual by choice ("公开 Gongkai", settings.WAGTAIL_SITE_NAME).
    html = html.replace(settings.WAGTAIL_SITE_NAME, "")
    soup = BeautifulSoup(html, "lxml")
    for hidden in soup.select("script, template, [lang^=zh], option"):
        hidden.decompose()
    found = []
    for element in soup.select(CHROME):
        text = " ".join(element.get_text(" ").split())
        if HAN.search(text):
            found.append(f"<{element.name}> {text}")
    for element in soup.select("input[type=submit], input[placeholder]"):
        text = element.get("value", "") + element.get("placeholder", "")
        if HAN.search(text):
            found.append(f"<input> {text}")
    return found


@pytest.fixture
def english_data():
    department = make_department(name="Industry Bureau")
    consultation = make_consultation(
        department=department,
        title="Measures for the software industry (draft)",
        background="Background of the draft.",
        legal_basis="Regulations on the business environment",
        offline_channels="Letters: Industry Bureau",
    )
    consultation.clauses.update(heading="Article", text="Rent subsidies for new companies.")
    return department, consultation


def english_staff(role, department):
    user = make_user(role=role, department=department)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def test_back_office_pages_in_english_show_no_chinese(client, english_data):
    department, consultation = english_data
    editor = english_staff(Role.EDITOR, department)
    citizen = make_account(email="en@example.com", name="Ada Lovelace")
    comment = services.comment_submit(
        consultation=consultation, user=citizen.user, text="Please cover three years.",
        nonce="e" * 24, clause_id=None,
    ).comment  # fmt: skip
    client.force_login(editor)
    pages = [
        reverse("wagtailsnippets_consultations_consultation:list"),
        reverse("wagtailsnippets_consultations_consultation:add"),
        reverse("wagtailsnippets_consultations_consultation:edit", args=[consultation.pk]),
        reverse("consultations_admin:comments", args=[consultation.pk]),
        reverse("consultations_admin:queue"),
    ]
    services.comment_approve(comment=comment, user=editor)
    close(consultation)
    pages.append(reverse("consultations_admin:report", args=[consultation.pk]))
    services.comments_dispose(
        consultation=consultation, comment_ids=[comment.pk], user=editor,
        disposition="adopted", reason="",
    )  # fmt: skip
    report = services.report_generate(consultation=consultation, user=editor)
    pages += [
        reverse("consultations_admin:report", args=[consultation.pk]),
        reverse("wagtailsnippets_consultations_adoptionreport:list"),
        reverse("wagtailsnippets_consultations_adoptionreport:edit", args=[report.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert chinese_chrome(response.content.decode()) == [], (
            url,
            chinese_chrome(response.content.decode()),
        )


def test_public_pages_in_english_show_no_chinese(client, english_data):
    _department, consultation = english_data
    client.cookies["django_language"] = "en"
    pages = [
        reverse("consultations:list"),
        consultation.get_absolute_url(),
        reverse("consultations:awaiting"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert chinese_chrome(response.content.decode()) == [], (
            url,
            chinese_chrome(response.content.decode()),
        )
    client.force_login(make_account(email="en@example.com", name="Ada Lovelace").user)
    form = client.get(reverse("consultations:comment", args=[consultation.pk]))
    assert chinese_chrome(form.content.decode()) == []
