"""Reply letters (告知书): the text rules (quotes, sentence ends, doubled marks, the regulation's
full title on first use), the layout (indents, the 落款) in the .docx and the PDF, and who signs
and who is named for review and lawsuit."""

import io
from datetime import date

import pytest
from django.core import mail
from docx import Document as DocxDocument
from hypothesis import given
from hypothesis import strategies as st

from gongkai.disclosure import services
from gongkai.disclosure.letters import (
    REGULATION,
    Letter,
    Paragraph,
    as_sentence,
    cite_regulation,
    collapse_punctuation,
    letter_docx,
    letter_paragraphs,
    letter_pdf,
    quoted,
)
from tests.disclosure.conftest import submit
from tests.disclosure.test_backoffice import register

MARKS = "，、；：。！？"


def test_quoted_text_leaves_its_full_stop_to_the_sentence():
    assert (
        quoted("请公开2025年本区财政预算执行情况的报告。")
        == "请公开2025年本区财政预算执行情况的报告"
    )
    assert quoted(" 预算；\n") == "预算"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("涉及第三方商业秘密", "涉及第三方商业秘密。"),
        ("涉及第三方商业秘密。", "涉及第三方商业秘密。"),
        ("涉及第三方商业秘密，", "涉及第三方商业秘密。"),
        ("第三方答复“不同意公开。”", "第三方答复“不同意公开。”"),
        ("第三方答复“不同意”", "第三方答复“不同意”。"),
        ("", ""),
    ],
)
def test_reasons_end_with_one_sentence_mark(text, sentence):
    assert as_sentence(text) == sentence


@given(st.text(alphabet=MARKS + "报告理由", max_size=30))
def test_no_two_marks_are_left_side_by_side(text):
    collapsed = collapse_punctuation(text)
    assert not any(
        a in MARKS and b in MARKS for a, b in zip(collapsed, collapsed[1:], strict=False)
    )


def test_collapsing_keeps_the_strongest_mark():
    assert collapse_punctuation("报告。。经审查，。") == "报告。经审查。"
    assert collapse_punctuation("是否公开？。") == "是否公开？"


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        (
            "根据《条例》第十四条和《条例》第十五条",
            f"根据{REGULATION}（以下简称《条例》）第十四条和《条例》第十五条",
        ),
        (
            f"依据{REGULATION}第三十六条、《条例》第十四条",
            f"依据{REGULATION}（以下简称《条例》）第三十六条、《条例》第十四条",
        ),
        (f"依据{REGULATION}的规定", f"依据{REGULATION}的规定"),
        ("没有提到条例", "没有提到条例"),
    ],
)
def test_the_regulation_is_named_in_full_on_first_use(text, cited):
    assert cite_regulation(text) == cited


LETTER = "张三：\n\n　　第一段。\n\n　　第二段。\n\n测试区人民政府\n2026年03月20日"


def test_paragraphs_keep_their_indent_and_the_signature_is_set_apart():
    assert letter_paragraphs(LETTER) == [
        Paragraph("张三："),
        Paragraph(""),
        Paragraph("第一段。", indent=2),
        Paragraph(""),
        Paragraph("第二段。", indent=2),
        Paragraph(""),
        Paragraph("测试区人民政府", signature=True),
        Paragraph("2026年03月20日", signature=True),
    ]


def test_an_indented_last_paragraph_is_no_signature():
    assert not any(p.signature for p in letter_paragraphs("张三：\n\n　　只有一段。"))


