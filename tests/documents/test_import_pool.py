"""Bulk import with extraction processes (issue 13 §9): refused files keep their reason
under every worker count, and a file that crashes a worker fails alone. Every test has a
timeout, so a hang fails it instead of stopping the suite."""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from functools import partial
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.documents import import_files, importing
from gongkai.documents.extraction import ExtractionError
from gongkai.documents.importing import FAILED, IMPORTED
from gongkai.documents.models import Document
from tests import factories
from tests.documents.every_outcome import import_every_outcome

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
WORKER_COUNTS = [1, 2, 4]


@pytest.fixture
def office(db):
    return factories.department(
        "党政办公室", code="dzb", short_name="党政办", aliases=["贵阳国家高新区党政办公室"]
    )


def _seed_text(number: int) -> str:
    return SEED.read_text(encoding="utf-8").replace("23号", f"{number}号")


def _zip(path: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _hostile_folder(folder: Path) -> dict[str, str]:
    """A zip bomb (one member inflating to 60 MB), an archive with more to inflate than
    its budget (with _small_archive_budget), a zip-slip archive, an oversized file and
    good documents; file name -> the code each must end with under a small budget."""
    _zip(folder / "a_bomb.zip", {"bomb.txt": b"0" * (60 * 1024 * 1024)})
    _zip(
        folder / "b_budget.zip",
        {
            "first.txt": _seed_text(1).encode(),
            "zeros.txt": b"0" * (2 * 1024 * 1024),
            "last.txt": _seed_text(2).encode(),
        },
    )
    _zip(folder / "c_slip.zip", {"../../etc/evil.txt": _seed_text(3).encode()})
    with open(folder / "d_huge.txt", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    (folder / "e_good.txt").write_text(_seed_text(4), encoding="utf-8")
    return {
        "a_bomb.zip": "archive_too_large",
        "b_budget.zip/first.txt": IMPORTED,
        "b_budget.zip": "archive_too_large",
        "c_slip.zip/../../etc/evil.txt": "unsafe_path",
        "d_huge.txt": "too_large",
        "e_good.txt": IMPORTED,
    }


def _small_archive_budget(monkeypatch) -> None:
    monkeypatch.setattr(
        importing, "iter_sources", partial(import_files.iter_sources, archive_budget=1024 * 1024)
    )


def _by_name(summary, folder: Path) -> dict:
    return {str(Path(o.name).relative_to(folder)): o for o in summary.outcomes}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("workers", WORKER_COUNTS)
def test_hostile_files_are_refused_with_their_reason_under_every_worker_count(
    office, tmp_path, monkeypatch, workers
):
    expected = _hostile_folder(tmp_path)
    _small_archive_budget(monkeypatch)
    summary = import_every_outcome(paths=[tmp_path], workers=workers, batch_size=2)
    outcomes = _by_name(summary, tmp_path)
    assert {name: o.code or o.status for name, o in outcomes.items()} == expected
    assert "可能是压缩炸弹" in outcomes["a_bomb.zip"].message_zh
    assert "may be a zip bomb" in outcomes["b_budget.zip"].message_en
    assert "路径不安全" in outcomes["c_slip.zip/../../etc/evil.txt"].message_zh
    assert "超过上限 50.0 MB" in outcomes["d_huge.txt"].message_zh
    assert Document.objects.count() == 2
    assert not (tmp_path.parent / "etc").exists()


@pytest.mark.timeout(120)
@pytest.mark.parametrize("workers", WORKER_COUNTS)
def test_gongkai_import_reports_hostile_files_and_finishes(office, tmp_path, workers):
    _hostile_folder(tmp_path)
    out = io.StringIO()
    call_command(
        "import_documents",
        str(tmp_path),
        "--workers",
        str(workers),
        stdout=out,
        stderr=io.StringIO(),
    )
    output = out.getvalue()
    # The budget is the real one here (1 GB): the bomb's member is refused by the file
    # limit on what it inflates to.
    assert "压缩包中的文件解压后超过 50.0 MB，已拒绝。" in output
    assert "压缩包中的文件路径不安全" in output
    assert "文件大小 100.0 MB，超过上限 50.0 MB，已拒绝。" in output
    assert Document.objects.filter(doc_number__in=["筑高新办函〔2019〕1号"]).exists()


def _crash_on(marker: str):
    real = import_files.extract

    def extract(data, filename, **options):
        if marker in filename:
            os._exit(3)  # what the kernel's OOM killer or a crashing parser does to a worker
        return real(data, filename, **options)

    return extract


@pytest.mark.timeout(120)
@pytest.mark.parametrize("workers", [2, 4])
def test_a_file_that_kills_its_worker_fails_alone(office, tmp_path, monkeypatch, workers):
    for number in range(1, 21):
        name = "07_crash.txt" if number == 7 else f"{number:02d}.txt"
        (tmp_path / name).write_text(_seed_text(number), encoding="utf-8")
    monkeypatch.setattr(import_files, "extract", _crash_on("crash"))
    summary = import_every_outcome(paths=[tmp_path], workers=workers, batch_size=5)
    statuses = {Path(o.name).name: (o.status, o.code) for o in summary.outcomes}
    assert statuses.pop("07_crash.txt") == (FAILED, "worker_crashed")
    assert set(statuses.values()) == {(IMPORTED, "")}
    assert len(statuses) == 19
    assert Document.objects.count() == 19
    [crashed] = summary.failed
    assert "意外退出" in crashed.message_zh and "stopped unexpectedly" in crashed.message_en


@pytest.mark.timeout(120)
@pytest.mark.parametrize("workers", WORKER_COUNTS)
def test_an_unexpected_extraction_error_fails_only_its_file(office, tmp_path, monkeypatch, workers):
    real = import_files.extract

    def extract(data, filename, **options):
        if "bug" in filename:
            raise IndexError("list index out of range")
        return real(data, filename, **options)

    monkeypatch.setattr(import_files, "extract", extract)
    (tmp_path / "1.txt").write_text(_seed_text(1), encoding="utf-8")
    (tmp_path / "2_bug.txt").write_text(_seed_text(2), encoding="utf-8")
    (tmp_path / "3.txt").write_text(_seed_text(3), encoding="utf-8")
    summary = import_every_outcome(paths=[tmp_path], workers=workers)
    assert [(Path(o.name).name, o.status) for o in summary.outcomes] == [
        ("1.txt", IMPORTED),
        ("2_bug.txt", FAILED),
        ("3.txt", IMPORTED),
    ]
    assert summary.failed[0].code == "extraction_failed"
    assert "IndexError" in summary.failed[0].message_en


def test_an_extraction_error_survives_pickling():
    error = ExtractionError("too_large", "文件过大。", "The file is too large.")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    assert (copy.code, copy.message_zh, copy.message_en) == (
        "too_large",
        "文件过大。",
        "The file is too large.",
    )
    assert str(copy) == str(error)
