"""The extraction test corpus: documents written for the tests in the styles real ones use.

Text and HTML documents are stored as they would arrive (some in GBK, GB18030 or Big5).
Word, PDF and OFD documents are built at test time from a `NAME.EXT.src.txt` source, so
no binary is committed: one paragraph a line, `# ` marks a title line (set larger, so it
wraps sooner, as in GB/T 9704 layout), `|a|b|c|` lines form a table. PDFs carry a real
text layer in the unembedded Adobe-GB1 font STSong-Light (as iText and many government
systems write them), which needs no font file here.

Each document has `NAME.EXT.expected.json`: the `gongkai extract --json` fields it should
yield. Tasks are compared on heading and units, and on `text` as a prefix of the task text.
`not_in_body` lists frame text that must not reach the body.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
SOURCE_SUFFIX = ".src.txt"
EXPECTED_SUFFIX = ".expected.json"
# GB/T 9704-2012: 28 characters a line, 22 lines a page; a title in 2号 type fits about 20.
BODY_WIDTH, TITLE_WIDTH, PAGE_LINES = 28, 20, 22


@dataclass
class CorpusDocument:
    name: str
    data: bytes
    expected: dict


def _paragraphs(source: str) -> list[str]:
    return [line.rstrip() for line in source.splitlines() if line.strip()]


def _wrapped(source: str) -> list[tuple[int, str]]:
    """(indent, text) of each line as a page sets it, indent in character widths: titles
    centred, a paragraph's first line indented two characters (首行缩进) except the
    主送机关 line, each paragraph wrapped to the type area's width."""
    lines = []
    for paragraph in _paragraphs(source):
        if paragraph.startswith("# "):
            text = paragraph[2:]
            chunks = [text[i : i + TITLE_WIDTH] for i in range(0, len(text), TITLE_WIDTH)]
            lines += [((BODY_WIDTH - len(chunk)) // 2, chunk) for chunk in chunks]
            continue
        first = 0 if paragraph.endswith(("：", ":")) else 2
        lines.append((first, paragraph[: BODY_WIDTH - first]))
        rest = paragraph[BODY_WIDTH - first :]
        lines += [(0, rest[i : i + BODY_WIDTH]) for i in range(0, len(rest), BODY_WIDTH)]
    return lines


# --- PDF ----------------------------------------------------------------------------------


def _pdf_objects(pages: list[bytes], encoding: str) -> list[bytes]:
    count = len(pages)
    kids = " ".join(f"{6 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} "
        f"/DescendantFonts [4 0 R] >>".encode(),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /FontDescriptor 5 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    for index, stream in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            f"<< /Font << /F1 3 0 R >> >> /Contents {7 + 2 * index} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return objects


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def build_pdf(source: str, encoding: str = "UniGB-UCS2-H") -> bytes:
    """A PDF with a text layer: lines at 16 pt from the top of each page, "- n -" under."""
    codec = "gbk" if encoding == "GBK-EUC-H" else "utf-16-be"
    lines = _wrapped(source)
    pages = []
    for number, start in enumerate(range(0, len(lines), PAGE_LINES), 1):
        ops = ["BT /F1 16 Tf"]
        for row, (indent, line) in enumerate(lines[start : start + PAGE_LINES]):
            x, y = 80 + 16 * indent, 760 - 28 * row
            ops.append(f"1 0 0 1 {x} {y} Tm <{line.encode(codec).hex()}> Tj")
        ops.append(f"ET BT /F1 12 Tf 280 40 Td <{f'- {number} -'.encode(codec).hex()}> Tj ET")
        pages.append("\n".join(ops).encode("ascii"))
    return _pdf_file(_pdf_objects(pages, encoding))


# --- OFD ----------------------------------------------------------------------------------

_OFD_NS = "http://www.ofdspec.org/2016"


def _ofd_page(lines: list[tuple[int, str]]) -> str:
    objects = "".join(
        f'<ofd:TextObject ID="{i + 10}" Boundary="{25 + 5.6 * indent:.1f} {37 + 10 * i} 160 8" '
        f'Font="1" Size="5.6"><ofd:TextCode X="0" Y="5.6">{_xml_escape(line)}</ofd:TextCode>'
        "</ofd:TextObject>"
        for i, (indent, line) in enumerate(lines)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}">'
        f'<ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_ofd(source: str) -> bytes:
    """An OFD package (GB/T 33190): OFD.xml -> Doc_0/Document.xml -> one Content.xml a page."""
    lines = _wrapped(source)
    chunks = [lines[i : i + PAGE_LINES] for i in range(0, len(lines), PAGE_LINES)]
    pages = "".join(
        f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(chunks))
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0">'
            f"<ofd:DocBody><ofd:DocInfo/><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            f"</ofd:DocBody></ofd:OFD>",
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_OFD_NS}">'
            f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>",
        )
        for index, chunk in enumerate(chunks):
            archive.writestr(f"Doc_0/Pages/Page_{index}/Content.xml", _ofd_page(chunk))
    return buffer.getvalue()


# --- Word ---------------------------------------------------------------------------------


def build_docx(source: str) -> bytes:
    """A .docx: centred bold title paragraphs, body paragraphs, tables from |a|b| rows."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    rows: list[list[str]] = []
    for paragraph in [*_paragraphs(source), ""]:
        if paragraph.startswith("|"):
            rows.append([cell.strip() for cell in paragraph.strip("|").split("|")])
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
            rows = []
        if paragraph.startswith("# "):
            title = document.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.add_run(paragraph[2:]).bold = True
        elif paragraph:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _build(name: str, source: str) -> bytes:
    """The document `name` from its source; a name with "gbk" gets a PDF whose text is
    GBK-coded (GBK-EUC-H), as older Chinese PDF producers write."""
    suffix = Path(name).suffix
    if suffix == ".pdf":
        return build_pdf(source, "GBK-EUC-H" if "gbk" in name else "UniGB-UCS2-H")
    return {".ofd": build_ofd, ".docx": build_docx}[suffix](source)


def _document_bytes(path: Path) -> bytes:
    if path.name.endswith(SOURCE_SUFFIX):
        return _build(path.name[: -len(SOURCE_SUFFIX)], path.read_text(encoding="utf-8"))
    return path.read_bytes()


def corpus_documents() -> list[CorpusDocument]:
    """Every corpus document with its expected fields, in name order."""
    documents = []
    for expected_path in sorted(CORPUS_DIR.glob(f"*{EXPECTED_SUFFIX}")):
        name = expected_path.name[: -len(EXPECTED_SUFFIX)]
        candidates = [CORPUS_DIR / name, CORPUS_DIR / f"{name}{SOURCE_SUFFIX}"]
        path = next(p for p in candidates if p.exists())
        data = _document_bytes(path)
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        documents.append(CorpusDocument(name, data, expected))
    return documents


def field_correct(field: str, expected, actual) -> bool:
    """Whether one extracted field matches its expectation (tasks: heading, units, and the
    expected text as a prefix of the extracted one)."""
    if field != "tasks":
        return expected == actual
    if len(expected) != len(actual):
        return False
    return all(
        e["heading"] == a["heading"]
        and e.get("units", a["units"]) == a["units"]
        and a["text"].startswith(e.get("text", ""))
        for e, a in zip(expected, actual, strict=True)
    )
