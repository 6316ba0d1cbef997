"""Every string Wagtail (and taggit) can show in the back office has Chinese: the check is
generated from the packages' own English catalogues (locale/en/.../django.po, the admin's
djangojs.po), so a Wagtail upgrade that adds strings fails here and names them. Wagtail's
zh_Hans catalogue lacks some; gongkai/locale/zh_Hans fills the gaps (django.po, and
djangojs.po, which Django's JavaScriptCatalog merges over the package's)."""

import ast
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from gongkai.core.roles import Role
from tests import factories

# An English word left after removing placeholders and names: such a msgid must be translated.
PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sdifr%]|\{[^}]*\}|<[^>]*>")
NAMES = re.compile(r"Wagtail|API|URL|ID|UUID|HTML|CSV|XLSX|TSV|JSON|SVG|ALT|RSS")
WORD = re.compile(r"[A-Za-z]{3,}")
STRING = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def catalogue(path):
    """(context, msgid, msgid_plural) of each live entry of a .po file."""
    entries, entry, field = [], {}, None
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        match = STRING.match(line)
        if match:
            field = match.group(1)
            if field == "msgctxt" or (field == "msgid" and "msgid" in entry):
                entries.append(entry)
                entry = {}
            entry[field] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
        elif not line.startswith("#~"):
            field = None
    entries.append(entry)
    return [
        (entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"))
        for entry in entries
        if entry.get("msgid")
    ]


def wagtail_catalogues(domain):
    for app in apps.get_app_configs():
        if app.name.startswith("wagtail") or app.name == "taggit":
            path = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                yield app.name, path


def needs_translation(msgid):
    return bool(WORD.search(NAMES.sub("", PLACEHOLDER.sub("", msgid))))


def test_catalogue_reader_reads_contexts_plurals_and_continued_lines(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\nmsgctxt "verb"\nmsgid "Save"\nmsgstr ""\n\n'
        'msgid ""\n"Two "\n"lines \\"quoted\\""\nmsgstr ""\n\n'
        'msgid "1 page"\nmsgid_plural "%(n)s pages"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        '#~ msgid "Obsolete"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    assert catalogue(po) == [
        ("verb", "Save", None),
        (None, 'Two lines "quoted"', None),
        (None, "1 page", "%(n)s pages"),
    ]
    assert needs_translation("%(count)s page") and not needs_translation("%(num)s %(unit)s")
    assert not needs_translation("Wagtail API v3")


def test_every_wagtail_string_has_chinese():
    untranslated = {}
    with translation.override("zh-hans"):
        for app, path in wagtail_catalogues("django"):
            for context, msgid, plural in catalogue(path):
                if plural:
                    shown = (
                        translation.npgettext(context, msgid, plural, 1)
                        if context
                        else translation.ngettext(msgid, plural, 1)
                    )
                else:
                    shown = (
                        translation.pgettext(context, msgid)
                        if context
                        else translation.gettext(msgid)
                    )
                if shown == msgid and needs_translation(msgid):
                    untranslated.setdefault(app, []).append(msgid)
    assert untranslated == {}


@pytest.mark.django_db
def test_every_wagtail_admin_script_string_has_chinese(client):
    client.force_login(factories.staff_user(Role.EDITOR, factories.department("产业发展局")))
    response = client.get(
        reverse("wagtailadmin_javascript_catalog"), headers={"accept-language": "zh-hans"}
    )
    shown = json.loads(
        re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S).group(1)
    )
    [(_, path)] = [entry for entry in wagtail_catalogues("djangojs") if entry[0] == "wagtail.admin"]
    untranslated = [
        msgid
        for context, msgid, _plural in catalogue(path)
        if needs_translation(msgid) and (f"{context}\x04{msgid}" if context else msgid) not in shown
    ]
    assert untranslated == []
