"""The 政策问答库 pages in English: no Chinese in the headings, buttons, labels, table headers
and notices the app writes (the data of these tests is in English: data entered in Chinese
stays Chinese)."""

import pytest
from django.urls import reverse

from gongkai.core.roles import Role
from gongkai.documents import services as document_services
from tests.consultations.test_english import chinese_chrome
from tests.factories import make_department, make_document, make_topic
from tests.interaction.test_english import english_staff
from tests.knowledge.conftest import make_answer

pytestmark = pytest.mark.django_db


def chinese_in(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return chinese_chrome(response.content.decode())


@pytest.fixture
def flagged():
    department = make_department(name="Industry Bureau")
    document = make_document(department=department, title="Measures for small firms")
    answer = make_answer(
        department=department,
        documents=[document],
        topics=[make_topic(name="Enterprise support")],
        question="Which papers does a rent subsidy need?",
        answer="The business licence, the lease and the receipts.",
    )
    office = english_staff(Role.REVIEWER, make_department(name="Openness Office"))
    document_services.document_change_validity(document=document, user=office, validity="repealed")
    return answer, office


def test_public_pages_in_english_show_no_chinese(client, flagged):
    answer, _office = flagged
    client.cookies["django_language"] = "en"
    for url in (
        reverse("knowledge:list"),
        reverse("knowledge:list") + "?q=rent",
        reverse("knowledge:list") + "?q=nothing",
        answer.get_absolute_url(),
    ):
        assert chinese_in(client, url) == [], url


def test_back_office_pages_in_english_show_no_chinese(client, flagged):
    answer, office = flagged
    client.force_login(office)
    for url in (
        reverse("knowledge_admin:queue"),
        reverse("knowledge_admin:review", args=[answer.pk]),
        reverse("wagtailsnippets_knowledge_policyanswer:list"),
        reverse("wagtailsnippets_knowledge_policyanswer:add"),
        reverse("wagtailsnippets_knowledge_policyanswer:edit", args=[answer.pk]),
    ):
        assert chinese_in(client, url) == [], url
