from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai.assessment import services
from gongkai.assessment.models import FindingKind


class Command(BaseCommand):
    help = "网站自查：检查公开页面的死链、个人信息、栏目更新与文件要素 Check the public site"

    def add_arguments(self, parser):
        parser.add_argument("--max-pages", type=int, help="最多抓取的页面数 Pages to crawl at most")
        parser.add_argument(
            "--external",
            action="store_true",
            help="同时检查外部链接（需要联网）Also check external links (needs the network)",
        )

    def handle(self, *args, max_pages=None, external=False, **options):
        check = services.run_health_check(max_pages=max_pages, check_external=external or None)
        counts = services.finding_counts(check)
        self.stdout.write(
            _("检查了 %(pages)d 个页面、%(links)d 个链接，用时 %(seconds).1f 秒。")
            % {"pages": check.pages, "links": check.links, "seconds": check.seconds}
        )
        for kind, count in counts.items():
            self.stdout.write(f"  {FindingKind(kind).label}: {count}")
        for label in check.veto_labels:
            self.stdout.write(self.style.ERROR(_("单项否决：%(item)s") % {"item": label}))
        if check.vetoes:
            raise SystemExit(1)
