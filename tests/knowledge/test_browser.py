"""In a real browser: the department's editor turns an answered message into a policy answer
(the writer's name and phone number masked), chooses the document it rests on and submits it;
the head approves, the office reviewer signs it off with the three checks and it goes live; a
citizen finds it by searching the portal's 政策问答 and opens it. Screenshots at 1280 and 375 px,
in Chinese and English: test-artifacts/knowledge-*.png."""

import re

import pytest

from gongkai.core.roles import Role
from gongkai.interaction.models import Message
from gongkai.knowledge.models import PolicyAnswer
from tests.accounts.conftest import make_account
from tests.browser import shot, sign_in
from tests.factories import make_department, make_document, make_topic, make_user
from tests.interaction.conftest import answered_message

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def sign_in_staff(page, base, user):
    page.context.clear_cookies()
    sign_in(page, base, user.username, PASSWORD)


def workflow_action(page, base, edit_path, label):
    page.goto(f"{base}{edit_path}", wait_until="networkidle")
    page.click("footer [data-w-dropdown-target='toggle']")
    page.get_by_role("button", name=re.compile(label)).first.click()


def test_promote_sign_off_and_find(live_server, browser):
    base = live_server.url
    bureau = make_department(name="产业发展局", code="cyj")
    office = make_department(name="党政办公室", code="dzb", is_openness_office=True)
    editor = make_user(role=Role.EDITOR, department=bureau, username="editor")
    head = make_user(role=Role.HEAD, department=bureau, username="head")
    reviewer = make_user(role=Role.REVIEWER, department=office, username="reviewer")
    make_topic(name="企业扶持", slug="enterprise-support")
    basis = make_document(department=bureau, title="关于支持小微企业发展的若干措施")
    writer = make_account(email="li@example.com", name="李雷")
    message = answered_message(bureau, reviewer, account=writer)
    Message.objects.filter(pk=message.pk).update(
        title="小微企业房租补贴怎么申请",
        body="我是李雷，电话13812345678，我的店铺想申请房租补贴，需要什么材料？",
        reply="李雷您好：房租补贴请携营业执照、租赁合同和缴费凭证向产业发展局申报。",
    )
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    # The editor turns the reply into a draft entry, masked, and submits it for sign-off.
    sign_in_staff(page, base, editor)
    page.goto(f"{base}/admin/interaction/{message.pk}/", wait_until="networkidle")
    page.get_by_role("button", name="转为政策问答").click()
    page.wait_for_url(re.compile(r".*/admin/snippets/knowledge/policyanswer/edit/\d+/$"))
    question = page.input_value("#id_question")
    assert "李雷" not in question and "13812345678" not in question and "138****5678" in question
    page.fill("#id_question", "小微企业申请房租补贴需要哪些材料？")
    page.select_option("#id_documents", str(basis.pk))
    page.get_by_label("企业扶持").check()
    shot(page, "knowledge-1-promoted-draft")
    page.click("footer [data-w-dropdown-target='toggle']")
    page.click("button[name='action-submit']")
    page.wait_for_selector(".messages .success, .messages [class*=success]")
    answer = PolicyAnswer.objects.get()
    edit_path = f"/admin/snippets/knowledge/policyanswer/edit/{answer.pk}/"
    assert not answer.live and answer.source_message_id == message.pk

    # The head approves; the office reviewer signs off with the three checks.
    sign_in_staff(page, base, head)
    workflow_action(page, base, edit_path, "^同意$")
    page.wait_for_url(re.compile(r".*/admin/snippets/knowledge/policyanswer/$"))
    sign_in_staff(page, base, reviewer)
    workflow_action(page, base, edit_path, "审签通过")
    dialog = page.locator(".modal-content")
    for check in ("政治关", "政策关", "内容关"):
        dialog.get_by_label(re.compile(check)).check()
    dialog.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/snippets/knowledge/policyanswer/$"))
    shot(page, "knowledge-2-signed-off")
    answer.refresh_from_db()
    assert answer.live and answer.published_on is not None

    # A citizen finds it by searching the portal's policy answers, and opens it.
    page.context.clear_cookies()
    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{base}/interaction/answers/")
            page.fill("#answers-q", "房租补贴 材料")
            page.locator("form.answer-search button[type=submit]").click()
            page.wait_for_url(re.compile(r".*/interaction/answers/\?q="))
            hit = page.locator(".answer-list li").first
            assert "房租补贴" in hit.inner_text()
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            shot(page, f"knowledge-3-search-{language}-{width}")
            hit.get_by_role("link").first.click()
            page.wait_for_url(re.compile(rf".*/interaction/answers/{answer.pk}/$"))
            main = page.inner_text("main")
            assert "营业执照" in main and basis.title in main and "李雷" not in main
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            shot(page, f"knowledge-4-answer-{language}-{width}")
    assert page.get_by_role("heading", name="Answer").is_visible()  # 答复 of a question
