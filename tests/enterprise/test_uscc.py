"""The unified social credit code's check character (GB 32100-2015)."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.enterprise import uscc

first17 = st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17)


def test_a_published_code_is_valid():
    assert uscc.is_valid("91350100M000100Y43")
    assert uscc.is_valid(" 91350100m000100y43 ")


def test_wrong_check_character_length_or_alphabet_is_refused():
    assert not uscc.is_valid("91350100M000100Y44")
    assert not uscc.is_valid("91350100M000100Y4")
    assert not uscc.is_valid("91350100M000100I43")


@given(first17)
def test_the_computed_check_character_validates(body):
    assert uscc.is_valid(body + uscc.check_character(body))


@given(first17, st.integers(min_value=0, max_value=16), st.sampled_from(uscc.ALPHABET))
def test_any_single_substitution_is_caught(body, position, char):
    code = body + uscc.check_character(body)
    changed = code[:position] + char + code[position + 1 :]
    assert uscc.is_valid(changed) == (changed == code)
