"""gongkai spotchecks verify ID | export ID [--output FILE]: re-run a spot check's draw (抽查)
from its published inputs, or write those inputs as JSON for scripts/verify_draw.py."""

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.assessment import services
from gongkai.assessment.models import SpotCheck


class Command(BaseCommand):
    help = "政务公开抽查：验证或导出抽取 Verify or export a spot check's draw"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "export"])
        parser.add_argument("spot_check", type=int, help="spot check id (抽查编号)")
        parser.add_argument("--output", help="export: write to this file instead of stdout")

    def handle(self, *args, action, spot_check, output=None, **options):
        check = SpotCheck.objects.filter(pk=spot_check).first()
        if check is None:
            raise CommandError(f"no spot check {spot_check} / 没有编号为 {spot_check} 的抽查")
        if action == "export":
            text = json.dumps(services.spot_check_export(check), ensure_ascii=False, indent=1)
            if output:
                with open(output, "w", encoding="utf-8") as f:
                    f.write(text + "\n")
            else:
                self.stdout.write(text)
            return
        found = services.spot_check_verify(check)
        for each in found:
            mark = "OK  " if each.check.ok else "FAIL"
            where = f"{each.department}: " if each.department else ""
            self.stdout.write(f"{mark} {where}{each.check.message_zh} / {each.check.message_en}")
        if not all(each.check.ok for each in found):
            raise CommandError("verification failed / 验证未通过")
        self.stdout.write(f"spot check {check.pk}: the draw is verified / 抽取结果验证通过")
