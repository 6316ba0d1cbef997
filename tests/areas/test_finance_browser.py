"""In a real browser (issue 12 §4): the 财政局's editor uploads the department's budget workbook
and submits it; the head approves, the office reviewer signs it off with the three checks and
it goes live; a citizen filters the 财政预决算 list by year and kind, opens the record and reads
its tables, and downloads the list as CSV. Screenshots at 1280 and 375 px, in Chinese and
English: test-artifacts/finance-*.png."""

import csv
import io
import re
from pathlib import Path

import pytest

from gongkai.areas.models import BudgetDisclosure
from gongkai.core.roles import Role
from tests.areas.finance import budget_workbook, make_budget, make_debt
from tests.browser import ARTIFACTS, shot, sign_in
from tests.factories import make_department, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def sign_in_staff(page, base, user):
    page.context.clear_cookies()
    sign_in(page, base, user.username, PASSWORD)


def workflow_action(page, base, edit_path, label):
    page.goto(f"{base}{edit_path}", wait_until="networkidle")
    page.click("footer [data-w-dropdown-target='toggle']")
    page.get_by_role("button", name=re.compile(label)).first.click()


def test_upload_sign_off_filter_and_export(live_server, browser):
    base = live_server.url
    finance = make_department(name="财政局", name_en="Finance Bureau", code="czj")
    office = make_department(name="党政办公室", code="dzb", is_openness_office=True)
    editor = make_user(role=Role.EDITOR, department=finance, username="editor", password=PASSWORD)
    head = make_user(role=Role.HEAD, department=finance, username="head", password=PASSWORD)
    reviewer = make_user(role=Role.REVIEWER, department=office, username="reviewer",
                         password=PASSWORD)  # fmt: skip
    make_budget(department=make_department(name="教育局", code="jyj"), title="教育局2025年部门决算",
                year=2025, kind="department_final")  # fmt: skip
    make_debt(department=finance)
    workbook = ARTIFACTS / "finance-budget.xlsx"
    workbook.parent.mkdir(exist_ok=True)
    workbook.write_bytes(budget_workbook())

    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})

    # The editor uploads the workbook and submits the draft for sign-off.
    sign_in_staff(page, base, editor)
    page.goto(f"{base}/admin/snippets/areas/budgetdisclosure/add/", wait_until="networkidle")
    page.fill("#id_title", "财政局2026年部门预算")
    page.fill("#id_year", "2026")
    page.select_option("#id_kind", "department_budget")
    page.set_input_files("#id_file", str(workbook))
    shot(page, "finance-1-upload")
    page.click("footer [data-w-dropdown-target='toggle']")
    page.click("button[name='action-submit']")
    page.wait_for_selector(".messages .success, .messages [class*=success]")
    record = BudgetDisclosure.objects.get(year=2026)
    assert not record.live and len(record.tables) == 2
    edit_path = f"/admin/snippets/areas/budgetdisclosure/edit/{record.pk}/"

    # The head approves; the office reviewer signs off with the three checks.
    sign_in_staff(page, base, head)
    workflow_action(page, base, edit_path, "^同意$")
    page.wait_for_url(re.compile(r".*/admin/snippets/areas/budgetdisclosure/$"))
    sign_in_staff(page, base, reviewer)
    workflow_action(page, base, edit_path, "审签通过")
    dialog = page.locator(".modal-content")
    for check in ("政治关", "政策关", "内容关"):
        dialog.get_by_label(re.compile(check)).check()
    dialog.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/snippets/areas/budgetdisclosure/$"))
    record.refresh_from_db()
    assert record.live and record.disclosed_on is not None

    # A citizen filters the list, opens the record, reads its tables and exports the list.
    page.context.clear_cookies()
    page.goto(f"{base}/")
    page.click("footer >> text=财政预决算")
    page.select_option("#f-year", "2026")
    page.select_option("#f-kind", "department_budget")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*year=2026.*kind=department_budget"))
    listing = page.inner_text("#budgets")
    assert "财政局2026年部门预算" in listing and "教育局" not in listing
    with page.expect_download() as download_info:
        page.click("text=CSV")
    rows = list(csv.reader(io.StringIO(
        Path(download_info.value.path()).read_text(encoding="utf-8-sig"))))  # fmt: skip
    assert [row[0] for row in rows[1:]] == ["财政局2026年部门预算"]
    page.click("#budgets >> text=财政局2026年部门预算")
    page.wait_for_selector("table.budget-table")
    first = page.locator("table.budget-table").first.inner_text()
    assert "一般公共预算拨款收入" in first and "1268.40" in first

    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in (
                ("budgets", "/finance/budgets/"),
                ("budget", record.get_absolute_url()),
                ("debts", "/finance/debts/"),
            ):
                page.goto(f"{base}{url}")
                shot(page, f"finance-2-{name}-{language}-{width}")
                assert page.evaluate("() => document.documentElement.scrollWidth") <= width, url
    assert errors == []
