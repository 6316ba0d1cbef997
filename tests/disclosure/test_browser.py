"""In a real browser: apply → staff request a correction → the applicant corrects → staff
reply → the applicant sees the reply and downloads the letter. Screenshots: test-artifacts/."""

from pathlib import Path

import pytest

from gongkai.core.roles import Role
from tests import factories
from tests.browser import ARTIFACTS, sign_in
from tests.browser import shot as browser_shot

PASSWORD = "correct horse battery staple"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def shot(page, name):
    browser_shot(page, f"disclosure-{name}")


def test_apply_correct_reply_and_read_the_letter(live_server, browser, settings):
    settings.DISCLOSURE_SUBMIT_LIMIT = 0
    finance = factories.department("财政局", code="finance")
    office = factories.department("党政办公室", code="office", is_openness_office=True)
    factories.staff_user(Role.REVIEWER, office, username="office")
    applicant = browser.new_page()
    staff = browser.new_page()

    # 1. The applicant applies.
    applicant.goto(f"{live_server.url}/requests/apply/")
    applicant.select_option("#id_applicant_type", "natural_person")
    applicant.fill("#id_applicant_name", "李四")
    applicant.select_option("#id_id_type", "resident_id")
    applicant.fill("#id_id_number", "11010519491231002X")
    applicant.fill("#id_phone", "13912345678")
    applicant.fill("#id_description", "请公开2025年度区级部门预算<script>alert(1)</script>")
    applicant.check("input[name=delivery][value=online]")
    shot(applicant, "1-form")
    applicant.click(".application-form button[type=submit]")
    applicant.wait_for_selector("#tracking-number")
    tracking = applicant.inner_text("#tracking-number")
    private_link = applicant.get_attribute("#private-link", "href")
    shot(applicant, "2-acknowledged")
    assert tracking.startswith("GK-")
    applicant.set_viewport_size({"width": 375, "height": 800})
    shot(applicant, "2-acknowledged-375")
    width_used = applicant.evaluate("() => document.documentElement.scrollWidth")
    assert width_used == 375, "the private link must wrap on a phone, not widen the page"
    applicant.set_viewport_size({"width": 1280, "height": 720})

    # 2. The office logs in, assigns the department and asks for a correction.
    sign_in(staff, live_server.url, "office", PASSWORD)
    staff.goto(f"{live_server.url}/admin/disclosure/requests/")
    staff.click(f"text={tracking}")
    staff.click("#actions details:has-text('指定承办部门') summary")
    staff.select_option("#id_assign-department", str(finance.pk))
    staff.click("#actions details:has-text('指定承办部门') button[type=submit]")
    today = staff.evaluate(
        "() => { const d = new Date(); return d.toLocaleDateString('sv-SE', {timeZone: 'Asia/Shanghai'}); }"
    )
    staff.click("#action-correction_requested summary")
    staff.fill("#id_correction_requested-on", today)
    staff.fill("#id_correction_requested-days", "10")
    staff.fill("#id_correction_requested-note", "请注明所需预算的部门名称。")
    staff.click("#action-correction_requested button[type=submit]")
    staff.wait_for_selector("text=请注明所需预算的部门名称")
    shot(staff, "3-correction-requested")

    # 3. The applicant corrects through the private link.
    applicant.goto(private_link)
    assert "请注明所需预算的部门名称" in applicant.content()
    applicant.fill("#id_text", "所需为区财政局2025年部门预算。")
    applicant.click("#correct-heading ~ form button[type=submit]")
    applicant.wait_for_selector("text=补正内容已提交")
    shot(applicant, "4-corrected")

    # 4. Staff reply.
    staff.reload()
    staff.click("#action-reply summary")
    staff.select_option("#id_reply-outcome", "granted")
    staff.fill("#id_reply-on", today)
    staff.fill("#id_reply-reasons", "所申请的预算已在本网站公开，现随本告知书提供。")
    staff.click("#action-reply button[type=submit]")
    staff.wait_for_selector("text=已答复")
    shot(staff, "5-replied")

    # 5. The applicant reads the reply and downloads the letter.
    applicant.goto(private_link)
    assert applicant.inner_text("#outcome") == "（一）予以公开"
    assert "所申请的预算已在本网站公开" in applicant.inner_text("#letter-text")
    assert (
        "<script>" not in applicant.inner_text("h1")
        and applicant.locator("script", has_text="alert(1)").count() == 0
    )
    shot(applicant, "6-reply")
    with applicant.expect_download() as download:
        applicant.click("#letter-docx")
    path = download.value.path()
    from docx import Document

    assert "所申请的预算已在本网站公开" in "\n".join(p.text for p in Document(path).paragraphs)
    with applicant.expect_download() as pdf:
        applicant.click("#letter-pdf")
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")


