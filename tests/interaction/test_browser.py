"""In a real browser: a citizen writes a message (the 政策问答 entries and documents that may
answer it are suggested while typing, each with its kind, in Chinese and English); a keyword rule sends it to the wrong department and the office transfers it with
a reason; the department answers late (its editor drafts, its head approves and publishes); the
statistics show the reply overdue; the citizen rates it and the public page shows the timeline.
Screenshots at 1280 and 375 px: test-artifacts/interaction-*.png."""

import pytest

from gongkai.core.roles import Role
from gongkai.interaction.models import Message, MessageCategory, MessageState, RoutingRule
from tests.accounts.conftest import PASSWORD as ACCOUNT_PASSWORD
from tests.accounts.conftest import make_account
from tests.browser import shot, sign_in
from tests.factories import make_department, make_document, make_user
from tests.interaction.test_services import make_late
from tests.knowledge.conftest import make_answer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "correct horse battery staple"


def sign_in_staff(page, base, user):
    page.context.clear_cookies()
    sign_in(page, base, user.username, STAFF_PASSWORD)


def sign_in_citizen(page, base, account):
    page.context.clear_cookies()
    page.goto(f"{base}/account/login/")
    page.fill("#id_email", account.email)
    page.fill("#id_password", ACCOUNT_PASSWORD)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/")


def write_message(page, base, category):
    page.goto(f"{base}/interaction/write/")
    page.select_option("#id_category", str(category.pk))
    page.fill("#id_title", "道路照明路灯不亮")
    page.fill("#id_body", "金阳南路口的路灯已经坏了一个月，晚上出行不便，请尽快维修。")
    suggestions = page.locator(".suggestions li")
    suggestions.get_by_role("link", name="关于城市道路照明设施").wait_for()
    first = suggestions.first
    assert first.locator(".suggestion-kind").inner_text() == "政策问答"
    assert first.get_by_role("link").inner_text() == "路灯不亮向哪个部门反映？"
    assert suggestions.last.locator(".suggestion-kind").inner_text() == "政策文件"
    shot(page, "interaction-write-1280")
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    shot(page, "interaction-write-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("form.message-form button[type=submit]")
    page.wait_for_url("**/interaction/mine/*/")
    return Message.objects.get()


def suggested_in_english(page, base):
    """The suggestions say their kind in English on the English form (the entry's own text
    stays as written)."""
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/interaction/write/")
    page.fill("#id_title", "道路照明路灯不亮")
    kind = page.locator(".suggestions li .suggestion-kind")
    kind.first.wait_for()
    assert kind.all_inner_texts() == ["Policy Q&A", "Document"]
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    shot(page, "interaction-write-en-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": base}])


def staff_answers_late(page, base, message, office, editor, head, housing):
    url = f"{base}/admin/interaction/{message.pk}/"
    sign_in_staff(page, base, office)
    page.goto(url)
    page.select_option("form:has(input[value=transfer]) #id_department", str(housing.pk))
    page.fill("#id_reason", "路灯维护属住建局职责")
    page.click("form:has(input[value=transfer]) button[type=submit]")
    page.wait_for_selector("text=已转办。")
    sign_in_staff(page, base, editor)
    page.goto(url)
    page.fill("#id_text", "已安排维修单位于本周内修复路灯。感谢您的监督。")
    page.click("button[value=submit]")
    page.wait_for_selector("text=答复已提交部门负责人审核。")
    sign_in_staff(page, base, head)
    page.goto(url)
    page.click("form:has(input[value=publish]) button[type=submit]")
    page.wait_for_selector("text=答复已发布，并在网站公开。")
    assert page.get_by_text("逾期答复").first.is_visible()
    page.goto(f"{base}/admin/interaction/statistics/")
    row = page.locator("#statistics tr", has_text=housing.name)
    assert row.locator("td.overdue").inner_text() == "1"
    shot(page, "interaction-statistics-1280")


def test_write_transfer_answer_late_and_rate(live_server, browser, settings):
    settings.WAGTAILADMIN_BASE_URL = base = live_server.url
    office_department = make_department(name="党政办公室", is_openness_office=True)
    housing = make_department(name="住房和城乡建设局")
    transport = make_department(name="交通运输局")
    office = make_user(role=Role.REVIEWER, department=office_department)
    editor = make_user(role=Role.EDITOR, department=housing)
    head = make_user(role=Role.HEAD, department=housing)
    category = MessageCategory.objects.create(name="城市管理")
    RoutingRule.objects.create(keywords="路口、道路", department=transport)
    make_document(department=housing, title="关于城市道路照明设施维护管理的通知")
    make_answer(
        department=housing,
        question="路灯不亮向哪个部门反映？",
        answer="城市道路照明设施由住房和城乡建设局负责维护，可拨打12345热线报修。",
    )
    account = make_account(email="li.lei@example.com", name="李雷")
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    sign_in_citizen(page, base, account)
    message = write_message(page, base, category)
    assert message.department == transport
    assert page.get_by_text(message.tracking_number).first.is_visible()
    suggested_in_english(page, base)
    make_late(message)

    staff_answers_late(page, base, message, office, editor, head, housing)

    sign_in_citizen(page, base, account)
    page.goto(f"{base}/interaction/mine/{message.pk}/")
    page.check("input[name=rating][value='4']")
    page.check("input[name=solved][value=yes]")
    page.click("form.rating-form button[type=submit]")
    page.wait_for_selector("text=感谢您的评价。")
    message.refresh_from_db()
    assert message.state == MessageState.CLOSED and message.rating == 4

    page.context.clear_cookies()
    page.goto(f"{base}/interaction/{message.pk}/")
    timeline = page.locator(".timeline")
    assert timeline.get_by_text("路灯维护属住建局职责").is_visible()
    assert page.get_by_text("李**").is_visible() and page.get_by_text("李雷").count() == 0
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        shot(page, f"interaction-message-{width}")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.reload()
    assert page.get_by_role("heading", name="Timeline").is_visible()
    shot(page, "interaction-message-en-375")
