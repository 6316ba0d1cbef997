"""Attachment checks by content: kinds, extensions, executables, sizes."""

import io
import struct
import zipfile

import pytest
from docx import Document
from fpdf import FPDF
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from gongkai.core.uploads import EXECUTABLE, detect_kind, validate_upload

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
MZ_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 57
MACH_O = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 24
SHELL = b"#!/bin/sh\nrm -rf /\n"

SECTOR = 512
FREE, END, FAT_SECTOR, DIFAT_SECTOR, NO_STREAM = (
    0xFFFFFFFF,
    0xFFFFFFFE,
    0xFFFFFFFD,
    0xFFFFFFFC,
    0xFFFFFFFF,
)


def compound_file(stream_names, filler_sectors=0):
    """A minimal OLE2 compound file (MS-CFB, version 3) whose root storage holds empty streams
    with the given names. `filler_sectors` makes it large enough to need DIFAT sectors."""
    fat_count = difat_count = 1
    while True:  # the FAT must describe every sector, including its own and the DIFAT's
        total = fat_count + difat_count + 1 + filler_sectors
        needed_fat = -(-total // (SECTOR // 4))
        needed_difat = max(0, -(-(needed_fat - 109) // (SECTOR // 4 - 1)))
        if (needed_fat, needed_difat) == (fat_count, difat_count):
            break
        fat_count, difat_count = needed_fat, needed_difat
    fat_numbers = list(range(fat_count))
    difat_numbers = list(range(fat_count, fat_count + difat_count))
    directory_sector = fat_count + difat_count
    fat = [FAT_SECTOR] * fat_count + [DIFAT_SECTOR] * difat_count + [END]
    fat += [FREE] * (fat_count * SECTOR // 4 - len(fat))

    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into(
        "<IIIIIIII",
        header,
        44,
        fat_count,
        directory_sector,
        0,
        4096,
        END,
        0,
        difat_numbers[0] if difat_numbers else END,
        difat_count,
    )
    head_difat = fat_numbers[:109] + [FREE] * (109 - min(109, fat_count))
    struct.pack_into("<109I", header, 76, *head_difat)

    difat = b""
    rest = fat_numbers[109:]
    for i in range(difat_count):
        chunk = rest[i * 127 : (i + 1) * 127]
        chunk += [FREE] * (127 - len(chunk))
        following = difat_numbers[i + 1] if i + 1 < difat_count else END
        difat += struct.pack("<128I", *chunk, following)

    entries = [_dir_entry("Root Entry", 5, child=1 if stream_names else NO_STREAM)]
    for index, name in enumerate(stream_names, start=1):
        right = index + 1 if index < len(stream_names) else NO_STREAM
        entries.append(_dir_entry(name, 2, right=right))
    directory = b"".join(entries).ljust(SECTOR, b"\x00")
    assert len(directory) == SECTOR, "keep test streams to three names"
    return (
        bytes(header)
        + struct.pack(f"<{len(fat)}I", *fat)
        + difat
        + directory
        + b"\x00" * SECTOR * filler_sectors
    )


def _dir_entry(name, kind, right=NO_STREAM, child=NO_STREAM):
    encoded = (name + "\x00").encode("utf-16-le")
    entry = bytearray(128)
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, NO_STREAM, right, child)
    struct.pack_into("<I", entry, 116, END)
    return bytes(entry)


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_bytes():
    document = Document()
    document.add_paragraph("贵阳国家高新区2019年政务公开工作实施方案")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def xlsx_bytes():
    workbook = Workbook()
    workbook.active["A1"] = "政务公开"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf_bytes():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Gongkai")
    return bytes(pdf.output())


DOC = compound_file(["WordDocument", "1Table", "\x05SummaryInformation"])
XLS = compound_file(["Workbook", "\x05SummaryInformation"])
OFD = zip_bytes({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<ofd:Document/>"})
PLAIN_ZIP = zip_bytes({"附件1.txt": "说明", "附件2.pdf": b"%PDF-1.4\n"})
# A header that lists its one FAT sector 109 times: a small file posing as a huge table.
FAT_BOMB = DOC[:76] + struct.pack("<109I", *[0] * 109) + DOC[76 + 109 * 4 :]


# --- accepted ---------------------------------------------------------------------------


def test_office_and_pdf_files_are_accepted(docx_bytes, xlsx_bytes, pdf_bytes):
    for data, name, kind in [
        (docx_bytes, "方案.docx", "docx"),
        (xlsx_bytes, "统计表.XLSX", "xlsx"),
        (pdf_bytes, "通知.pdf", "pdf"),
    ]:
        verdict = validate_upload(data, name)
        assert (verdict.ok, verdict.kind, verdict.code) == (True, kind, "ok")


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (DOC, "通知.doc", "doc"),
        (XLS, "统计表.xls", "xls"),
        (OFD, "公文.ofd", "ofd"),
        (PNG, "图解.png", "png"),
        (JPEG, "照片.jpg", "jpg"),
        (JPEG, "照片.jpeg", "jpg"),
        (PLAIN_ZIP, "附件.zip", "zip"),
    ],
)
def test_allowed_kinds_are_accepted(data, name, kind):
    verdict = validate_upload(data, name)
    assert (verdict.ok, verdict.kind) == (True, kind)


def test_a_doc_is_told_from_an_xls_by_its_streams_not_its_name():
    assert detect_kind(DOC, "x.xls") == "doc"
    assert detect_kind(XLS, "x.doc") == "xls"
    assert detect_kind(compound_file(["Book"]), "old.xls") == "xls"


def test_a_large_compound_file_with_difat_sectors_is_read():
    large = compound_file(["WordDocument"], filler_sectors=14_100)
    assert struct.unpack_from("<I", large, 72)[0] > 0  # it has DIFAT sectors
    assert detect_kind(large, "large.doc") == "doc"


def test_a_file_object_is_read_and_its_position_restored(docx_bytes):
    upload = io.BytesIO(docx_bytes)
    assert validate_upload(upload, "方案.docx").ok
    assert upload.tell() == 0


# --- refused ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (MZ_EXE, "setup.exe"),
        (MZ_EXE, "通知.pdf"),  # an executable dressed as a PDF
        (ELF, "report.doc"),
        (MACH_O, "app.zip"),
        (SHELL, "readme.txt"),
        (b"@echo off\r\ndel *.*\r\n", "run.bat"),
        (b"WScript.Echo 1", "a.vbs"),
        (zip_bytes({"META-INF/MANIFEST.MF": "Main-Class: A"}), "lib.zip"),
    ],
)
def test_executables_are_refused_whatever_their_name(data, name):
    verdict = validate_upload(data, name)
    assert (verdict.ok, verdict.kind, verdict.code) == (False, EXECUTABLE, "executable")
    assert verdict.message_zh and verdict.message_en


def test_the_extension_must_agree_with_the_content(docx_bytes):
    for data, name, kind in [
        (docx_bytes, "方案.pdf", "docx"),
        (DOC, "通知.xls", "doc"),
        (PNG, "a.jpg", "png"),
    ]:
        verdict = validate_upload(data, name)
        assert (verdict.ok, verdict.kind, verdict.code) == (False, kind, "extension")
        assert kind.upper() in verdict.message_zh


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (GIF, "a.gif", "gif"),
        (compound_file(["PowerPoint Document"]), "slides.ppt", "ole2"),
        (b"just some text", "notes.txt", None),
        (b"<html><script>alert(1)</script></html>", "page.html", None),
        (DOC[:700], "truncated.doc", None),  # the directory sector is missing
        (FAT_BOMB, "bomb.doc", None),
        (PLAIN_ZIP[:40], "broken.zip", None),
    ],
)
def test_other_kinds_are_refused(data, name, kind):
    verdict = validate_upload(data, name)
    assert (verdict.ok, verdict.kind, verdict.code) == (False, kind, "kind")
    assert "PDF" in verdict.message_zh


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"附件/安装.exe": MZ_EXE}, "zip_executable"),
        ({"说明.txt": "x", "run.bat": "@echo off"}, "zip_executable"),
        ({"inner/tool.jar": zip_bytes({"META-INF/MANIFEST.MF": "x"})}, "zip_executable"),
    ],
)
def test_an_archive_carrying_an_executable_is_refused(members, code):
    verdict = validate_upload(zip_bytes(members), "附件.zip")
    assert (verdict.ok, verdict.code) == (False, code)


