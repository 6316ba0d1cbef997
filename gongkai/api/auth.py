"""Authentication of the staff API: ``Authorization: Bearer TOKEN``.

Wagtail's own bearer authentication over its APIToken (see gongkai.api.services): an active
token of an active user. On success ``request.auth`` is the APIToken and ``request.user`` its
user; otherwise the API answers 401 with a Chinese and English message (gongkai.api.errors).

Two more rules:
- A token of a user who must use a second factor (审签, administrators) acts only once that user
  has a confirmed authenticator (gongkai.secondfactor.rules.token_may_act): the API is no way
  around enrolment.
- A token refused for that reason is not marked as used: "last used" tells staff which tokens
  an integration really uses.
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
        if api_token is None or api_token.may_act:
            return api_token
        request.user = AnonymousUser()
        return None

    def _touch_last_used(self, api_token):
        # Wagtail touches the token once its user is known to be active, before this class can
        # refuse it: decide here, and let authenticate() read the verdict.
        api_token.may_act = selectors.token_may_act(api_token.user)
        if api_token.may_act:
            super()._touch_last_used(api_token)
