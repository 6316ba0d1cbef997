"""Attachment checks judged by content, not by name (no Django imports).

Allowed: pdf, doc, docx, xls, xlsx, ofd, jpg, png, zip. Executables (PE "MZ", ELF, Mach-O,
``#!`` scripts, and Windows scripts named .bat/.js/... which have no signature) are refused,
as are zip archives that carry one. The file name's extension must agree with the content.

`filetype` recognises the simple signatures (PDF, JPEG, PNG, PE, ELF, and the other types
we only name in a refusal). The two container formats are told apart here by hand, because
their kind is not in the first bytes that `filetype` reads:

- OLE2 compound files (.doc, .xls, but also .ppt and .msi installers) share one header;
  the kind is the name of a stream in the root storage (WordDocument, Workbook/Book), read
  from the directory, which can lie anywhere in the file. `filetype`'s Doc/Xls matchers look
  for a Word or Excel record at a fixed offset, which holds only when the writer happened to
  put that stream first.
- Zip containers (docx, xlsx, ofd, jar) are told by their member names, read from the
  central directory at the end of the file; `filetype` only looks at the first members.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

import filetype

ALLOWED_KINDS = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ofd", "jpg", "png", "zip"})
EXECUTABLE = "executable"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_EXTENSIONS = {
    "pdf": {"pdf"},
    "doc": {"doc"},
    "docx": {"docx"},
    "xls": {"xls"},
    "xlsx": {"xlsx"},
    "ofd": {"ofd"},
    "jpg": {"jpg", "jpeg"},
    "png": {"png"},
    "zip": {"zip"},
}
# Scripts and installers that carry no signature: only the name gives them away, so the name
# is used to refuse them, never to admit anything.
_SCRIPT_EXTENSIONS = frozenset(
    {"bat", "cmd", "com", "cpl", "hta", "js", "jse", "lnk", "msi", "ps1", "reg", "scr", "sh"}
    | {"vbe", "vbs", "wsf", "wsh", "jar", "apk"}
)
_EXECUTABLE_TYPES = frozenset({"exe", "elf", "wasm"})  # filetype extensions
_EXECUTABLE_MAGIC = (
    b"#!",
    b"\xfe\xed\xfa\xce",  # Mach-O 32-bit
    b"\xfe\xed\xfa\xcf",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit, little-endian
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit, little-endian
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary / Java class
)
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_FILETYPE_ALIASES = {"apng": "png"}


@dataclass(frozen=True)
class UploadVerdict:
    """Whether an upload is accepted, the kind detected, and the reason in zh and en."""

    ok: bool
    kind: str | None
    message_zh: str = ""
    message_en: str = ""
    code: str = "ok"


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def detect_kind(head: bytes, name: str) -> str | None:
    """The kind of a file from its bytes: one of ALLOWED_KINDS, "executable", another type's
    extension as `filetype` names it (gif, rar ...), "ole2" for other compound files, or None
    when unknown or damaged.

    Pass the whole file: containers (OLE2, zip) are identified by directories that need not
    lie at the start. The name only marks signature-less scripts (.bat, .js ...) as
    executables.
    """
    kind = _content_kind(head)
    if kind is None and _extension(name) in _SCRIPT_EXTENSIONS:
        return EXECUTABLE
    return kind


def _content_kind(head: bytes) -> str | None:
    if not head:
        return None
    guess = filetype.guess_extension(head)
    if guess in _EXECUTABLE_TYPES or head.startswith(_EXECUTABLE_MAGIC):
        return EXECUTABLE
    if head.startswith(_OLE2_MAGIC):
        return _ole2_kind(head)
    if head.startswith(_ZIP_MAGICS):
        return _zip_kind(head)
    return _FILETYPE_ALIASES.get(guess, guess)


# --- OLE2 compound files (MS-CFB) ----------------------------------------------------------

_END_OF_CHAIN = 0xFFFFFFFE
_FIRST_SPECIAL_SECTOR = 0xFFFFFFFA  # FREESECT, ENDOFCHAIN, FATSECT, DIFSECT and above
_NO_STREAM = 0xFFFFFFFF
_DIR_ENTRY_SIZE = 128


def _ole2_kind(data: bytes) -> str | None:
    try:
        names = _ole2_root_names(data)
    except (struct.error, IndexError, ValueError):
        return None
    if "WordDocument" in names:
        return "doc"
    if "Workbook" in names or "Book" in names:
        return "xls"
    return "ole2"


def _ole2_root_names(data: bytes) -> set[str]:
    """Names of the entries directly in the root storage of a compound file."""
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        raise ValueError("bad sector size")
    size = 1 << shift
    fat = _ole2_fat(data, size)
    directory = b"".join(
        _sector(data, n, size) for n in _chain(fat, struct.unpack_from("<I", data, 48)[0])
    )
    entries = [
        directory[i : i + _DIR_ENTRY_SIZE] for i in range(0, len(directory), _DIR_ENTRY_SIZE)
    ]
    root_child = struct.unpack_from("<I", entries[0], 76)[0]
    return {_entry_name(entries[i]) for i in _siblings(entries, root_child)}


def _sector(data: bytes, number: int, size: int) -> bytes:
    start = (number + 1) * size
    if start + size > len(data):
        raise ValueError("sector beyond end of file")
    return data[start : start + size]


def _ole2_fat(data: bytes, size: int) -> list[int]:
    """The file allocation table: sectors listed in the header's DIFAT, then in the DIFAT
    sector chain (only files over ~7 MB have one). A table larger than the file could need is
    damage (or a memory bomb) and refused."""
    per_sector = size // 4
    most = len(data) // size // per_sector + 2
    listed = struct.unpack_from("<109I", data, 76)
    fat_sectors = [n for n in listed if n < _FIRST_SPECIAL_SECTOR]
    difat_sector = struct.unpack_from("<I", data, 68)[0]
    for _ in range(len(data) // size):
        if difat_sector >= _FIRST_SPECIAL_SECTOR or len(fat_sectors) > most:
            break
        *more, difat_sector = struct.unpack(f"<{per_sector}I", _sector(data, difat_sector, size))
        fat_sectors += [n for n in more if n < _FIRST_SPECIAL_SECTOR]
    if len(fat_sectors) > most:
        raise ValueError("more FAT sectors than the file has room for")
    return [
        n
        for sector in fat_sectors
        for n in struct.unpack(f"<{per_sector}I", _sector(data, sector, size))
    ]


def _chain(fat: list[int], start: int) -> list[int]:
    """The sectors of a chain; a loop or a dangling link is damage."""
    chain: list[int] = []
    sector = start
    while sector != _END_OF_CHAIN:
        if sector >= len(fat) or len(chain) > len(fat):
            raise ValueError("broken sector chain")
        chain.append(sector)
        sector = fat[sector]
    return chain


def _siblings(entries: list[bytes], first: int) -> set[int]:
    """Walk the red-black tree of one storage's children via left/right sibling links."""
    seen: set[int] = set()
    pending = [first]
    while pending:
        index = pending.pop()
        if index == _NO_STREAM or index in seen:
            continue
        seen.add(index)
        left, right = struct.unpack_from("<II", entries[index], 68)
        pending += [left, right]
    return seen


