from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudioConfig(AppConfig):
    name = "gongkai.audio"
    label = "audio"
    verbose_name = _("每日一听")

    def ready(self):
        from gongkai.audio import media, receivers  # noqa: F401
        from gongkai.audio.tasks import build_daily_digest
        from gongkai.core.schedule import register_daily

        media.register()
        register_daily(build_daily_digest, at="06:30")
