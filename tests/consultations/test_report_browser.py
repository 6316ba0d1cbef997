"""In a real browser (issue 9 §2): after a consultation closed and its comment was disposed of,
the drafting department's editor generates the adoption report, edits it and submits it; the
public page does not show it; the head approves, the office reviewer signs it off with the
three checks, and the report is on the consultation's public page. Screenshots at 1280 and
375 px, in Chinese and English: test-artifacts/adoption-report-*.png."""

import re

import pytest
from django.urls import reverse

from gongkai.consultations import services
from gongkai.consultations.models import AdoptionReport
from gongkai.core.roles import Role
from tests.accounts.conftest import make_account
from tests.browser import shot, sign_in
from tests.consultations.conftest import close, make_consultation
from tests.factories import make_department, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
ADDED = "经研究，补贴期限延长至三年。"


def sign_in_staff(page, base, user):
    page.context.clear_cookies()
    sign_in(page, base, user.username, PASSWORD)


def workflow_action(page, base, edit_path, label):
    page.goto(f"{base}{edit_path}", wait_until="networkidle")
    page.click("footer [data-w-dropdown-target='toggle']")
    page.get_by_role("button", name=re.compile(label)).first.click()


def closed_consultation(editor):
    consultation = make_consultation(
        department=editor.staff_profile.department, title="关于促进软件产业发展的若干措施"
    )
    comment = services.comment_submit(
        consultation=consultation,
        user=make_account().user,
        text="建议将房租补贴期限延长至三年。",
        nonce="b" * 24,
        clause_id=consultation.clauses.first().pk,
    ).comment
    services.comment_approve(comment=comment, user=editor)
    close(consultation)
    services.comments_dispose(
        consultation=consultation, comment_ids=[comment.pk], user=editor,
        disposition="adopted", reason="",
    )  # fmt: skip
    return consultation


def test_editor_drafts_head_approves_office_signs_off_public_reads(live_server, browser):
    base = live_server.url
    industry = make_department(name="产业发展局", name_en="Industry Bureau", code="cyj")
    office = make_department(name="党政办公室", code="dzb", is_openness_office=True)
    editor = make_user(role=Role.EDITOR, department=industry, username="editor", password=PASSWORD)
    head = make_user(role=Role.HEAD, department=industry, username="head", password=PASSWORD)
    reviewer = make_user(role=Role.REVIEWER, department=office, username="reviewer",
                         password=PASSWORD)  # fmt: skip
    consultation = closed_consultation(editor)
    public = f"{base}{consultation.get_absolute_url()}"

    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})

    # The editor generates the draft from the dispositions, edits it and submits it.
    sign_in_staff(page, base, editor)
    page.goto(f"{base}{reverse('consultations_admin:report', args=[consultation.pk])}")
    page.get_by_role("button", name="按处理意见生成草稿").click()
    page.wait_for_selector("pre.adoption-report")
    shot(page, "adoption-report-1-draft")
    page.get_by_role("link", name="编辑说明并提交审核").click()
    text = page.locator("#id_text")
    text.fill(text.input_value() + "\n" + ADDED)
    page.click("footer [data-w-dropdown-target='toggle']")
    page.click("button[name='action-submit']")
    page.wait_for_selector(".messages .success, .messages [class*=success]")
    report = AdoptionReport.objects.get(consultation=consultation)
    assert not report.live and report.workflow_in_progress
    edit_path = reverse("wagtailsnippets_consultations_adoptionreport:edit", args=[report.pk])

    page.context.clear_cookies()
    page.goto(public)
    assert ADDED not in page.inner_text("main")

    # The head approves (the report is in the head's review list); the office signs it off.
    sign_in_staff(page, base, head)
    page.goto(f"{base}/admin/", wait_until="networkidle")
    assert consultation.title in page.inner_text("main")
    workflow_action(page, base, edit_path, "^同意$")
    page.wait_for_url(re.compile(r".*/admin/snippets/consultations/adoptionreport/$"))
    sign_in_staff(page, base, reviewer)
    workflow_action(page, base, edit_path, "审签通过")
    dialog = page.locator(".modal-content")
    for check in ("政治关", "政策关", "内容关"):
        dialog.get_by_label(re.compile(check)).check()
    dialog.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/snippets/consultations/adoptionreport/$"))
    report.refresh_from_db()
    assert report.live

    # The public reads the report on the consultation's page.
    page.context.clear_cookies()
    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(public)
            assert ADDED in page.inner_text("section.adoption-report")
            page.locator("section.adoption-report").scroll_into_view_if_needed()
            shot(page, f"adoption-report-2-public-{language}-{width}")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert errors == []