def _entry_name(entry: bytes) -> str:
    length = min(struct.unpack_from("<H", entry, 64)[0], 64)
    return entry[: max(length - 2, 0)].decode("utf-16-le", errors="replace")


# --- zip containers ------------------------------------------------------------------------


# What reading a damaged or exotic archive raises (NotImplementedError: compression methods or
# versions zipfile does not support; ValueError includes undecodable member names; IndexError:
# empty member names).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    NotImplementedError,
    OSError,
    EOFError,
    ValueError,
    IndexError,
    zlib.error,
)


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except _ZIP_ERRORS:
        return None
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    if "META-INF/MANIFEST.MF" in names or "classes.dex" in names:
        return EXECUTABLE  # jar, apk
    return "zip"


_MEMBER_HEAD_BYTES = 64


def _zip_problem(data: bytes) -> str | None:
    """Why a plain zip archive is refused: "encrypted" or "damaged" (its members cannot be
    checked) or "executable" (a member is one, by content or by a script extension)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                problem = _member_problem(archive, info)
                if problem:
                    return problem
    except _ZIP_ERRORS:
        return "damaged"
    return None


def _member_problem(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    if info.filename.endswith("/"):
        return None
    if info.flag_bits & 0x1:
        return "encrypted"
    with archive.open(info) as member:
        head = member.read(_MEMBER_HEAD_BYTES)
    return EXECUTABLE if detect_kind(head, info.filename) == EXECUTABLE else None


# --- the verdict ---------------------------------------------------------------------------


def _refuse(code: str, kind: str | None, zh: str, en: str) -> UploadVerdict:
    return UploadVerdict(ok=False, kind=kind, message_zh=zh, message_en=en, code=code)


def _read_limited(source: bytes | bytearray | memoryview | BinaryIO, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the upload (one more tells it is too large); a file
    object's position is restored so the caller can still save it."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source[: limit + 1])
    position = source.tell() if source.seekable() else None
    data = source.read(limit + 1)
    if position is not None:
        source.seek(position)
    return data


def validate_upload(
    source: bytes | bytearray | memoryview | BinaryIO,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> UploadVerdict:
    """Accept or refuse an attachment: size, kind by content, extension agreeing with the
    kind, and for zip archives no executable or encrypted member.

    The content (at most `max_bytes`) is read into memory: containers are judged by
    directories at the end of the file.
    """
    data = _read_limited(source, max_bytes)
    if not data:
        return _refuse("empty", None, "文件为空。", "The file is empty.")
    if len(data) > max_bytes:
        megabytes = max_bytes / (1024 * 1024)
        return _refuse(
            "too_large",
            None,
            f"文件超过大小限制（{megabytes:g} MB）。",
            f"The file is larger than the limit ({megabytes:g} MB).",
        )
    kind = detect_kind(data, name)
    return _verdict_for_kind(kind, data, name)


def _verdict_for_kind(kind: str | None, data: bytes, name: str) -> UploadVerdict:
    if kind == EXECUTABLE:
        return _refuse(
            "executable",
            kind,
            "不允许上传可执行文件或脚本。",
            "Executables and scripts are refused.",
        )
    if kind not in ALLOWED_KINDS:
        return _refuse(
            "kind",
            kind,
            "不支持的文件类型。允许：PDF、DOC/DOCX、XLS/XLSX、OFD、JPG/PNG、ZIP。",
            "This file type is not allowed. Allowed: PDF, DOC/DOCX, XLS/XLSX, OFD, JPG/PNG, ZIP.",
        )
    if _extension(name) not in _EXTENSIONS[kind]:
        return _refuse(
            "extension",
            kind,
            f"文件扩展名与内容不符：内容为 {kind.upper()} 文件。",
            f"The file name's extension does not match its content, which is {kind.upper()}.",
        )
    if kind == "zip":
        return _verdict_for_zip(data)
    return UploadVerdict(ok=True, kind=kind)


def _verdict_for_zip(data: bytes) -> UploadVerdict:
    problem = _zip_problem(data)
    if problem == "encrypted":
        return _refuse(
            "zip_encrypted",
            "zip",
            "压缩包已加密，无法检查其内容。",
            "The archive is encrypted, so its content cannot be checked.",
        )
    if problem == "damaged":
        return _refuse(
            "zip_damaged",
            "zip",
            "压缩包已损坏或使用了不支持的压缩方式，无法检查其内容。",
            "The archive is damaged or uses an unsupported compression, so it cannot be checked.",
        )
    if problem == EXECUTABLE:
        return _refuse(
            "zip_executable",
            "zip",
            "压缩包内含可执行文件或脚本。",
            "The archive contains an executable or a script.",
        )
    return UploadVerdict(ok=True, kind="zip")
