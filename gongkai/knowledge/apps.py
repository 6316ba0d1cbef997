from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_READ = ["knowledge.view_policyanswer"]
_DRAFT = [*_READ, "knowledge.add_policyanswer", "knowledge.change_policyanswer"]
_REVIEW = [*_DRAFT, "knowledge.review_policyanswer"]
# Departments write the entries of their field and promote their own good replies (narrowed
# by department in gongkai.knowledge.permissions); heads review entries flagged 待复核; the
# openness office signs off, takes entries off line and may act for every department;
# assessors read.
KNOWLEDGE_PERMISSIONS = {
    Role.EDITOR: _DRAFT,
    Role.HEAD: _REVIEW,
    Role.REVIEWER: [*_REVIEW, "knowledge.publish_policyanswer"],
    Role.ASSESSOR: _READ,
    Role.ADMIN: [*_REVIEW, "knowledge.publish_policyanswer", "knowledge.delete_policyanswer"],
}


def _join_sign_off_workflow(sender, **kwargs):
    # After the documents app has set the workflow up (the last app's post_migrate).
    if sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return
    from gongkai.knowledge.setup import ensure_answer_workflow

    ensure_answer_workflow()


class KnowledgeConfig(AppConfig):
    name = "gongkai.knowledge"
    label = "knowledge"
    verbose_name = _("政策问答库")

    def ready(self):
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.documents import signed_off
        from gongkai.knowledge import publication, receivers, services  # noqa: F401
        from gongkai.knowledge.models import PolicyAnswer

        for role, names in KNOWLEDGE_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        post_migrate.connect(_join_sign_off_workflow)
        signed_off.register_model(
            PolicyAnswer,
            facts=publication.answer_facts,
            on_published=lambda *, obj, user: services.answer_published(answer=obj, user=user),
        )
