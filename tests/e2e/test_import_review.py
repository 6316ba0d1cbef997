"""In a real browser: the confirmation page of an import highlights the fields extraction is
unsure of, with where it read them; the editor corrects one and saves, and the correction is
kept beside the extracted value. Screenshots: test-artifacts/import-review-*."""

import re
from pathlib import Path

import pytest

from gongkai.core.roles import Role
from gongkai.documents.models import Document, ImportedField
from tests import factories
from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGE = Path(__file__).resolve().parents[1] / "documents" / "real_corpus" / "docs" / "r03.txt"
CORRECTED = (
    "中共岳阳市委办公室 岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知"
)


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_unsure_fields_are_highlighted_and_a_correction_is_kept(live_server, browser):
    office = factories.department("岳阳市人民政府办公室", code="yyb")
    factories.department("中共岳阳市委办公室", code="swb")
    factories.document_kind("通知")
    factories.staff_user(Role.EDITOR, office, username="editor")
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, live_server)

    page.goto(f"{live_server.url}/admin/library/import/")
    page.set_input_files("#import-upload-form input[type=file]", str(PAGE))
    page.click("#import-upload-form button[type=submit]")
    page.wait_for_selector("#import-confirm-form")

    # The page's only date is a bare 日期 in a header line: extraction is unsure of it.
    unsure = page.locator(".import-field--unsure")
    assert page.locator("#unsure-summary").is_visible()
    published = unsure.filter(has=page.locator("[name=published_on]"))
    assert published.count() == 1
    assert "日期" in published.locator(".import-field__note").inner_text()
    assert unsure.filter(has=page.locator("[name=title]")).count() == 0
    published.scroll_into_view_if_needed()
    shot(page, "import-review-1-confirm")
    page.set_viewport_size({"width": 375, "height": 800})
    published.scroll_into_view_if_needed()
    shot(page, "import-review-2-confirm-narrow")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.fill("#import-confirm-form [name=title]", CORRECTED)
    page.click("#import-confirm-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/snippets/documents/document/edit/\d+/$"))
    document = Document.objects.get(title=CORRECTED)
    fields = {f.name: f for f in ImportedField.objects.filter(record__document=document)}
    assert fields["title"].corrected
    assert fields["title"].final == CORRECTED
    assert not fields["doc_number"].corrected
    assert fields["published_on"].confidence == "unsure"
    assert fields["published_on"].source == "日期"
