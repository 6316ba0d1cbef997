"""Bar charts of the annual report as inline SVG, drawn on the server.

Hand-written because the page must work without JavaScript and stay accessible: each chart is
an ``<svg role="img">`` named by its ``<title>`` and described by a ``<desc>`` listing every
value, and the page adds a data table beside it. Plotting libraries either need JavaScript in
the browser or bring a large numeric stack to emit SVG without those semantics, for what is a
few dozen rectangles.

Pure module: returns markup as a string; every label is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT_SIZE = 13
BAR_COLOUR = "#0b3c7d"
AXIS_COLOUR = "#4d4d4d"


@dataclass(frozen=True)
class Chart:
    """What the page shows: the SVG and the same figures for the fallback table."""

    id: str
    title: str
    svg: str
    items: tuple[tuple[str, int], ...]


def horizontal_bars(chart_id: str, title: str, items: Sequence[tuple[str, int]]) -> Chart:
    """One bar per item, labels on the left: for long category names (outcome groups)."""
    label_width, bar_width, row_height = 120, 360, 28
    width = label_width + bar_width + 60
    height = row_height * len(items) + 10
    top = max((value for _, value in items), default=0) or 1
    parts = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row_height
        length = round(bar_width * value / top)
        middle = y + row_height / 2
        parts.append(
            f'<text x="{label_width - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row_height - 8}" '
            f'fill="{BAR_COLOUR}"></rect>'
            f'<text x="{label_width + length + 6}" y="{middle}" '
            f'dominant-baseline="middle">{value}</text>'
        )
    axis = (
        f'<line x1="{label_width}" y1="0" x2="{label_width}" y2="{height}" '
        f'stroke="{AXIS_COLOUR}"></line>'
    )
    return _chart(chart_id, title, items, width, height, axis + "".join(parts))


def vertical_bars(chart_id: str, title: str, items: Sequence[tuple[str, int]]) -> Chart:
    """One column per item, labels underneath: for short labels in order (months)."""
    column, plot_height, label_height, top_margin = 44, 200, 24, 20
    width = column * len(items) + 20
    height = top_margin + plot_height + label_height
    top = max((value for _, value in items), default=0) or 1
    baseline = top_margin + plot_height
    parts = []
    for i, (label, value) in enumerate(items):
        x = 10 + i * column
        length = round(plot_height * value / top)
        centre = x + column / 2
        parts.append(
            f'<rect x="{x + 6}" y="{baseline - length}" width="{column - 12}" '
            f'height="{length}" fill="{BAR_COLOUR}"></rect>'
            f'<text x="{centre}" y="{baseline - length - 5}" text-anchor="middle">{value}</text>'
            f'<text x="{centre}" y="{baseline + 17}" text-anchor="middle">{escape(label)}</text>'
        )
    axis = (
        f'<line x1="10" y1="{baseline}" x2="{width - 10}" y2="{baseline}" '
        f'stroke="{AXIS_COLOUR}"></line>'
    )
    return _chart(chart_id, title, items, width, height, axis + "".join(parts))


def _chart(chart_id, title, items, width, height, body) -> Chart:
    description = "；".join(f"{label}：{value}" for label, value in items)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-size="{FONT_SIZE}" class="report-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )
    return Chart(chart_id, title, svg, tuple(items))


def month_labels() -> list[str]:
    return [f"{month}月" for month in range(1, 13)]
