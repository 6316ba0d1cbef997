"""Who must pass a second factor (两步验证), and when a staff API token may act: pure rules.

- Reviewers (审签) and administrators (管理员, and every superuser) must: after the password
  they reach only the enrolment or verification pages (and sign-out) of the back office.
- Other staff may enrol from their account settings; once they have a confirmed device, their
  sign-in asks for it as well (an enrolled factor that could be skipped would protect nothing).
- The office may switch the obligation off (``GONGKAI_OTP_REQUIRED=0``, e.g. while staff get
  their phones): then nobody must enrol, and whoever has enrolled is still asked for the code.
- A staff API token of a user who must use a second factor acts only once that user has a
  confirmed device. The token is itself a random secret issued by the office
  (`gongkai token create`), so it is not asked for a code at every call; but a reviewer or
  administrator who has never set up the second factor has no token that works either, so the
  API is no way around the rule.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from gongkai.core.roles import Role

REQUIRED_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
ENROL = "enrol"
VERIFY = "verify"
BACKUP_CODE_COUNT = 10
_TOTP_CODE = re.compile(r"\d{6}")


def must_enrol(roles: Collection[str], *, enforced: bool = True) -> bool:
    """True when the roles (superusers count as administrators) make the second factor
    mandatory; never while the obligation is switched off (``enforced`` False)."""
    return enforced and bool(REQUIRED_ROLES.intersection(roles))


def requires_second_factor(
    roles: Collection[str], *, has_device: bool, enforced: bool = True
) -> bool:
    """True when a password sign-in must be followed by a code."""
    return must_enrol(roles, enforced=enforced) or has_device


def next_step(
    roles: Collection[str], *, has_device: bool, verified: bool, enforced: bool = True
) -> str | None:
    """Where a signed-in user must go before the rest of the back office: ``VERIFY`` (type a
    code), ``ENROL`` (set up the authenticator first), or None (they may pass)."""
    if verified or not requires_second_factor(roles, has_device=has_device, enforced=enforced):
        return None
    return VERIFY if has_device else ENROL


def token_may_act(roles: Collection[str], *, has_device: bool, enforced: bool = True) -> bool:
    """True when a staff API token of this user may act (see the module's docstring)."""
    return has_device or not must_enrol(roles, enforced=enforced)


def normalise_code(code: str) -> str:
    """The code as typed, without spaces or dashes, lower case (backup codes are base32)."""
    return re.sub(r"[\s-]", "", code).lower()


def is_authenticator_code(code: str) -> bool:
    """Six digits come from the authenticator app; anything else is tried as a backup code."""
    return bool(_TOTP_CODE.fullmatch(code))


def grouped(text: str, size: int = 4) -> str:
    """The secret in groups of four for typing it by hand: ``ABCD EFGH …``."""
    return " ".join(text[i : i + size] for i in range(0, len(text), size))
