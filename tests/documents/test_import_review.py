"""The import form's review (issue 8): unsure fields shown with their source, corrections
kept beside the extracted values, `gongkai extract --stats` over them, and an extracted
有效性 set on the imported document."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.core.roles import Role
from gongkai.documents.import_review import field_checks
from gongkai.documents.models import Document, ImportedField, Validity
from gongkai.documents.services import import_review_record
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parent / "real_corpus" / "docs"


@pytest.fixture
def editor(client):
    office = factories.department("岳阳市人民政府办公室", code="yyb")
    factories.department("中共岳阳市委办公室", code="swb")
    factories.department("武汉市自然资源和规划局", code="wzr")
    factories.document_kind("通知")
    user = factories.staff_user(Role.EDITOR, office)
    client.force_login(user)
    return user


def _confirm(client, name: str, **changes):
    page = client.post(
        reverse("documents_import"), {"file": SimpleUploadedFile(name, (PAGES / name).read_bytes())}
    )
    assert page.status_code == 200
    data = querydict_from_html(page.content.decode(), form_id="import-confirm-form")
    for key, value in changes.items():
        data[key] = value
    response = client.post(reverse("documents_import_confirm"), data)
    assert response.status_code == 302
    return page.content.decode()


def test_the_confirmation_page_marks_unsure_fields_with_their_source(client, editor):
    page = client.post(
        reverse("documents_import"),
        {"file": SimpleUploadedFile("r03.txt", (PAGES / "r03.txt").read_bytes())},
    ).content.decode()
    assert 'id="unsure-summary"' in page
    assert 'data-unsure="unsure"' in page
    assert "取自“日期”" in page


def test_corrections_are_kept_beside_the_extracted_values(client, editor):
    _confirm(client, "r03.txt", title="更正后的标题")
    fields = {f.name: f for f in ImportedField.objects.all()}
    assert set(fields) == {
        "title", "doc_number", "issuers", "recipients", "written_on", "published_on",
    }  # fmt: skip
    assert fields["title"].corrected and fields["title"].final == "更正后的标题"
    assert fields["title"].extracted.startswith("中共岳阳市委办公室")
    assert not fields["written_on"].corrected
    assert fields["written_on"].extracted == "2017-01-10"
    assert fields["issuers"].extracted == "中共岳阳市委办公室、岳阳市人民政府办公室"
    assert fields["published_on"].confidence == "unsure"


def test_extract_stats_reports_accuracy_on_real_imports(client, editor):
    _confirm(client, "r03.txt", title="更正后的标题")
    _confirm(client, "r19.txt")
    out = StringIO()
    call_command("extract", "--stats", stdout=out)
    rows = {line.split()[0]: line.split() for line in out.getvalue().splitlines()[1:]}
    assert rows["title"][1:4] == ["1", "2", "50.0%"]
    assert rows["doc_number"][1:4] == ["2", "2", "100.0%"]


def test_extract_stats_without_records(db):
    out = StringIO()
    call_command("extract", "--stats", stdout=out)
    assert "尚无" in out.getvalue()


def test_a_review_needs_the_import_record(db):
    from gongkai.documents.extraction import extract_metadata

    checks = field_checks(extract_metadata("关于某事的通知\n正文。"))
    with pytest.raises(ValidationError):
        import_review_record(document_id=0, checks=checks, final={})


def test_a_validity_mark_on_the_page_sets_the_documents_validity(client, editor):
    page = _confirm(client, "r19.txt")
    assert 'id="found-validity"' in page and "效力状态" in page
    assert Document.objects.get(doc_number="武自然资规〔2022〕35号").validity == Validity.IN_FORCE


def test_a_repealed_mark_sets_repealed(client, editor, tmp_path):
    text = "【已废止】岳政发〔2010〕3号 岳阳市人民政府办公室关于某事的通知\n各部门：\n正文。\n岳阳市人民政府办公室\n2010年3月1日"
    page = client.post(
        reverse("documents_import"), {"file": SimpleUploadedFile("x.txt", text.encode())}
    )
    data = querydict_from_html(page.content.decode(), form_id="import-confirm-form")
    assert data["doc_number"] == "岳政发〔2010〕3号"
    client.post(reverse("documents_import_confirm"), data)
    assert Document.objects.get(doc_number="岳政发〔2010〕3号").validity == Validity.REPEALED
