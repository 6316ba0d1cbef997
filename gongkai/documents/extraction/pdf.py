"""PDF files with a text layer to text, with pypdf.

pypdf rather than pdfminer.six: both read Chinese text layers (embedded subset fonts with
ToUnicode maps, and the predefined Adobe-GB1 CMaps such as UniGB-UCS2-H and GBK-EUC-H that
unembedded STSong-Light uses), and pypdf was about four times faster here on the same file.
Scanned PDFs have no text layer: they are refused with a reason (OCR is out of scope).
"""

from __future__ import annotations

import io

import pypdf
from pypdf.errors import DependencyError

from gongkai.documents.extraction.errors import ExtractionError
from gongkai.documents.extraction.layout import reflow

# Share of private-use or replacement characters above which a font lacks a Unicode map.
_MAX_UNMAPPED_SHARE = 0.3
# Fewer visible characters per page than this (a scan's page numbers or a stamp caption)
# means there is no text layer to speak of.
_MIN_CHARS_PER_PAGE = 20


def _open(data: bytes) -> tuple[pypdf.PdfReader, list[str]]:
    warnings: list[str] = []
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many published PDFs are encrypted only to restrict printing or copying, with
            # an empty user password; those open and are read.
            if reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
                raise ExtractionError(
                    "encrypted_pdf",
                    "PDF 文件已加密，需要密码才能打开，无法读取文字。",
                    "The PDF is encrypted and needs a password to open; its text cannot be read.",
                )
            warnings.append(
                "PDF 设有权限限制，已按空密码打开。 / "
                "The PDF restricts permissions; it was opened with the empty password."
            )
    except DependencyError as error:
        raise ExtractionError(
            "encrypted_pdf",
            f"PDF 文件的加密方式无法解开：{error}",
            f"The PDF's encryption cannot be opened: {error}",
        )
    if len(reader.pages) == 0:
        raise ExtractionError("empty_pdf", "PDF 文件没有页面。", "The PDF has no pages.")
    return reader, warnings


def _has_images(page: pypdf.PageObject) -> bool:
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources else None
    if not xobjects:
        return False
    return any(
        xobject.get_object().get("/Subtype") == "/Image"
        for xobject in xobjects.get_object().values()
    )


def _unmapped_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    unmapped = sum(1 for ch in visible if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return unmapped / max(len(visible), 1)


def pdf_to_text(data: bytes) -> tuple[str, list[str]]:
    """The text of a PDF's text layer, and warnings. Damaged files raise the parser's own
    errors, which the reader turns into broken_pdf."""
    reader, warnings = _open(data)
    # Layout mode keeps indentation, which tells a new paragraph from a wrapped line.
    pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    text = "\n".join(pages)
    visible = sum(1 for ch in text if not ch.isspace())
    if visible < _MIN_CHARS_PER_PAGE * len(pages):
        if any(_has_images(page) for page in reader.pages):
            raise ExtractionError(
                "image_only_pdf",
                "PDF 是扫描图片，没有文字层，需先进行文字识别（OCR）。",
                "The PDF is a scanned image without a text layer; it needs OCR first.",
            )
        raise ExtractionError("empty_pdf", "PDF 文件中没有文字。", "The PDF contains no text.")
    if _unmapped_share(text) > _MAX_UNMAPPED_SHARE:
        raise ExtractionError(
            "unmapped_pdf_font",
            "PDF 的字体没有文字映射，提取出的是乱码。",
            "The PDF's fonts have no Unicode mapping; the extracted text would be garbage.",
        )
    return reflow(text), warnings
