"""The staff API (工作人员接口), authenticated with ``Authorization: Bearer TOKEN``.

Tokens: ``gongkai token create USERNAME`` (gongkai.api.management.commands.token), or the back
office's API token screens. Other apps' staff routers declare ``auth=BearerTokenAuth()``
(gongkai.api.auth) and are mounted in gongkai/api/api.py; their views get the user as
``request.user`` and the token (wagtail.models.APIToken) as ``request.auth``.
"""

from django.http import HttpRequest
from ninja import Router, Schema

from gongkai.api.auth import BearerTokenAuth

router = Router(auth=BearerTokenAuth(), tags=["staff 工作人员"])


class MeOut(Schema):
    username: str
    full_name: str
    department: str | None
    token_name: str
    token_prefix: str


@router.get("/me", response=MeOut)
def me(request: HttpRequest):
    """当前令牌的用户: lets a client check its token."""
    user = request.user
    profile = getattr(user, "staff_profile", None)
    department = profile.department if profile else None
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "department": department.name if department else None,
        "token_name": request.auth.name,
        "token_prefix": request.auth.prefix,
    }
