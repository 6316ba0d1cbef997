"""The health check through Django: a crawl of the real portal finds planted problems and
files them under the department that can fix them; the back office shows each department its
own; the command reports and exits 1 on a single-veto item."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.assessment import services
from gongkai.assessment.models import FindingKind, HealthCheck, HealthFinding
from gongkai.core.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

PLANTED_ID = "110101199003077571"


@pytest.fixture
def site():
    industry = factories.department("产业发展局")
    education = factories.department("教育局")
    kind = factories.document_kind("通知", needs_interpretation=False)
    broken = factories.published_document(
        dept=industry,
        kind=kind,
        title="关于产业扶持的通知",
        body="<p>详见<a href='/documents/999999/'>附件说明</a>。</p>",
    )
    leaking = factories.published_document(
        dept=education,
        kind=kind,
        title="关于学生资助的公示",
        body=f"<p>受助学生身份证号：{PLANTED_ID}</p>",
    )
    clean = factories.published_document(dept=education, kind=kind, title="关于开学的通知")
    return {
        "industry": industry,
        "education": education,
        "broken": broken,
        "leaking": leaking,
        "clean": clean,
    }


def _finding(kind, **filters):
    return HealthFinding.objects.filter(kind=kind, **filters)


def test_a_planted_dead_link_and_id_number_are_found_under_their_departments(site):
    check = services.run_health_check(max_pages=200)

    dead = _finding(FindingKind.DEAD_LINK, target="/documents/999999/").get()
    assert dead.path == site["broken"].get_absolute_url()
    assert dead.department == site["industry"]
    assert dead.object == site["broken"]

    leak = _finding(FindingKind.PERSONAL_DATA, path=site["leaking"].get_absolute_url()).get()
    assert leak.department == site["education"]
    assert leak.is_veto
    assert PLANTED_ID not in leak.target + leak.detail  # the finding itself is masked
    assert "leak" in check.vetoes

    assert not _finding(FindingKind.DEAD_LINK, path=site["clean"].get_absolute_url()).exists()
    assert check.pages >= 4 and check.finished_at is not None


def test_the_crawl_is_not_counted_as_views(site, settings):
    """浏览量 count people: the check reads every page, none of its reads is a view."""
    settings.PAGE_VIEW_FLUSH_SECONDS = 0
    services.run_health_check(max_pages=200)
    services.run_health_check(max_pages=200)  # the second crawl is served from the page cache
    site["clean"].refresh_from_db()
    assert site["clean"].view_count == 0


def test_documents_failing_todays_checks_are_listed(site):
    factories.published_document(
        dept=site["industry"],
        kind=factories.document_kind("意见", needs_interpretation=True),
        title="关于促进消费的意见",
    )
    services.run_health_check(max_pages=50)
    problems = _finding(FindingKind.DOCUMENT_PROBLEM, target="关于促进消费的意见")
    assert problems.exists()
    assert {p.department for p in problems} == {site["industry"]}


def test_empty_topics_and_stale_kinds_are_columns_not_updated(site):
    for n in range(5):
        factories.make_topic(name=f"空栏目{n}")
    check = services.run_health_check(max_pages=20)
    assert _finding(FindingKind.EMPTY_COLUMN).count() == 5
    assert "columns_not_updated" in check.vetoes
    assert all(f.is_veto for f in _finding(FindingKind.EMPTY_COLUMN))


def _client_as(client, role, dept=None):
    user = factories.staff_user(role, dept)
    client.force_login(user)
    return user


def test_each_department_sees_its_own_findings(client, site):
    services.run_health_check(max_pages=200)
    _client_as(client, Role.EDITOR, site["industry"])
    page = client.get(reverse("assessment_admin:findings")).content.decode()
    assert "/documents/999999/" in page
    assert site["leaking"].get_absolute_url() not in page

    _client_as(client, Role.ASSESSOR)
    page = client.get(reverse("assessment_admin:findings")).content.decode()
    assert "/documents/999999/" in page and site["leaking"].get_absolute_url() in page
    assert "单项否决" in page


def test_only_the_office_runs_a_check_on_demand(client, site):
    _client_as(client, Role.EDITOR, site["industry"])
    refused = client.post(reverse("assessment_admin:run"))
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's refusal
    assert not HealthCheck.objects.exists()
    _client_as(client, Role.REVIEWER)
    response = client.post(reverse("assessment_admin:run"))
    assert response.url == reverse("assessment_admin:findings")
    assert HealthCheck.objects.count() == 1  # tasks run at once in tests


def test_the_command_reports_and_fails_on_a_veto(site, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("health_check", "--max-pages", "50")
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert re.search(r"(站内死链|Dead link on the site): [1-9]", out)
