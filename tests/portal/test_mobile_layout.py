"""At 375 px (a phone), the main public pages never scroll sideways, in the standard and the
large-text mode; on the library list the first result shows without scrolling."""

import pytest
from django.urls import reverse

from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}


def main_pages(library) -> list[str]:
    return [
        "/",
        "/documents/",
        f"/documents/{library.plan.pk}/",
        "/search/?q=政务公开",
        "/search/?q=没有这个词语",
        reverse("disclosure:apply"),
        "/catalogue/",
        "/interpretations/",
        f"/interpretations/{library.interpretation.pk}/",
    ]


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_phone_pages_do_not_scroll_sideways(live_server, browser, library):
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    wide = {}
    for mode in ["standard", "large"]:
        page.goto(f"{live_server.url}/display/?mode={mode}&next=/")
        for url in main_pages(library):
            page.goto(live_server.url + url)
            if overflow(page) > PHONE["width"]:
                wide[(mode, url)] = overflow(page)
                shot(page, f"wide-{mode}-{len(wide)}")
    assert wide == {}


def test_phone_list_shows_the_first_result_without_scrolling(live_server, browser, library):
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/documents/?department={library.finance.pk}")
    assert page.locator(".filters-panel").get_attribute("open") is None  # collapsed on a phone
    first = page.locator(".doc-list .doc-title").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"]
    assert "已选 1 项" in page.locator(".filters-panel summary").inner_text()
    shot(page, "phone-document-list")
    page.goto(f"{live_server.url}/search/?q=政务公开")
    shot(page, "phone-search")
    first = page.locator(".search-results .doc-title").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"]

    wide = browser.new_page()
    wide.set_viewport_size({"width": 1280, "height": 800})
    wide.goto(f"{live_server.url}/documents/")
    assert wide.locator(".filters-panel select").first.is_visible()  # beside the results
    assert wide.locator(".doc-list .doc-title").first.bounding_box()["y"] < 400


LINES_OF = """(selector) => [...document.querySelectorAll(selector)].map((cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
  return [cell.textContent.trim(), tops.size];
})"""


def test_phone_metadata_labels_do_not_break_inside_words(live_server, browser, library):
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    for mode in ["standard", "large"]:
        page.goto(f"{live_server.url}/display/?mode={mode}&next=/documents/{library.plan.pk}/")
        labels = page.evaluate(LINES_OF, ".meta-table th")
        assert labels and all(lines == 1 for _label, lines in labels), labels
    shot(page, "phone-document-large")


def test_help_text_sits_under_its_input_and_describes_it(live_server, browser, library):
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{reverse('disclosure:lookup')}")
    described = page.locator("[aria-describedby]")
    assert described.count() >= 1
    for index in range(described.count()):
        field = described.nth(index)
        for ident in field.get_attribute("aria-describedby").split():
            help_text = page.locator(f"#{ident}")
            assert help_text.count() == 1, ident
            assert help_text.bounding_box()["y"] >= field.bounding_box()["y"] + 1
