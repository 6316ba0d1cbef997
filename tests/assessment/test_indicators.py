"""Indicators scored from the apps' data: the items behind each score, a query per indicator
however many items, recomputation keeping adjustments, and adjustments audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.assessment import services
from gongkai.assessment.models import Adjustment, Indicator, IndicatorResult
from gongkai.assessment.scoring import Period
from gongkai.core.calendar import current_calendar
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests import factories
from tests.assessment.conftest import make_request

pytestmark = pytest.mark.django_db


def _result(code, department, period):
    return IndicatorResult.objects.get(
        indicator__code=code, department=department, period=period.key
    )


def test_the_indicators_are_seeded_and_published():
    codes = set(Indicator.objects.filter(published=True).values_list("code", flat=True))
    assert codes == {
        "requests_on_time",
        "interpretations",
        "enforcement_on_time",
        "consultation_reports",
        "columns_updated",
        "dead_links",
        "personal_data",
        "spot_checks",
    }
    assert all(
        indicator.name_en and indicator.definition_en for indicator in Indicator.objects.all()
    )


def test_scores_and_the_items_behind_them(district):
    period = district.period
    services.compute_indicators(period)

    requests = _result("requests_on_time", district.industry, period)
    assert (requests.total, requests.failing, requests.score) == (2, 1, 50.0)
    late = requests.items[0]
    assert late["pk"] == district.late.pk and late["label"] == district.late.tracking_number
    expected = current_calendar().working_days_between(
        district.due, district.due + timedelta(days=7)
    )
    assert late["late_days"] == expected > 0 and late["met"] is False
    assert requests.items[1]["met"] is True
    assert _result("requests_on_time", district.education, period).score == 100.0

    decision = _result("enforcement_on_time", district.industry, period)
    assert decision.score == 0.0 and decision.items[0]["model"] == "enforcement.decision"
    assert decision.items[0]["done_on"] == (district.due + timedelta(days=10)).isoformat()

    interpretation = _result("interpretations", district.education, period)
    assert interpretation.score == 0.0
    assert interpretation.items[0]["label"] == "关于学校安全的规定"
    assert interpretation.items[0]["done_on"] is None

    report = _result("consultation_reports", district.education, period)
    assert report.score == 0.0 and report.items[0]["pk"] == district.consultation.pk
    # Not applicable: no score, left out of the total.
    assert not IndicatorResult.objects.filter(
        indicator__code="interpretations", department=district.industry, period=period.key
    ).exists()


def test_findings_of_the_periods_latest_health_check_are_scored(db):
    industry = factories.department("产业发展局")
    factories.published_document(
        dept=industry, kind=factories.document_kind("通知", needs_interpretation=False),
        body="<p><a href='/documents/999999/'>附件</a></p>",
    )  # fmt: skip
    services.run_health_check(max_pages=50)
    period = Period.quarter_of(timezone.localdate())
    services.compute_indicators(period)
    dead = _result("dead_links", industry, period)
    assert dead.failing == 1 and dead.score == 95.0
    assert "/documents/999999/" in dead.items[0]["label"]
    assert dead.items[0]["model"] == "documents.document"
    assert _result("personal_data", industry, period).score == 100.0
    # A period without a check has no finding scores.
    services.compute_indicators(period.previous())
    assert not IndicatorResult.objects.filter(
        period=period.previous().key, indicator__code="dead_links"
    ).exists()


def test_one_query_per_indicator_however_many_items(district):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            services.compute_indicators(district.period)
        return len(captured)

    first = queries()
    for _ in range(20):
        make_request(district.education, district.due, district.due + timedelta(days=30))
    assert queries() == first


def test_recomputing_keeps_adjustments_and_moves_with_the_data(district):
    period = district.period
    services.compute_indicators(period)
    assessor = factories.staff_user(Role.ASSESSOR)
    result = _result("requests_on_time", district.industry, period)
    services.record_adjustment(
        result=result, points=10, reason="逾期系系统故障所致。", user=assessor
    )
    district.late.closed_on = district.due
    district.late.save()
    services.compute_indicators(period)
    result.refresh_from_db()
    assert (result.score, result.adjustment, result.final_score) == (100.0, 10, 100.0)
    assert result.adjustments.get().reason == "逾期系系统故障所致。"


def test_an_adjustment_is_audited_and_needs_a_reason_and_the_right(district):
    period = district.period
    services.compute_indicators(period)
    result = _result("requests_on_time", district.industry, period)
    assessor = factories.staff_user(Role.ASSESSOR)
    editor = factories.staff_user(Role.EDITOR, district.industry)
    with pytest.raises(PermissionDenied):
        services.record_adjustment(result=result, points=5, reason="理由", user=editor)
    with pytest.raises(ValidationError):
        services.record_adjustment(result=result, points=5, reason="  ", user=assessor)
    with pytest.raises(ValidationError):
        services.record_adjustment(result=result, points=150, reason="理由", user=assessor)
    services.record_adjustment(result=result, points=-5.5, reason="材料不全。", user=assessor)
    result.refresh_from_db()
    assert (result.adjustment, result.final_score) == (-5.5, 44.5)
    event = AuditEvent.objects.get(action="assessment.adjust")
    assert event.reason == "材料不全。" and event.actor_id == assessor.pk
    assert Adjustment.objects.get().created_by == assessor


def test_the_daily_job_scores_the_moving_periods(district):
    written = services.compute_recent_indicators()
    periods = set(IndicatorResult.objects.values_list("period", flat=True))
    assert written > 0 and district.period.key in periods


def test_the_public_scoreboard_is_cached_and_dropped_by_a_new_computation(district, client):
    period = district.period
    services.compute_indicators(period)
    url = f"/assessment/?period={period.key}"
    first = client.get(url)
    assert first.status_code == 200
    page = first.content.decode()
    assert "依申请公开按时答复" in page and "产业发展局" in page
    assert district.late.tracking_number not in page  # the items stay in the back office
    assert client.get(url).content == first.content
    district.late.closed_on = district.due
    district.late.save()
    services.compute_indicators(period)
    assert client.get(url).content != first.content
    assert client.get("/assessment/?period=2026Q9").status_code == 404


def test_an_unpublished_indicator_stays_off_the_public_page(district, client):
    services.compute_indicators(district.period)
    Indicator.objects.filter(code="requests_on_time").update(published=False)
    page = client.get(f"/assessment/?period={district.period.key}").content.decode()
    assert "依申请公开按时答复" not in page and "行政执法决定按时公开" in page
