"""Word (.docx) files to text with python-docx: paragraphs and tables in document order,
one table row a line with cells separated by tabs (the form the task parser reads)."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from lxml import etree

from gongkai.documents.extraction.errors import ExtractionError

_MAIN_PART = "word/document.xml"


def broken_docx(detail: str) -> ExtractionError:
    return ExtractionError(
        "broken_docx",
        f"Word 文件已损坏或不是 .docx 格式：{detail}",
        f"The Word file is damaged or not in .docx format: {detail}",
    )


def check_unpacked_size(archive: zipfile.ZipFile, max_bytes: int) -> None:
    """Refuse archives that would unpack beyond the size limit (zip bombs)."""
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > max_bytes:
        raise ExtractionError(
            "too_large",
            f"文件解压后超过 {max_bytes // 1_000_000} MB，已拒绝。",
            f"The file unpacks to more than {max_bytes // 1_000_000} MB and was refused.",
        )


def _row_text(row) -> str:
    cells, seen = [], set()
    for cell in row.cells:
        # A horizontally merged cell is returned once per grid column: keep it once.
        if cell._tc in seen:
            continue
        seen.add(cell._tc)
        cells.append(" ".join(cell.text.split()))
    return "\t".join(cells)


def _table_lines(table: Table) -> list[str]:
    return [line for line in (_row_text(row) for row in table.rows) if line.strip()]


def docx_to_text(data: bytes, max_bytes: int) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked_size(archive, max_bytes)
            if _MAIN_PART not in archive.namelist():
                raise broken_docx(f"缺少 {_MAIN_PART} / no {_MAIN_PART}")
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise broken_docx(str(error) or type(error).__name__)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)
