"""How a person's name is written: 张伟 (family name first, no space) when it is written in
Chinese characters, "Wei Zhang" / "Ada Lovelace" (given name first) otherwise.

Django's ``User.get_full_name`` always writes "first_name last_name" with a space ("伟 张");
gongkai.core.apps makes it use ``full_name`` so that Wagtail's user lists, workflow history,
audit log, notifications and our own pages all write names the same way.
"""

import unicodedata


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY"))


def written_in_han(text: str) -> bool:
    """Whether ``text`` contains Chinese characters (汉字)."""
    return any(_is_han(char) for char in text)


def full_name(*, given: str, family: str) -> str:
    """The name as it is written: family then given name, with nothing between, when either part
    is in Chinese characters (a name like 阿依古丽·买买提 keeps its own dot); given then family
    name, separated by a space, otherwise. Either part may be empty."""
    given, family = given.strip(), family.strip()
    if written_in_han(given + family):
        return family + given
    return " ".join(part for part in (given, family) if part)


def user_full_name(user) -> str:
    """``User.get_full_name`` in the order of the name's own script (see the module docstring)."""
    return full_name(given=user.first_name, family=user.last_name)
