"""Pure rules: how a visitor's name, number and address appear to others."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.accounts.masking import mask_email, mask_mobile, mask_name, normalise_mobile


def test_a_name_shows_its_first_character_only():
    assert mask_name("张三丰") == "张**"
    assert mask_name("张三") == "张**"
    assert mask_name("欧阳娜娜") == "欧**"
    assert mask_name(" Zhang Wei ") == "Z**"
    assert mask_name("") == "**"


@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_a_masked_name_never_reveals_more_than_one_character_or_the_length(name):
    masked = mask_name(name)
    assert masked == name.strip()[0] + "**"


def test_mobile_and_email_masks():
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("+86 138-1234-5678") == "138****5678"
    assert mask_mobile("12-345") == "*****"
    assert mask_email("zhang.san@example.com") == "z***@example.com"
    assert mask_email("not an address") == "***"


def test_mobile_numbers_are_normalised_or_refused():
    assert normalise_mobile("138 1234 5678") == "13812345678"
    assert normalise_mobile("+86-138-1234-5678") == "13812345678"
    assert normalise_mobile("12812345678") is None  # no such number plan
    assert normalise_mobile("0851-12345678") is None  # a landline
    assert normalise_mobile("") is None
