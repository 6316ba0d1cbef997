"""Who must pass a second factor, and when a staff API token may act (pure rules)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.roles import Role
from gongkai.secondfactor import rules


@pytest.mark.parametrize(
    ("roles", "required"),
    [
        ({Role.REVIEWER}, True),
        ({Role.ADMIN}, True),
        ({Role.EDITOR, Role.REVIEWER}, True),
        ({Role.EDITOR}, False),
        ({Role.HEAD}, False),
        ({Role.ASSESSOR}, False),
        (set(), False),
    ],
)
def test_reviewers_and_administrators_must_enrol(roles, required):
    assert rules.must_enrol(roles) is required


def test_an_optional_user_who_enrolled_is_asked_for_the_code():
    assert rules.requires_second_factor({Role.EDITOR}, has_device=False) is False
    assert rules.requires_second_factor({Role.EDITOR}, has_device=True) is True
    assert rules.requires_second_factor({Role.REVIEWER}, has_device=False) is True


def test_a_required_users_token_acts_only_once_they_have_a_device():
    assert rules.token_may_act({Role.REVIEWER}, has_device=False) is False
    assert rules.token_may_act({Role.ADMIN}, has_device=True) is True
    assert rules.token_may_act({Role.EDITOR}, has_device=False) is True


def test_codes_as_typed():
    assert rules.normalise_code(" 123 456 ") == "123456"
    assert rules.normalise_code("ABCD-EFGH") == "abcdefgh"
    assert rules.is_authenticator_code("123456")
    assert not rules.is_authenticator_code("12345")
    assert not rules.is_authenticator_code("abcdefgh")


def test_secret_in_groups_of_four():
    assert rules.grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"


ROLE_SETS = st.sets(st.sampled_from(list(Role)))


@given(roles=ROLE_SETS, has_device=st.booleans(), enforced=st.booleans())
def test_a_verified_user_always_passes(roles, has_device, enforced):
    assert rules.next_step(roles, has_device=has_device, verified=True, enforced=enforced) is None


@given(roles=ROLE_SETS, enforced=st.booleans())
def test_an_enrolled_user_who_has_not_typed_the_code_is_sent_to_verify(roles, enforced):
    step = rules.next_step(roles, has_device=True, verified=False, enforced=enforced)
    assert step == rules.VERIFY


@given(roles=ROLE_SETS, enforced=st.booleans())
def test_without_a_device_only_a_required_role_is_sent_to_enrol(roles, enforced):
    step = rules.next_step(roles, has_device=False, verified=False, enforced=enforced)
    required = enforced and bool({Role.REVIEWER, Role.ADMIN} & roles)
    assert step == (rules.ENROL if required else None)


def test_switched_off_nobody_must_enrol_and_every_token_acts():
    assert not rules.must_enrol({Role.ADMIN}, enforced=False)
    assert rules.token_may_act({Role.REVIEWER}, has_device=False, enforced=False)
    assert rules.requires_second_factor({Role.REVIEWER}, has_device=True, enforced=False)
