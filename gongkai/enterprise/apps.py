from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_READ = [
    "enterprise.view_enterprise",
    "enterprise.view_supportpolicy",
    "enterprise.view_programme",
    "enterprise.view_fundedproject",
]
_EDIT = [
    *_READ,
    "enterprise.add_enterprise",
    "enterprise.change_enterprise",
    "enterprise.add_supportpolicy",
    "enterprise.change_supportpolicy",
    "enterprise.add_programme",
    "enterprise.change_programme",
    "enterprise.add_fundedproject",
    "enterprise.change_fundedproject",
]
# Taking a programme off line (nobody publishes but the sign-off workflow).
_UNPUBLISH = ["enterprise.publish_programme"]
# Departments run their policies, programmes and funded projects and keep enterprise profiles,
# programmes published through the sign-off; the openness office takes them off line;
# administrators may also delete; assessors read.
ENTERPRISE_PERMISSIONS = {
    Role.EDITOR: _EDIT,
    Role.HEAD: _EDIT,
    Role.REVIEWER: [*_EDIT, *_UNPUBLISH],
    Role.ASSESSOR: _READ,
    Role.ADMIN: [
        *_EDIT,
        *_UNPUBLISH,
        "enterprise.delete_enterprise",
        "enterprise.delete_supportpolicy",
        "enterprise.delete_programme",
        "enterprise.delete_fundedproject",
    ],
}


def _join_sign_off_workflow(sender, **kwargs):
    # After the documents app has set the workflow up (the last app's post_migrate).
    if sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return
    from gongkai.enterprise.setup import ensure_programme_workflow

    ensure_programme_workflow()


class EnterpriseConfig(AppConfig):
    name = "gongkai.enterprise"
    label = "enterprise"
    verbose_name = _("政策通")

    def ready(self):
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.documents import signed_off
        from gongkai.enterprise import publication, receivers, services  # noqa: F401
        from gongkai.enterprise.models import Programme
        from gongkai.enterprise.tasks import rematch_all

        for role, names in ENTERPRISE_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        register_daily(rematch_all, at="00:05")
        post_migrate.connect(_join_sign_off_workflow)
        signed_off.register_model(
            Programme,
            facts=publication.programme_facts,
            on_published=lambda *, obj, user: services.programme_published(
                programme=obj, user=user
            ),
        )
