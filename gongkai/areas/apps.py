from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_READ = [
    "areas.view_serviceguide",
    "areas.view_certificateitem",
    "areas.view_budgetdisclosure",
    "areas.view_debtdisclosure",
    "areas.view_employmentrecord",
    "areas.view_reformmeasure",
]
_EDIT = [
    *_READ,
    "areas.add_serviceguide",
    "areas.change_serviceguide",
    "areas.add_certificateitem",
    "areas.change_certificateitem",
    "areas.add_budgetdisclosure",
    "areas.change_budgetdisclosure",
    "areas.add_debtdisclosure",
    "areas.change_debtdisclosure",
    "areas.add_employmentrecord",
    "areas.change_employmentrecord",
    "areas.add_reformmeasure",
    "areas.change_reformmeasure",
]
# Taking a guide, a certificate item or a column's record (财政预决算, 政府债务, 就业, 放管服) off
# line (nobody publishes but the sign-off workflow).
_UNPUBLISH = [
    "areas.publish_serviceguide",
    "areas.publish_certificateitem",
    "areas.publish_budgetdisclosure",
    "areas.publish_debtdisclosure",
    "areas.publish_employmentrecord",
    "areas.publish_reformmeasure",
]
# Departments keep their own guides, certificate list and columns' records (department-scoped
# by the permission policy and the services), published guides, certificate items and records
# through the sign-off; the openness office takes them off line; administrators may also delete;
# assessors read.
AREAS_PERMISSIONS = {
    Role.EDITOR: _EDIT,
    Role.HEAD: _EDIT,
    Role.REVIEWER: [*_EDIT, *_UNPUBLISH],
    Role.ASSESSOR: _READ,
    Role.ADMIN: [
        *_EDIT,
        *_UNPUBLISH,
        "areas.delete_serviceguide",
        "areas.delete_certificateitem",
        "areas.delete_budgetdisclosure",
        "areas.delete_debtdisclosure",
        "areas.delete_employmentrecord",
        "areas.delete_reformmeasure",
    ],
}


def _join_sign_off_workflow(sender, **kwargs):
    # After the documents app has set the workflow up (the last app's post_migrate).
    if sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return
    from gongkai.areas.setup import ensure_areas_workflow

    ensure_areas_workflow()


class AreasConfig(AppConfig):
    name = "gongkai.areas"
    label = "areas"
    verbose_name = _("重点领域")

    def ready(self):
        from gongkai.areas import media, publication, receivers, services  # noqa: F401
        from gongkai.areas.models import (
            BudgetDisclosure,
            CertificateItem,
            DebtDisclosure,
            EmploymentRecord,
            ReformMeasure,
            ServiceGuide,
        )
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.documents import signed_off

        for role, names in AREAS_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        post_migrate.connect(_join_sign_off_workflow)
        media.register()
        signed_off.register_model(
            ServiceGuide,
            facts=publication.guide_facts,
            on_published=lambda *, obj, user: services.guide_published(guide=obj, user=user),
        )
        signed_off.register_model(
            CertificateItem,
            facts=publication.certificate_facts,
            on_published=lambda *, obj, user: services.certificate_published(item=obj, user=user),
        )
        for model, facts in (
            (BudgetDisclosure, publication.budget_facts),
            (DebtDisclosure, publication.debt_facts),
            (EmploymentRecord, publication.employment_facts),
            (ReformMeasure, publication.reform_facts),
        ):
            signed_off.register_model(
                model,
                facts=facts,
                on_published=lambda *, obj, user: services.record_published(record=obj, user=user),
            )