def test_an_encrypted_archive_is_refused():
    data = bytearray(zip_bytes({"secret.pdf": b"%PDF-1.4"}))
    # zipfile cannot encrypt: set the "encrypted" flag in the local and central headers.
    for header, flag_offset in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)]:
        data[data.index(header) + flag_offset] |= 0x1
    verdict = validate_upload(bytes(data), "附件.zip")
    assert (verdict.ok, verdict.code) == (False, "zip_encrypted")


def test_an_archive_whose_members_cannot_be_read_is_refused():
    data = bytearray(zip_bytes({"a.txt": "政务公开" * 100}))
    data[40:60] = b"\xff" * 20  # damage the compressed data of the only member
    verdict = validate_upload(bytes(data), "附件.zip")
    assert (verdict.ok, verdict.code) == (False, "zip_damaged")


def test_size_limit(pdf_bytes):
    assert validate_upload(pdf_bytes, "a.pdf", max_bytes=len(pdf_bytes)).ok
    verdict = validate_upload(pdf_bytes, "a.pdf", max_bytes=len(pdf_bytes) - 1)
    assert (verdict.ok, verdict.code) == (False, "too_large")
    assert "MB" in verdict.message_zh and "MB" in verdict.message_en


def test_an_empty_file_is_refused():
    assert validate_upload(b"", "a.pdf").code == "empty"
    assert validate_upload(io.BytesIO(), "a.pdf").code == "empty"


# --- robustness -------------------------------------------------------------------------


@given(st.binary(max_size=2048), st.sampled_from(["a.pdf", "a.doc", "a.zip", "a.bat", "a"]))
def test_random_bytes_never_crash(data, name):
    verdict = validate_upload(data, name)
    assert verdict.ok is (verdict.kind is not None and verdict.code == "ok")


@given(st.binary(max_size=4096))
def test_random_compound_files_never_crash(tail):
    detect_kind(DOC[:76] + tail, "a.doc")
    detect_kind(DOC[:SECTOR] + tail, "a.doc")


@given(st.binary(max_size=2048), st.integers(0, 400))
def test_damaged_archives_never_crash(noise, position):
    data = bytearray(PLAIN_ZIP)
    data[position : position + len(noise)] = noise
    validate_upload(bytes(data), "a.zip")
