"""Reply letters (政府信息公开申请答复告知书): text from an editable template, .docx and PDF.

Templates use ``string.Template`` placeholders (``$applicant_name``): an editor can move words
around but cannot reach into objects, as a Django or ``str.format`` template could.
The PDF needs a font with Chinese glyphs; ``cjk_font_path`` finds one at run time.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from string import Template

from django.conf import settings

PLACEHOLDERS = (
    "body_name",
    "tracking_number",
    "applicant_name",
    "received_on",
    "description",
    "outcome",
    "legal_basis",
    "reasons",
    "replied_on",
    "department",
)

_OPENING = "$applicant_name：\n\n　　本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$tracking_number），申请获取：“$description”。"
_CLOSING = (
    "\n\n　　如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者六个月内依法提起行政诉讼。\n\n$body_name\n$replied_on"
)

# (title, body) per outcome group; copied into the editable ReplyTemplate rows by a migration.
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "granted": (
        "政府信息公开申请答复告知书（予以公开）",
        _OPENING
        + "经审查，根据$legal_basis的规定，您申请获取的政府信息属于公开范围，现予以公开。$reasons"
        + _CLOSING,
    ),
    "partial": (
        "政府信息公开申请答复告知书（部分公开）",
        _OPENING
        + "经审查，根据$legal_basis的规定，您申请获取的政府信息中可以公开的部分现予以提供，"
        "其余部分不予公开，理由如下：$reasons" + _CLOSING,
    ),
    "withheld": (
        "政府信息公开申请答复告知书（不予公开）",
        _OPENING
        + "经审查，您申请获取的政府信息$outcome，根据$legal_basis的规定，不予公开。理由如下：$reasons"
        + _CLOSING,
    ),
    "unavailable": (
        "政府信息公开申请答复告知书（无法提供）",
        _OPENING + "经审查，$outcome，根据$legal_basis的规定，无法向您提供。$reasons" + _CLOSING,
    ),
    "not_processed": (
        "政府信息公开申请答复告知书（不予处理）",
        _OPENING
        + "经审查，您的申请属于$outcome情形，根据$legal_basis的规定，本机关不予处理。$reasons"
        + _CLOSING,
    ),
    "other": (
        "政府信息公开申请处理告知书",
        _OPENING + "经审查，$outcome。$reasons" + _CLOSING,
    ),
}


def render_letter(body: str, values: dict[str, str]) -> str:
    """The template with every known placeholder filled; unknown ``$words`` stay as written."""
    return Template(body).safe_substitute({key: values.get(key, "") for key in PLACEHOLDERS})


@dataclass(frozen=True)
class Letter:
    title: str
    text: str
    reference: str  # the tracking number, printed under the title


def letter_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(letter.title)
    run.bold = True
    run.font.size = Pt(18)
    reference = document.add_paragraph(letter.reference)
    reference.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for paragraph in letter.text.split("\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class FontMissing(RuntimeError):
    """No font with Chinese glyphs for the PDF letter."""


# Debian packages fonts-wqy-microhei, fonts-noto-cjk, fonts-wqy-zenhei, fonts-arphic-uming.
_KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


def cjk_font_path() -> Path:
    """``settings.DISCLOSURE_PDF_FONT``, else a known Debian font, else what fontconfig offers
    for Chinese. Raises ``FontMissing`` naming the package to install."""
    configured = getattr(settings, "DISCLOSURE_PDF_FONT", None)
    candidates = [configured] if configured else list(_KNOWN_FONTS)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    found = _fontconfig_chinese_font()
    if found and not configured:
        return found
    raise FontMissing(
        "找不到中文字体，无法生成PDF告知书：请安装 fonts-wqy-microhei（apt-get install "
        "fonts-wqy-microhei）或设置 DISCLOSURE_PDF_FONT。No Chinese font for the PDF letter: "
        "install fonts-wqy-microhei or set DISCLOSURE_PDF_FONT."
    )


def _fontconfig_chinese_font() -> Path | None:
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    result = subprocess.run(
        [fc_match, "-f", "%{file}", ":lang=zh"], capture_output=True, text=True, timeout=10
    )
    path = Path(result.stdout.strip()) if result.returncode == 0 else None
    return (
        path
        if path and path.suffix.lower() in {".ttf", ".ttc", ".otf"} and path.is_file()
        else None
    )


def letter_pdf(letter: Letter) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.add_font("cjk", fname=str(cjk_font_path()))
    pdf.add_page()
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 12, letter.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    pdf.multi_cell(0, 8, letter.reference, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=13)
    for paragraph in letter.text.split("\n"):
        pdf.multi_cell(0, 8, paragraph or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