def _pdf_lines(pdf: bytes) -> list[tuple[float, float, str]]:
    """(left, right, text) of each printed line of the PDF."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    lines = []
    for page in extract_pages(io.BytesIO(pdf)):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                chars = (
                    [c for c in line if isinstance(c, LTChar)]
                    if isinstance(line, LTTextLine)
                    else []
                )
                if chars:
                    lines.append((chars[0].x0, chars[-1].x1, line.get_text().strip()))
    return lines


def test_pdf_keeps_the_indent_of_a_paragraph_that_wraps_and_sets_the_signature_right():
    paragraph = "　　" + "本机关收到您提出的政府信息公开申请。" * 6
    text = f"张三：\n\n{paragraph}\n\n测试区人民政府\n2026年03月20日"
    lines = _pdf_lines(letter_pdf(Letter("告知书", text, "GK-2026-000001")))
    margin = next(left for left, _right, line in lines if line == "张三：")
    wrapped = [left for left, _right, line in lines if "申请" in line]
    assert len(wrapped) >= 2
    assert wrapped[0] > margin + 20, "the first line is indented two characters"
    assert wrapped[1] == pytest.approx(margin), "the lines after it are not"
    signature = {line: (left, right) for left, right, line in lines if line[:2] in ("测试", "20")}
    assert signature["测试区人民政府"][1] == pytest.approx(signature["2026年03月20日"][1], abs=1)
    assert signature["测试区人民政府"][0] > 300, "the 落款 is set flush right"


def test_docx_indents_paragraphs_and_sets_the_signature_right():
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraphs = DocxDocument(io.BytesIO(letter_docx(Letter("告知书", LETTER, "GK")))).paragraphs
    body = next(p for p in paragraphs if p.text == "第一段。")
    assert body.paragraph_format.first_line_indent.pt == 28
    signature = next(p for p in paragraphs if p.text == "测试区人民政府")
    assert signature.alignment == WD_ALIGN_PARAGRAPH.RIGHT


@pytest.mark.django_db
def test_letter_is_signed_by_the_answering_body_and_names_review_body_and_court(
    org, today, settings
):
    settings.GONGKAI_BODY_NAME = "测试区人民政府"
    settings.GONGKAI_RECONSIDERATION_BODY = "测试市人民政府"
    settings.GONGKAI_COURT = "测试区人民法院"
    settings.WAGTAIL_SITE_NAME = "公开 Gongkai"
    today.set(date(2026, 3, 31))
    request = register(org, description="请公开2025年本区财政预算执行情况的报告。")
    reply = services.request_reply(
        request=request,
        actor=org.editor,
        outcome="withheld.third_party",
        on=date(2026, 3, 20),
        reasons="涉及第三方商业秘密，第三方不同意公开",
    )
    text = reply.letter_text
    assert "执行情况的报告”。经审查" in text
    assert "第三方不同意公开。\n" in text
    assert f"根据{REGULATION}（以下简称《条例》）第十五条、第三十二条的规定" in text
    assert "六十日内向测试市人民政府申请行政复议" in text
    assert "六个月内向测试区人民法院提起行政诉讼" in text
    assert text.endswith("测试区人民政府\n2026年03月20日")
    assert "Gongkai" not in text
    for mark in MARKS:
        assert all(f"{mark}{other}" not in text for other in MARKS)


@pytest.mark.django_db
def test_unset_settings_sign_with_the_department_and_name_review_generically(org, today, settings):
    settings.GONGKAI_BODY_NAME = ""
    settings.GONGKAI_RECONSIDERATION_BODY = settings.GONGKAI_COURT = ""
    today.set(date(2026, 3, 31))
    reply = services.request_reply(
        request=register(org), actor=org.editor, outcome="granted", on=date(2026, 3, 20)
    )
    assert reply.letter_text.endswith("财政局\n2026年03月20日")
    assert "向依法履行行政复议职责的行政机关申请行政复议" in reply.letter_text
    assert "向有管辖权的人民法院提起行政诉讼" in reply.letter_text


@pytest.mark.django_db
def test_mails_to_the_applicant_are_signed_by_the_answering_body(
    org, client, settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_BODY_NAME = "测试区人民政府"
    settings.WAGTAIL_SITE_NAME = "公开 Gongkai"
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    (acknowledgement,) = mail.outbox
    assert acknowledgement.body.rstrip().endswith("测试区人民政府")
    assert "Gongkai" not in acknowledgement.body
