"""Extraction over the corpus of test documents (every field of `gongkai extract --json`),
and refusal of bad input with a reason in Chinese and English (issue 3 §6)."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.documents.extraction import (
    JSON_KEYS,
    ExtractionError,
    extract,
    extract_metadata,
    extract_tasks,
    read_document,
    read_path,
    split_frame,
    to_json_dict,
)


def _load_corpus():
    path = Path(__file__).resolve().parent / "corpus" / "loader.py"
    spec = importlib.util.spec_from_file_location("extraction_corpus_loader", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()
DOCUMENTS = corpus.corpus_documents()


def test_corpus_is_large_and_varied():
    assert len(DOCUMENTS) >= 25
    suffixes = {Path(document.name).suffix for document in DOCUMENTS}
    assert suffixes == {".txt", ".html", ".docx", ".pdf", ".ofd"}


@pytest.fixture(scope="module")
def extracted():
    return {document.name: extract(document.data, document.name) for document in DOCUMENTS}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda document: document.name)
def test_document_fields(document, extracted):
    actual = to_json_dict(extracted[document.name])
    wrong = {
        field: (document.expected[field], actual[field])
        for field in JSON_KEYS
        if not corpus.field_correct(field, document.expected[field], actual[field])
    }
    assert wrong == {}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda document: document.name)
def test_document_body(document, extracted):
    body = extracted[document.name].metadata.body
    assert body
    for frame_text in document.expected.get("not_in_body", []):
        assert frame_text not in body
    for kept in document.expected.get("in_body", []):
        assert kept in body


def _by_name(name: str):
    return next(document for document in DOCUMENTS if document.name == name)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("02_opinion_gb18030.html", "gb18030"),
        ("03_measures_gbk.html", "gbk"),
        ("16_notice_big5.txt", "big5"),
        ("17_notice_utf8bom.txt", "utf-8-sig"),
        ("20_implementation_opinion_gbk.html", "gbk"),
        ("01_forward_notice.txt", "utf-8"),
    ],
)
def test_encodings_are_recognised(name, encoding):
    assert read_document(_by_name(name).data, name).encoding == encoding


def test_html_meta_charset_is_honoured_for_a_short_page():
    # Too short for detection to be sure: the declared charset decides.
    page = '<html><head><meta charset="gbk"></head><body><p>通知</p></body></html>'
    assert read_document(page.encode("gbk"), "a.html").text == "通知"


def test_task_roles_and_deadlines():
    tasks = {
        t.heading: t for t in extract(_by_name("07_plan_lead_support.docx").data, "x.docx").tasks
    }
    assert [(u.name, u.role) for u in tasks["(一)2"].units] == [
        ("区政府办公室", "lead"),
        ("区发展改革局", "supporting"),
        ("区财政局", "supporting"),
    ]
    assert tasks["(一)2"].due_on == date(2019, 10, 31)
    assert tasks["(一)1"].due_on is None


def test_deadlines_take_the_plan_year():
    tasks = {t.heading: t for t in extract(_by_name("06_plan_responsible.txt").data, "x.txt").tasks}
    assert tasks["(一)1"].due_on == date(2020, 6, 30)  # "6月底前" in a 2020 plan
    assert tasks["(一)2"].due_on == date(2020, 9, 30)  # 完成时限：2020年9月底前
    assert tasks["(二)2"].due_on == date(2020, 12, 31)  # "年底前"


def test_table_tasks_keep_roles_and_deadlines():
    tasks = extract(_by_name("08_plan_table.docx").data, "x.docx").tasks
    assert [(u.name, u.role) for u in tasks[0].units] == [
        ("区政务服务中心", "lead"),
        ("区司法局", "supporting"),
        ("区直各部门", "supporting"),
    ]
    assert [t.due_on for t in tasks] == [
        date(2019, 6, 30),
        date(2019, 9, 30),
        date(2019, 12, 31),
        None,
    ]
    assert tasks[3].due_text == "长期坚持"


@pytest.mark.parametrize(
    ("mark", "units"),
    [
        (
            "（责任单位：区财政局、区税务局）",
            [("区财政局", "responsible"), ("区税务局", "responsible")],
        ),
        ("(区住房和城乡建设局负责)", [("区住房和城乡建设局", "responsible")]),
        ("（区财政局和区审计局负责）", [("区财政局", "responsible"), ("区审计局", "responsible")]),
        ("（责任单位：各区（市、县）人民政府）", [("各区（市、县）人民政府", "responsible")]),
        (
            "由区教育局牵头，区卫生健康局配合，开展",
            [("区教育局", "lead"), ("区卫生健康局", "supporting")],
        ),
        ("（主要责任单位：区应急局等部门）", [("区应急局", "responsible")]),
    ],
)
def test_responsibility_mark_forms(mark, units):
    tasks = extract_tasks(f"二、重点任务\n1.做好某项工作。{mark}")
    assert [(u.name, u.role) for u in tasks[0].units] == units


def test_parenthesised_asides_are_not_units():
    tasks = extract_tasks("二、重点任务\n1.推进IPv6(互联网协议第6版)改造。(责任单位:党政办公室)")
    assert tasks[0].unit_names == ["党政办公室"]
    assert "互联网协议第6版" in tasks[0].text


def test_a_decision_with_numbered_parts_has_no_tasks():
    assert extract(_by_name("13_penalty_decision.html").data, "x.html").tasks == []


def test_split_frame_keeps_metadata_lines_apart():
    meta, body = split_frame(
        "当前位置：首页>政策\n关于X的通知\n发布时间：2019-07-17\n浏览量：3\n正文。"
    )
    assert meta == ["发布时间：2019-07-17"]
    assert body == "关于X的通知\n正文。"


def test_read_path_refuses_an_oversized_file_before_reading_it(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(ExtractionError) as caught:
        read_path(path, max_bytes=1024)
    assert caught.value.code == "too_large"


def test_owner_password_only_pdf_is_read_with_a_warning():
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_by_name("18_notice.pdf").data))
    writer.encrypt(user_password="", owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    source = read_document(buffer.getvalue(), "restricted.pdf")
    assert "保密审查" in source.text
    assert source.warnings


# --- bad input -----------------------------------------------------------------------------


def _encrypted_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_by_name("18_notice.pdf").data))
    writer.encrypt(user_password="user-secret", owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _scanned_pdf() -> bytes:
    from fpdf import FPDF
    from PIL import Image

    image = io.BytesIO()
    Image.new("L", (200, 280), color=230).save(image, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(image.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


def _blank_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def _broken_docx() -> bytes:
    good = corpus.build_docx("通知\n正文。")
    return good[: len(good) // 2]


def _docx_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    return buffer.getvalue()


def _scanned_ofd() -> bytes:
    page = (
        '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
        '<ofd:ImageObject ID="3" ResourceID="4" Boundary="0 0 210 297"/>'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    data = corpus.build_ofd("占位")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            content = page if name.endswith("Content.xml") else source.read(name)
            target.writestr(name, content)
    return buffer.getvalue()


BAD_INPUT = {
    "empty": (b"", "notice.txt", "empty"),
    "whitespace only": (b" \r\n\t\n", "notice.txt", "empty"),
    "binary garbage": (bytes(range(256)) * 64, "notice.txt", "undetectable_encoding"),
    "shift_jis text": (
        "これは日本語の文章です。政府の情報公開について説明します。".encode("shift_jis") * 3,
        "notice.txt",
        "undetectable_encoding",
    ),
    "latin-1 text": (
        "Ceci est un texte français sur l'accès à l'information.".encode("latin-1") * 3,
        "page.txt",
        "undetectable_encoding",
    ),
    "utf-16 without bom": (
        "关于做好政务公开工作的通知".encode("utf-16-le"),
        "a.txt",
        "undetectable_encoding",
    ),
    "encrypted pdf": (_encrypted_pdf, "notice.pdf", "encrypted_pdf"),
    "image-only pdf": (_scanned_pdf, "scan.pdf", "image_only_pdf"),
    "blank pdf": (_blank_pdf, "blank.pdf", "empty_pdf"),
    "truncated pdf": (lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n", "broken.pdf", "broken_pdf"),
    "broken docx": (_broken_docx, "notice.docx", "broken_docx"),
    "docx without its document": (_docx_without_document, "notice.docx", "broken_docx"),
    "legacy word": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "notice.doc",
        "unsupported_format",
    ),
    "image": (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "notice.png", "unsupported_format"),
    "zip archive": (lambda: _zip_of_text(), "batch.zip", "unsupported_format"),
    "image-only ofd": (_scanned_ofd, "scan.ofd", "image_only_ofd"),
}


def _zip_of_text() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "通知")
    return buffer.getvalue()


@pytest.mark.parametrize("case", BAD_INPUT, ids=str)
def test_bad_input_is_refused_with_a_reason(case):
    data, filename, code = BAD_INPUT[case]
    data = data() if callable(data) else data
    with pytest.raises(ExtractionError) as caught:
        extract(data, filename)
    error = caught.value
    assert error.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message_zh)
    assert error.message_en[:1].isascii() and error.message_en[:1].isupper()
    assert str(error) == f"{error.message_zh} / {error.message_en}"


def test_a_100_mb_file_is_refused():
    data = b"a" * (100 * 1024 * 1024)
    with pytest.raises(ExtractionError) as caught:
        extract(data, "huge.txt")
    assert caught.value.code == "too_large"
    assert "100.0 MB" in caught.value.message_en


def test_the_size_limit_is_a_parameter():
    with pytest.raises(ExtractionError) as caught:
        extract("关于X的通知".encode(), "a.txt", max_bytes=8)
    assert caught.value.code == "too_large"


def test_a_docx_that_unpacks_beyond_the_limit_is_refused():
    data = corpus.build_docx("通知\n" + "正文。" * 2000)
    with pytest.raises(ExtractionError) as caught:
        extract(data, "bomb.docx", max_bytes=len(data) + 10)
    assert caught.value.code == "too_large"


# --- properties ---------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"


def _cn_small(number: int) -> str:
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[units] if units or not head else "")


@given(
    day=st.dates(min_value=date(1949, 10, 1), max_value=date(2099, 12, 31)),
    zero=st.sampled_from("〇○零"),
    chinese=st.booleans(),
)
def test_a_signature_date_reads_back_in_either_numeral_form(day, zero, chinese):
    if chinese:
        year = "".join(_CN_DIGITS[int(d)] for d in str(day.year)).replace("〇", zero)
        written = f"{year}年{_cn_small(day.month)}月{_cn_small(day.day)}日"
    else:
        written = f"{day.year}年{day.month}月{day.day}日"
    text = f"关于某事的通知\n各部门：\n请遵照执行。\n贵阳市人民政府办公厅\n{written}"
    assert extract_metadata(text).written_on == day


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    document=st.sampled_from(DOCUMENTS),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=12),
    keep=st.floats(0.05, 1),
)
def test_damaged_files_are_read_or_refused_never_crash(document, edits, keep):
    data = bytearray(document.data[: max(1, int(len(document.data) * keep))])
    for where, value in edits:
        data[int(where * len(data))] = value
    try:
        result = extract(bytes(data), document.name)
    except ExtractionError as error:
        assert error.message_zh and error.message_en
    else:
        assert set(to_json_dict(result)) == set(JSON_KEYS)
