from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    name = "gongkai.execution"
    label = "execution"
    verbose_name = _("执行公开 Execution")