# Elements inside ``selector`` that reach past the right edge of the window.
OVERFLOWING = """selector => [...document.querySelectorAll(`${selector} *`)]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => e.tagName + (e.id ? '#' + e.id : ''))"""


def test_extension_form_defaults_to_twenty_days_and_shows_errors_in_place(
    live_server, browser, settings
):
    from datetime import date

    from gongkai.disclosure import services
    from tests.disclosure.conftest import application

    office = factories.department("党政办公室", code="office", is_openness_office=True)
    finance = factories.department("财政局", code="finance")
    reviewer = factories.staff_user(Role.REVIEWER, office, username="office")
    found = services.request_register(
        actor=reviewer,
        application=application(),
        channel="in_person",
        handed_in_on=date.today(),
        department=finance,
    ).request
    page = browser.new_page()
    sign_in(page, live_server.url, "office", PASSWORD)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/admin/disclosure/requests/{found.pk}/")
        page.click("#action-extended summary")
        extension = page.locator("#action-extended")
        assert extension.locator("#id_extended-days").input_value() == "20"
        assert extension.locator("input:visible, textarea:visible, select:visible").count() == 3
        extension.locator("button[type=submit]").click()
        page.wait_for_selector("#action-extended[open] :text('请填写延期理由')")
        page.locator("#action-extended").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"disclosure-extension-error-{width}.png"))
        assert not found.events.filter(kind="extended").exists()
        assert page.evaluate(OVERFLOWING, "#actions") == []


def test_look_up_print_the_receipt_and_withdraw(live_server, browser, settings):
    """A citizen without the private link finds the request with its number and phone, prints
    the 回执, and withdraws it: the withdraw button is secondary and asks for a confirmation."""
    from datetime import date

    from gongkai.disclosure import services
    from tests.disclosure.conftest import application

    office = factories.department("党政办公室", code="office", is_openness_office=True)
    reviewer = factories.staff_user(Role.REVIEWER, office, username="office")
    found = services.request_register(
        actor=reviewer, application=application(), channel="in_person", handed_in_on=date.today()
    ).request
    page = browser.new_page()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/requests/track/")
        page.fill("#id_tracking_number", found.tracking_number)
        page.fill("#id_contact", "13900000000")
        page.click("main button[type=submit]")
        assert "未找到与申请编号和联系方式相符的申请" in page.inner_text("[role=alert]")
        shot(page, f"lookup-refused-{width}")
        page.fill("#id_contact", "138 1234 5678")
        page.click("main button[type=submit]")
        page.wait_for_selector("#receipt-link")
        assert found.tracking_number in page.inner_text("h1")
        withdraw = page.locator("details.withdraw")
        assert not withdraw.locator("button").is_visible()  # folded away until asked for
        shot(page, f"found-{width}")
        assert page.evaluate(OVERFLOWING, "main") == []

        page.click("#receipt-link")
        assert page.inner_text("#receipt-number") == found.tracking_number
        page.wait_for_selector("#print-receipt", state="visible")
        shot(page, f"receipt-{width}")
        page.emulate_media(media="print")
        assert not page.locator(".site-header").is_visible()
        assert not page.locator("#print-receipt").is_visible()
        page.screenshot(path=str(ARTIFACTS / f"disclosure-receipt-print-{width}.png"))
        page.emulate_media(media="screen")

    page.go_back()
    page.click("details.withdraw summary")
    button = page.locator("details.withdraw button[type=submit]")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(255, 255, 255)"
    button.click()  # unconfirmed: the browser refuses (the box is required)
    assert found.events.filter(kind="withdrawn").count() == 0
    page.check("details.withdraw input[name=confirm]")
    shot(page, "withdraw-confirm")
    button.click()
    page.wait_for_selector("text=申请已撤回")
    assert found.events.filter(kind="withdrawn").count() == 1
