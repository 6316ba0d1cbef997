"""A label's colon follows the reader's language: 答复部门： in Chinese, "Answering department: "
in English. Templates write it with ``{% colon %}``; a full-width colon typed after a tag or a
variable would show in English pages too, so the templates are checked for it."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from gongkai.portal.localize import label_colon
from tests.factories import make_department
from tests.knowledge.conftest import make_answer

APP_ROOT = Path(__file__).resolve().parents[2] / "gongkai"
# A full-width colon right after a template tag or variable, outside {% blocktrans %} (whose
# whole sentence is translated).
TYPED_COLON = re.compile(r"(%\}|\}\})：")
BLOCKTRANS = re.compile(r"\{%\s*blocktrans.*?\{%\s*endblocktrans\s*%\}", re.S)


@pytest.mark.parametrize(("language", "colon"), [("zh-hans", "："), ("en", ": ")])
def test_the_colon_of_each_language(language, colon):
    with translation.override(language):
        assert label_colon() == colon


def test_no_template_types_a_chinese_colon_after_a_label():
    typed = []
    for template in sorted(APP_ROOT.rglob("templates/**/*.html")):
        text = BLOCKTRANS.sub("", template.read_text(encoding="utf-8"))
        typed += [
            f"{template.relative_to(APP_ROOT)}:{text[: m.start()].count(chr(10)) + 1}"
            for m in TYPED_COLON.finditer(text)
        ]
    assert typed == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [("zh-hans", "答复部门：区人社局"), ("en", "Answering department: 区人社局")],
)
def test_a_label_on_a_page_reads_in_the_language_of_the_page(client, language, label):
    make_answer(department=make_department(name="区人社局"))
    client.cookies["django_language"] = language
    page = client.get("/interaction/answers/").content.decode()
    assert label in page
