"""Personal data of natural persons: finding and masking."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.core.identity import PROVINCE_CODES, luhn_ok, resident_id_check_char, validate_uscc
from gongkai.core.pii import (
    ADDRESS,
    BANK_CARD,
    KIND_LABELS,
    MOBILE,
    RESIDENT_ID,
    find_personal_data,
    mask_personal_data,
    mask_value,
)
from gongkai.core.textrules import find_forbidden_words, strip_control_chars

TODAY = dt.date(2025, 6, 1)
ID = "11010519491231002X"
# Text around a value that cannot join onto it (no digits).
surroundings = st.text(st.sampled_from(list("的了张三住在是，。：电话卡号身份证 abc")), max_size=12)


def kinds(text):
    return [(m.kind, m.value) for m in find_personal_data(text, today=TODAY)]


def mask(text):
    return mask_personal_data(text, today=TODAY)


@st.composite
def resident_ids(draw):
    region = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    birth = draw(st.dates(dt.date(1900, 1, 1), TODAY))
    rest = draw(st.integers(0, 9999)), draw(st.integers(0, 999))
    first17 = f"{region:02d}{rest[0]:04d}{birth:%Y%m%d}{rest[1]:03d}"
    return first17 + resident_id_check_char(first17)


@st.composite
def card_numbers(draw):
    """Luhn-valid numbers in the ranges of real cards (3 JCB/Amex, 4 Visa, 5 MC, 6 UnionPay)."""
    first = draw(st.sampled_from("3456"))
    body = draw(st.text("0123456789", min_size=11, max_size=17))
    number = next(first + body + d for d in "0123456789" if luhn_ok(first + body + d))
    # An 18-digit number with a real region and birth date reads as an ID number.
    assume(len(number) != 18 or not (int(number[:2]) in PROVINCE_CODES and _has_date(number)))
    assume(not validate_uscc(number).ok)
    return number


def _has_date(number):
    try:
        dt.datetime.strptime(number[6:14], "%Y%m%d")
    except ValueError:
        return False
    return True


mobiles = st.builds(
    lambda second, rest: f"1{second}{rest}",
    st.sampled_from("3456789"),
    st.text("0123456789", min_size=9, max_size=9),
)


# --- resident ID numbers ----------------------------------------------------------------


def test_finds_and_masks_an_id_number():
    text = f"申请人身份证号：{ID}，"
    [match] = find_personal_data(text, today=TODAY)
    assert (match.kind, match.value, match.masked, match.confidence) == (
        RESIDENT_ID,
        ID,
        "110105********002X",
        "high",
    )
    assert text[match.span[0] : match.span[1]] == ID
    assert mask(text) == "申请人身份证号：110105********002X，"


def test_a_lowercase_x_and_full_width_digits_are_found():
    assert kinds(ID.lower()) == [(RESIDENT_ID, ID.lower())]
    full_width = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert kinds(full_width) == [(RESIDENT_ID, full_width)]
    assert mask(full_width) == "110105********002X"


def test_an_id_inside_a_longer_digit_run_is_not_found():
    assert kinds(f"1{ID}") == []
    assert kinds(f"{ID[:-1]}12") == []


@given(resident_ids(), surroundings, surroundings)
def test_generated_ids_are_found_and_masked(number, before, after):
    text = before + number + after
    assert kinds(text) == [(RESIDENT_ID, number)]
    masked = mask(text)
    assert number not in masked
    assert masked == before + number[:6] + "*" * 8 + number[-4:] + after


@given(resident_ids(), st.sampled_from("0123456789X"))
def test_an_id_with_a_wrong_check_digit_is_not_found(number, wrong):
    assume(wrong != number[-1])
    assert kinds(f"身份证号{number[:-1]}{wrong}。") == []


def test_a_future_birth_date_is_not_an_id():
    first17 = "11010520300101002"
    assert kinds(first17 + resident_id_check_char(first17)) == []


# --- mobile numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "138-1234-5678",
        "138 1234 5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "8613812345678",
        "0086-13812345678",
        "１３８１２３４５６７８",
    ],
)
def test_finds_mobile_numbers_in_their_usual_forms(written):
    text = f"联系电话：{written}。"
    [match] = find_personal_data(text, today=TODAY)
    assert (match.kind, match.value, match.masked) == (MOBILE, written, "138****5678")
    assert "12345678" not in mask(text).replace("*", "")


@pytest.mark.parametrize(
    "text",
    [
        "12345678901",  # not a mobile prefix
        "2013812345678",  # inside a longer number
        "138123456789",
        "预算15000000000元",  # money
        "办公电话0851-84112345",  # office landlines are not personal
        "0851-86812345转8001",
        "服务热线12345、400-123-4567",
    ],
)
def test_not_mobile_numbers(text):
    assert [k for k, _ in kinds(text) if k == MOBILE] == []


@given(mobiles, st.sampled_from(["{}", "{0}-{1}-{2}", "{0} {1} {2}", "+86 {}", "+86-{0}-{1}-{2}"]))
def test_generated_mobiles_are_found_and_masked(number, layout):
    written = (
        layout.format(number[:3], number[3:7], number[7:])
        if "{0}" in layout
        else layout.format(number)
    )
    text = f"手机{written}，"
    assert kinds(text) == [(MOBILE, written)]
    assert mask(text) == f"手机{number[:3]}****{number[-4:]}，"


# --- bank cards -------------------------------------------------------------------------


def test_finds_grouped_and_plain_card_numbers():
    assert kinds("卡号6222 0212 3456 7890 128") == [(BANK_CARD, "6222 0212 3456 7890 128")]
    assert kinds("卡号4111-1111-1111-1111") == [(BANK_CARD, "4111-1111-1111-1111")]
    assert kinds("账号4111111111111111。") == [(BANK_CARD, "4111111111111111")]
    assert mask("卡号4111111111111111") == "卡号4111********1111"


@pytest.mark.parametrize(
    "text",
    [
        "4111111111111112",  # fails Luhn
        "14111111111111111",  # inside a longer run (this one fails Luhn as a whole too)
        "索引号20190305120000",  # a timestamp, not a card range
        "统一社会信用代码915201000000000007",
        f"身份证{ID}",
    ],
)
def test_not_card_numbers(text):
    assert [k for k, _ in kinds(text) if k == BANK_CARD] == []


@given(card_numbers(), surroundings, surroundings, st.booleans())
def test_generated_cards_are_found_and_masked(number, before, after, grouped):
    written = " ".join(number[i : i + 4] for i in range(0, len(number), 4)) if grouped else number
    text = before + written + after
    assert kinds(text) == [(BANK_CARD, written)]
    masked = mask(text)
    assert number not in masked.replace(" ", "")
    assert masked == before + number[:4] + "*" * (len(number) - 8) + number[-4:] + after


# --- addresses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address", "masked"),
    [
        (
            "家住贵州省贵阳市观山湖区长岭北路55号1栋2单元301室。",
            "贵州省贵阳市观山湖区长岭北路55号1栋2单元301室",
            "贵州省贵阳市观山湖区****",
        ),
        ("住址：阳光小区3栋502室", "阳光小区3栋502室", "****"),
        ("现住花溪区青岩镇某某村某某组12号", "花溪区青岩镇某某村某某组12号", "花溪区****"),
    ],
)
def test_home_addresses_are_found_with_low_confidence(text, address, masked):
    [match] = find_personal_data(text, today=TODAY)
    assert (match.kind, match.value, match.masked, match.confidence) == (
        ADDRESS,
        address,
        masked,
        "low",
    )


@pytest.mark.parametrize(
    "text",
    [
        "注册地址:山东省济南市高新区汉峪金谷A3区5号楼17层",  # an office, not a home
        "地址：贵阳市观山湖区长岭北路55号",
        "筑高新办函〔2019〕23号",
    ],
)
def test_office_addresses_are_not_flagged(text):
    assert [k for k, _ in kinds(text) if k == ADDRESS] == []


# --- documents as a whole ---------------------------------------------------------------


def test_public_document_text_has_no_personal_data():
    text = (
        "筑高新办函〔2019〕23号 索引号：000014349/2019-00123 2019年3月23日印发 "
        "咨询电话：0851-84112345 邮编550081 国务院令第711号 第2019001号"
    )
    assert find_personal_data(text, today=TODAY) == []
    assert mask(text) == text


def test_several_kinds_in_one_text_are_masked_in_place():
    text = f"张三（{ID}，13812345678）卡号6222 0212 3456 7890 128"
    assert mask(text) == "张三（110105********002X，138****5678）卡号6222***********0128"


def test_mask_value_refuses_unknown_kinds():
    with pytest.raises(ValueError):
        mask_value("email", "a@b.c")


def test_every_kind_has_labels():
    assert set(KIND_LABELS) == {RESIDENT_ID, MOBILE, BANK_CARD, ADDRESS}


@given(st.text())
def test_random_text_never_crashes_and_masking_leaves_no_value(text):
    found = find_personal_data(text, today=TODAY)
    for match in found:
        assert text[match.span[0] : match.span[1]] == match.value
        assert match.value != match.masked
    assert (mask(text) == text) == (not found)


@given(st.text(st.sampled_from(list("0123456789 -+X号室单元栋路村组区市")), max_size=40))
def test_digit_heavy_text_never_crashes(text):
    for match in find_personal_data(text, today=TODAY):
        assert match.value not in mask_value(match.kind, match.value)


# --- the other text checks before publication (gongkai.core.textrules) -------------------


def test_forbidden_words_are_found_whatever_their_width_case_or_spacing():
    text = "本文件含有 Ｆｏｏ 与敏\u200b感 词。"
    assert find_forbidden_words(text, ["敏感", "foo", "无关", "", "敏感"]) == ["敏感", "foo"]
    assert find_forbidden_words(text, []) == []


def test_control_and_bidi_characters_are_stripped_but_lines_kept():
    assert (
        strip_control_chars("政务\x00公开\x1b[31m\u202e\n\t第二行\ufeff")
        == "政务公开[31m\n\t第二行"
    )
