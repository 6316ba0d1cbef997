"""The 通报 line (考核设置): set by an assessor through ``services.notice_threshold_set`` (0–100,
refused in Chinese and English otherwise, audited with the person and the line before and
after), it decides at once who the staff board, the public board (its cached page dropped) and
the draft notice list; through the back office's form too, which a department cannot use.
In ``district`` 产业发展局 totals 31.2 and 教育局 45.5."""

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from gongkai.assessment import selectors, services
from gongkai.assessment.models import AssessmentSettings
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests import factories
from tests.assessment.conftest import set_notice_threshold

pytestmark = pytest.mark.django_db
ACTION = "assessment.notice_threshold.update"


def _listed(period) -> list[str]:
    rows = selectors.scoreboard(period, selectors.indicators(period=period))
    return [row.department.name for row in selectors.to_notify(rows, selectors.notice_threshold())]


def _public_listed(client, period) -> list[str]:
    page = lxml.html.fromstring(client.get(f"/assessment/?period={period.key}").content)
    return [
        row.find("td").text.strip()
        for row in page.xpath("//table[contains(@class,'assessment-scores')]/tbody/tr")
        if row.find_class("assessment-listed")
    ]


def test_the_line_defaults_to_60_and_is_checked():
    assessor = factories.staff_user(Role.ASSESSOR)
    assert selectors.notice_threshold() == 60
    for value in (-1, 101, 150):
        with pytest.raises(ValidationError) as refused:
            services.notice_threshold_set(threshold=value, user=assessor)
        assert refused.value.message_dict["notice_threshold"] == ["通报分数线须在 0 到 100 之间。"]
        with translation.override("en"):
            assert refused.value.message_dict["notice_threshold"] == [
                "The notice threshold must be between 0 and 100."
            ]
    assert AssessmentSettings.load().notice_threshold == 60
    assert not AuditEvent.objects.filter(action=ACTION).exists()
    for edge in (0, 100):
        assert services.notice_threshold_set(threshold=edge, user=assessor).notice_threshold == edge


def test_only_assessors_and_administrators_set_it(district):
    for role, department in ((Role.HEAD, district.industry), (Role.REVIEWER, None)):
        with pytest.raises(PermissionDenied):
            services.notice_threshold_set(threshold=40, user=factories.staff_user(role, department))
    services.notice_threshold_set(threshold=40, user=factories.staff_user(Role.ADMIN))
    assert selectors.notice_threshold() == 40


def test_a_new_line_is_audited_and_changes_who_is_listed_everywhere(district, client):
    set_notice_threshold(40)
    services.compute_indicators(district.period)
    assert _listed(district.period) == ["产业发展局"]
    assert _public_listed(client, district.period) == ["产业发展局"]  # cached now
    assessor = factories.staff_user(Role.ASSESSOR)

    services.notice_threshold_set(threshold=50, user=assessor)
    event = AuditEvent.objects.get(action=ACTION)
    assert event.actor_id == assessor.pk
    assert (event.before, event.after) == ({"notice_threshold": 40}, {"notice_threshold": 50})
    assert _listed(district.period) == ["产业发展局", "教育局"]
    assert _public_listed(client, district.period) == ["教育局", "产业发展局"]  # best first
    draft = selectors.notice_draft(district.period, timezone.localdate())
    assert [row[1] for row in draft.table[1:]] == ["产业发展局", "教育局"]
    assert "总分低于50分" in "".join(text for text, _ in draft.paragraphs)

    services.notice_threshold_set(threshold=50, user=assessor)  # unchanged: nothing to record
    assert AuditEvent.objects.filter(action=ACTION).count() == 1
    services.notice_threshold_set(threshold=30, user=assessor)
    assert _listed(district.period) == []
    assert _public_listed(client, district.period) == []
    assert selectors.notice_draft(district.period, timezone.localdate()) is None


def _board_listed(client, period) -> list[str]:
    page = client.get(reverse("assessment_scores:board"), {"period": period.key})
    notice = lxml.html.fromstring(page.content).find_class("assessment-notice")[0]
    return [" ".join(li.text_content().split()) for li in notice.iter("li")]


def test_an_assessor_changes_the_line_in_the_back_office(district, client):
    set_notice_threshold(40)
    services.compute_indicators(district.period)
    assessor = factories.staff_user(Role.ASSESSOR)
    client.force_login(assessor)
    assert _board_listed(client, district.period) == ["产业发展局：31.2"]
    board = client.get(reverse("assessment_scores:board"), {"period": district.period.key})
    edit = reverse(
        "wagtailsnippets_assessment_assessmentsettings:edit", args=[AssessmentSettings.load().pk]
    )
    edit = f"{edit}?period={district.period.key}"
    assert edit in board.content.decode()
    assert client.get(edit).status_code == 200

    refused = client.post(edit, {"notice_threshold": "101"})
    assert refused.status_code == 200
    assert "通报分数线须在 0 到 100 之间。" in refused.content.decode()
    assert selectors.notice_threshold() == 40
    saved = client.post(edit, {"notice_threshold": "50"})
    board = f"{reverse('assessment_scores:board')}?period={district.period.key}"
    assert saved.status_code == 302 and saved["Location"] == board
    event = AuditEvent.objects.get(action=ACTION)
    assert event.actor_id == assessor.pk and event.after == {"notice_threshold": 50}
    assert _board_listed(client, district.period) == ["产业发展局：31.2", "教育局：45.5"]


def test_the_line_error_in_english(client):
    assessor = factories.staff_user(Role.ASSESSOR)
    profile = UserProfile.get_for_user(assessor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(assessor)
    edit = reverse(
        "wagtailsnippets_assessment_assessmentsettings:edit", args=[AssessmentSettings.load().pk]
    )
    page = client.post(edit, {"notice_threshold": "-5"}).content.decode()
    assert "The notice threshold must be between 0 and 100." in page


def test_a_department_cannot_change_the_line(district, client):
    set_notice_threshold(40)
    client.force_login(factories.staff_user(Role.HEAD, district.industry))
    edit = reverse(
        "wagtailsnippets_assessment_assessmentsettings:edit", args=[AssessmentSettings.load().pk]
    )
    board = client.get(reverse("assessment_scores:board")).content.decode()
    assert edit not in board
    response = client.post(edit, {"notice_threshold": "90"})
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert selectors.notice_threshold() == 40
