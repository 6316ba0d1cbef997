"""In a real browser (issue 13): an editor edits the attachments a published document lists
(renames one, adds one, and is told in Chinese or English when a line is empty or repeated);
once signed off, the public page lists them in order, a download where the file is attached
and 「附件未随文件导入」 where not, in Chinese and English at 1280 and 375 px.
Screenshots: test-artifacts/listed-edit-*.png."""

import re

import pytest
from wagtail.users.models import UserProfile

from gongkai.core.roles import Role
from gongkai.documents.models import Document
from tests import factories
from tests.browser import ARTIFACTS, shot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FLOW = "贵阳国家高新区政务公开工作规范流程"
PLAN = "《贵阳国家高新区2019年政务公开工作实施方案》解读材料"
TABLE = "2019年政务公开工作任务分解表"
NOTES = {"zh-hans": "附件未随文件导入", "en": "Attachment not included in the import"}
ERRORS = {
    "zh-hans": ("附件2的名称为空。", f"附件3与附件1的名称重复：“{FLOW}”。"),
    "en": (
        "Attachment 2 has no name.",
        f"Attachment 3 has the same name as attachment 1: “{FLOW}”.",
    ),
}


def _edit(page, base_url: str, document: Document, text: str) -> None:
    page.goto(f"{base_url}/admin/snippets/documents/document/edit/{document.pk}/")
    page.get_by_role("tab", name=re.compile("附件|Attachments")).first.click()
    field = page.locator("textarea[name=listed_attachments]")
    field.fill(text)
    field.scroll_into_view_if_needed()


def _save(page) -> None:
    page.locator("form#w-editor-form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_staff_edit_the_listed_attachments_and_the_public_page_follows(
    live_server, browser, language
):
    office = factories.department("党政办公室", code="dzb")
    flow = factories.make_attachment(title=FLOW, name="flow.pdf", content=b"%PDF-1.4\n%%EOF\n")
    document = factories.make_document(
        department=office, listed_attachments=[FLOW, "解读材料"], attachments=[flow]
    )
    editor = factories.staff_user(Role.EDITOR, office, username=f"listed-{language}")
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": language})

    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, editor.username, "correct horse battery staple")

    _edit(page, live_server.url, document, f"{FLOW}\n\n{FLOW}")
    _save(page)
    page.get_by_role("tab", name=re.compile("附件|Attachments")).first.click()
    errors = page.locator("textarea[name=listed_attachments]").locator(
        "xpath=ancestor::*[contains(@class,'w-field__wrapper')][1]"
    )
    for message in ERRORS[language]:
        assert message in errors.inner_text()
    shot(page, f"listed-edit-errors-{language}")
    errors.screenshot(path=str(ARTIFACTS / f"listed-edit-errors-field-{language}.png"))
    assert Document.objects.get(pk=document.pk).listed_attachments == [FLOW, "解读材料"]

    _edit(page, live_server.url, document, f"{FLOW}\n{PLAN}\n{TABLE}")  # renamed, added
    _save(page)
    draft = Document.objects.get(pk=document.pk).get_latest_revision_as_object()
    assert draft.listed_attachments == [FLOW, PLAN, TABLE]
    shot(page, f"listed-edit-saved-{language}")
    factories.publish_object(draft)

    public = browser.new_page()
    url = f"{live_server.url}{document.get_absolute_url()}"
    browser.add_cookies([{"name": "django_language", "value": language, "url": url}])
    for width in (1280, 375):
        public.set_viewport_size({"width": width, "height": 900})
        public.goto(url)
        section = public.locator("section[aria-labelledby=attachments-heading]")
        section.scroll_into_view_if_needed()
        items = section.locator("li")
        assert section.get_by_role("link", name=FLOW).get_attribute("download") is not None
        for number, name in ((2, PLAN), (3, TABLE)):
            item = items.nth(number - 1)
            assert name in item.inner_text() and item.locator("a").count() == 0
            assert NOTES[language] in item.locator(".attachment-note").inner_text()
        assert public.evaluate("document.documentElement.scrollWidth") <= width
        shot(public, f"listed-edit-public-{language}-{width}")
        section.screenshot(path=str(ARTIFACTS / f"listed-edit-section-{language}-{width}.png"))
