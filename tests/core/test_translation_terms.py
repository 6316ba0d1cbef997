"""One English wording per Chinese term: Django merges every app's English catalogue (and
LOCALE_PATHS) into one per language, so a msgid (with the same msgctxt, or none) translated
differently in two apps shows only one of the translations everywhere, and the other app's
intended English is silently lost. Where the senses really differ, the less common use carries
a msgctxt (pgettext, {% translate … context … %}) so both translations survive."""

import gettext
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation


def english_catalogues():
    """(name, path) of each compiled English catalogue Django merges for the project."""
    for path in settings.LOCALE_PATHS:
        yield "LOCALE_PATHS", Path(path) / "en" / "LC_MESSAGES" / "django.mo"
    for app in apps.get_app_configs():
        if app.name.startswith("gongkai."):
            yield app.label, Path(app.path) / "locale" / "en" / "LC_MESSAGES" / "django.mo"


def conflicting_translations():
    """{(context, msgid): {English: [catalogues]}} for each message translated differently."""
    found = defaultdict(lambda: defaultdict(list))
    for name, path in english_catalogues():
        if not path.exists():
            continue
        with path.open("rb") as mo:
            messages = gettext.GNUTranslations(mo)._catalog
        for key, english in messages.items():
            if isinstance(key, str) and key and english:
                context, _, msgid = key.rpartition("\x04")
                found[context or None, msgid][english].append(name)
    return {key: dict(wordings) for key, wordings in found.items() if len(wordings) > 1}


@pytest.mark.parametrize(
    ("context", "msgid", "with_context", "without"),
    [
        ("verb", "公开", "Publish", "Public"),
        ("question", "问题", "Question", "Problem"),
        ("answer", "答复", "Answer", "Reply"),
        ("role", "考核", "Assessor", "Assessment"),
        ("legal basis", "依据", "Basis", "Based on"),
        ("self-check", "对象", "Target", "Object"),
    ],
)
def test_senses_that_differ_keep_both_translations(context, msgid, with_context, without):
    with translation.override("en"):
        assert translation.pgettext(context, msgid) == with_context
        assert translation.gettext(msgid) == without


def test_catalogues_are_found():
    names = {name for name, path in english_catalogues() if path.exists()}
    assert {"LOCALE_PATHS", "core", "documents", "portal", "knowledge"} <= names


def test_each_message_has_one_english_wording_across_apps():
    conflicts = conflicting_translations()
    assert not conflicts, "\n".join(
        f"{msgid!r} (context {context!r}): {wordings}"
        for (context, msgid), wordings in sorted(conflicts.items(), key=str)
    )
