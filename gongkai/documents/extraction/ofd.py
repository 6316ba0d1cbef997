"""OFD (GB/T 33190-2016, the Chinese fixed-layout format many offices publish in) to text.

An OFD file is a zip of XML: OFD.xml names each document's root (Document.xml), which
lists its pages; each page's Content.xml holds TextObject elements positioned in
millimetres, each with TextCode runs. Hand-written over lxml because the one maintained
PyPI reader (easyofd) is a renderer that pulls in PyMuPDF, reportlab and fontTools and
returns no plain text; reading the text needs only these few XML paths.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from gongkai.documents.extraction.errors import ExtractionError
from gongkai.documents.extraction.layout import reflow
from gongkai.documents.extraction.office import check_unpacked_size

# Text runs whose baselines are closer than this (mm) are on one line.
_LINE_TOLERANCE = 1.5
_DEFAULT_SIZE = 5.6  # mm: 16 pt, GB/T 9704 body type
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _broken(detail: str) -> ExtractionError:
    return ExtractionError(
        "broken_ofd", f"OFD 文件已损坏：{detail}", f"The OFD file is damaged: {detail}"
    )


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(name.lstrip("/")), _PARSER)
    except KeyError:
        raise _broken(f"缺少 {name} / missing {name}")
    except etree.XMLSyntaxError as error:
        raise _broken(f"{name}: {error}")


def _texts(element: etree._Element, tag: str) -> list[str]:
    return [(found.text or "").strip() for found in element.iter(f"{{*}}{tag}")]


def _page_paths(archive: zipfile.ZipFile) -> list[str]:
    paths = []
    for root_path in _texts(_xml(archive, "OFD.xml"), "DocRoot"):
        document = _xml(archive, root_path)
        base = posixpath.dirname(root_path.lstrip("/"))
        for page in document.iter("{*}Page"):
            location = page.get("BaseLoc", "")
            # An absolute location starts from the package root, a relative one from the
            # document's folder.
            path = (
                location.lstrip("/") if location.startswith("/") else posixpath.join(base, location)
            )
            paths.append(posixpath.normpath(path))
    return paths


def _runs(content: etree._Element) -> list[tuple[float, float, float, str]]:
    """(y, x, font size, text) of every text run on a page, in page millimetres."""
    runs = []
    for text_object in content.iter("{*}TextObject"):
        left, top = (float(v) for v in text_object.get("Boundary", "0 0 0 0").split()[:2])
        size = float(text_object.get("Size", _DEFAULT_SIZE))
        for code in text_object.iter("{*}TextCode"):
            x, y = float(code.get("X", 0)), float(code.get("Y", 0))
            runs.append((top + y, left + x, size, code.text or ""))
    return runs


def _page_lines(runs: list[tuple[float, float, float, str]]) -> list[str]:
    """Runs grouped into lines top to bottom, each led by spaces for its indentation (one
    per character width from the page's left margin), as the paragraph rebuilder reads."""
    lines: list[list[tuple[float, float, float, str]]] = []
    for run in sorted(runs):
        if lines and run[0] - lines[-1][0][0] <= _LINE_TOLERANCE:
            lines[-1].append(run)
        else:
            lines.append([run])
    margin = min((run[1] for run in runs), default=0.0)
    texts = []
    for line in lines:
        line.sort(key=lambda run: run[1])
        _, x, size, _ = line[0]
        indent = " " * round((x - margin) / size) if size > 0 else ""
        texts.append(indent + "".join(run[3] for run in line))
    return texts


def _has_images(content: etree._Element) -> bool:
    return next(content.iter("{*}ImageObject"), None) is not None


def ofd_to_text(data: bytes, max_bytes: int) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked_size(archive, max_bytes)
            contents = [_xml(archive, path) for path in _page_paths(archive)]
        lines = [line for content in contents for line in _page_lines(_runs(content))]
    except zipfile.BadZipFile as error:
        raise _broken(str(error))
    except ValueError as error:
        raise _broken(f"坐标无效 / bad coordinates: {error}")
    if not any(line.strip() for line in lines):
        if any(_has_images(content) for content in contents):
            raise ExtractionError(
                "image_only_ofd",
                "OFD 文件是扫描图片，没有文字，需先进行文字识别（OCR）。",
                "The OFD file is a scanned image without text; it needs OCR first.",
            )
        raise ExtractionError("empty_ofd", "OFD 文件中没有文字。", "The OFD file contains no text.")
    return reflow("\n".join(lines))
