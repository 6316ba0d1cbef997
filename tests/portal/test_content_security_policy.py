"""The public pages carry a strict Content-Security-Policy (scripts and styles from the site
only, nothing inline) and hold nothing it would refuse; the back office's additions stay under
/admin/."""

import pytest
from django.urls import reverse

from tests.inline_code import inline_scripts, inline_styles
from tests.portal.test_accessibility import pages
from tests.portal.test_page_cache import templates_rendered  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    directives = [d.split() for d in response.headers["Content-Security-Policy"].split(";")]
    return {d[0]: d[1:] for d in directives if d}


def public_pages(library) -> list[str]:
    return [
        *pages(library),
        reverse("disclosure:apply"),
        reverse("disclosure:lookup"),
        reverse("reports:annual_list"),
        reverse("execution:plan_list"),
        reverse("accounts:login"),
        reverse("accounts:register"),
        "/no-such-page/",
    ]


def test_public_pages_have_a_strict_policy_and_nothing_inline(client, library):
    for url in public_pages(library):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        html = response.content.decode()
        assert inline_scripts(html) == [], url
        assert inline_styles(html) == [], url


def test_cached_pages_carry_the_policy(client, library, templates_rendered):  # noqa: F811
    client.get("/documents/")
    rendered = len(templates_rendered)
    again = client.get("/documents/")
    assert len(templates_rendered) == rendered, "the second answer comes from the page cache"
    assert policy(again)["script-src"] == ["'self'"]


def test_the_api_and_its_docs_have_the_strict_policy(client, library):
    for url in ["/api/documents", "/api/docs"]:
        assert policy(client.get(url))["script-src"] == ["'self'"], url


def test_the_back_office_adds_inline_script_and_style_there_only(client, library):
    directives = policy(client.get(reverse("wagtailadmin_login")))
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
