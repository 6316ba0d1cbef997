"""Our templates hold no inline script or handler attribute (the Content-Security-Policy would
refuse it): values reach scripts through data- attributes, code lives in static files. Public
templates hold no inline style either; back-office templates may (see CONTENT_SECURITY_POLICY)."""

from pathlib import Path

import pytest

import gongkai
from tests.inline_code import inline_scripts, inline_styles

ROOT = Path(gongkai.__file__).parent
TEMPLATES = sorted(ROOT.glob("**/templates/**/*.html"))


def is_back_office(template: Path) -> bool:
    """Extends a Wagtail admin page, or is a part of one (a panel, an admin include)."""
    folders = set(template.relative_to(ROOT).parts[:-1])
    return "wagtailadmin/" in template.read_text(encoding="utf-8") or bool(
        folders & {"admin", "import", "panels"}
    )


def test_templates_are_found():
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: str(t.relative_to(ROOT)))
def test_no_inline_script_in_our_templates(template):
    assert inline_scripts(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "template",
    [t for t in TEMPLATES if not is_back_office(t)],
    ids=lambda t: str(t.relative_to(ROOT)),
)
def test_no_inline_style_in_public_templates(template):
    assert inline_styles(template.read_text(encoding="utf-8")) == []
