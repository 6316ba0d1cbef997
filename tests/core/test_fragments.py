"""Fragments rendered once per key (gongkai.core.templatetags.fragments): the site's chrome is
kept per language, display mode and section, and what differs per request fills its holes."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings

LOAD = "{% load fragments %}"


def render(source: str, **context) -> str:
    return Template(LOAD + source).render(Context(context))


def test_a_fragment_is_rendered_once_per_key_and_its_holes_every_time():
    source = (
        '{% fragment "t" lang %}<{{ label }}|{% hole path %}|{% hole path2 %}>{% endfragment %}'
    )
    template = Template(LOAD + source)
    first = template.render(Context({"lang": "zh", "label": "中", "path": "/a/", "path2": "<b>"}))
    again = template.render(Context({"lang": "zh", "label": "changed", "path": "/b/", "path2": ""}))
    other = template.render(Context({"lang": "en", "label": "en", "path": "/c/", "path2": "&"}))
    assert first == "<中|/a/|&lt;b&gt;>"
    assert again == "<中|/b/|>"  # the kept text with this request's holes
    assert other == "<en|/c/|&amp;>"


def test_a_hole_in_a_branch_not_taken_is_not_rendered():
    source = '{% fragment "branch" on %}{% if on %}[{% hole a %}]{% else %}({% hole b %}){% endif %}{% endfragment %}'
    assert render(source, on=True, a="x", b="y") == "[x]"
    assert render(source, on=False, a="x", b="y") == "(y)"
    assert render(source, on=True, a="z", b="y") == "[z]"


def test_a_setting_change_drops_the_kept_fragments():
    source = '{% load portal_tags %}{% fragment "site" %}{% site_name %}{% endfragment %}'
    with override_settings(WAGTAIL_SITE_NAME="甲"):
        assert render(source) == "甲"
    with override_settings(WAGTAIL_SITE_NAME="乙"):
        assert render(source) == "乙"


@pytest.mark.parametrize(
    "inside",
    [
        "{% block b %}{% endblock %}",
        "{% csrf_token %}",
        '{% include "base.html" %}',
        '{% fragment "inner" %}{% endfragment %}',
    ],
)
def test_what_would_be_kept_for_every_visitor_is_refused(inside):
    with pytest.raises(TemplateSyntaxError, match="inside a fragment"):
        Template(LOAD + '{% fragment "f" %}' + inside + "{% endfragment %}")


def switch_links(page) -> dict[str, str]:
    tools = BeautifulSoup(page.content, "html.parser").find("div", class_="header-tools")
    return {a.get_text(strip=True): a["href"] for a in tools.find_all("a")}


@pytest.mark.django_db
def test_the_kept_header_links_back_to_each_page_and_follows_language_and_mode(client):
    assert switch_links(client.get("/requests/apply/"))["English"].endswith("next=/requests/apply/")
    links = switch_links(client.get("/search/", {"q": "预算"}))
    assert links["English"].endswith("next=/search/%3Fq%3D%25E9%25A2%2584%25E7%25AE%2597")
    assert (
        links["大字版"] == "/display/?mode=large&next=/search/%3Fq%3D%25E9%25A2%2584%25E7%25AE%2597"
    )
    client.cookies["gongkai_display"] = "large"
    assert switch_links(client.get("/requests/apply/"))["标准版"].endswith("next=/requests/apply/")
    client.cookies["django_language"] = "en"
    page = client.get("/requests/apply/")
    assert switch_links(page)["中文"].endswith("next=/requests/apply/")
    nav = BeautifulSoup(page.content, "html.parser").find("nav", class_="main-nav")
    assert nav.find(attrs={"aria-current": "page"})["href"] == "/requests/apply/"
    assert BeautifulSoup(page.content, "html.parser").body["class"] == ["mode-large"]
