"""In a real browser (issue 12 §5): an assessor publishes a spot check's lists and commitment,
draws it, and anyone verifies the draw on its public page; a problem is recorded on an item
drawn, its department reports the rectification and the assessor closes it. The public pages
fit a desktop and a phone in Chinese and English. Screenshots: test-artifacts/spot-check-*.png."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.assessment.models import FindingStatus, SpotCheck, SpotCheckFinding
from tests.browser import shot, sign_in

PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _own_session(browser):
    """A page in a browser context of its own: another person's cookies."""
    context = browser.browser.new_context(locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


def test_a_spot_check_is_drawn_verified_and_its_finding_closed(library, live_server, browser):
    base = live_server.url
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, library.assessor.username, PASSWORD)

    page.goto(f"{base}/admin/spot-checks/")
    page.get_by_role("link", name="新建抽查").click()
    page.fill("#id_name", "2026年第四季度规范性文件抽查")
    page.select_option("#id_scope", "normative")
    page.fill("#id_sample_size", "2")
    page.get_by_role("button", name="公布名录和种子承诺值").click()
    check = SpotCheck.objects.get()
    expect(page.locator("main")).to_contain_text(check.seed_commitment)
    page.get_by_role("button", name="抽取").click()
    items = page.locator("#spot-items tbody tr")
    expect(items).to_have_count(4)  # two of 财政局's five, both of 规划局's
    shot(page, "spot-check-admin-1280")

    # Anyone re-runs the draw from what was published.
    public = _own_session(browser)
    public.goto(f"{base}{check.get_absolute_url()}")
    expect(public.locator("#verify-instruction")).to_contain_text(
        f"gongkai spotchecks verify {check.pk}"
    )
    public.get_by_role("link", name="验证抽取结果").click()
    expect(public.locator("#verdict")).to_contain_text("验证通过")
    expect(public.locator("#checks")).not_to_contain_text("✗")

    finance_row = items.filter(has_text="财政局").first
    finance_row.get_by_role("link", name="记录问题").click()
    page.fill("#id_description", "未在文件中标注有效期。")
    page.select_option("#id_severity", "major")
    page.select_option("#id_owner", str(library.finance_editor.pk))
    page.fill("#id_deadline", (timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="记录问题").click()
    expect(page.locator(".spot-finding")).to_contain_text("未在文件中标注有效期")
    finding = SpotCheckFinding.objects.get()
    page.close()

    editor = _own_session(browser)
    sign_in(editor, base, library.finance_editor.username, PASSWORD)
    editor.goto(f"{base}/admin/spot-checks/findings/")
    editor.get_by_role("link", name="未在文件中标注有效期").click()
    editor.fill("#id_rectification", "已补充有效期并重新发布。")
    editor.get_by_role("button", name="整改完成").click()
    expect(editor.locator("#spot-finding-status")).to_have_text("已整改")
    editor.close()

    assessor = _own_session(browser)
    sign_in(assessor, base, library.assessor.username, PASSWORD)
    assessor.goto(f"{base}/admin/spot-checks/findings/{finding.pk}/")
    assessor.fill("#id_note", "已核实，同意销号。")
    assessor.get_by_role("button", name="销号").click()
    expect(assessor.locator("#spot-finding-status")).to_have_text("已销号")
    shot(assessor, "spot-check-finding-1280")
    assessor.close()
    assert SpotCheckFinding.objects.get().status == FindingStatus.CLOSED

    for language in ("zh-hans", "en"):
        public.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            public.set_viewport_size({"width": width, "height": 900})
            public.goto(f"{base}{check.get_absolute_url()}")
            expect(public.locator("#result")).to_contain_text("财政资金管理办法")
            if language == "en":
                expect(public.locator("h2").first).to_have_text("Published before the draw")
            shot(public, f"spot-check-public-{language}-{width}")
            assert public.evaluate("() => document.documentElement.scrollWidth") <= width
            public.goto(f"{base}/assessment/spot-checks/{check.pk}/verify/")
            shot(public, f"spot-check-verify-{language}-{width}")
            assert public.evaluate("() => document.documentElement.scrollWidth") <= width
