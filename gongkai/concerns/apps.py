from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_READ = [
    "concerns.view_publicconcern",
    "concerns.view_concernresponse",
    "concerns.view_riskassessment",
]
_RECORD = [
    *_READ,
    "concerns.add_publicconcern",
    "concerns.change_publicconcern",
    "concerns.add_concernresponse",
    "concerns.change_concernresponse",
    "concerns.add_riskassessment",
    "concerns.change_riskassessment",
]
_APPROVE = [*_RECORD, "concerns.publish_concernresponse", "concerns.approve_riskassessment"]
# Departments record the concerns they lead, draft responses and assess their sensitive
# documents (editors); heads also publish responses and approve assessments (narrowed by
# department in gongkai.concerns.permissions); the openness office acts for every department;
# assessors read.
CONCERN_PERMISSIONS = {
    Role.EDITOR: _RECORD,
    Role.HEAD: _APPROVE,
    Role.REVIEWER: _APPROVE,
    Role.ASSESSOR: _READ,
    Role.ADMIN: _APPROVE,
}


class ConcernsConfig(AppConfig):
    name = "gongkai.concerns"
    label = "concerns"
    verbose_name = _("回应关切")

    def ready(self):
        from gongkai.concerns import publication
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.documents import signed_off

        for role, names in CONCERN_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        signed_off.register_document_check(publication.sensitive_document_problems)
