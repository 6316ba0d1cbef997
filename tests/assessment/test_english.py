"""The health check's back office in English shows no Chinese label (data such as department
names stays as entered)."""

import re

import lxml.html
import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from gongkai.assessment import services
from gongkai.core.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u4e00-\u9fff]")


def _labels(html: str) -> list[str]:
    tree = lxml.html.fromstring(html)
    main = tree.find(".//main")
    elements = main.xpath(".//h1|.//th|.//button|.//label|.//a[contains(@class,'button')]")
    return [" ".join(element.text_content().split()) for element in elements]


def test_pages_in_english(client):
    dept = factories.department("产业发展局")
    factories.published_document(dept=dept, body="<p><a href='/documents/999999/'>x</a></p>")
    services.run_health_check(max_pages=30)
    admin = factories.staff_user(Role.ADMIN)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin)
    pages = [
        reverse("assessment_admin:findings"),
        reverse("wagtailsnippets_assessment_columnrule:list"),
        reverse("wagtailsnippets_assessment_columnrule:add"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        labels = _labels(response.content.decode())
        assert labels, url
        assert [label for label in labels if HAN.search(label)] == [], url
    findings = client.get(pages[0]).content.decode()
    assert "Dead link on the site" in findings and "Check now" in findings
