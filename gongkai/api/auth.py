"""Authentication of the staff API: ``Authorization: Bearer TOKEN``.

Wagtail's own bearer authentication over its APIToken (see gongkai.api.services): an active
token of an active user. On success ``request.auth`` is the APIToken and ``request.user`` its
user; otherwise the API answers 401 with a Chinese and English message (gongkai.api.errors).

Two more rules:
- A token of a user who must use a second factor (审签, administrators) acts only once that user
  has a confirmed authenticator (gongkai.secondfactor.rules.token_may_act): the API is no way
  around enrolment.
- A lock-out after failed passwords (django-axes, per user name and address) does not stop the
  user's tokens: the token is a separate random secret that password guessing does not reach,
  and refusing it would let whoever guesses passwords cut an office's integration off. A leaked
  token is revoked instead (``gongkai token revoke ID``).
"""

from django.contrib.auth.models import AnonymousUser
from wagtail.api.v3.auth import BearerTokenAuth as WagtailBearerTokenAuth

from gongkai.secondfactor import selectors

__all__ = ["BearerTokenAuth"]


class BearerTokenAuth(WagtailBearerTokenAuth):
    def authenticate(self, request, token: str):
        api_token = super().authenticate(request, token)
        if api_token is None or selectors.token_may_act(request.user):
            return api_token
        request.user = AnonymousUser()
        return None
