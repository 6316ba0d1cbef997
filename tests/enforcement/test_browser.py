"""In a real browser: a department enters a penalty decided the day before 国庆 2026 (off 10-01
to 10-07, Saturday 10-10 worked), sees its 7-working-day deadline skip the holiday, publishes it
masked; a citizen sends feedback; the decision is revoked and leaves the portal. Then an
inspection plan is committed and drawn, its public page read on a phone, and its published
inputs verified by ``gongkai inspections verify`` and by the standalone script. Screenshots at 1280 and 375 px:
test-artifacts/enforcement-*.png."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.enforcement.models import Decision, Feedback, InspectionPlan, PlanStatus, Status
from tests import browser as browser_helpers
from tests.browser import shot
from tests.enforcement.conftest import ADULT_ID

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
NUMBER = "筑市监罚〔2026〕88号"
VERIFY_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_draw.py"


def sign_in(page, base, username):
    browser_helpers.sign_in(page, base, username, PASSWORD)
    page.wait_for_url(f"{base}/admin/")


def enter_penalty(page, base):
    page.goto(f"{base}/admin/enforcement/decisions/new/")
    page.select_option("#id_kind", "penalty")
    page.fill("#id_number", NUMBER)
    page.select_option("#id_target_kind", "natural")
    page.fill("#id_target_name", "王秀英")
    page.fill("#id_target_code", ADULT_ID)
    page.fill(
        "#id_facts",
        f"当事人王秀英（身份证号码{ADULT_ID}，联系电话13985012345）在其经营的便利店销售过期食品。",
    )
    page.fill("#id_legal_basis", "《中华人民共和国食品安全法》第一百二十四条")
    page.fill("#id_conclusion", "没收违法所得，罚款5000元。")
    page.fill("#id_penalty_amount", "5000")
    page.fill("#id_decided_on", "2026-09-29")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#publication-due")


def assert_no_sideways_scroll(page):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375


def shoot_public_pages(page, base, decision):
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/enforcement/")
        shot(page, f"enforcement-decisions-{width}")
        page.goto(f"{base}{decision.get_absolute_url()}")
        shot(page, f"enforcement-decision-{width}")
        if width == 375:
            assert_no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_penalty_before_a_holiday_published_masked_fed_back_and_revoked(live_server, browser, head):
    base = live_server.url
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    sign_in(page, base, head.username)

    enter_penalty(page, base)
    # 09-30, then 10-08, 10-09, Saturday 10-10 (调休), 10-12, 10-13, 10-14: seven working days.
    assert page.inner_text("#publication-due") == "2026-10-14"
    assert "国庆" in page.inner_text("#deadline-summary")
    public = page.inner_text("#public-version")
    assert "王**" in public and "王秀英" not in public
    assert ADULT_ID not in public and "13985012345" not in public
    shot(page, "enforcement-admin-decision-1280")
    page.click("main form[action$='/publish/'] button")
    page.wait_for_selector("text=执法决定已公开。")
    decision = Decision.objects.get(number=NUMBER)
    assert decision.status == Status.PUBLISHED

    citizen = browser.new_page()
    citizen.goto(f"{base}/enforcement/")
    assert "王**" in citizen.inner_text("#decisions") and "王秀英" not in citizen.content()
    citizen.click(f"#decisions a:has-text('{NUMBER}')")
    assert "13985012345" not in citizen.inner_text("#decision")
    shoot_public_pages(citizen, base, decision)
    citizen.click("text=信息有误或不完整？提交反馈")
    citizen.select_option("#id_kind", "wrong")
    citizen.fill("#id_text", "公示的罚款金额与送达的决定书不一致。")
    citizen.click("main form button[type=submit]")
    assert Feedback.objects.filter(decision=decision).count() == 1

    page.reload()
    assert "公示的罚款金额与送达的决定书不一致。" in page.inner_text("main")
    page.select_option("#id_reason", "revoked")
    page.fill("#id_note", "经行政复议撤销")
    page.click("main form[action$='/revoke/'] button")
    page.wait_for_selector("text=已登记撤销情况。")
    decision.refresh_from_db()
    assert decision.status == Status.WITHDRAWN
    assert decision.withdrawn_at.date() <= decision.withdrawal_due

    citizen.goto(f"{base}/enforcement/")
    assert NUMBER not in citizen.content()
    gone = citizen.goto(f"{base}{decision.get_absolute_url()}")
    assert gone.status == 410
    assert "经行政复议撤销" in citizen.inner_text("main") and "王**" not in citizen.content()
    assert script_errors == []


def test_inspection_plan_drawn_then_verified_from_its_published_inputs(
    live_server, browser, head, tmp_path
):
    base = live_server.url
    page = browser.new_page()
    sign_in(page, base, head.username)
    page.goto(f"{base}/admin/enforcement/plans/new/")
    page.fill("#id_title", "2026年食品经营者双随机抽查")
    page.fill("#id_entities_text", "\n".join(f"贵阳市某某食品有限公司{i}" for i in range(12)))
    page.fill("#id_inspectors_text", "王伟(52001)\n李娜(52002)\n张敏(52003)\n刘洋(52004)")
    page.fill("#id_exclusions_text", "王伟(52001)｜贵阳市某某食品有限公司3")
    page.fill("#id_entity_count", "4")
    page.fill("#id_inspectors_per_entity", "2")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=抽查计划已保存。")
    page.click("main form[action$='/commit/'] button")
    page.wait_for_selector("#commitment")
    page.click("main form[action$='/draw/'] button")
    page.wait_for_selector("#result")
    plan = InspectionPlan.objects.get()
    assert plan.status == PlanStatus.DRAWN
    assert page.locator("#result tbody tr").count() == 4

    public = browser.new_page()
    public.set_viewport_size({"width": 375, "height": 900})
    public.goto(f"{base}{plan.get_absolute_url()}")
    assert plan.entity_list_sha256 in public.inner_text("#commitment")
    shot(public, "enforcement-plan-375")
    assert_no_sideways_scroll(public)  # 64-character hashes wrap, the result table scrolls

    # What anyone can download from the public page, checked without Gongkai.
    response = page.request.get(f"{base}/enforcement/inspections/{plan.pk}/plan.json")
    published = tmp_path / "plan.json"
    published.write_bytes(response.body())
    script = subprocess.run(
        [sys.executable, str(VERIFY_SCRIPT), str(published)], capture_output=True, text=True
    )
    assert script.returncode == 0, script.stdout + script.stderr

    out = StringIO()
    call_command("inspections", "verify", str(plan.pk), stdout=out)
    assert f"plan {plan.pk}: the draw is verified" in out.getvalue()
    assert "FAIL" not in out.getvalue()
