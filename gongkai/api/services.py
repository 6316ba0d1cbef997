"""State changes of the API app: staff API tokens.

The tokens are Wagtail's (``wagtail.models.APIToken``: only an HMAC-SHA-256 digest of the
token is stored, the plaintext is shown once) so that the back office's token screens and
Wagtail's bearer authentication work on the same rows; these services add our audit log.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import APIToken

from gongkai.core import audit

DEFAULT_TOKEN_NAME = "命令行创建 created from the command line"  # noqa: S105 (a label)


@transaction.atomic
def api_token_create(*, user, name: str = "", actor=None) -> tuple[str, APIToken]:
    """Create a token for ``user``; returns the plaintext (shown once, never stored) and the row."""
    if not user.is_active:
        raise ValidationError(_("该用户已停用，不能创建令牌。"))
    token, plaintext = APIToken.create_token(user=user, name=name.strip() or DEFAULT_TOKEN_NAME)
    audit.record(
        actor=actor if actor is not None else user,
        action="api_token.create",
        obj=token,
        after={"user": user.get_username(), "name": token.name, "prefix": token.prefix},
    )
    return plaintext, token


@transaction.atomic
def api_token_revoke(*, token: APIToken, actor=None, reason: str = "") -> APIToken:
    """Revoke ``token``: it stops authenticating at once. Revoking twice changes nothing."""
    if token.revoked_at is not None:
        return token
    token.revoke()
    audit.record(
        actor=actor,
        action="api_token.revoke",
        obj=token,
        after={"user": token.user.get_username(), "prefix": token.prefix},
        reason=reason,
    )
    return token
