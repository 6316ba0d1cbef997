"""In a real browser: an assessor runs the site's self-check, which finds a planted dead link
and a planted ID number and lists them under the right departments; an assessor drills from a
low score to the late request behind it, adjusts the score, downloads the draft 通报 and raises
the 通报 line, which lists one more department on the staff and public boards; the public
scoreboard fits a desktop and a phone in Chinese and English; an assessor drills from
the messages score to the late message and opens it, then changes the indicator's weight.
Screenshots: test-artifacts/health-*.png, assessment-*.png."""

import importlib
import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.apps import apps
from docx import Document as WordDocument
from playwright.sync_api import expect

from gongkai.assessment import services
from gongkai.assessment.models import Indicator
from gongkai.core.calendar import current_calendar
from gongkai.core.roles import Role
from tests import factories
from tests.assessment.conftest import make_message, set_notice_threshold
from tests.browser import shot, sign_in

PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_assessor_runs_the_check_and_reads_findings_by_department(live_server, browser):
    industry = factories.department("产业发展局")
    education = factories.department("教育局")
    factories.published_document(
        dept=industry,
        title="关于产业扶持的通知",
        body="<p>详见<a href='/documents/999999/'>附件说明</a>。</p>",
    )
    factories.published_document(
        dept=education, title="关于学生资助的公示", body="<p>身份证号：110101199003077571</p>"
    )
    factories.staff_user(Role.ASSESSOR, username="assessor")
    page = browser.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "assessor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/health/")
    page.click("text=立即自查")
    page.wait_for_selector("section.health-department")

    industry_section = page.locator("section.health-department", has_text="产业发展局")
    assert "/documents/999999/" in industry_section.inner_text()
    assert "站内死链" in industry_section.inner_text()
    education_section = page.locator("section.health-department", has_text="教育局")
    assert "页面含未脱敏个人信息" in education_section.inner_text()
    assert "110101199003077571" not in page.inner_text("main")  # shown masked
    assert "单项否决" in page.inner_text("main")
    shot(page, "health-findings-1280")
    # An assessor reads but does not edit: no link to fix.
    assert education_section.locator("text=去修改").count() == 0

    page.goto(f"{live_server.url}/admin/health/")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    shot(page, "health-findings-375")


@pytest.fixture
def indicators(db):
    """The indicators are migrations' data, which an earlier browser test's flush removed."""
    for migration in ("0003_seed_indicators", "0007_seed_messages_indicator"):
        importlib.import_module(f"gongkai.assessment.migrations.{migration}").seed(apps, None)


