"""Importing documents into the library (issue 3 §1, §5, §6): the seed, the extraction
corpus, duplicates on a re-run, zip archives, bad files, and direct publication."""

from __future__ import annotations

import gc
import importlib.util
import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail.models import Revision

from gongkai.core.audit import verify_chain
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.importing import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    Importer,
    ImportOutcome,
    ImportSummary,
    documents_import,
    prepare_upload,
)
from gongkai.documents.management.commands.import_documents import format_summary
from gongkai.documents.models import Citation, Disclosure, Document, ImportRecord
from tests import factories
from tests.documents.every_outcome import import_every_outcome

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
SEED_NUMBER = "筑高新办函〔2019〕23号"
FRAME_TEXT = ("当前位置", "浏览量", "服务热线", "微信二维码", "政策匹配", "每日一听")


def _load_corpus():
    path = Path(__file__).resolve().parent / "corpus" / "loader.py"
    spec = importlib.util.spec_from_file_location("extraction_corpus_loader", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def office():
    """The seed's issuer, known under the name the document writes (an alias)."""
    return factories.department(
        "党政办公室", code="dzb", short_name="党政办", aliases=["贵阳国家高新区党政办公室"]
    )


@pytest.fixture
def fallback():
    return factories.department("综合科", code="zhk")


@pytest.fixture
def seed_folder(tmp_path):
    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


def _import(paths, **options):
    options.setdefault("workers", 0)
    return import_every_outcome(paths=paths, **options)


def test_the_seed_becomes_a_draft_with_its_metadata(office, fallback, seed_folder):
    factories.document_kind("通知")
    summary = _import([seed_folder], department=fallback)
    assert [o.status for o in summary.outcomes] == [IMPORTED]
    document = Document.objects.get()
    assert not document.live and document.has_unpublished_changes
    assert document.title == (
        "贵阳国家高新区党政办公室印发贵阳国家高新区2019年政务公开工作实施方案的通知"
    )
    assert document.doc_number == SEED_NUMBER
    assert document.doc_number_key == "筑高新办函[2019]23号"
    assert document.department == office
    assert list(document.issuers.all()) == [office]
    assert document.recipients == "区属各部门、垂直管理部门、园区办、直属企事业单位"
    assert document.written_on == date(2019, 7, 10)
    assert document.published_on == date(2019, 7, 17)
    assert document.region == "贵州省贵阳市高新区"
    assert document.keyword_list == ["其他"]
    assert document.disclosure == Disclosure.PROACTIVE
    assert document.doc_type.name == "通知"
    assert document.source == "中国贵阳"
    assert document.index_number == "dzb/2019-00001"
    assert document.body.startswith(f"<p>{SEED_NUMBER}</p><p>区属各部门")
    assert not any(text in document.body for text in FRAME_TEXT)


def test_the_seed_keeps_three_unresolved_citations_and_its_original(office, seed_folder):
    _import([seed_folder])
    document = Document.objects.get()
    citations = list(document.citations.all())
    assert [(c.doc_number, c.target_id) for c in citations] == [
        ("黔府办函〔2019〕68号", None),
        ("筑府办函〔2019〕66号", None),
        ("筑府办函〔2019〕62号", None),
    ]
    assert citations[0].title == "省人民政府办公厅关于印发贵州省2019年政务公开工作要点的通知"
    [original] = document.attachments.all()
    assert original.title == "原文"
    assert original.kind == "zip"
    with zipfile.ZipFile(original.file.open("rb")) as archive:
        assert archive.read(SEED.name) == SEED.read_bytes()
    record = ImportRecord.objects.get(document=document)
    assert record.file_format == "text" and record.encoding == "utf-8"
    assert len(record.sha256) == 64


def test_an_imported_draft_is_a_proper_snippet_with_a_revision(office, seed_folder):
    user = factories.staff_user(Role.EDITOR, office)
    _import([seed_folder], user=user)
    document = Document.objects.get()
    revision = document.latest_revision
    assert revision is not None and revision.user == user
    assert Revision.objects.for_instance(document).count() == 1
    as_saved = revision.as_object()
    assert as_saved.title == document.title
    assert [a.title for a in as_saved.attachments.all()] == ["原文"]
    assert list(as_saved.issuers.all()) == [office]
    event = AuditEvent.objects.get(action="document.import")
    assert event.object_id == str(document.pk) and event.actor == user
    assert verify_chain() is None


def test_the_seed_plan_becomes_tasks_when_the_execution_app_offers_it(office, seed_folder):
    services = pytest.importorskip("gongkai.execution.services")
    if not hasattr(services, "plan_create_from_document"):
        pytest.skip("the execution app has no plan_create_from_document")
    from gongkai.execution.models import Plan

    _import([seed_folder])
    plan = Plan.objects.get(document=Document.objects.get())
    assert plan.tasks.count() == 13


def test_a_rerun_skips_what_is_already_imported(office, seed_folder):
    first = _import([seed_folder])
    second = _import([seed_folder])
    assert [o.status for o in first.outcomes] == [IMPORTED]
    [again] = second.outcomes
    assert again.status == DUPLICATE
    assert again.duplicate_of == first.outcomes[0].document_id
    assert "已导入" in again.message_zh and "imported before" in again.message_en
    assert Document.objects.count() == 1


def test_the_same_document_in_another_file_is_a_duplicate_by_number(office, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.html").write_bytes(
        f"<html><body><p>{text.replace(chr(10), '</p><p>')}</p></body></html>".encode("gb18030")
    )
    summary = _import([tmp_path])
    assert [o.status for o in summary.outcomes] == [IMPORTED, DUPLICATE]
    assert summary.outcomes[1].duplicate_of == summary.outcomes[0].document_id
    assert SEED_NUMBER in summary.outcomes[1].message_zh


def test_a_document_without_number_is_a_duplicate_by_title_and_date(fallback, tmp_path):
    existing = factories.draft_document(
        dept=fallback, title="关于开展安全检查的通知", written_on=date(2024, 3, 1)
    )
    notice = "关于开展安全检查的通知\n\n各单位：\n\n请开展检查。\n\n综合科\n\n2024年3月1日\n"
    (tmp_path / "n.txt").write_text(notice, encoding="utf-8")
    (tmp_path / "later.txt").write_text(notice.replace("3月1日", "4月1日"), encoding="utf-8")
    summary = _import([tmp_path], department=fallback)
    statuses = {Path(o.name).name: o for o in summary.outcomes}
    assert statuses["later.txt"].status == IMPORTED
    assert statuses["n.txt"].status == DUPLICATE
    assert statuses["n.txt"].duplicate_of == existing.pk


def test_a_title_and_date_repeated_in_an_import_is_a_duplicate_in_any_batch(fallback, tmp_path):
    notice = "关于开展安全检查的通知\n\n各单位：\n\n请开展检查。\n\n综合科\n\n2024年3月1日\n"
    for number, name in enumerate(("a.txt", "b.txt", "c.txt")):
        (tmp_path / name).write_text(notice + "\n" * number, encoding="utf-8")
    summary = _import([tmp_path], department=fallback, batch_size=2)
    first, same_batch, next_batch = summary.outcomes
    assert first.status == IMPORTED
    assert (same_batch.status, same_batch.duplicate_of) == (DUPLICATE, first.document_id)
    assert "already in this import" in same_batch.message_en
    assert (next_batch.status, next_batch.duplicate_of) == (DUPLICATE, first.document_id)
    assert "library already holds" in next_batch.message_en


def test_the_run_duplicate_tables_hold_one_batch(fallback):
    """Earlier batches are found in the database: the tables do not grow with the import."""
    importer = Importer(department=fallback)
    notice = "关于开展安全检查的通知\n\n各单位：\n\n请开展检查。\n\n综合科\n\n2024年3月1日\n"
    [outcome] = importer.import_batch([prepare_upload(notice.encode(), "a.txt")])
    assert outcome.status == IMPORTED
    assert (importer.known_files, importer.run_keys, importer.run_titles) == ({}, {}, {})


def test_the_summary_counts_plain_imports_and_keeps_what_must_be_read():
    summary = ImportSummary()
    noted = ImportOutcome("noted.txt", IMPORTED, document_id=4, warnings=["注意 Note"])
    duplicate = ImportOutcome(
        "again.txt", DUPLICATE, duplicate_of=1, message_zh="重", message_en="d"
    )
    failed = ImportOutcome("bad.txt", FAILED, code="empty", message_zh="空", message_en="empty")
    for number in range(3):
        summary.add(
            ImportOutcome(f"{number}.txt", IMPORTED, document_id=number, unknown_issuers=["某局"])
        )
    for outcome in (noted, duplicate, failed):
        summary.add(outcome)
    assert summary.outcomes == [noted, duplicate, failed]
    assert summary.unknown_issuers() == {"某局": 3}
    assert format_summary(summary).splitlines() == [
        "导入 Imported: 4   重复 Duplicates: 1   失败 Failed: 1",
        "重复（已跳过）Duplicates (skipped):",
        "  again.txt → #1: 重 / d",
        "失败 Failed:",
        "  bad.txt: 空 / empty",
        "未匹配部门的发文机关（可在部门管理中添加为别名或新部门）"
        "Issuers matching no department (add them as aliases or departments):",
        "  某局 ×3",
        "提示 Notes:",
        "  noted.txt: 注意 Note",
    ]


def test_the_corpus_folder_imports_with_its_metadata(tmp_path, fallback):
    corpus = _load_corpus()
    documents = corpus.corpus_documents()
    for item in documents:
        (tmp_path / item.name).write_bytes(item.data)
    finance = factories.department("财政局", code="czj", aliases=["贵阳市财政局"])
    summary = _import([tmp_path], department=fallback)
    assert len(summary.imported) == len(documents), [(o.name, o.reason) for o in summary.outcomes]
    by_name = {Path(o.name).name: o for o in summary.outcomes}
    for item in documents:
        document = Document.objects.get(pk=by_name[item.name].document_id)
        assert document.title == item.expected["title"], item.name
        assert document.doc_number == (item.expected["doc_number"] or ""), item.name
        assert document.attachments.get().title == "原文"
    joint = by_name["10_joint_issue.txt"]
    assert Document.objects.get(pk=joint.document_id).department == finance
    assert joint.unknown_issuers == ["贵阳市教育局", "贵阳市人力资源和社会保障局"]


def test_a_zip_archive_of_documents(office, fallback, tmp_path):
    corpus = _load_corpus()
    buffer = io.BytesIO()
    picked = [d for d in corpus.corpus_documents() if d.name.startswith(("04", "18", "22"))]
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inbox/seed.txt", SEED.read_bytes())
        for item in picked:
            archive.writestr(f"inbox/{item.name}", item.data)
        archive.writestr("../escape.txt", SEED.read_bytes())
    path = tmp_path / "batch.zip"
    path.write_bytes(buffer.getvalue())
    summary = _import([path], department=fallback)
    assert len(summary.imported) == 4
    [escape] = summary.failed
    assert escape.code == "unsafe_path"
    pdf = Document.objects.get(
        title=next(d for d in picked if d.name.endswith(".pdf")).expected["title"]
    )
    assert pdf.attachments.get().kind == "pdf"


def _bad_files(folder: Path) -> dict[str, str]:
    """Every bad input the extraction tests know (empty, binary, encrypted and image-only
    PDF, broken .docx, undetectable encodings …), plus a 100 MB file; name -> code."""
    from tests.documents.test_extraction_corpus import BAD_INPUT

    expected = {}
    for number, (case, (data, filename, code)) in enumerate(BAD_INPUT.items()):
        if case == "zip archive":  # the importer unpacks archives: see test_a_zip_archive…
            continue
        name = f"{number:02d}_{filename}"
        (folder / name).write_bytes(data() if callable(data) else data)
        expected[name] = code
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    return expected | {"huge.txt": "too_large"}


def test_bad_files_are_in_the_summary_and_never_stop_the_run(office, tmp_path):
    expected = _bad_files(tmp_path)
    (tmp_path / "zz_seed.txt").write_bytes(SEED.read_bytes())
    summary = _import([tmp_path])
    failed = {Path(o.name).name: o for o in summary.failed}
    assert {name: o.code for name, o in failed.items()} == expected
    assert {"encrypted_pdf", "image_only_pdf", "broken_docx", "empty"} <= set(expected.values())
    for outcome in failed.values():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in outcome.message_zh), outcome.code
        assert outcome.message_en[:1].isupper()
    assert [Path(o.name).name for o in summary.imported] == ["zz_seed.txt"]


