"""Reply letters (政府信息公开申请答复告知书): text from an editable template, .docx and PDF.

Templates use ``string.Template`` placeholders (``$applicant_name``): an editor can move words
around but cannot reach into objects, as a Django or ``str.format`` template could.
The PDF needs a font with Chinese glyphs; ``cjk_font_path`` finds one at run time.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from string import Template

from django.conf import settings

PLACEHOLDERS = (
    "body_name",
    "reconsideration_body",
    "court",
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
# 行政复议法 (2023) art. 20: sixty days; 行政诉讼法 art. 46: six months.
_CLOSING = (
    "\n\n　　如对本答复不服，可以自收到本告知书之日起六十日内向$reconsideration_body申请行政复议，"
    "或者自收到本告知书之日起六个月内向$court提起行政诉讼。\n\n$body_name\n$replied_on"
)
# Said when the settings do not name them (GONGKAI_RECONSIDERATION_BODY, GONGKAI_COURT).
RECONSIDERATION_BODY_UNNAMED = "依法履行行政复议职责的行政机关"
COURT_UNNAMED = "有管辖权的人民法院"

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
    """The template with every known placeholder filled; unknown ``$words`` stay as written.

    The applicant's description is quoted without its own full stop, the reasons end with
    one, punctuation doubled where the pieces meet is collapsed, and the first mention of the
    regulation gives its full title."""
    values = {key: values.get(key, "") for key in PLACEHOLDERS}
    values["description"] = quoted(values["description"])
    values["reasons"] = as_sentence(values["reasons"])
    return cite_regulation(collapse_punctuation(Template(body).safe_substitute(values)))


REGULATION = "《中华人民共和国政府信息公开条例》"
REGULATION_SHORT = "《条例》"
_SENTENCE_END = "。！？…"
_TRAILING_STOPS = "。．.；;，,、 　\n"
# Two or more marks in a row: where a filled-in piece ends with a mark and the template goes on
# with another ("报告。”。", "理由：。").
_PUNCTUATION_RUN = re.compile(r"[，、；：。！？]{2,}")


def quoted(text: str) -> str:
    """Text to be quoted inside a sentence: the sentence's own full stop follows the quote."""
    return text.strip().rstrip(_TRAILING_STOPS)


def as_sentence(text: str) -> str:
    """Text that ends with a sentence mark (adds 。 when it has none); empty stays empty."""
    text = text.strip()
    inside_quote = text.rstrip("”’")
    if not text or (inside_quote and inside_quote[-1] in _SENTENCE_END):
        return text
    return text.rstrip(_TRAILING_STOPS) + "。"


def collapse_punctuation(text: str) -> str:
    """A run of marks becomes one: a question or exclamation mark, else a full stop, else the
    last mark of the run."""
    return _PUNCTUATION_RUN.sub(_strongest_mark, text)


def _strongest_mark(match: re.Match) -> str:
    run = match.group()
    return next((mark for mark in "？！。" if mark in run), run[-1])


def cite_regulation(text: str) -> str:
    """The first mention of the regulation gives its full title and introduces the short one:
    《中华人民共和国政府信息公开条例》（以下简称《条例》）. Later mentions stay as written."""
    short, full = text.find(REGULATION_SHORT), text.find(REGULATION)
    if short < 0:
        return text
    introduction = f"{REGULATION}（以下简称{REGULATION_SHORT}）"
    if 0 <= full < short:
        end = full + len(REGULATION)
        return text[:full] + introduction + text[end:]
    return text[:short] + introduction + text[short + len(REGULATION_SHORT) :]


@dataclass(frozen=True)
class Letter:
    title: str
    text: str
    reference: str  # the tracking number, printed under the title


@dataclass(frozen=True)
class Paragraph:
    """One line of a letter as laid out: its text without the leading indent, the indent in
    characters (full-width spaces, or two ASCII spaces each), and whether it belongs to the
    落款 (the signing body and date, set flush right)."""

    text: str
    indent: int = 0
    signature: bool = False


_SIGNATURE_MAX_LINES = 3


def letter_paragraphs(text: str) -> list[Paragraph]:
    """The letter's lines; the last block after an empty line, if short and not indented, is
    the 落款."""
    lines = text.split("\n")
    parsed = [_paragraph(line) for line in lines]
    last_gap = max((n for n, line in enumerate(lines) if not line.strip()), default=-1)
    tail = parsed[last_gap + 1 :]
    if 0 < len(tail) <= _SIGNATURE_MAX_LINES and last_gap >= 0 and not any(p.indent for p in tail):
        parsed[last_gap + 1 :] = [Paragraph(p.text, 0, True) for p in tail]
    return parsed


def _paragraph(line: str) -> Paragraph:
    body = line.lstrip(" 　")
    lead = line[: len(line) - len(body)]
    return Paragraph(body.rstrip(), lead.count("　") + lead.count(" ") // 2)


def letter_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    size = 14
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(letter.title)
    run.bold = True
    run.font.size = Pt(18)
    reference = document.add_paragraph(letter.reference)
    reference.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for paragraph in letter_paragraphs(letter.text):
        added = document.add_paragraph(paragraph.text)
        added.paragraph_format.first_line_indent = Pt(size * paragraph.indent)
        if paragraph.signature:
            added.alignment = WD_ALIGN_PARAGRAPH.RIGHT
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
    for paragraph in letter_paragraphs(letter.text):
        _pdf_paragraph(pdf, paragraph)
    return bytes(pdf.output())


def _pdf_paragraph(pdf, paragraph: Paragraph, line_height: float = 8) -> None:
    """A paragraph whose first line starts ``indent`` characters in: multi_cell would drop the
    leading spaces of a paragraph that wraps, so the first line is moved in and written."""
    if paragraph.signature:
        pdf.multi_cell(0, line_height, paragraph.text, align="R", new_x="LMARGIN", new_y="NEXT")
        return
    pdf.set_x(pdf.l_margin + paragraph.indent * pdf.font_size)
    pdf.write(line_height, paragraph.text or " ")
    pdf.ln(line_height)
