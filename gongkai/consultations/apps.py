from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_FOLLOW = [
    "consultations.view_consultation",
    "consultations.view_comment",
    "consultations.view_adoptionreport",
]
_DRAFT = [
    *_FOLLOW,
    "consultations.add_consultation",
    "consultations.change_consultation",
    "consultations.moderate_comment",
    "consultations.change_adoptionreport",
]
# Taking a consultation or a report off line (nobody publishes but the sign-off workflow).
_OFFICE = [*_DRAFT, "consultations.publish_consultation", "consultations.publish_adoptionreport"]
# Drafting departments consult, moderate and dispose of the comments on their own consultations
# (narrowed by department in gongkai.consultations.permissions) and draft the adoption report,
# generated from the dispositions (``services.report_generate``, no "add"), which goes through
# the sign-off workflow like the consultation; the openness office may act for every
# department; assessors read.
CONSULTATION_PERMISSIONS = {
    Role.EDITOR: _DRAFT,
    Role.HEAD: _DRAFT,
    Role.REVIEWER: _OFFICE,
    Role.ASSESSOR: _FOLLOW,
    Role.ADMIN: [*_OFFICE, "consultations.delete_consultation"],
}


def _join_sign_off_workflow(sender, **kwargs):
    # After the documents app has set the workflow up (the last app's post_migrate).
    if sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return
    from gongkai.consultations.setup import ensure_consultation_workflow

    ensure_consultation_workflow()


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = _("决策预公开")

    def ready(self):
        from gongkai.accounts.my_items import register_provider
        from gongkai.consultations import publication, receivers, services  # noqa: F401
        from gongkai.consultations.models import AdoptionReport, Consultation
        from gongkai.consultations.selectors import my_comments
        from gongkai.consultations.tasks import refresh_consultation_pages
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.documents import signed_off

        for role, names in CONSULTATION_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        post_migrate.connect(_join_sign_off_workflow)
        signed_off.register_model(
            Consultation,
            facts=publication.consultation_facts,
            on_published=lambda *, obj, user: services.consultation_published(
                consultation=obj, user=user
            ),
        )
        signed_off.register_model(
            AdoptionReport,
            facts=publication.report_facts,
            on_published=lambda *, obj, user: services.report_published(report=obj, user=user),
        )
        signed_off.register_document_check(publication.major_decision_problems)
        register_provider("consultations", _("意见建议"), my_comments, order=10)
        register_daily(refresh_consultation_pages, at="00:01")