def test_an_unknown_issuer_falls_back_to_the_default_department(fallback, seed_folder):
    summary = _import([seed_folder], department=fallback)
    [outcome] = summary.imported
    assert outcome.unknown_issuers == ["贵阳国家高新区党政办公室"]
    assert summary.unknown_issuers() == {"贵阳国家高新区党政办公室": 1}
    document = Document.objects.get()
    assert document.department == fallback
    assert list(document.issuers.all()) == [fallback]
    assert ImportRecord.objects.get().unknown_issuers == ["贵阳国家高新区党政办公室"]


def test_without_a_known_issuer_or_default_the_file_fails(seed_folder):
    [outcome] = _import([seed_folder]).outcomes
    assert outcome.status == FAILED and outcome.code == "no_department"
    assert "贵阳国家高新区党政办公室" in outcome.message_zh


def test_a_failing_document_fails_alone(office, tmp_path, monkeypatch):
    from gongkai.documents import importing

    for number in range(1, 4):
        text = SEED.read_text(encoding="utf-8").replace("23号", f"{number}号")
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
    real = importing._save_original

    def broken_for_the_second(document, prepared):
        if prepared.name.endswith("2.txt"):
            raise OSError("disk full")
        return real(document, prepared)

    monkeypatch.setattr(importing, "_save_original", broken_for_the_second)
    summary = _import([tmp_path])
    assert [(Path(o.name).name, o.status) for o in summary.outcomes] == [
        ("1.txt", IMPORTED),
        ("2.txt", FAILED),
        ("3.txt", IMPORTED),
    ]
    assert "disk full" in summary.failed[0].message_en
    assert Document.objects.count() == 2
    stored = Path(settings.MEDIA_ROOT, "attachments", "originals")
    assert sorted(p.name.split("-", 1)[1] for p in stored.rglob("*.zip")) == ["1.zip", "3.zip"]


