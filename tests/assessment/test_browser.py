"""In a real browser: an assessor runs the site's self-check, which finds a planted dead link
and a planted ID number and lists them under the right departments. Screenshots:
test-artifacts/health-*.png."""

import pytest

from gongkai.core.roles import Role
from tests import factories
from tests.browser import shot

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
