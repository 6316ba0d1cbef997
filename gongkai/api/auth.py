"""Authentication of the staff API: ``Authorization: Bearer TOKEN``.

Wagtail's own bearer authentication over its APIToken (see gongkai.api.services): an active
token of an active user. On success ``request.auth`` is the APIToken and ``request.user`` its
user; otherwise the API answers 401 with a Chinese and English message (gongkai.api.errors).
"""

from wagtail.api.v3.auth import BearerTokenAuth

__all__ = ["BearerTokenAuth"]