def test_publishing_directly_needs_an_administrator(office, seed_folder):
    editor = factories.staff_user(Role.EDITOR, office)
    with pytest.raises(PermissionDenied):
        _import([seed_folder], user=editor, publish=True)
    with pytest.raises(PermissionDenied):
        _import([seed_folder], publish=True)
    assert not Document.objects.exists()


def test_publishing_directly_makes_the_documents_public_and_searchable(office, seed_folder):
    from gongkai.search import get_backend
    from gongkai.search.types import SearchQuery

    admin = factories.staff_user(Role.ADMIN, office)
    summary = _import([seed_folder], user=admin, publish=True)
    document = Document.objects.get(pk=summary.imported[0].document_id)
    assert document.is_public
    assert document.live_revision_id == document.latest_revision_id is not None
    assert document.first_published_at is not None
    results = get_backend().search(SearchQuery(text="政务公开工作实施方案"))
    assert [hit.id for hit in results.hits] == [document.pk]


def test_publishing_directly_shows_at_once_on_the_cached_pages(office, seed_folder, client):
    """An import with --publish drops the cached pages it changes (issue 7 §1), as publishing
    one document does: the library list, the search form's years and the page of the public
    document it cites (which lists it under 被引用)."""
    cited = factories.make_document(
        department=office, doc_number="筑府办函〔2019〕66号", published_on=date(2018, 5, 6)
    )
    factories.make_document(department=office, published_on=date(2024, 3, 1))
    cited_page = cited.get_absolute_url()
    for url in ("/documents/", "/search/", cited_page):
        assert "政务公开工作实施方案" not in client.get(url).content.decode(), url
    assert years_offered(client) == ["2024", "2018"]

    admin = factories.staff_user(Role.ADMIN, office)
    summary = _import([seed_folder], user=admin, publish=True)
    imported = Document.objects.get(pk=summary.imported[0].document_id)

    assert imported.title in client.get("/documents/").content.decode()
    assert imported.title in client.get(cited_page).content.decode()
    assert imported.published_on.year not in {2018, 2024}
    assert str(imported.published_on.year) in years_offered(client)


def years_offered(client) -> list[str]:
    page = BeautifulSoup(client.get("/search/").content, "html.parser")
    return [o.get_text(strip=True) for o in page.select("select[name=year] option") if o["value"]]


def test_the_process_pool_gives_the_same_result(office, tmp_path):
    for number in range(1, 6):
        text = SEED.read_text(encoding="utf-8").replace("23号", f"{number}号")
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    summary = import_every_outcome(paths=[tmp_path], workers=2, batch_size=2)
    assert [o.status for o in summary.outcomes] == [IMPORTED] * 5 + [FAILED]
    assert Document.objects.count() == 5
    assert Citation.objects.count() == 15


def test_the_garbage_collector_is_left_as_it_was_even_when_the_import_stops(
    office, fallback, seed_folder
):
    """The import keeps the objects alive before it out of the collector's full passes
    (gc.freeze); it gives them back when it ends, however it ends."""

    class Stop(Exception):
        pass

    def stop(_outcome):
        raise Stop

    with pytest.raises(Stop):
        documents_import(paths=[seed_folder], department=fallback, progress=stop, workers=0)
    assert gc.get_freeze_count() == 0
    _import([seed_folder], department=fallback)
    assert gc.get_freeze_count() == 0
