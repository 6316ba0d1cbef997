"""In a real browser: an editor drafts a document and its interpretation in the back office, the
department head approves, the office reviewer signs off with the three checks, and both go live;
the public search finds the document by a word of its body and by its number written with other
brackets, and its page links the interpretation. Screenshots at 1280 and 375 px: test-artifacts/."""

import re

import pytest

from gongkai.core.audit import history
from gongkai.core.roles import Role
from gongkai.documents.models import Document, Interpretation
from tests import browser as browser_helpers
from tests import factories
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
TITLE = "关于开展2026年度科技型企业研发补助申报工作的通知"
BODY_WORD = "研发补助"


def sign_in(page, base, username):
    page.context.clear_cookies()
    browser_helpers.sign_in(page, base, username, PASSWORD)
    page.wait_for_url(re.compile(r".*/admin/$"))


def type_rich_text(page, container, text):
    editor = page.locator(f"{container} .public-DraftEditor-content").first
    editor.click()
    editor.type(text)
    # Draftail copies its state into the form's hidden input a moment after the last change.
    editor.blur()
    page.wait_for_timeout(800)


def save_and_submit(page):
    """Open the footer's action menu and submit the draft to the sign-off workflow."""
    page.click("footer [data-w-dropdown-target='toggle']")
    page.click("button[name='action-submit']")
    page.wait_for_selector(".messages .success, .messages [class*=success]")


def choose_action(page, base, edit_path, action_label):
    page.goto(f"{base}{edit_path}", wait_until="networkidle")
    page.click("footer [data-w-dropdown-target='toggle']")
    page.get_by_role("button", name=re.compile(action_label)).first.click()


def approve(page, base, edit_path):
    choose_action(page, base, edit_path, "^同意$")
    page.wait_for_url(re.compile(r".*/admin/snippets/documents/\w+/$"))


def sign_off(page, base, edit_path):
    choose_action(page, base, edit_path, "审签通过")
    dialog = page.locator(".modal-content")
    dialog.get_by_label(re.compile("政治关")).check()
    dialog.get_by_label(re.compile("政策关")).check()
    dialog.get_by_label(re.compile("内容关")).check()
    dialog.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/snippets/documents/\w+/$"))


def test_draft_review_sign_off_publish_and_find(live_server, browser):
    base = live_server.url
    finance = factories.department("科技创新促进局", code="kcj")
    office = factories.department("党政办公室", code="dzb", is_openness_office=True)
    factories.document_kind("通知")
    factories.staff_user(Role.EDITOR, finance, username="editor")
    factories.staff_user(Role.HEAD, finance, username="head")
    factories.staff_user(Role.REVIEWER, office, username="reviewer")
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    # The editor drafts the document and submits it.
    sign_in(page, base, "editor")
    page.goto(f"{base}/admin/snippets/documents/document/add/", wait_until="networkidle")
    page.fill("#id_title", TITLE)
    page.fill("#id_doc_number", "筑高新科发〔2026〕7号")
    page.select_option("#id_doc_type", label="通知")
    page.fill("#id_written_on", "2026-03-02")
    # Close the date picker the field opened: while it is open, a click on a tab only closes it.
    page.click("#id_title")
    page.get_by_role("tab", name=re.compile("正文")).click()
    type_rich_text(
        page,
        "[data-contentpath='body']",
        f"为支持企业加大研发投入，现就{BODY_WORD}申报有关事项通知如下。",
    )
    shot(page, "publish-1-editor-draft")
    save_and_submit(page)
    document = Document.objects.get(title=TITLE)
    document_edit = f"/admin/snippets/documents/document/edit/{document.pk}/"

    # The editor writes the interpretation (two forms are expected; text is enough to go live).
    page.goto(f"{base}/admin/snippets/documents/interpretation/add/", wait_until="networkidle")
    page.fill("#id_title", f"《{TITLE}》政策解读")
    page.select_option("#id_interpreter_kind", "drafting_head")
    page.select_option("#id_documents", str(document.pk))
    page.select_option("#id_forms-0-kind", "text")
    type_rich_text(page, "#inline_child_forms-0", "一图读懂：哪些企业可以申报、怎样申报。")
    save_and_submit(page)
    interpretation = Interpretation.objects.get(documents=document)
    interpretation_edit = f"/admin/snippets/documents/interpretation/edit/{interpretation.pk}/"

    # The department head approves both.
    sign_in(page, base, "head")
    approve(page, base, interpretation_edit)
    approve(page, base, document_edit)

    # The office reviewer signs off the interpretation, then the document, with the three checks.
    sign_in(page, base, "reviewer")
    sign_off(page, base, interpretation_edit)
    sign_off(page, base, document_edit)
    shot(page, "publish-2-signed-off")
    document.refresh_from_db()
    assert document.live and document.is_public
    published = [event for event in history(document) if event.action == "document.publish"]
    assert [event.actor_label for event in published] == ["reviewer"]

    # The public finds it by a word of its body, and by its number in other brackets.
    page.context.clear_cookies()
    page.goto(f"{base}/search/?q={BODY_WORD}")
    assert TITLE in page.inner_text("main")
    page.goto(f"{base}/search/?q=筑高新科发[2026]7号")
    first_hit = page.locator("main ol li, main .search-result").first
    assert TITLE in first_hit.inner_text()
    first_hit.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf".*/documents/{document.pk}/$"))
    interpretation_link = page.locator("main").get_by_role("link", name=re.compile("》政策解读"))
    assert interpretation_link.count() >= 1
    shot(page, "publish-3-document-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    shot(page, "publish-4-document-375")
    interpretation_link.first.click()
    page.wait_for_url(re.compile(rf".*/interpretations/{interpretation.pk}/$"))
    assert "一图读懂" in page.inner_text("main")


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_create_page_offers_no_publish_action(live_server, browser, role):
    """Even the office reviewer and the administrator only save or submit a new document."""
    office = factories.department("党政办公室", code="dzb", is_openness_office=True)
    user = factories.staff_user(role, office, username=role)
    user.is_superuser = role == Role.ADMIN
    user.save()
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, role)
    page.goto(f"{live_server.url}/admin/snippets/documents/document/add/", wait_until="networkidle")
    page.click("footer [data-w-dropdown-target='toggle']")
    footer = page.locator("footer")
    assert footer.locator("button[name='action-submit']").is_visible()
    assert footer.locator("button[name='action-publish']").count() == 0
    assert footer.get_by_role("button", name=re.compile("^(发布|Publish)$")).count() == 0
    shot(page, f"publish-0-create-menu-{role}")
