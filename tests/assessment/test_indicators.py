"""Indicators scored from the apps' data: the items behind each score (the late request, the
late message), a query per indicator however many items, recomputation keeping adjustments,
adjustments audited; indicators edited as data (audited, weights checked), a closed period
keeping the weights it was computed with."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from gongkai.assessment import selectors, services
from gongkai.assessment.models import Adjustment, Indicator, IndicatorResult
from gongkai.assessment.scoring import Period
from gongkai.core.calendar import current_calendar
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests import factories
from tests.assessment.conftest import make_message, make_request

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
        "messages_on_time",
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

    for department in (district.education, district.industry):
        make_message(department, district.due)
    first = queries()
    for _ in range(20):
        make_request(district.education, district.due, district.due + timedelta(days=30))
        make_message(district.industry, district.due, district.due + timedelta(days=30))
    assert queries() == first


def test_messages_answered_within_their_deadline(district):
    """留言按期答复: a department's messages due in the period, the late ones first with their
    working days late; no message due, no score; a message not yet routed is the office's."""
    period, due = district.period, district.due
    office = factories.department("党政办公室", is_openness_office=True)
    on_time = make_message(district.industry, due, due - timedelta(days=1))
    late = make_message(district.industry, due, due + timedelta(days=7), title="噪音扰民")
    unanswered = make_message(None, due)
    make_message(district.education, period.end + timedelta(days=5))  # due next period
    services.compute_indicators(period)

    result = _result("messages_on_time", district.industry, period)
    assert (result.total, result.failing, result.score) == (2, 1, 50.0)
    first, second = result.items
    assert first["model"] == "interaction.message" and first["pk"] == late.pk
    assert first["label"] == f"{late.tracking_number} 噪音扰民"
    calendar = current_calendar()
    assert first["late_days"] == calendar.working_days_between(due, due + timedelta(days=7)) > 0
    assert second["pk"] == on_time.pk and second["met"] is True
    waiting = _result("messages_on_time", office, period)
    assert waiting.score == 0.0 and waiting.items[0]["pk"] == unanswered.pk
    assert waiting.items[0]["late_days"] == calendar.working_days_between(due, timezone.localdate())
    assert not IndicatorResult.objects.filter(
        indicator__code="messages_on_time", department=district.education
    ).exists()


def test_indicators_are_edited_as_data_audited_and_checked(district):
    indicator = Indicator.objects.get(code="requests_on_time")
    assessor = factories.staff_user(Role.ASSESSOR)
    head = factories.staff_user(Role.HEAD, district.industry)
    with pytest.raises(PermissionDenied):
        services.indicator_update(indicator=indicator, user=head, weight=40)
    with pytest.raises(ValidationError) as refused:
        services.indicator_update(indicator=indicator, user=assessor, weight=-5)
    assert refused.value.message_dict["weight"] == ["权重不能为负数，请填写 0 或正整数。"]
    with translation.override("en"):
        assert refused.value.message_dict["weight"] == [
            "A weight cannot be negative: enter 0 or a positive whole number."
        ]
    with pytest.raises(ValueError):
        services.indicator_update(indicator=indicator, user=assessor, code="dead_links")
    assert not AuditEvent.objects.filter(action="assessment.indicator.update").exists()

    services.indicator_update(
        indicator=indicator,
        user=assessor,
        weight=40,
        definition="按时答复的比例。",
        name="依申请公开按时答复",
    )
    indicator.refresh_from_db()
    assert (indicator.weight, indicator.definition) == (40, "按时答复的比例。")
    event = AuditEvent.objects.get(action="assessment.indicator.update")
    assert event.actor_id == assessor.pk and event.object_id == str(indicator.pk)
    assert event.before["weight"] == 25 and event.after == {
        "weight": 40,
        "definition": "按时答复的比例。",
    }
    assert "name" not in event.before  # unchanged


def test_a_closed_period_keeps_the_weights_it_was_computed_with(district):
    moving = district.period
    closed = moving.previous()  # two quarters back: the daily job no longer refreshes it
    due = closed.start + timedelta(days=20)
    make_request(district.industry, due, due)
    for period in (closed, moving):
        services.compute_indicators(period)
    assert _result("requests_on_time", district.industry, closed).weight == 25

    indicator = Indicator.objects.get(code="requests_on_time")
    services.indicator_update(
        indicator=indicator, user=factories.staff_user(Role.ASSESSOR), weight=75
    )
    for period in (closed, moving):
        services.compute_indicators(period)
    assert _result("requests_on_time", district.industry, closed).weight == 25
    assert _result("requests_on_time", district.industry, moving).weight == 75
    # 产业发展局 this period: requests 50 (weight 75), decisions 0 (15) -> 41.7.
    shown = selectors.indicators()
    [industry] = [
        row for row in selectors.scoreboard(moving, shown) if row.department == district.industry
    ]
    assert industry.total == 41.7
    weights = dict(
        zip(
            [i.code for i in shown],
            selectors.applied_weights(selectors.scoreboard(closed, shown), shown),
            strict=True,
        )
    )
    assert weights["requests_on_time"] == 25 and weights["messages_on_time"] == 10


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


def test_an_indicator_taken_out_of_use(district, client):
    moving = district.period
    settled = moving.previous()  # two quarters back: the daily job no longer refreshes it
    due = settled.start + timedelta(days=20)
    make_request(district.industry, due, due)
    for period in (settled, moving):
        services.compute_indicators(period)

    def industry_total(period):
        rows = selectors.scoreboard(period, selectors.indicators(period=period))
        return next(row.total for row in rows if row.department == district.industry)

    # 产业发展局: requests 50 and decisions 0 this period (weights 25, 15); requests 100 before.
    assert (industry_total(moving), industry_total(settled)) == (31.2, 100.0)
    public = f"/assessment/?period={moving.key}"
    assert "依申请公开按时答复" in client.get(public).content.decode()  # cached now
    indicator = Indicator.objects.get(code="requests_on_time")
    computed = _result("requests_on_time", district.industry, moving).computed_at
    services.indicator_update(
        indicator=indicator, user=factories.staff_user(Role.ASSESSOR), active=False
    )
    event = AuditEvent.objects.get(action="assessment.indicator.update")
    assert (event.before, event.after) == ({"active": True}, {"active": False})

    # Off the period still moving at once, and no longer computed; the settled period keeps it.
    assert "依申请公开按时答复" not in client.get(public).content.decode()
    assert industry_total(moving) == 0.0
    assert "requests_on_time" not in [i.code for i in selectors.indicators(period=moving)]
    for period in (settled, moving):
        services.compute_indicators(period)
    assert _result("requests_on_time", district.industry, moving).computed_at == computed
    assert industry_total(settled) == 100.0
    assert "requests_on_time" in [i.code for i in selectors.indicators(period=settled)]
    assert "requests_on_time" not in [i.code for i in selectors.indicators()]
