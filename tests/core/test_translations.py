"""Message catalogues folded into one level (gongkai.core.translations): every message reads the
same as through Django's chain of fallbacks."""

from gettext import GNUTranslations

import pytest
from django.utils.translation import trans_real

from gongkai.core.translations import flatten


def chain(translation) -> list:
    found, fallback = [], translation._fallback
    while fallback is not None:
        found.append(fallback)
        fallback = fallback._fallback
    return found


def every_message(translation) -> set:
    keys = set(translation._catalog.keys())
    for fallback in chain(translation):
        keys.update(getattr(fallback, "_catalog", {}) or {})
    return keys


def readings(translation, keys) -> dict:
    read = {}
    for key in keys:
        if isinstance(key, tuple):  # (singular, plural form index): ask for 1 and 2
            read[key] = (
                translation.ngettext(key[0], key[0], 1),
                translation.ngettext(key[0], key[0], 2),
            )
        elif "\x04" in key:  # context\x04message
            read[key] = translation.pgettext(*key.split("\x04", 1))
        else:
            read[key] = translation.gettext(key)
    return read


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_message_reads_the_same_after_flattening(language):
    translation = trans_real.DjangoTranslation(language)
    keys = every_message(translation) | {"申请已提交", "no such message"}
    before = readings(translation, keys)

    flatten(translation)

    assert not [f for f in chain(translation) if type(f) is GNUTranslations]
    assert readings(translation, keys) == before


def test_zh_hans_had_a_chain_of_fallbacks_to_fold():
    """The case this is for: Wagtail's zh catalogues chained behind the merged zh_Hans one."""
    translation = trans_real.DjangoTranslation("zh-hans")
    folded = [f for f in chain(translation) if type(f) is GNUTranslations]
    catalogues = len(translation._catalog._catalogs)

    flatten(translation)
    flatten(translation)  # a second time changes nothing

    assert folded
    assert len(translation._catalog._catalogs) == catalogues + len(folded)


@pytest.mark.django_db
def test_a_request_flattens_the_language_it_shows(client):
    client.get("/requests/apply/")

    assert type(trans_real.translation("zh-hans")._fallback) is not GNUTranslations
