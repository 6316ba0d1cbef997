"""The 回应关切 pages in English: no Chinese in the headings, buttons, labels, table headers and
menus the app writes (the data of these tests is in English, as data entered in Chinese stays
Chinese); the refusal at sign-off reads in English."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.concerns import services
from gongkai.core.roles import Role
from tests.concerns.conftest import answered_concern
from tests.consultations.test_english import chinese_chrome
from tests.factories import make_department, make_document, make_user
from tests.interaction.test_english import english_staff

pytestmark = pytest.mark.django_db


def chinese_in(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return chinese_chrome(response.content.decode())


@pytest.fixture
def english_data():
    department = make_department(name="Housing Bureau")
    roads = make_department(name="Roads Bureau")
    head = make_user(role=Role.HEAD, department=department)
    concern = answered_concern(
        department, head, title="Road works outside the school",
        description="Parents say the school gate is blocked at rush hour.",
        supporting_departments=[roads], source_note="Evening News",
    )  # fmt: skip
    services.response_save(
        concern=concern, user=head, text="A second answer.", responded_on=timezone.localdate()
    )
    document = make_document(department=department, publish=False, is_sensitive=True,
                             title="Bus fares")  # fmt: skip
    return department, concern, document


def test_public_pages_in_english_show_no_chinese(client, english_data):
    _department, concern, _document = english_data
    client.cookies["django_language"] = "en"
    for url in (reverse("concerns:list"), concern.get_absolute_url()):
        assert chinese_in(client, url) == [], url


def test_back_office_pages_in_english_show_no_chinese(client, english_data):
    department, concern, document = english_data
    draft = concern.responses.get(published_at__isnull=True)
    office = english_staff(Role.REVIEWER, make_department(name="Openness Office"))
    client.force_login(english_staff(Role.EDITOR, department))
    services_page = reverse("concerns_admin:assess", args=[document.pk])
    pages = [
        reverse("concerns_admin:list"),
        reverse("concerns_admin:new"),
        reverse("concerns_admin:concern", args=[concern.pk]),
        reverse("concerns_admin:edit", args=[concern.pk]),
        reverse("concerns_admin:response_edit", args=[draft.pk]),
        reverse("concerns_admin:assessments"),
        services_page,
    ]
    for url in pages:
        assert chinese_in(client, url) == [], url
    client.force_login(office)
    for url in pages:
        assert chinese_in(client, url) == [], url
    services.response_return(response=draft, user=office, reason="Say when it ends.")
    for url in (pages[2], pages[4]):
        assert chinese_in(client, url) == [], url
