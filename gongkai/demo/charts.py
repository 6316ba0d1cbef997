"""图解: a PNG chart of a document's main points, drawn for the demo with Pillow.

Chinese text needs a font with Chinese glyphs (Debian: fonts-wqy-microhei or fonts-noto-cjk).
Without one the chart keeps its layout and shows each line of text as a grey bar; the form's
caption carries the text either way.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess

from PIL import Image, ImageDraw, ImageFont

WIDTH = 720
MARGIN = 32
TITLE_CHARS = 28  # full-width characters per title line at 24 px
POINT_CHARS = 32  # per point line at 18 px
LINE = 28
COLOURS = ("#1d5fa8", "#2e7d4f", "#b5541c", "#6b3fa0", "#0f7c86")


@functools.cache
def chinese_font_file() -> str | None:
    """The first font fontconfig knows with Chinese glyphs, or None."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
    ).stdout
    files = sorted(line.split(":")[0].strip() for line in listed.splitlines() if line.strip())
    return files[0] if files else None


def wrap(text: str, width: int) -> list[str]:
    """Cut ``text`` into lines of at most ``width`` characters (Chinese has no spaces to
    break at; every character takes one cell)."""
    return [text[start : start + width] for start in range(0, len(text), width)] or [""]


def points_chart(title: str, points: list[str], footer: str) -> bytes:
    """A PNG with the title, one numbered box per point, and a footer line."""
    title_lines = wrap(title, TITLE_CHARS)
    point_lines = [wrap(point, POINT_CHARS) for point in points]
    height = (
        MARGIN * 2
        + len(title_lines) * (LINE + 6)
        + 24
        + sum(len(lines) * LINE + 32 for lines in point_lines)
        + 40
    )
    image = Image.new("RGB", (WIDTH, height), "white")
    pen = _Pen(ImageDraw.Draw(image))
    y = MARGIN
    for line in title_lines:
        pen.text((MARGIN, y), line, size=24, fill="#1a1a1a")
        y += LINE + 6
    y += 24
    for number, lines in enumerate(point_lines, start=1):
        colour = COLOURS[(number - 1) % len(COLOURS)]
        box_height = len(lines) * LINE + 20
        pen.draw.rounded_rectangle(
            (MARGIN, y, WIDTH - MARGIN, y + box_height),
            radius=8,
            fill="#f4f7fb",
            outline=colour,
            width=2,
        )
        pen.draw.ellipse((MARGIN + 12, y + 10, MARGIN + 42, y + 40), fill=colour)
        pen.text((MARGIN + 22, y + 14), str(number), size=18, fill="white", latin=True)
        for index, line in enumerate(lines):
            pen.text((MARGIN + 56, y + 12 + index * LINE), line, size=18, fill="#1a1a1a")
        y += box_height + 12
    pen.text((MARGIN, y + 16), footer, size=15, fill="#555555")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@functools.cache
def _truetype(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


class _Pen:
    """Writes text in the Chinese font, or marks each line with a bar when there is none."""

    def __init__(self, draw: ImageDraw.ImageDraw):
        self.draw = draw
        self.font_file = chinese_font_file()

    def text(self, xy, text: str, *, size: int, fill: str, latin: bool = False) -> None:
        if self.font_file:
            self.draw.text(xy, text, font=_truetype(self.font_file, size), fill=fill)
        elif latin:
            self.draw.text(xy, text, font=ImageFont.load_default(size), fill=fill)
        else:
            x, y = xy
            self.draw.rectangle((x, y + size // 4, x + len(text) * size, y + size), fill="#c9ced6")
