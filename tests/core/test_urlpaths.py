"""reverse_id gives reverse()'s address for every id, under a script prefix, a request's own
urlconf and a changed ROOT_URLCONF."""

import pytest
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    clear_script_prefix,
    include,
    path,
    reverse,
    set_script_prefix,
    set_urlconf,
)

from gongkai.core.urlpaths import _PLACEHOLDER, reverse_id

# The urlconf of the override tests: the portal under another path.
urlpatterns = [path("library/", include("gongkai.portal.urls"))]

IDS = [0, 1, 7, 42, 1000, int(_PLACEHOLDER), 10**15]
ROUTES = ["portal:document_detail", "portal:interpretation_detail"]


@pytest.mark.parametrize("viewname", ROUTES)
def test_every_id_gets_reverses_address(viewname):
    for pk in IDS:
        assert reverse_id(viewname, pk) == reverse(viewname, args=[pk])
    assert reverse_id(viewname, 42) != reverse_id(viewname, 43)


def test_the_script_prefix_of_the_request_is_kept():
    assert reverse_id("portal:document_detail", 5) == "/documents/5/"
    set_script_prefix("/gov/")
    try:
        assert reverse_id("portal:document_detail", 5) == "/gov/documents/5/"
    finally:
        clear_script_prefix()
    assert reverse_id("portal:document_detail", 5) == "/documents/5/"


def test_a_changed_root_urlconf_is_followed():
    assert reverse_id("portal:document_detail", 5) == "/documents/5/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse_id("portal:document_detail", 5) == "/library/documents/5/"
    assert reverse_id("portal:document_detail", 5) == "/documents/5/"


def test_a_requests_own_urlconf_is_followed():
    assert reverse_id("portal:document_detail", 5) == "/documents/5/"
    set_urlconf(__name__)
    try:
        assert reverse_id("portal:document_detail", 5) == "/library/documents/5/"
    finally:
        set_urlconf(None)
    assert reverse_id("portal:document_detail", 5) == "/documents/5/"


def test_what_is_not_an_id_is_reversed_as_reverse_does():
    assert reverse_id("portal:document_detail", "5") == "/documents/5/"
    for value in (None, -1):
        with pytest.raises(NoReverseMatch):
            reverse_id("portal:document_detail", value)
