"""The back-office upload form (导入文件): upload, confirm or correct, save as a draft."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from gongkai.core.roles import Role
from gongkai.documents.models import Citation, Document
from tests import factories

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
UPLOAD_URL = reverse("documents_import")
CONFIRM_URL = reverse("documents_import_confirm")


@pytest.fixture
def office():
    return factories.department("党政办公室", code="dzb", aliases=["贵阳国家高新区党政办公室"])


@pytest.fixture
def editor(client, office):
    factories.document_kind("通知")
    user = factories.staff_user(Role.EDITOR, office)
    client.force_login(user)
    return user


def _upload(client, data: bytes, name: str = SEED.name):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data)})


def _confirm_data(response):
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="import-confirm-form")


def test_the_menu_offers_the_import_to_editors(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    assert UPLOAD_URL in response.content.decode()
    page = client.get(UPLOAD_URL)
    assert page.status_code == 200
    assert 'id="import-upload-form"' in page.content.decode()


def test_upload_confirm_and_save_a_corrected_draft(client, editor, office):
    response = _upload(client, SEED.read_bytes())
    page = response.content.decode()
    assert "筑府办函〔2019〕66号" in page  # the citations found are shown
    assert "(三)1" in page  # and the tasks
    data = _confirm_data(response)
    assert data["title"].startswith("贵阳国家高新区党政办公室印发")
    assert data["doc_number"] == "筑高新办函〔2019〕23号"
    assert data["written_on"].replace("/", "-") == "2019-07-10"
    assert data["department"] == str(office.pk)
    assert data.getlist("issuers") == [str(office.pk)]
    data["title"] = "贵阳国家高新区党政办公室关于印发2019年政务公开工作实施方案的通知"
    saved = client.post(CONFIRM_URL, data)
    document = Document.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse(
        "wagtailsnippets_documents_document:edit", args=[document.pk]
    )
    assert document.title == data["title"]
    assert not document.live
    assert document.latest_revision.user == editor
    assert Citation.objects.filter(source=document).count() == 3
    assert document.attachments.get().title == "原文"


def test_the_imported_draft_opens_and_saves_in_the_edit_form(client, editor):
    client.post(CONFIRM_URL, _confirm_data(_upload(client, SEED.read_bytes())))
    document = Document.objects.get()
    edit_url = reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="w-editor-form")
    assert data["attachments-TOTAL_FORMS"] == "1"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.get().attachments.count() == 1


def test_corrections_are_checked_like_the_edit_form(client, editor):
    data = _confirm_data(_upload(client, SEED.read_bytes()))
    data["doc_number"] = "第五号文件"
    data["published_on"] = "2019-07-01"
    response = client.post(CONFIRM_URL, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "发文字号格式" in " ".join(errors["doc_number"])
    assert "成文日期不能晚于发布日期" in " ".join(errors["written_on"])
    assert not Document.objects.exists()


def test_a_bad_file_shows_the_reason(client, editor):
    page = _upload(client, b"%PDF-1.4\n1 0 obj<<>>endobj\n", "broken.pdf").content.decode()
    assert "无法导入该文件" in page
    assert "PDF 文件已损坏" in page and "The PDF file is damaged" not in page
    assert "import-confirm-form" not in page
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "en"})
    english = _upload(client, b"%PDF-1.4\n1 0 obj<<>>endobj\n", "broken.pdf").content.decode()
    assert "The PDF file is damaged" in english and "PDF 文件已损坏" not in english
    assert not Document.objects.exists()


def test_a_duplicate_links_to_the_existing_document(client, editor):
    client.post(CONFIRM_URL, _confirm_data(_upload(client, SEED.read_bytes())))
    existing = Document.objects.get()
    response = _upload(client, SEED.read_bytes())
    page = response.content.decode()
    assert "文库中已有该文件" in page
    assert reverse("wagtailsnippets_documents_document:edit", args=[existing.pk]) in page
    assert Document.objects.count() == 1


def test_an_editor_drafts_for_their_own_department_only(client, office):
    factories.document_kind("通知")
    finance = factories.department("财政局", code="czj")
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    data = _confirm_data(_upload(client, SEED.read_bytes()))
    assert data["department"] == str(finance.pk)  # not the issuer's, which is not theirs
    data["department"] = str(office.pk)
    response = client.post(CONFIRM_URL, data)
    assert "department" in response.context["form"].errors
    assert not Document.objects.exists()


def test_a_tampered_token_is_refused(client, editor):
    data = _confirm_data(_upload(client, SEED.read_bytes()))
    data["token"] = data["token"][:-2] + "xx"
    response = client.post(CONFIRM_URL, data)
    assert response.status_code == 302 and response["Location"] == UPLOAD_URL
    assert not Document.objects.exists()


def test_only_staff_who_may_add_documents_import(client, office):
    client.force_login(factories.staff_user(Role.ASSESSOR, office))
    assert client.get(UPLOAD_URL).status_code in (302, 403)


def test_waiting_uploads_are_removed_once_saved_or_stale(client, editor, settings):
    pending = Path(settings.MEDIA_ROOT, "imports", "pending")
    data = _confirm_data(_upload(client, SEED.read_bytes()))
    [waiting] = pending.iterdir()
    os.utime(waiting, (time.time() - 2 * 86400,) * 2)
    _upload(client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old.doc")  # refused
    assert waiting.exists()  # only a readable upload waits, and clears stale ones
    _upload(client, SEED.read_bytes().replace("23号".encode(), "24号".encode()), "b.txt")
    assert not waiting.exists()
    [newer] = pending.iterdir()
    client.post(CONFIRM_URL, data)  # the stale one's token no longer finds its file
    assert not Document.objects.exists()
    client.post(CONFIRM_URL, _confirm_data(_upload(client, SEED.read_bytes())))
    assert Document.objects.count() == 1
    assert list(pending.iterdir()) == [newer]
