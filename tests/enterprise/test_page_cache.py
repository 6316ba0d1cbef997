"""The public 政策通 pages (project calendar, programme pages and feeds, project library) come
from the page cache, and each change shows at the next anonymous GET: programmes (once the
edit is signed off) and funded projects edited in the back office, an enterprise's profile, the policy's document withdrawn,
a department renamed."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.core import services as core_services
from gongkai.enterprise import services
from tests import factories
from tests.enterprise.conftest import make_enterprise, make_funded, make_policy, make_programme

pytestmark = pytest.mark.django_db


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def stored(client, *urls: str) -> None:
    """Fetch each page twice: the second answer comes from the cache (same ETag)."""
    for url in urls:
        first = client.get(url)
        assert client.get(url)["ETag"] == first["ETag"], url


def edit_in_back_office(client, model: str, pk: int, **values) -> None:
    client.force_login(factories.make_user(is_superuser=True))
    edit = reverse(f"wagtailsnippets_enterprise_{model}:edit", args=[pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="w-editor-form")
    for name, value in values.items():
        data[name] = value
    assert client.post(edit, data).status_code == 302
    client.logout()
    client.cookies.clear()


def test_a_programme_edited_in_the_back_office_shows_at_once_signed_off(client):
    programme = make_programme(make_policy())
    urls = [
        "/enterprise/calendar/",
        programme.get_absolute_url(),
        f"/enterprise/programmes/{programme.pk}.ics",
        f"/enterprise/departments/{programme.department_id}.ics",
    ]
    stored(client, *urls)
    edit_in_back_office(
        client, "programme", programme.pk, title="2026年度数字经济专项申报", live="on"
    )
    for url in urls:
        assert "2026年度数字经济专项申报" not in client.get(url).content.decode(), url
    programme.refresh_from_db()
    factories.publish_object(programme.get_latest_revision_as_object())
    for url in urls:
        assert "2026年度数字经济专项申报" in client.get(url).content.decode(), url


def test_a_funded_project_edited_in_the_back_office_shows_in_the_library(client):
    project = make_funded(make_programme(make_policy()), make_enterprise())
    stored(client, "/enterprise/projects/")
    edit_in_back_office(
        client, "fundedproject", project.pk, title="工业互联网平台项目", public="on"
    )
    assert "工业互联网平台项目" in text_of(client, "/enterprise/projects/")


def test_an_enterprise_renamed_shows_in_the_project_library(client):
    enterprise = make_enterprise(name="旧名称科技有限公司")
    make_funded(make_programme(make_policy()), enterprise)
    stored(client, "/enterprise/projects/")
    enterprise.name = "新名称科技有限公司"
    services.save_profile(enterprise=enterprise, user=factories.make_user(), by_staff=True)
    assert "新名称科技有限公司" in text_of(client, "/enterprise/projects/")


def test_the_policy_document_withdrawn_drops_its_link(client):
    document = factories.make_document(title="软件和信息技术服务业扶持办法")
    programme = make_programme(make_policy(document=document, department=document.department))
    url = programme.get_absolute_url()
    stored(client, url)
    assert document.get_absolute_url() in client.get(url).content.decode()
    factories.withdraw_document(document)
    assert document.get_absolute_url() not in client.get(url).content.decode()


def test_renaming_the_department_shows_on_the_calendar_and_programme(client):
    programme = make_programme(make_policy())
    department = programme.department
    urls = [
        "/enterprise/calendar/",
        programme.get_absolute_url(),
        f"/enterprise/departments/{department.pk}.ics",
    ]
    stored(client, *urls)
    department.name = "工业和信息化局"
    department.save()
    core_services.department_saved(department=department, user=factories.make_user())
    for url in urls:
        assert "工业和信息化局" in client.get(url).content.decode(), url
