from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _set_up_workflow(sender, **kwargs):
    # Permissions are created app by app during post_migrate; act once all exist.
    if sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return
    from gongkai.documents.setup import ensure_sign_off_workflow, name_page_workflow_in_chinese

    ensure_sign_off_workflow()
    name_page_workflow_in_chinese()


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"
    verbose_name = _("政策文件")

    def ready(self):
        from gongkai.core.pagecache import register_view_counter
        from gongkai.documents import classification_cache, media, receivers, services  # noqa: F401

        classification_cache.connect()
        media.register()
        receivers.connect_workflow_names()

        post_migrate.connect(_set_up_workflow)
        register_view_counter("document", lambda counts: services.document_add_views(counts=counts))
        register_view_counter(
            "interpretation", lambda counts: services.interpretation_add_views(counts=counts)
        )
