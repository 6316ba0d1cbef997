"""In a real browser at 375 px: the main menu is one row that scrolls sideways, and a light edge
shows on the side where more entries wait (the plain row gave no hint that 12 of its 15 entries
were off screen). Screenshots: test-artifacts/main-nav-375-start.png and -end.png."""

import io
from statistics import fmean

import pytest
from PIL import Image

from tests.browser import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAV = ".main-nav ul"
# The entries' labels are hidden while measuring, so that only the menu's own edges are compared
# (through the CSS object model: the site's CSP refuses an inline style sheet).
HIDE_LABELS = """() => document.querySelectorAll(".main-nav a").forEach((a) => {
    a.style.setProperty("color", "transparent", "important");
    a.style.setProperty("border-color", "transparent", "important");
})"""


def edge_brightness(page, name: str) -> tuple[float, float]:
    """Mean grey level of the menu's 4 leftmost and 4 rightmost pixel columns."""
    png = page.locator(NAV).screenshot(path=str(ARTIFACTS / f"main-nav-375-{name}.png"))
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size

    def columns(xs) -> float:
        return fmean(image.getpixel((x, y)) for x in xs for y in range(height))

    return columns(range(4)), columns(range(width - 4, width))


def test_the_phone_menu_shows_which_side_has_more_entries(live_server, browser):
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/sitemap/")
    page.evaluate(HIDE_LABELS)
    overflow = page.eval_on_selector(NAV, "ul => ul.scrollWidth - ul.clientWidth")
    assert overflow > 375, "the 15 entries overflow the phone's width"
    assert page.evaluate("() => document.documentElement.scrollWidth") == 375

    left, right = edge_brightness(page, "start")
    assert right > left + 25, (left, right)

    page.eval_on_selector(NAV, "ul => { ul.scrollLeft = ul.scrollWidth; }")
    left_at_end, right_at_end = edge_brightness(page, "end")
    assert left_at_end > right_at_end + 25, (left_at_end, right_at_end)
    assert abs(right_at_end - left) < 5, "at the end the hint is gone: plain menu colour"
