"""GET /api/reports/annual/{year}: the published tables as JSON."""

from datetime import date
from decimal import Decimal

import pytest

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
