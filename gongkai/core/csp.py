"""The Content-Security-Policy header (django-csp), with the back office's additions.

The public site gets CONTENT_SECURITY_POLICY as it is. Wagtail's admin under /admin/ gets
ADMIN_CONTENT_SECURITY_POLICY_UPDATE added (see settings for why), so that what the admin needs
never loosens the public pages.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


def is_back_office(path: str) -> bool:
    return path.startswith(reverse("wagtailadmin_home"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_back_office(request.path_info):
            parts.update = {**settings.ADMIN_CONTENT_SECURITY_POLICY_UPDATE, **(parts.update or {})}
        return parts
