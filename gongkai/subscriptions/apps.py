from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "gongkai.subscriptions"
    label = "subscriptions"
    verbose_name = _("政策订阅")

    def ready(self):
        from gongkai.core.schedule import register_daily
        from gongkai.subscriptions import receivers  # noqa: F401
        from gongkai.subscriptions.tasks import send_digests

        register_daily(send_digests, at="07:30")
