"""The attachments a document lists (附件：…, issue 13): stored on import, attached as real
downloads when the import has their files, and shown as not imported where it has not, on
the public page and to staff; an upload in the back office makes one a download."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.core.roles import Role
from gongkai.documents.importing import ATTACHED, DUPLICATE, FAILED, documents_import
from gongkai.documents.management.commands.import_documents import format_summary
from gongkai.documents.models import Document
from gongkai.documents.selectors import publication_problems
from tests import factories
from tests.core.test_uploads import XLS
from tests.documents.every_outcome import import_every_outcome
from tests.documents.test_extraction_corpus import _scanned_pdf

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
FIRST = "贵阳国家高新区政务公开工作规范流程"
SECOND = "《贵阳国家高新区2019年政务公开工作实施方案》解读材料"
MISSING_ZH = "附件未随文件导入"


@pytest.fixture
def office():
    return factories.department(
        "党政办公室", code="dzb", short_name="党政办", aliases=["贵阳国家高新区党政办公室"]
    )


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FLOW = _docx(f"{FIRST}\n一、信息发布\n各部门按照本流程发布政府信息，经审核后公开。")


def _zip(tmp_path, members: dict[str, bytes], name: str = "batch.zip") -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def _import(paths, **options):
    return import_every_outcome(paths=paths, workers=0, **options)


def _attachment_items(client, document: Document) -> list:
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return page.select("section[aria-labelledby=attachments-heading] li")


def test_the_seed_alone_lists_two_attachments_both_missing(office, tmp_path):
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())
    [outcome] = _import([tmp_path / SEED.name]).outcomes
    document = Document.objects.get(pk=outcome.document_id)
    assert document.listed_attachments == [FIRST, SECOND]
    assert [a.title for a in document.attachments.all()] == ["原文"]
    assert outcome.missing_attachments == [f"附件1 {FIRST}", f"附件2 {SECOND}"]
    warnings = [p for p in publication_problems(document) if p.code == "attachment_missing"]
    assert [p.blocking for p in warnings] == [False, False]
    assert FIRST in warnings[0].message_zh and "附件2" in warnings[1].message_zh


def test_the_cli_summary_names_the_missing_attachments(office, tmp_path):
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())
    output = format_summary(documents_import(paths=[tmp_path], workers=0))
    assert "Attachments not included in the import" in output
    assert f"附件1 {FIRST}；附件2 {SECOND}" in output


def test_a_zip_with_the_seed_and_one_attachment_file(office, tmp_path):
    archive = _zip(
        tmp_path,
        {"inbox/seed.txt": SEED.read_bytes(), f"inbox/附件1 {FIRST}.docx": FLOW},
    )
    summary = _import([archive])
    [imported] = summary.imported
    [attached] = summary.attached
    assert attached.status == ATTACHED and attached.document_id == imported.document_id
    assert attached.title == FIRST
    assert imported.missing_attachments == [f"附件2 {SECOND}"]
    document = Document.objects.get(pk=imported.document_id)
    assert Document.objects.count() == 1  # the attachment is not a document of its own
    original, flow = document.attachments.order_by("sort_order")
    assert original.title == "原文"
    assert (flow.title, flow.kind, flow.size) == (FIRST, "docx", len(FLOW))
    assert flow.file.read() == FLOW
    assert "各部门按照本流程发布政府信息" in flow.text  # checked before publication, searchable
    # The revision the workflow publishes holds it too.
    assert len(document.latest_revision.content["attachments"]) == 2
    codes = [p.code for p in publication_problems(document)]
    assert codes.count("attachment_missing") == 1

    again = _import([archive])
    assert [o.status for o in again.outcomes] == [DUPLICATE, DUPLICATE]
    assert again.outcomes[1].duplicate_of == document.pk


def test_attachment_files_in_another_folder_or_for_another_number_stay_documents(office, tmp_path):
    archive = _zip(
        tmp_path,
        {
            "inbox/seed.txt": SEED.read_bytes(),
            f"elsewhere/附件1 {FIRST}.docx": FLOW,
            "inbox/附件3.docx": _docx("另一份材料\n与所列附件无关。"),
        },
    )
    summary = _import([archive], department=office)
    assert not summary.attached
    assert len(summary.imported) == 3


def test_zip_slip_and_oversized_attachment_files_are_refused_not_attached(office, tmp_path):
    archive = _zip(
        tmp_path,
        {
            "inbox/seed.txt": SEED.read_bytes(),
            "../附件1.docx": FLOW,
            "inbox/附件2.docx": FLOW + b"\x00" * 40_000,
        },
    )
    summary = _import([archive], max_bytes=len(SEED.read_bytes()) + 1000)
    assert {o.code for o in summary.failed} == {"unsafe_path", "too_large"}
    assert not summary.attached
    [imported] = summary.imported
    assert len(imported.missing_attachments) == 2


def _png() -> bytes:
    from PIL import Image

    image = io.BytesIO()
    Image.new("L", (40, 60), color=200).save(image, format="PNG")
    return image.getvalue()


@pytest.mark.parametrize(
    ("member", "data", "kind"),
    [
        (f"附件1 {FIRST}.pdf", _scanned_pdf, "pdf"),  # a scan: no text to extract
        ("附件1.xls", lambda: XLS, "xls"),  # a legacy spreadsheet
        (f"{FIRST}.png", _png, "png"),  # a picture, by its name alone
    ],
    ids=["scanned-pdf", "xls", "image"],
)
def test_a_listed_attachment_that_cannot_be_read_as_text_is_attached(
    client, office, tmp_path, member, data, kind
):
    content = data()
    archive = _zip(tmp_path, {"inbox/seed.txt": SEED.read_bytes(), f"inbox/{member}": content})
    summary = _import([archive], publish=True, user=factories.staff_user(Role.ADMIN, office))
    assert not summary.failed
    [imported] = summary.imported
    [attached] = summary.attached
    assert (attached.document_id, attached.title) == (imported.document_id, FIRST)
    assert imported.missing_attachments == [f"附件2 {SECOND}"]
    [warning] = [w for w in imported.warnings if w.startswith("附件1")]
    assert "无法读取文字" in warning and "check it for personal data" in warning

    document = Document.objects.get()
    _original, first = document.attachments.order_by("sort_order")
    assert (first.title, first.kind, first.size, first.text) == (FIRST, kind, len(content), "")
    assert first.file.read() == content
    first_item = _attachment_items(client, document)[0]
    link = first_item.find("a")
    assert link.get_text(strip=True) == FIRST and MISSING_ZH not in first_item.get_text()
    assert client.get(link["href"]).status_code == 200


@pytest.mark.parametrize(
    ("member", "data", "code"),
    [
        ("附件1.txt", "これは日本語の文章です。".encode("shift_jis") * 3, "undetectable_encoding"),
        ("附件1.png", b"MZ\x90\x00" + b"\x00" * 200, "unsupported_format"),  # a program
    ],
    ids=["unreadable-text", "executable"],
)
def test_an_unreadable_file_of_a_kind_attachments_may_not_be_stays_refused(
    office, tmp_path, member, data, code
):
    archive = _zip(tmp_path, {"inbox/seed.txt": SEED.read_bytes(), f"inbox/{member}": data})
    summary = _import([archive])
    assert [o.code for o in summary.failed] == [code]
    assert not summary.attached
    [imported] = summary.imported
    assert len(imported.missing_attachments) == 2


def test_the_back_office_import_warns_and_keeps_the_list(client, office):
    factories.document_kind("通知")
    client.force_login(factories.staff_user(Role.EDITOR, office))
    upload = SimpleUploadedFile(SEED.name, SEED.read_bytes())
    response = client.post(reverse("documents_import"), {"file": upload})
    page = BeautifulSoup(response.content, "html.parser")
    items = page.select("#missing-attachments li")
    assert [item.get_text(" ", strip=True) for item in items] == [
        f"附件1 {FIRST} ：{MISSING_ZH}",
        f"附件2 {SECOND} ：{MISSING_ZH}",
    ]
    data = querydict_from_html(response.content.decode(), form_id="import-confirm-form")
    assert client.post(reverse("documents_import_confirm"), data).status_code == 302
    assert Document.objects.get().listed_attachments == [FIRST, SECOND]


def test_the_public_page_lists_downloads_and_missing_attachments(client, office, tmp_path):
    admin = factories.staff_user(Role.ADMIN, office)
    archive = _zip(
        tmp_path, {"inbox/seed.txt": SEED.read_bytes(), f"inbox/附件1 {FIRST}.docx": FLOW}
    )
    [imported] = _import([archive], user=admin, publish=True).imported
    document = Document.objects.get(pk=imported.document_id)
    first, second, original = _attachment_items(client, document)
    link = first.find("a")
    assert link.get_text(strip=True) == FIRST and link["href"].endswith(".docx")
    assert "DOCX" in first.get_text() and MISSING_ZH not in first.get_text()
    assert second.find("a") is None
    assert "附件2" in second.get_text() and SECOND in second.get_text()
    assert second.select_one(".attachment-note").get_text(strip=True).endswith(MISSING_ZH)
    assert original.find("a").get_text(strip=True) == "原文"

    client.cookies["django_language"] = "en"
    english = client.get(document.get_absolute_url()).content.decode()
    assert "Attachment not included in the import" in english
    assert "Attachment 2" in english


def test_uploading_the_missing_attachment_in_the_back_office_makes_it_a_download(
    client, office, tmp_path
):
    admin = factories.staff_user(Role.ADMIN, office)
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())
    [imported] = _import([tmp_path], user=admin, publish=True).imported
    document = Document.objects.get(pk=imported.document_id)
    assert [item.find("a") for item in _attachment_items(client, document)][:2] == [None, None]

    editor = factories.staff_user(Role.EDITOR, office)
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    page = client.get(edit_url).content.decode()
    assert MISSING_ZH in page  # the publication checks tell staff what to upload
    data = querydict_from_html(page, form_id="w-editor-form")
    data.update(
        {
            "attachments-TOTAL_FORMS": "2",
            "attachments-1-title": "解读材料",
            "attachments-1-ORDER": "2",
            "attachments-1-id": "",
            "attachments-1-DELETE": "",
        }
    )
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = SimpleUploadedFile("附件2.pdf", pdf, content_type="application/pdf")
    response = client.post(edit_url, {**data.dict(), "attachments-1-file": upload})
    assert response.status_code == 302, response.context["form"].errors
    client.logout()

    draft = Document.objects.get(pk=document.pk).get_latest_revision_as_object()
    factories.publish_object(draft)
    first, second, _original = _attachment_items(client, document)
    assert second.find("a").get_text(strip=True) == SECOND
    assert "PDF" in second.get_text() and MISSING_ZH not in second.get_text()
    assert client.get(second.find("a")["href"]).status_code == 200
    assert MISSING_ZH in first.get_text()  # 附件1 is still missing


def test_an_attachment_file_fails_with_its_document(tmp_path):
    archive = _zip(
        tmp_path, {"inbox/seed.txt": SEED.read_bytes(), f"inbox/附件1 {FIRST}.docx": FLOW}
    )
    seed, flow = _import([archive]).outcomes  # no department answers to the issuer
    assert (seed.status, seed.code) == (FAILED, "no_department")
    assert (flow.status, flow.code) == (FAILED, "owner_failed")
    assert "seed.txt" in flow.message_zh
    assert not Document.objects.exists()


def _seed_alone(tmp_path, **options) -> Document:
    folder = tmp_path / "first"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    [imported] = _import([folder], **options).imported
    return Document.objects.get(pk=imported.document_id)


def _later(tmp_path, files: dict[str, bytes], **options):
    folder = tmp_path / "later"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return _import([folder], **options)


def test_a_later_import_attaches_a_file_to_the_document_that_lacks_it(office, tmp_path):
    document = _seed_alone(tmp_path)
    summary = _later(tmp_path, {f"{FIRST}.docx": FLOW, "附件2.pdf": _scanned_pdf()})
    [attached] = summary.attached
    assert (attached.document_id, attached.title) == (document.pk, FIRST)
    assert [o.code for o in summary.failed] == ["image_only_pdf"]  # 附件2 of which document?
    assert Document.objects.count() == 1  # not a document of its own
    document.refresh_from_db()
    titles = [a.title for a in document.attachments.order_by("sort_order")]
    assert titles == ["原文", FIRST]
    assert document.attachments.get(title=FIRST).file.read() == FLOW
    assert document.latest_revision.content["attachments"][-1]["title"] == FIRST
    missing = [p for p in publication_problems(document) if p.code == "attachment_missing"]
    assert len(missing) == 1 and "附件2" in missing[0].message_zh


def test_another_departments_document_is_not_offered_the_file(office, tmp_path):
    document = _seed_alone(tmp_path)
    other = factories.department("财政局", code="czj")
    summary = _later(
        tmp_path,
        {f"{FIRST}.docx": FLOW},
        user=factories.staff_user(Role.EDITOR, other),
        department=other,
    )
    assert not summary.attached
    assert [o.status for o in summary.outcomes] == ["imported"]
    assert [a.title for a in document.attachments.all()] == ["原文"]


def test_a_published_document_gets_the_file_when_the_draft_is_signed_off(client, office, tmp_path):
    admin = factories.staff_user(Role.ADMIN, office)
    document = _seed_alone(tmp_path, user=admin, publish=True)
    assert MISSING_ZH in _attachment_items(client, document)[0].get_text()
    summary = _later(tmp_path, {f"{FIRST}.docx": FLOW}, user=admin)
    assert [o.document_id for o in summary.attached] == [document.pk]
    # Nothing reaches the public page without sign-off.
    assert MISSING_ZH in _attachment_items(client, document)[0].get_text()
    assert [a.title for a in document.attachments.all()] == ["原文"]
    factories.publish_object(Document.objects.get(pk=document.pk).get_latest_revision_as_object())
    first = _attachment_items(client, document)[0]
    assert first.find("a").get_text(strip=True) == FIRST and MISSING_ZH not in first.get_text()
    assert client.get(first.find("a")["href"]).status_code == 200


def _offer(response):
    page = BeautifulSoup(response.content, "html.parser")
    return page.select_one("#library-offer")


def test_a_back_office_upload_is_offered_to_the_document_that_lacks_it(client, office, tmp_path):
    editor = factories.staff_user(Role.EDITOR, office)
    document = _seed_alone(tmp_path, user=editor)
    client.force_login(editor)

    readable = SimpleUploadedFile(f"{FIRST}.docx", FLOW)
    response = client.post(reverse("documents_import"), {"file": readable})
    offer = _offer(response)  # on the confirmation page, beside importing it as a document
    assert offer is not None and "import-confirm-form" in response.content.decode()
    assert document.title in offer.get_text() and "附件1" in offer.get_text()

    scan = SimpleUploadedFile(f"附件2 {SECOND}.pdf", _scanned_pdf())
    response = client.post(reverse("documents_import"), {"file": scan})
    offer = _offer(response)  # not a document: no error, the offer alone
    assert offer is not None and "无法导入该文件" not in response.content.decode()
    token = offer.select_one("input[name=token]")["value"]
    response = client.post(reverse("documents_import_attach"), {"token": token})
    assert response.status_code == 302
    assert response.url == reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    assert [a.title for a in document.attachments.order_by("sort_order")] == ["原文", SECOND]
    assert Document.objects.count() == 1
    # The file is taken: the same token attaches nothing twice.
    assert client.post(reverse("documents_import_attach"), {"token": token}).status_code == 302
    assert document.attachments.count() == 2


def test_the_offer_is_only_for_the_users_own_departments_documents(client, office, tmp_path):
    _seed_alone(tmp_path)
    other = factories.department("财政局", code="czj")
    client.force_login(factories.staff_user(Role.EDITOR, other))
    response = client.post(
        reverse("documents_import"), {"file": SimpleUploadedFile(f"{FIRST}.docx", FLOW)}
    )
    assert response.status_code == 200 and _offer(response) is None
