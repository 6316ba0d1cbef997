"""gongkai inspections verify PLAN | export PLAN [--output FILE]: re-run a 双随机 draw from its
published inputs, or write those inputs as JSON for scripts/verify_draw.py."""

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.enforcement import services
from gongkai.enforcement.models import InspectionPlan, PlanStatus


class Command(BaseCommand):
    help = "双随机抽查：验证或导出抽取 Verify or export a random-inspection draw"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "export"])
        parser.add_argument("plan", type=int, help="plan id (抽查计划编号)")
        parser.add_argument("--output", help="export: write to this file instead of stdout")

    def handle(self, *args, action, plan, output=None, **options):
        found = InspectionPlan.objects.select_related("department").filter(pk=plan).first()
        if found is None or found.status == PlanStatus.DRAFT:
            raise CommandError(f"no published inspection plan {plan} / 没有已公布的抽查计划 {plan}")
        if action == "export":
            text = json.dumps(services.plan_export(found), ensure_ascii=False, indent=1)
            if output:
                with open(output, "w", encoding="utf-8") as f:
                    f.write(text + "\n")
            else:
                self.stdout.write(text)
            return
        checks = services.plan_verify(found)
        for check in checks:
            mark = "OK  " if check.ok else "FAIL"
            self.stdout.write(f"{mark} {check.message_zh} / {check.message_en}")
        if not all(check.ok for check in checks):
            raise CommandError("verification failed / 验证未通过")
        self.stdout.write(f"plan {found.pk}: the draw is verified / 抽取结果验证通过")
