from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.audio import services
from gongkai.audio.models import AudioStatus


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"日期格式应为 YYYY-MM-DD：{value} (a date is written YYYY-MM-DD)"
        ) from error


class Command(BaseCommand):
    help = "每日一听：为已发布的解读补生成朗读音频 Read published interpretations aloud"

    def add_arguments(self, parser):
        parser.add_argument(
            "--backfill",
            action="store_true",
            help="为没有音频、生成失败或文字已改的解读生成音频 "
            "Read the interpretations with no reading, a failed one, or a changed text",
        )
        parser.add_argument(
            "--since",
            type=_day,
            help="只处理此日期（YYYY-MM-DD）以后首次发布的解读 "
            "Only interpretations first published on or after this date",
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="在本进程中立即生成，不交给后台任务 Read them here and now, not on the worker",
        )

    def handle(self, *args, backfill=False, since=None, now=False, **options):
        if not backfill:
            raise CommandError("请指定 --backfill (nothing to do: pass --backfill)")
        if not now:
            queued = services.backfill(since=since)
            self.stdout.write(
                _("已排队 %(count)d 篇解读，由后台任务（gongkai worker）生成。")
                % {"count": len(queued)}
            )
            return
        wanted = services.readings_to_make(since=since)
        failed = 0
        for pk in wanted:
            spoken = services.speak_interpretation(pk)
            if spoken is not None and spoken.status == AudioStatus.FAILED:
                failed += 1
                self.stderr.write(f"{pk}: {spoken.error}")
        self.stdout.write(
            _("已处理 %(count)d 篇解读，失败 %(failed)d 篇。")
            % {"count": len(wanted), "failed": failed}
        )
        if failed:
            raise SystemExit(1)
