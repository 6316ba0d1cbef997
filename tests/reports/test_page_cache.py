"""The report pages are cached, and publishing a report or renaming a department shows at the next
anonymous GET (gongkai.core.pagecache)."""

import pytest

from gongkai.core import services as core_services
from gongkai.core.roles import Role
from tests import factories
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


def test_publishing_a_report_drops_the_list_and_its_pages(client, django_assert_num_queries):
    department = factories.make_department(name="财政局", code="czj")
    government = make_report(publish=True)
    draft = make_report(department=department)
    pages = [
        "/reports/annual/",
        f"/api/reports/annual/{draft.year}?department={department.pk}",
        f"/reports/annual/{draft.year}/departments/czj/",
        f"/reports/annual/{draft.year}/departments/czj/report.xlsx",
    ]
    assert client.get(pages[0]).status_code == 200
    with django_assert_num_queries(0):
        assert draft.title not in client.get(pages[0]).content.decode()
    assert [client.get(url).status_code for url in pages[1:]] == [404, 404, 404]

    from gongkai.reports import services

    services.annual_report_publish(report=draft, user=None)
    assert draft.title in client.get(pages[0]).content.decode()
    assert [client.get(url).status_code for url in pages[1:]] == [200, 200, 200]
    assert government.title in client.get(pages[0]).content.decode()


def test_a_department_rename_shows_on_the_report_pages(client):
    department = factories.make_department(name="财政局", code="czj")
    report = make_report(department=department, publish=True)
    url = f"/reports/annual/{report.year}/departments/czj/"
    assert "财政局" in client.get(url).content.decode()
    department.name = "财政金融局"
    department.save()
    core_services.department_saved(
        department=department, user=factories.staff_user(Role.ADMIN, department)
    )
    assert "财政金融局" in client.get(url).content.decode()
    assert "财政金融局" in client.get("/reports/annual/").content.decode()
