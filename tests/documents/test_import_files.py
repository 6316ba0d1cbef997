"""Files to import, read safely (gongkai.documents.import_files: pure, no database)."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.documents.import_files import (
    body_html,
    count_sources,
    guess_kind_name,
    is_archive,
    iter_sources,
    original_file,
    prepare,
    safe_filename,
    sha256_of,
)

NOTICE = "关于做好政务公开工作的通知\n\n各部门：\n\n现就有关事项通知如下。\n".encode()


def _zip(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _names_and_codes(sources) -> list[tuple[str, str | None]]:
    return [(s.name.rsplit("/", 1)[-1], s.error.code if s.error else None) for s in sources]


def test_folders_are_walked_recursively_in_order_and_hidden_files_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_bytes(NOTICE)
    (tmp_path / "1.txt").write_bytes(NOTICE + b"x")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_bytes(b"x")
    sources = list(iter_sources([tmp_path]))
    assert [s.name for s in sources] == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]
    assert sources[1].sha256 == sha256_of(NOTICE)
    assert count_sources([tmp_path]) == 2


def test_folders_are_walked_lazily(tmp_path):
    """No list of the whole tree is made up front (it grew with the import's size): a file
    written into a folder not yet reached is still found."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.txt").write_bytes(NOTICE)
    (tmp_path / "b").mkdir()
    sources = iter_sources([tmp_path])
    assert next(sources).name == str(tmp_path / "a" / "1.txt")
    (tmp_path / "b" / "2.txt").write_bytes(NOTICE + b"x")
    assert [s.name for s in sources] == [str(tmp_path / "b" / "2.txt")]


def test_a_missing_path_is_reported_not_raised(tmp_path):
    [source] = iter_sources([tmp_path / "nothing.txt"])
    assert source.error.code == "not_found"


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    [source] = iter_sources([path], max_bytes=1000)
    assert source.data is None
    assert source.error.code == "too_large"
    assert "MB" in source.error.message_zh and "MB" in source.error.message_en


def test_archive_members_are_read_in_memory_with_their_names(tmp_path):
    path = tmp_path / "batch.zip"
    path.write_bytes(_zip({"a/1.txt": NOTICE, "2.html": b"<html><body>x</body></html>"}))
    sources = list(iter_sources([path]))
    assert [s.name for s in sources] == [f"{path}/a/1.txt", f"{path}/2.html"]
    assert sources[0].data == NOTICE
    assert count_sources([path]) == 2


def test_members_with_unsafe_paths_are_refused(tmp_path):
    path = tmp_path / "evil.zip"
    path.write_bytes(_zip({"../../etc/passwd.txt": NOTICE, "/abs.txt": NOTICE, "ok.txt": NOTICE}))
    assert _names_and_codes(iter_sources([path])) == [
        ("passwd.txt", "unsafe_path"),
        ("abs.txt", "unsafe_path"),
        ("ok.txt", None),
    ]


def test_a_zip_bomb_stops_at_the_archive_budget(tmp_path):
    path = tmp_path / "bomb.zip"
    zeros = b"0" * (4 * 1024 * 1024)  # compresses to a few kB
    path.write_bytes(_zip({f"{i}.txt": zeros for i in range(10)}))
    assert path.stat().st_size < 200_000
    sources = list(iter_sources([path], archive_budget=10 * 1024 * 1024))
    assert [s.error is None for s in sources[:2]] == [True, True]
    last = sources[-1]
    assert last.error.code == "archive_too_large"
    assert "8" in last.error.message_en  # the members left unread
    assert len(sources) == 3


def test_a_member_inflating_beyond_the_file_limit_is_refused(tmp_path):
    path = tmp_path / "big.zip"
    path.write_bytes(_zip({"big.txt": b"0" * 50_000, "small.txt": NOTICE}))
    assert _names_and_codes(iter_sources([path], max_bytes=10_000)) == [
        ("big.txt", "too_large"),
        ("small.txt", None),
    ]


def test_archives_nest_one_level_only(tmp_path):
    inner = _zip({"deep.txt": NOTICE})
    middle = _zip({"inner.zip": inner, "mid.txt": NOTICE})
    path = tmp_path / "outer.zip"
    path.write_bytes(_zip({"middle.zip": middle}))
    assert _names_and_codes(iter_sources([path])) == [
        ("inner.zip", "nested_archive"),
        ("mid.txt", None),
    ]


def test_a_damaged_archive_is_reported(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(_zip({"a.txt": NOTICE})[:40])
    [source] = iter_sources([path])
    assert source.error.code == "broken_zip"


class _LegacyNameInfo(zipfile.ZipInfo):
    """A member name stored in the archive as raw bytes without the UTF-8 flag, as
    Windows zip tools of the GBK era write it."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's name)
        return self.filename.encode("cp437"), self.flag_bits


def test_gbk_member_names_from_chinese_windows_are_decoded(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_LegacyNameInfo("通知.txt".encode("gbk").decode("cp437")), NOTICE)
    path = tmp_path / "gbk.zip"
    path.write_bytes(buffer.getvalue())
    [source] = iter_sources([path])
    assert source.name == f"{path}/通知.txt"
    assert source.data == NOTICE


def test_word_files_are_documents_not_archives():
    docx = _zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"})
    assert not is_archive(docx, "notice.docx")
    assert not is_archive(docx, "notice.zip")
    assert is_archive(_zip({"a.txt": NOTICE}), "batch.zip")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于印发2019年政务公开工作实施方案的通知", "通知"),
        ("关于同意设立某某中心的批复", "批复"),
        ("关于某某事项的复函", "函"),
        ("关于商请支持某某工作的函", "函"),
        ("关于加快发展数字经济的实施意见", "意见"),
        ("某某区优化营商环境实施方案", "方案"),
        ("某某市政府信息公开办法（试行）", "办法"),
        ("行政处罚决定书", "决定"),
        ("关于某某规定（征求意见稿）", "规定"),
        ("某某区2023年政府信息公开工作年度报告", "报告"),
        ("关于2024年第一季度安全检查情况的通报", "通报"),
        ("政务公开工作要点", "要点"),
        ("会议材料汇编", None),
        (None, None),
    ],
)
def test_the_kind_of_document_is_guessed_from_the_title_ending(title, kind):
    assert guess_kind_name(title) == kind


def test_body_html_escapes_each_line_into_a_paragraph():
    assert body_html("第一段 <b>&\n\n  第二段  \n") == "<p>第一段 &lt;b&gt;&amp;</p><p>第二段</p>"


def test_prepare_extracts_or_carries_the_reason(tmp_path):
    path = tmp_path / "n.txt"
    path.write_bytes(NOTICE)
    [source] = iter_sources([path])
    prepared = prepare(source)
    assert prepared.ok
    assert prepared.kind_name == "通知"
    assert prepared.body_html.startswith("<p>各部门")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    failed = prepare(next(iter_sources([empty])))
    assert not failed.ok and failed.error_code == "empty"
    assert failed.message_zh and failed.message_en


def test_originals_a_browser_would_render_are_kept_zipped():
    name, data, kind = original_file("in/报告 2019.html", b"<html></html>", "html")
    assert (name, kind) == ("报告_2019.zip", "zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["报告_2019.html"]
        assert archive.read("报告_2019.html") == b"<html></html>"
    assert original_file("a/scan", b"%PDF-", "pdf") == ("scan.pdf", b"%PDF-", "pdf")


def test_safe_filenames():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\temp\\通知<1>.txt") == "通知1.txt"
    assert safe_filename("...") == "original"
