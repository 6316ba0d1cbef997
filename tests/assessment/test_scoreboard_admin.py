"""The back office's scoreboard: an assessor drills from a score to the late request behind it
(with the link to its page) and records an adjustment; a department sees only its own items;
the scoreboard and drill-down in English show no Chinese label; an assessor edits an
indicator's definition and weight (audited, a negative weight refused in Chinese and English)
and the public scoreboard shows the new ones, which a department cannot do."""

import re

import lxml.html
import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from gongkai.assessment import services
from gongkai.assessment.models import Adjustment, Indicator
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests import factories
from tests.assessment.conftest import set_notice_threshold

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u4e00-\u9fff]")


def _result_url(district, department, code="requests_on_time"):
    return reverse("assessment_scores:result", args=[district.period.key, department.pk, code])


def test_assessor_drills_down_and_adjusts(district, client):
    services.compute_indicators(district.period)
    client.force_login(factories.staff_user(Role.ASSESSOR))
    board = client.get(reverse("assessment_scores:board"), {"period": district.period.key})
    assert board.status_code == 200
    url = _result_url(district, district.industry)
    assert url in board.content.decode()
    page = client.get(url).content.decode()
    assert district.late.tracking_number in page
    assert reverse("disclosure_admin:detail", args=[district.late.pk]) in page
    response = client.post(url, {"points": "5", "reason": "因系统故障逾期。"})
    assert response.status_code == 302
    assert Adjustment.objects.get().reason == "因系统故障逾期。"
    assert "因系统故障逾期。" in client.get(url).content.decode()
    refused = client.post(url, {"points": "5", "reason": ""})
    assert refused.status_code == 200 and Adjustment.objects.count() == 1


def test_a_department_reads_its_own_items_and_cannot_adjust(district, client):
    services.compute_indicators(district.period)
    client.force_login(factories.staff_user(Role.HEAD, district.education))
    assert _refused(client.get(_result_url(district, district.industry)))
    own = _result_url(district, district.education)
    assert client.get(own).status_code == 200
    assert _refused(client.post(own, {"points": "5", "reason": "x"}))
    assert _refused(client.post(reverse("assessment_scores:compute")))
    assert not Adjustment.objects.exists()


