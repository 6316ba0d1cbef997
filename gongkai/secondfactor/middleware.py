"""The second factor at the back office's door: after the password, a user who must pass it
reaches only the verification page (or, without an authenticator yet, the enrolment page),
besides signing in and out.

It looks only at back-office paths of requests that carry a session cookie. Reading
``request.user`` loads the session, and a loaded session makes Django answer ``Vary: Cookie``,
which would keep public pages out of the shared page cache (gongkai.core.pagecache); public
pages never need the check, and a request without a session cookie has nobody signed in.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from gongkai.secondfactor import rules, selectors

_STEP_VIEWS = {rules.VERIFY: "secondfactor_verify", rules.ENROL: "secondfactor_enrol"}
# What a signed-in user who has not passed the second factor may still open.
_OPEN_VIEWS = frozenset(
    {
        "secondfactor_verify",
        "secondfactor_enrol",
        "secondfactor_backup_codes",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
    }
)


@cache
def _back_office_prefix() -> str:
    return reverse("wagtailadmin_home")


def _view_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class SecondFactorMiddleware:
    """Install after django_otp.middleware.OTPMiddleware (it gives ``user.is_verified()``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        detour = self._detour(request)
        return redirect(detour) if detour else self.get_response(request)

    def _detour(self, request) -> str | None:
        if not request.path.startswith(_back_office_prefix()):
            return None
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        step = selectors.next_step(user)
        if step is None or _view_name(request) in _OPEN_VIEWS:
            return None
        return reverse(_STEP_VIEWS[step]) + "?" + urlencode({"next": request.get_full_path()})
