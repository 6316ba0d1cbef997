"""GET /api/reports/annual/{year}: the published tables as JSON; GET /api/staff/reports/annual/
{year}: the tables computed now, for staff."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.core.roles import Role
from gongkai.disclosure.outcomes import OUTCOME_CODES
from gongkai.reports.annual import CaseRecord, RequestRecord
from tests import factories
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

D = date.fromisoformat


@pytest.fixture
def reports(disclosure):
    finance = factories.make_department(name="财政局", code="czj")
    disclosure.requests[None] = [
        RequestRecord("natural_person", D("2025-01-06"), False, "granted", D("2025-01-20")),
        RequestRecord("nonprofit", D("2025-02-06"), False, "not_processed.repeat", D("2025-02-20")),
        RequestRecord("other_org", D("2025-12-30")),
    ]
    disclosure.requests[finance.pk] = [
        RequestRecord("commercial", D("2025-05-06"), False, "partial", D("2025-05-20")),
    ]
    disclosure.cases[None] = [
        CaseRecord("lawsuit_after_reconsideration", D("2025-02-01"), "corrected", D("2025-09-01"))
    ]
    disclosure.fees[None] = Decimal("20.5")
    make_report(publish=True)
    make_report(department=finance, publish=True)
    return finance


def test_government_report_json(client, reports):
    response = client.get("/api/reports/annual/2025")
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == 2025 and data["format"] == "2021"
    assert data["department"] is None
    assert data["columns"] == [
        "natural_person",
        "commercial",
        "research",
        "nonprofit",
        "legal_services",
        "other_org",
        "total",
    ]
    assert list(data["table3"]) == [
        "new",
        "carried_over",
        *OUTCOME_CODES,
        "total",
        "carried_forward",
    ]
    assert data["table3"]["new"] == [1, 0, 0, 1, 0, 1, 3]
    assert data["table3"]["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert data["table3"]["not_processed.repeat"] == [0, 0, 0, 1, 0, 0, 1]
    assert data["table3"]["total"] == [1, 0, 0, 1, 0, 0, 2]
    assert data["table3"]["carried_forward"] == [0, 0, 0, 0, 0, 1, 1]
    assert data["table2"]["permits"] == {"decisions": 120}
    assert data["table2"]["fees"] == {"amount": 12.5}
    assert set(data["table2"]["regulations"]) == {"issued", "repealed", "in_force"}
    assert data["table4_columns"] == ["upheld", "corrected", "other", "pending", "total"]
    assert data["table4"]["lawsuit_after_reconsideration"] == [0, 1, 0, 0, 1]
    assert data["requests_by_month"][:3] == [1, 1, 0]
    assert data["fees_collected"] == "20.50"
    assert data["url"].endswith("/reports/annual/2025/")


def test_department_report_json(client, reports):
    data = client.get(f"/api/reports/annual/2025?department={reports.pk}").json()
    assert data["department"] == {"id": reports.pk, "name": "财政局"}
    assert data["table3"]["partial"] == [0, 1, 0, 0, 0, 0, 1]
    assert data["url"].endswith("/reports/annual/2025/departments/czj/")


def test_unpublished_or_missing_reports_answer_404(client, disclosure):
    make_report(year=2024)
    for url in (
        "/api/reports/annual/2024",
        "/api/reports/annual/2023",
        "/api/reports/annual/2024?department=999",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"] == "未找到或未公开 / Not found or not public"


# ---------------------------------------------------------------------------------------------
# GET /api/staff/reports/annual/{year}: the figures computed now, for staff with a token


def staff_get(client, user, url):
    plaintext = factories.api_token(user, name="年报")
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {plaintext}")


@pytest.fixture
def office_staff():
    office = factories.make_department(name="党政办公室", code="dzb", is_openness_office=True)
    return factories.make_user(role=Role.REVIEWER, department=office)


def test_staff_see_a_published_year_as_it_stands_now_in_the_public_shape(
    client, reports, office_staff, disclosure
):
    public = client.get("/api/reports/annual/2025").json()
    disclosure.requests[None].append(RequestRecord("research", D("2025-07-01")))
    response = staff_get(client, office_staff, "/api/staff/reports/annual/2025")
    assert response.status_code == 200
    live = response.json()
    assert set(live) == set(public) | {"computed_at", "report_status"}
    assert live["report_status"] == "published" and live["url"] == public["url"]
    assert live["table3"]["new"] == [1, 0, 1, 1, 0, 1, 4]  # the request received since
    assert public["table3"]["new"] == [1, 0, 0, 1, 0, 1, 3]  # the published copy is frozen
    assert live["table2"]["permits"] == {"decisions": 120}  # entered in the saved report


def test_staff_see_the_current_year_running_and_a_year_without_a_report(
    client, office_staff, disclosure
):
    this_year = timezone.localdate().year
    disclosure.requests[None] = [RequestRecord("natural_person", date(this_year, 1, 2))]
    live = staff_get(client, office_staff, f"/api/staff/reports/annual/{this_year}").json()
    assert live["report_status"] is None and live["published_at"] is None and live["url"] is None
    assert live["table3"]["new"][-1] == 1 and live["requests_by_month"][0] == 1
    assert live["table2"]["permits"] == {"decisions": None}  # nobody has entered it yet
    assert live["title"].startswith(str(this_year))
    assert client.get(f"/api/reports/annual/{this_year}").status_code == 404  # not public


def test_staff_reads_only_the_bodies_in_their_scope(client, reports, disclosure):
    finance = reports
    editor = factories.make_user(role=Role.EDITOR, department=finance)
    own = staff_get(client, editor, f"/api/staff/reports/annual/2025?department={finance.pk}")
    assert own.status_code == 200 and own.json()["department"]["name"] == "财政局"
    for url in (
        "/api/staff/reports/annual/2025",
        f"/api/staff/reports/annual/2025?department={factories.make_department(code='x').pk}",
    ):
        response = staff_get(client, editor, url)
        assert response.status_code == 403, url
        assert response.json()["detail"].startswith("无权查看")


def test_staff_route_needs_a_token_a_known_body_and_a_year_with_figures(
    client, office_staff, disclosure
):
    assert client.get("/api/staff/reports/annual/2025").status_code == 401
    next_year = timezone.localdate().year + 1
    for url in (
        f"/api/staff/reports/annual/{next_year}",
        "/api/staff/reports/annual/2018",
        "/api/staff/reports/annual/2025?department=999",
    ):
        assert staff_get(client, office_staff, url).status_code == 404, url
