"""In a real browser (issue 13): the seed imported from a zip with one of its two listed
attachments. The public page offers that one as a download and marks the other as not
imported, in Chinese and English at 1280 and 375 px; an editor sees the same warning on the
edit page, uploads the file in the 附件 panel, and once published it is a download.
Screenshots: test-artifacts/attachments-*.png."""

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from gongkai.core.roles import Role
from gongkai.documents.models import Document
from tests import factories
from tests.browser import ARTIFACTS, shot, sign_in
from tests.documents.every_outcome import import_every_outcome

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
FIRST = "贵阳国家高新区政务公开工作规范流程"
SECOND = "《贵阳国家高新区2019年政务公开工作实施方案》解读材料"
NOTES = {"zh-hans": "附件未随文件导入", "en": "Attachment not included in the import"}


def _flow_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph(FIRST)
    document.add_paragraph("一、信息发布：各部门按照本流程发布政府信息。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _imported_seed(tmp_path, admin) -> Document:
    archive = tmp_path / "seed.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("seed/000.txt", SEED.read_bytes())
        bundle.writestr(f"seed/附件1 {FIRST}.docx", _flow_docx())
    [imported] = import_every_outcome(paths=[archive], user=admin, publish=True, workers=0).imported
    return Document.objects.get(pk=imported.document_id)


def _check_attachments(page, language: str, width: int) -> None:
    section = page.locator("section[aria-labelledby=attachments-heading]")
    section.scroll_into_view_if_needed()
    download = section.get_by_role("link", name=FIRST)
    assert download.get_attribute("download") is not None
    assert "DOCX" in section.locator("li").nth(0).inner_text()
    missing = section.locator("li.attachment-missing")
    assert missing.count() == 1
    assert SECOND in missing.inner_text()
    assert NOTES[language] in missing.locator(".attachment-note").inner_text()
    assert missing.locator("a").count() == 0
    # Nothing runs off the side of a phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed beside the repository")
def test_listed_attachments_on_the_document_page_and_in_the_back_office(
    live_server, browser, tmp_path
):
    office = factories.department(
        "党政办公室", code="dzb", short_name="党政办", aliases=["贵阳国家高新区党政办公室"]
    )
    admin = factories.staff_user(Role.ADMIN, office)
    document = _imported_seed(tmp_path, admin)
    url = f"{live_server.url}{document.get_absolute_url()}"

    page = browser.new_page()
    for language in ("zh-hans", "en"):
        browser.add_cookies([{"name": "django_language", "value": language, "url": url}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            _check_attachments(page, language, width)
            shot(page, f"attachments-public-{language}-{width}")
            # The full page is long: the attachments alone, legible.
            page.locator("section[aria-labelledby=attachments-heading]").screenshot(
                path=str(ARTIFACTS / f"attachments-section-{language}-{width}.png")
            )
    browser.clear_cookies()

    factories.staff_user(Role.EDITOR, office, username="attach-editor")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "attach-editor", "correct horse battery staple")
    page.goto(f"{live_server.url}/admin/snippets/documents/document/edit/{document.pk}/")
    warning = page.locator("[data-check=attachment_missing]")
    assert warning.count() == 1 and SECOND in warning.inner_text()
    assert NOTES["zh-hans"] in warning.inner_text()
    shot(page, "attachments-edit-warning")

    page.get_by_role("tab", name=re.compile("附件")).first.click()
    page.get_by_role("button", name=re.compile("添加附件|Add 附件|附件")).last.click()
    panel = page.locator("[id^=inline_child_attachments-]").last
    panel.locator("input[name$=-title]").fill("解读材料")
    panel.locator("input[type=file]").set_input_files(
        {
            "name": "附件2.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        }
    )
    page.get_by_role("button", name=re.compile("保存草稿")).first.click()
    page.wait_for_load_state("networkidle")
    shot(page, "attachments-edit-uploaded")
    draft = Document.objects.get(pk=document.pk).get_latest_revision_as_object()
    assert len(draft.attachments.all()) == 3
    factories.publish_object(draft)

    browser.clear_cookies()
    public = browser.new_page()
    public.set_viewport_size({"width": 1280, "height": 900})
    public.goto(url)
    section = public.locator("section[aria-labelledby=attachments-heading]")
    assert section.locator("li.attachment-missing").count() == 0
    assert "PDF" in section.get_by_role("listitem").filter(has_text=SECOND).inner_text()
    shot(public, "attachments-public-after-upload")
    section.screenshot(path=str(ARTIFACTS / "attachments-section-after-upload.png"))
