"""Names written in their own order: 张伟, but Ada Lovelace; the same everywhere Wagtail or
Gongkai shows a user."""

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st
from wagtail.admin.utils import get_user_display_name

from gongkai.core.names import full_name, written_in_han

han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4)
latin = st.text(st.characters(whitelist_categories=["Lu", "Ll"], max_codepoint=0x24F), min_size=1)


@pytest.mark.parametrize(
    ("given_name", "family", "written"),
    [
        ("伟", "张", "张伟"),
        ("小明", "欧阳", "欧阳小明"),
        (" 伟 ", " 张", "张伟"),
        ("阿依古丽", "买买提·", "买买提·阿依古丽"),
        ("Ada", "Lovelace", "Ada Lovelace"),
        ("Wei", "Zhang", "Wei Zhang"),
        ("", "张", "张"),
        ("Ada", "", "Ada"),
        ("", "", ""),
    ],
)
def test_examples(given_name, family, written):
    assert full_name(given=given_name, family=family) == written


@given(given_name=han, family=han)
def test_a_chinese_name_is_family_then_given_without_a_space(given_name, family):
    written = full_name(given=given_name, family=family)
    assert written == family + given_name
    assert " " not in written


@given(given_name=latin, family=latin)
def test_a_western_name_is_given_then_family(given_name, family):
    written = full_name(given=given_name.strip(), family=family.strip())
    assert not written_in_han(written)
    assert written.startswith(given_name.strip())
    assert written.endswith(family.strip())


@given(given_name=han | latin, family=han)
def test_any_han_character_puts_the_family_name_first(given_name, family):
    assert full_name(given=given_name, family=family).startswith(family.strip())


@pytest.mark.django_db
def test_users_are_shown_by_wagtail_in_the_same_order():
    user_model = get_user_model()
    zhang = user_model(username="zhangwei", first_name="伟", last_name="张")
    ada = user_model(username="ada", first_name="Ada", last_name="Lovelace")
    nameless = user_model(username="nameless")
    assert zhang.get_full_name() == get_user_display_name(zhang) == "张伟"
    assert ada.get_full_name() == get_user_display_name(ada) == "Ada Lovelace"
    assert get_user_display_name(nameless) == "nameless"


@pytest.mark.django_db
def test_the_back_office_lists_staff_by_their_written_names(client):
    from gongkai.core.roles import Role
    from tests import factories

    admin = factories.make_user(role=Role.ADMIN, is_superuser=True, username="root")
    factories.make_user(role=Role.EDITOR, username="zhangwei", first_name="伟", last_name="张")
    factories.make_user(role=Role.EDITOR, username="ada", first_name="Ada", last_name="Lovelace")
    client.force_login(admin)
    html = client.get("/admin/users/").content.decode()
    assert "张伟" in html and "伟 张" not in html
    assert "Ada Lovelace" in html
