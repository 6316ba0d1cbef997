"""Masking of enforcement decisions with real-looking personal data (regulations.md §3)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.identity import resident_id_check_char
from gongkai.enforcement import masking

TODAY = date(2026, 12, 1)


def resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


ADULT_ID = resident_id("52010219850312123")  # born 1985-03-12
MINOR_ID = resident_id("52010320100704234")  # born 2010-07-04


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张伟", "张*"),
        ("王秀英", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("司马相", "司马*"),
        ("阿依古丽·买买提", "阿***·***"),
        ("Ada Lovelace", "A** L*******"),
    ],
)
def test_names_keep_the_family_name_only(name, masked):
    assert masking.mask_name(name) == masked


def test_a_decision_text_loses_numbers_addresses_and_other_names():
    text = (
        f"当事人王秀英（身份证号码：{ADULT_ID}，住址：贵阳市云岩区中华北路88号2栋3单元501室，"
        "联系电话：13985012345，座机电话：0851-86812345）于2026年3月5日在其经营场所销售过期食品，"
        "证人刘建国在场。罚款5000元，请缴入账户6222021001122334455或当事人银行卡。"
    )
    public = masking.mask_text(text, target_name="王秀英", other_names=("刘建国",), today=TODAY)
    assert "王**" in public and "王秀英" not in public
    for secret in (ADULT_ID, "13985012345", "86812345", "刘建国", "中华北路88号", "501室"):
        assert secret not in public
    assert "6222021001122334455" not in public
    assert "罚款5000元" in public and "2026年3月5日" in public
    assert masking.problems([public], natural_names=("王秀英", "刘建国"), today=TODAY) == []


def test_the_check_blocks_every_kind_left_in_the_text():
    text = (
        f"当事人李娜，身份证{ADULT_ID}，手机138 0013 8000，家住遵义市汇川区上海路10号1栋2单元302室，"
        "联系方式 0851-6234567"
    )
    codes = {p.code for p in masking.problems([text], natural_names=("李娜",), today=TODAY)}
    assert codes == {"name", "resident_id", "mobile", "address", "landline"}


def test_office_numbers_amounts_and_dates_are_not_personal_data():
    text = "罚款15000000000元（2026-03-05），文书号黔市监罚〔2026〕12号，统一社会信用代码见公示"
    assert masking.mask_text(text, today=TODAY) == text
    assert masking.problems([text], today=TODAY) == []


def test_minors_from_the_id_number_on_the_decision_date():
    born = masking.birth_date(MINOR_ID)
    assert born == date(2010, 7, 4)
    assert masking.is_minor(born, date(2028, 7, 3))
    assert not masking.is_minor(born, date(2028, 7, 4))
    assert not masking.is_minor(masking.birth_date(ADULT_ID), TODAY)
    assert not masking.is_minor(None, TODAY)
    assert masking.is_minor(date(2008, 2, 29), date(2026, 2, 28))
    assert not masking.is_minor(date(2008, 2, 29), date(2026, 3, 1))
    assert [p.code for p in masking.problems(["当事人张*"], minor=True)] == ["minor"]


@given(
    family=st.sampled_from(["张", "王", "李", "赵", "欧阳", "诸葛"]),
    given_name=st.text(alphabet="伟芳娜敏静丽强磊军洋", min_size=1, max_size=2),
)
def test_a_masked_name_keeps_its_length_and_never_shows_the_given_name(family, given_name):
    masked = masking.mask_name(family + given_name)
    assert len(masked) == len(family + given_name)
    assert masked.startswith(family[0]) and masked.endswith("*")
    assert not any(ch in masked for ch in given_name if ch not in family)


@given(st.text(alphabet="0123456789-：电话手机当事人住址 ", max_size=60))
def test_what_is_masked_passes_the_check(text):
    public = masking.mask_text(text, today=TODAY)
    assert masking.problems([public], today=TODAY) == []
