"""Check characters of resident ID numbers, unified social credit codes and bank cards."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.identity import (
    PROVINCE_CODES,
    luhn_ok,
    resident_id_check_char,
    uscc_check_char,
    validate_resident_id,
    validate_uscc,
)

TODAY = dt.date(2025, 6, 1)
# The example number printed in GB 11643-1999 and two published unified social credit codes.
STANDARD_ID = "11010519491231002X"
KNOWN_USCC = ("91350100M000100Y43", "91110000802100433B")
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@st.composite
def resident_ids(draw):
    region = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    rest_of_region = draw(st.integers(0, 9999))
    birth = draw(st.dates(dt.date(1900, 1, 1), TODAY))
    sequence = draw(st.integers(0, 999))
    first17 = f"{region:02d}{rest_of_region:04d}{birth:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_char(first17)


@st.composite
def usccs(draw):
    head = draw(st.text(USCC_ALPHABET, min_size=2, max_size=2))
    region = draw(st.text("0123456789", min_size=6, max_size=6))
    body = draw(st.text(USCC_ALPHABET, min_size=9, max_size=9))
    first17 = head + region + body
    return first17 + uscc_check_char(first17)


def test_the_standard_example_is_valid_in_any_case_and_width():
    assert validate_resident_id(STANDARD_ID, today=TODAY).ok
    assert validate_resident_id(STANDARD_ID.lower(), today=TODAY).ok
    full_width = STANDARD_ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert validate_resident_id(f" {full_width} ", today=TODAY).ok


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("", "empty"),
        ("1101051949123100", "format"),
        ("11010519491231002Y", "format"),
        ("99010519491231002X", "region"),
        ("110105194902300021", "birth_date"),
        ("110105180001010021", "birth_date"),
        ("110105203001010021", "birth_date_future"),
        ("110105194912310021", "check_digit"),
    ],
)
def test_a_wrong_resident_id_says_why(number, code):
    result = validate_resident_id(number, today=TODAY)
    assert (result.ok, result.code) == (False, code)
    assert result.message_zh and result.message_en


@given(resident_ids())
def test_generated_ids_are_valid(number):
    assert validate_resident_id(number, today=TODAY)


@given(resident_ids(), st.integers(0, 16), st.integers(1, 9))
def test_changing_any_one_digit_invalidates_an_id(number, position, delta):
    changed = str((int(number[position]) + delta) % 10)
    assert not validate_resident_id(
        number[:position] + changed + number[position + 1 :], today=TODAY
    )


@pytest.mark.parametrize("code", KNOWN_USCC)
def test_published_credit_codes_are_valid(code):
    assert validate_uscc(code).ok
    assert validate_uscc(code.lower()).ok


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("", "empty"),
        ("91350100M000100Y4", "format"),
        ("91350100M000100I43", "format"),  # I is not in the alphabet
        ("9135A100M000100Y43", "format"),  # positions 3-8 are the region code
        ("91350100M000100Y44", "check_digit"),
    ],
)
def test_a_wrong_credit_code_says_why(code, expected):
    result = validate_uscc(code)
    assert (result.ok, result.code) == (False, expected)
    assert result.message_zh and result.message_en


@given(usccs(), st.integers(0, 17), st.integers(1, 30))
def test_changing_any_one_character_invalidates_a_credit_code(code, position, delta):
    assert validate_uscc(code)
    alphabet = "0123456789" if 2 <= position <= 7 else USCC_ALPHABET
    old = alphabet.index(code[position])
    changed = alphabet[(old + delta) % len(alphabet)]
    if changed != code[position]:
        assert not validate_uscc(code[:position] + changed + code[position + 1 :])


@pytest.mark.parametrize(
    ("digits", "ok"),
    [("79927398713", True), ("4111111111111111", True), ("79927398710", False), ("7", False)],
)
def test_luhn(digits, ok):
    assert luhn_ok(digits) is ok


def test_luhn_refuses_non_digits():
    assert not luhn_ok("4111-1111-1111-1111")
    assert not luhn_ok("")


@given(st.text("0123456789", min_size=1, max_size=18), st.data())
def test_luhn_catches_every_single_digit_error(body, data):
    check = next(d for d in "0123456789" if luhn_ok(body + d))
    number = body + check
    position = data.draw(st.integers(0, len(number) - 1))
    delta = data.draw(st.integers(1, 9))
    changed = str((int(number[position]) + delta) % 10)
    assert not luhn_ok(number[:position] + changed + number[position + 1 :])
