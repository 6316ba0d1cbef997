from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _set_up_roles(sender, **kwargs):
    # Permissions are created app by app during post_migrate; act once all exist.
    if sender is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return
    from gongkai.core.setup import ensure_role_groups

    ensure_role_groups()


def _link_files_to_the_staff_view():
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    from gongkai.core.widgets import StaffFileInput

    register_form_field_override(
        models.FileField, override={"widget": StaffFileInput}, exact_class=True
    )


def _write_names_in_their_own_order():
    """Wagtail shows users through ``user.get_full_name()`` (wagtail.admin.utils.
    get_user_display_name) and the project keeps Django's User model, so the one place to write
    张伟 rather than "伟 张" everywhere is that method (gongkai.core.names)."""
    from django.contrib.auth import get_user_model

    from gongkai.core.names import user_full_name

    get_user_model().get_full_name = user_full_name


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        from gongkai.core import media_wagtail, signals  # noqa: F401

        media_wagtail.register()
        _link_files_to_the_staff_view()
        _write_names_in_their_own_order()

        post_migrate.connect(_set_up_roles)

        from gongkai.core.schedule import register_daily
        from gongkai.core.tasks import prune_task_results

        register_daily(prune_task_results, at="03:00")
