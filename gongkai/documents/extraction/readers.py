"""Bytes of an imported file to text: plain text, HTML, .docx, .pdf (text layer) and .ofd.

The format is decided by content first (magic bytes), the file name second, so a PDF
saved as .txt or a page saved without extension is still read right. Anything that cannot
become text raises ExtractionError with the reason in Chinese and English.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import filetype

from gongkai.documents.extraction.encoding import decode_text
from gongkai.documents.extraction.errors import ExtractionError
from gongkai.documents.extraction.html import html_to_text
from gongkai.documents.extraction.ofd import ofd_to_text
from gongkai.documents.extraction.office import docx_to_text
from gongkai.documents.extraction.pdf import pdf_to_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_HTML_SUFFIXES = {".htm", ".html", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass
class SourceText:
    """What a file says as text. `format` is text, html, docx, pdf or ofd; `encoding` is
    set for text and HTML; `hints` holds page metadata (HTML <meta>, <title>)."""

    text: str
    format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    hints: dict[str, str] = field(default_factory=dict)


def _too_large(size: int, max_bytes: int) -> ExtractionError:
    return ExtractionError(
        "too_large",
        f"文件大小 {size / 1_048_576:.1f} MB，超过上限 {max_bytes / 1_048_576:.0f} MB，已拒绝。",
        f"The file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit; refused.",
    )


def _unsupported(what_zh: str, what_en: str) -> ExtractionError:
    return ExtractionError(
        "unsupported_format",
        f"不支持的文件格式：{what_zh}。请提供网页、文本、.docx、PDF 或 OFD 文件。",
        f"Unsupported file format: {what_en}. Provide a web page, text, .docx, PDF or OFD file.",
    )


def _empty() -> ExtractionError:
    return ExtractionError("empty", "文件是空的，没有文字。", "The file is empty; it has no text.")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError):
        return "broken_zip"
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def sniff_format(data: bytes, filename: str) -> str:
    """text, html, docx, pdf or ofd; raises ExtractionError for what is none of them."""
    suffix = Path(filename).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind in ("docx", "ofd"):
            return kind
        if suffix in (".docx", ".ofd"):  # damaged, or missing its main part
            return suffix[1:]
        raise _unsupported("压缩包（请解压后导入）", "a zip archive (unpack it first)")
    if data.startswith(_OLE_MAGIC):
        raise _unsupported(
            "旧版 Office 文件（.doc/.wps/.xls），请另存为 .docx 或 PDF",
            "a legacy Office file (.doc/.wps/.xls); save it as .docx or PDF",
        )
    if suffix in (".docx", ".pdf", ".ofd"):
        # Named as a binary format but without its signature: a damaged or mislabelled file.
        return suffix[1:]
    # Every binary format filetype knows has NUL bytes in its header; text has none.
    kind = filetype.guess(data[:8192]) if b"\x00" in data[:1024] else None
    if kind is not None and not kind.mime.startswith("text/"):
        raise _unsupported(f"{kind.mime}（.{kind.extension}）", f"{kind.mime} (.{kind.extension})")
    if suffix in _HTML_SUFFIXES or _HTML_SNIFF.match(data[:2048]):
        return "html"
    return "text"


def _normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()


_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "ofd": "OFD"}


def _damaged(fmt: str, error: Exception) -> ExtractionError:
    name = _FORMAT_NAMES[fmt]
    detail = f"{type(error).__name__}: {error}"[:200]
    return ExtractionError(
        f"broken_{fmt}",
        f"{name} 文件已损坏，无法读取（{detail}）。",
        f"The {name} file is damaged ({detail}).",
    )


def _read_binary(data: bytes, fmt: str, max_bytes: int) -> SourceText:
    """A damaged file makes the parsing libraries (zipfile, zlib, lxml, pypdf) raise any of
    dozens of exception types; each of them means the file cannot be read."""
    try:
        if fmt == "pdf":
            text, warnings = pdf_to_text(data)
            return SourceText(text, fmt, warnings=warnings)
        if fmt == "docx":
            return SourceText(docx_to_text(data, max_bytes), fmt)
        return SourceText(ofd_to_text(data, max_bytes), fmt)
    except ExtractionError:
        raise
    except Exception as error:  # any parser failure: see the docstring
        raise _damaged(fmt, error)


def _read(data: bytes, fmt: str, max_bytes: int) -> SourceText:
    if fmt in _FORMAT_NAMES:
        return _read_binary(data, fmt, max_bytes)
    if fmt == "html":
        text, encoding, hints = html_to_text(data)
        return SourceText(text, fmt, encoding, hints=hints)
    text, encoding = decode_text(data)
    return SourceText(text, fmt, encoding)


def read_document(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """The text of an imported file. Raises ExtractionError (code, zh and en reason) for a
    file that is empty, too large, damaged, encrypted, scanned, or not text at all."""
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if not data.strip():
        raise _empty()
    fmt = sniff_format(data, filename)
    source = _read(data, fmt, max_bytes)
    source.text = _normalised(source.text)
    if not source.text:
        raise _empty()
    return source


def read_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Like read_document, but refuses an oversized file before reading it into memory."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise _too_large(size, max_bytes)
    return read_document(path.read_bytes(), path.name, max_bytes=max_bytes)
