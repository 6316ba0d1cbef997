"""The migration that put adoption reports under the sign-off workflow, run on rows written
before it: a report the office published stays live, with a first revision of its text by its
drafter, dated when it was published; an unpublished one becomes a draft; and back again."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.areas.test_migrations import latest, migrate

BEFORE = ("consultations", "0001_initial")


def before():
    return [BEFORE, *(node for node in latest() if node[0] != "consultations")]


def old_report(old_apps, department_id, user_id, title, published_at):
    today = timezone.localdate()
    consultation = old_apps.get_model("consultations", "Consultation").objects.create(
        title=title,
        department_id=department_id,
        background="背景",
        legal_basis="依据",
        offline_channels="信函",
        starts_on=today - timedelta(days=40),
        ends_on=today - timedelta(days=10),
        live=True,
    )
    report = old_apps.get_model("consultations", "AdoptionReport").objects.create(
        consultation=consultation,
        text=f"关于《{title}》公开征求意见采纳情况的说明",
        drafted_by_id=user_id,
        published_at=published_at,
        published_by_id=user_id if published_at else None,
    )
    return report.pk


@pytest.mark.django_db(transaction=True)
def test_published_reports_stay_live_with_a_revision_and_the_rest_become_drafts():
    old_apps = migrate(before())
    department = old_apps.get_model("core", "Department").objects.create(
        name="产业发展局", code="cyj"
    )
    user = old_apps.get_model("auth", "User").objects.create(username="drafter")
    when = timezone.make_aware(datetime(2026, 11, 2, 10, 30))
    public = old_report(old_apps, department.pk, user.pk, "已发布说明的征求意见", when)
    draft = old_report(old_apps, department.pk, user.pk, "尚未发布说明的征求意见", None)

    migrate(latest())

    from gongkai.consultations.models import AdoptionReport
    from gongkai.consultations.selectors import public_consultations

    live = AdoptionReport.objects.get(pk=public)
    assert live.live and live.first_published_at == when == live.last_published_at
    assert live.live_revision_id and live.latest_revision_id == live.live_revision_id
    assert live.live_revision.user_id == user.pk
    assert live.live_revision.as_object().text == live.text
    assert not AdoptionReport.objects.get(pk=draft).live
    reported = public_consultations().filter(report__live=True)
    assert list(reported.values_list("report__pk", flat=True)) == [public]

    back = migrate(before())
    rows = back.get_model("consultations", "AdoptionReport").objects.order_by("pk")
    assert [(r.pk, r.published_at, r.drafted_by_id) for r in rows] == [
        (public, when, user.pk),
        (draft, None, None),  # a draft's drafter is in the audit log only
    ]
    migrate(latest())
