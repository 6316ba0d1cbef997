"""Uploaded files are served by their owner's state: published items' files to anyone, the rest
only to staff who may see the owner (department scoping), never by guessing a path."""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import Client
from wagtail.documents import get_document_model

from gongkai.core.roles import Role
from gongkai.documents.models import InterpretationForm, InterpretationFormKind
from tests import factories

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def org():
    finance = factories.make_department(name="财政局", code="czj")
    tax = factories.make_department(name="税务局", code="swj")
    office = factories.make_department(name="党政办公室", code="dzb", is_openness_office=True)
    return SimpleNamespace(
        finance=finance,
        finance_editor=factories.make_user(role=Role.EDITOR, department=finance),
        tax_editor=factories.make_user(role=Role.EDITOR, department=tax),
        reviewer=factories.make_user(role=Role.REVIEWER, department=office),
    )


def attached(org, *, publish: bool, name="预算表.pdf"):
    document = factories.make_document(
        department=org.finance,
        publish=publish,
        attachments=[factories.make_attachment(name=name, content=PDF)],
    )
    return document, document.attachments.get().file.name


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_guessed_path_of_an_unpublished_attachment_is_404_for_anonymous(client, org):
    _document, name = attached(org, publish=False)
    assert client.get(f"/media/{name}").status_code == 404


def test_public_address_does_not_serve_drafts_even_to_their_own_staff(org):
    _document, name = attached(org, publish=False)
    assert as_user(org.finance_editor).get(f"/media/{name}").status_code == 404


def test_staff_view_is_scoped_by_department(org):
    _document, name = attached(org, publish=False)
    assert as_user(org.tax_editor).get(f"/admin/media/{name}").status_code == 404
    own = as_user(org.finance_editor).get(f"/admin/media/{name}")
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PDF
    assert "no-store" in own["Cache-Control"] and "private" in own["Cache-Control"]
    assert as_user(org.reviewer).get(f"/admin/media/{name}").status_code == 200


def test_staff_view_needs_a_signed_in_user(client, org):
    _document, name = attached(org, publish=False)
    response = client.get(f"/admin/media/{name}")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_published_attachment_is_served_with_its_headers(client, org):
    _document, name = attached(org, publish=True)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E9%A2%84%E7%AE%97%E8%A1%A8.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")


def test_unchanged_file_answers_304(client, org):
    _document, name = attached(org, publish=True)
    modified = client.get(f"/media/{name}")["Last-Modified"]
    assert client.get(f"/media/{name}", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


def test_withdrawn_document_attachment_is_gone(client, org):
    document, name = attached(org, publish=True)
    factories.withdraw_document(document)
    assert client.get(f"/media/{name}").status_code == 410
    assert as_user(org.finance_editor).get(f"/admin/media/{name}").status_code == 200


def test_file_of_no_known_owner_is_never_served(client, org, settings, tmp_path):
    # e.g. an applicant's attachment to a disclosure request: only its back-office download.
    stored = settings.MEDIA_ROOT / "disclosure" / "2026" / "01" / "abc" / "id.pdf"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(PDF)
    assert client.get("/media/disclosure/2026/01/abc/id.pdf").status_code == 404
    assert (
        as_user(org.reviewer).get("/admin/media/disclosure/2026/01/abc/id.pdf").status_code == 404
    )
    assert client.get("/media/attachments/../disclosure/2026/01/abc/id.pdf").status_code == 404


def recording(org, *, publish: bool):
    document = factories.make_document(department=org.finance, publish=publish)
    form = InterpretationForm(
        kind=InterpretationFormKind.AUDIO,
        file=ContentFile(bytes(range(256)) * 4, name="解读.mp3"),
        caption="录音文字稿",
    )
    interpretation = factories.make_interpretation(documents=[document], forms=[form])
    return document, interpretation.forms.get().file.name


def test_interpretation_recording_follows_its_documents(client, org):
    _document, name = recording(org, publish=False)
    assert client.get(f"/media/{name}").status_code == 404
    assert as_user(org.finance_editor).get(f"/admin/media/{name}").status_code == 200


def test_public_recording_is_inline_and_seekable(client, org):
    _document, name = recording(org, publish=True)
    whole = client.get(f"/media/{name}")
    assert whole.status_code == 200
    assert whole["Content-Type"] == "audio/mpeg"
    assert whole["Content-Disposition"].startswith("inline;")
    assert whole["Accept-Ranges"] == "bytes"
    part = client.get(f"/media/{name}", HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206
    assert part["Content-Range"] == "bytes 10-19/1024"
    assert b"".join(part.streaming_content) == bytes(range(10, 20))
    assert client.get(f"/media/{name}", HTTP_RANGE="bytes=5000-").status_code == 416


def test_recording_of_withdrawn_documents_is_gone(client, org):
    document, name = recording(org, publish=True)
    factories.withdraw_document(document)
    assert client.get(f"/media/{name}").status_code == 410


def test_x_accel_redirect_hands_the_file_to_nginx(client, org, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    _document, name = attached(org, publish=True)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/attachments/" + name.split("/", 1)[
        1
    ].replace("预算表", "%E9%A2%84%E7%AE%97%E8%A1%A8")
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert client.get(f"/media/{attached(org, publish=False)[1]}").status_code == 404


def wagtail_document():
    return get_document_model().objects.create(
        title="附表", file=ContentFile(PDF, name="schedule.pdf")
    )


def test_wagtail_document_linked_only_from_a_draft_is_hidden(client, org):
    doc = wagtail_document()
    factories.make_document(
        department=org.finance,
        publish=False,
        body=f'<p><a linktype="document" id="{doc.pk}">附表</a></p>',
    )
    assert client.get(doc.url).status_code == 404
    assert client.get(f"/media/{doc.file.name}").status_code == 404
    assert as_user(org.reviewer).get(doc.url).status_code == 200


def test_wagtail_document_linked_from_a_public_document_is_served(client, org):
    doc = wagtail_document()
    factories.make_document(
        department=org.finance,
        body=f'<p><a linktype="document" id="{doc.pk}">附表</a></p>',
    )
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_back_office_form_links_files_to_the_staff_view(org):
    document, name = attached(org, publish=False)
    page = as_user(org.finance_editor).get(
        f"/admin/snippets/documents/document/edit/{document.pk}/"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/admin/media/{name}"'.replace("预算表", "%E9%A2%84%E7%AE%97%E8%A1%A8") in html
    assert f'href="/media/{name}"' not in html


def test_preview_links_files_to_the_staff_view(org, rf):
    document, name = attached(org, publish=False)
    request = rf.get("/")
    request.user = org.finance_editor
    preview = render_to_string(
        document.get_preview_template(request, "default"),
        document.get_preview_context(request, "default"),
        request=request,
    )
    assert "/admin/media/attachments/" in preview
    assert 'href="/media/attachments/' not in preview