def test_assessor_drills_down_adjusts_and_downloads_the_notice(
    indicators, district, live_server, browser, settings
):
    # 产业发展局 totals 31.2 (a late request, a decision published late), 教育局 45.5.
    set_notice_threshold(40)
    settings.GONGKAI_BODY_NAME = "某某区人民政府办公室"
    services.compute_indicators(district.period)
    factories.staff_user(Role.ASSESSOR, username="assessor")
    base, key = live_server.url, district.period.key
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "assessor", PASSWORD)

    page.goto(f"{base}/admin/assessment/?period={key}")
    notice = page.locator("section.assessment-notice")
    expect(notice).to_contain_text("产业发展局")
    expect(notice).not_to_contain_text("教育局")
    row = page.locator(f"tr[data-department='{district.industry.pk}']")
    row.locator("a[href*='/requests_on_time/']").click()

    late = page.locator("tr.assessment-failing", has_text=district.late.tracking_number)
    days = current_calendar().working_days_between(district.due, district.late.closed_on)
    expect(late.locator("td").nth(3)).to_have_text(str(days))
    expect(
        page.locator("tr.assessment-met", has_text=district.on_time.tracking_number)
    ).to_be_visible()
    page.fill("#id_points", "5")
    page.fill("#id_reason", "申请人补正材料期间系统故障，顺延5个工作日。")
    page.get_by_role("button", name="记录调整").click()
    adjustments = page.locator("section.assessment-adjustments")
    expect(adjustments).to_contain_text("+5 — 申请人补正材料期间系统故障，顺延5个工作日。")
    expect(page.locator(".assessment-score")).to_contain_text("调整后 55")
    shot(page, "assessment-result-1280")

    page.get_by_role("link", name="返回考核总表").click()
    cell = row.locator("td", has=page.locator("a[href*='/requests_on_time/']"))
    expect(cell).to_contain_text("55")
    expect(cell).to_contain_text("调整 +5")
    shot(page, "assessment-board-1280")
    with page.expect_download() as download_info:
        notice.get_by_role("link", name=re.compile("下载通报草稿")).click()
    download = download_info.value
    assert download.suggested_filename.endswith("政务公开工作考核情况的通报（草稿）.docx")
    word = WordDocument(BytesIO(Path(download.path()).read_bytes()))
    rows = [[cell.text for cell in table_row.cells] for table_row in word.tables[0].rows]
    assert [table_row[1] for table_row in rows[1:]] == ["产业发展局"]
    assert word.paragraphs[-1].text and word.paragraphs[-2].text == "某某区人民政府办公室"

    # The assessor raises the 通报 line to 50: 教育局 (45.5) is listed too.
    notice.get_by_role("link", name="修改通报分数线").click()
    page.fill("#id_notice_threshold", "101")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main")).to_contain_text("通报分数线须在 0 到 100 之间。")
    shot(page, "assessment-threshold-1280")
    page.fill("#id_notice_threshold", "50")
    page.get_by_role("button", name="保存").click()
    expect(notice).to_contain_text("总分低于 50 分")
    expect(notice.locator("li")).to_have_text([re.compile("^产业发展局"), re.compile("^教育局")])
    shot(page, "assessment-board-threshold-1280")
    page.close()

    public = browser.new_page()
    for language, heading in (("zh-hans", "政务公开考核结果"), ("en", None)):
        public.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            public.set_viewport_size({"width": width, "height": 900})
            public.goto(f"{base}/assessment/?period={key}")
            expect(public.locator("table.assessment-scores")).to_contain_text(
                "产业发展局" if language != "en" else "Industry Bureau"
            )
            for listed in (district.industry, district.education):
                expect(
                    public.locator(f"tr[data-department='{listed.pk}'] .assessment-listed")
                ).to_be_visible()
            if heading:
                expect(public.locator("h1")).to_have_text(heading)
            else:
                expect(public.locator("h1")).not_to_contain_text("考核")
            shot(public, f"assessment-public-{language}-{width}")
            assert public.evaluate("() => document.documentElement.scrollWidth") <= width


def test_assessor_finds_the_late_message_and_changes_the_weight(
    indicators, district, live_server, browser
):
    due = district.due
    late = make_message(district.industry, due, due + timedelta(days=7), title="噪音扰民")
    make_message(district.industry, due, due)
    services.compute_indicators(district.period)
    factories.staff_user(Role.ASSESSOR, username="assessor")
    base, key = live_server.url, district.period.key
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "assessor", PASSWORD)

    page.goto(f"{base}/admin/assessment/?period={key}")
    row = page.locator(f"tr[data-department='{district.industry.pk}']")
    row.locator("a[href*='/messages_on_time/']").click()
    failing = page.locator("tr.assessment-failing", has_text=late.tracking_number)
    expect(failing).to_contain_text("噪音扰民")
    days = current_calendar().working_days_between(due, due + timedelta(days=7))
    expect(failing.locator("td").nth(3)).to_have_text(str(days))
    expect(page.locator(".assessment-score")).to_contain_text("得分 50")
    shot(page, "assessment-messages-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    shot(page, "assessment-messages-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    failing.get_by_role("link", name="打开").click()
    expect(page.locator("main")).to_contain_text(late.tracking_number)

    page.goto(f"{base}/admin/assessment/?period={key}")
    page.get_by_role("link", name=re.compile("考核指标（权重合计")).click()
    page.get_by_role("link", name="留言按期答复").click()
    page.fill("#id_weight", "-1")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main")).to_contain_text("权重不能为负数")
    expect(page.locator("main")).to_contain_text("现在各指标权重合计")
    page.locator("#id_weight").scroll_into_view_if_needed()
    shot(page, "assessment-indicator-edit-1280")
    page.fill("#id_weight", "20")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main")).to_contain_text("留言按期答复")
    assert Indicator.objects.get(code="messages_on_time").weight == 20
    shot(page, "assessment-indicators-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    shot(page, "assessment-indicators-375")