def _refused(response) -> bool:
    """Wagtail answers a refusal in the back office with a redirect to its dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_below_threshold_departments_are_listed(district, client):
    set_notice_threshold(60)
    services.compute_indicators(district.period)
    client.force_login(factories.staff_user(Role.ASSESSOR))
    page = client.get(reverse("assessment_scores:board"), {"period": district.period.key})
    notice = lxml.html.fromstring(page.content).find_class("assessment-notice")[0]
    # 产业发展局: requests 50, decisions 0 (weights 25, 15) -> 31.2; 教育局 scores 100, 0, 0.
    assert "产业发展局" in notice.text_content()


def _labels(html: str) -> list[str]:
    main = lxml.html.fromstring(html).find(".//main")
    elements = main.xpath(".//h1|.//h2|.//th|.//button|.//label|.//a[contains(@class,'button')]")
    return [" ".join(element.text_content().split()) for element in elements]


def test_pages_in_english(district, client):
    services.compute_indicators(district.period)
    assessor = factories.staff_user(Role.ASSESSOR)
    profile = UserProfile.get_for_user(assessor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(assessor)
    pages = [
        f"{reverse('assessment_scores:board')}?period={district.period.key}",
        _result_url(district, district.industry),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        labels = _labels(response.content.decode())
        assert labels, url
        assert [label for label in labels if HAN.search(label)] == [], url
    assert "Disclosure requests answered on time" in client.get(pages[0]).content.decode()


def test_public_page_in_english(district, client):
    services.compute_indicators(district.period)
    client.cookies["django_language"] = "en"
    page = client.get(f"/assessment/?period={district.period.key}").content.decode()
    labels = _labels(page)
    assert labels and [label for label in labels if HAN.search(label)] == []
    assert "Industry Bureau" in page


def _indicator_form(indicator, **changes):
    data = {
        "name": indicator.name,
        "name_en": indicator.name_en,
        "definition": indicator.definition,
        "definition_en": indicator.definition_en,
        "weight": indicator.weight,
        "deduction": indicator.deduction,
        "pass_mark": "" if indicator.pass_mark is None else indicator.pass_mark,
        "active": "on" if indicator.active else "",
        "published": "on" if indicator.published else "",
        "position": indicator.position,
    }
    return {**data, **changes}


def test_an_assessor_edits_an_indicator_and_the_public_page_follows(district, client):
    services.compute_indicators(district.period)
    public = f"/assessment/?period={district.period.key}"
    assert "按时答复的比例（修订）" not in client.get(public).content.decode()  # cached now
    indicator = Indicator.objects.get(code="messages_on_time")
    edit = reverse("wagtailsnippets_assessment_indicator:edit", args=[indicator.pk])
    assessor = factories.staff_user(Role.ASSESSOR)
    client.force_login(assessor)
    board = client.get(reverse("assessment_scores:board"), {"period": district.period.key})
    assert reverse("wagtailsnippets_assessment_indicator:list") in board.content.decode()
    form = client.get(edit).content.decode()
    assert "现在各指标权重合计 120。" in form

    refused = client.post(edit, _indicator_form(indicator, weight="-3"))
    assert refused.status_code == 200
    assert "权重不能为负数，请填写 0 或正整数。" in refused.content.decode()
    saved = client.post(
        edit, _indicator_form(indicator, weight="30", definition="按时答复的比例（修订）")
    )
    assert saved.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.weight, indicator.definition) == (30, "按时答复的比例（修订）")
    event = AuditEvent.objects.get(action="assessment.indicator.update")
    assert event.actor_id == assessor.pk and event.before["weight"] == 10

    client.logout()
    page = lxml.html.fromstring(client.get(public).content)
    [row] = [
        tr
        for tr in page.find_class("assessment-indicators")[0].iter("tr")
        if "留言按期答复" in tr.text_content()
    ]
    assert [td.text_content() for td in row.findall("td")][1:] == [
        "30",
        "—",
        "按时答复的比例（修订）",
    ]
    assert "140" in page.find_class("assessment-indicators")[0].find("tfoot").text_content()


def test_a_department_cannot_edit_indicators(district, client):
    indicator = Indicator.objects.get(code="requests_on_time")
    client.force_login(factories.staff_user(Role.HEAD, district.industry))
    edit = reverse("wagtailsnippets_assessment_indicator:edit", args=[indicator.pk])
    assert _refused(client.get(edit))
    assert _refused(client.post(edit, _indicator_form(indicator, weight="90")))
    indicator.refresh_from_db()
    assert indicator.weight == 25


def test_the_weight_error_in_english(district, client):
    assessor = factories.staff_user(Role.ASSESSOR)
    profile = UserProfile.get_for_user(assessor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(assessor)
    indicator = Indicator.objects.get(code="dead_links")
    edit = reverse("wagtailsnippets_assessment_indicator:edit", args=[indicator.pk])
    assert "The indicators&#x27; weights now total 120." in client.get(edit).content.decode()
    page = client.post(edit, _indicator_form(indicator, weight="-1")).content.decode()
    assert "A weight cannot be negative: enter 0 or a positive whole number." in page


def test_a_pass_mark_lists_a_department_whatever_its_total(district, client):
    # 产业发展局 totals 31.2, 教育局 45.5: with the threshold at 40, only the first is listed,
    # until 政策解读 (教育局 scores 0 on it) has a pass mark of 60.
    set_notice_threshold(40)
    services.compute_indicators(district.period)
    assessor = factories.staff_user(Role.ASSESSOR)
    client.force_login(assessor)
    board = reverse("assessment_scores:board")

    def listed():
        page = client.get(board, {"period": district.period.key})
        notice = lxml.html.fromstring(page.content).find_class("assessment-notice")[0]
        return [" ".join(li.text_content().split()) for li in notice.iter("li")]

    assert listed() == ["产业发展局：31.2"]
    indicator = Indicator.objects.get(code="interpretations")
    edit = reverse("wagtailsnippets_assessment_indicator:edit", args=[indicator.pk])
    refused = client.post(edit, _indicator_form(indicator, pass_mark="150"))
    assert "达标分须在 0 到 100 之间。" in refused.content.decode()
    assert client.post(edit, _indicator_form(indicator, pass_mark="60")).status_code == 302
    event = AuditEvent.objects.get(action="assessment.indicator.update")
    assert (event.before, event.after) == ({"pass_mark": None}, {"pass_mark": 60})

    assert listed() == ["产业发展局：31.2", "教育局：45.5 有指标未达标"]
    page = lxml.html.fromstring(client.get(board, {"period": district.period.key}).content)
    [education] = page.xpath(f'//tr[@data-department="{district.education.pk}"]')
    assert len(education.find_class("assessment-failed")) == 1
    # The public page marks it too, and lists the pass mark with the indicator.
    client.logout()
    public = client.get(f"/assessment/?period={district.period.key}").content.decode()
    assert "未达标" in public


def test_the_pass_mark_error_in_english(district, client):
    assessor = factories.staff_user(Role.ASSESSOR)
    profile = UserProfile.get_for_user(assessor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(assessor)
    indicator = Indicator.objects.get(code="dead_links")
    edit = reverse("wagtailsnippets_assessment_indicator:edit", args=[indicator.pk])
    page = client.post(edit, _indicator_form(indicator, pass_mark="101")).content.decode()
    assert "A pass mark must be between 0 and 100." in page
