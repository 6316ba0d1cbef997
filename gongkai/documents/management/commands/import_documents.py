"""`gongkai import PATH...`: import files, folders and zip archives as draft documents."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.models import Department
from gongkai.core.progress import progress_bar
from gongkai.documents.import_files import count_sources
from gongkai.documents.importing import (
    DEFAULT_BATCH_SIZE,
    DUPLICATE,
    FAILED,
    IMPORTED,
    Importer,
    ImportSummary,
    default_workers,
    documents_import,
)


class Command(BaseCommand):
    help = (
        "导入文件（文本、网页、.docx、PDF、OFD，文件夹与 zip 压缩包）为待审签的草稿。"
        "Import files, folders and zip archives as draft documents for sign-off."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--department",
            metavar="CODE",
            help="发文机关不是已有部门时的起草部门（部门代码）。Drafting department (code) "
            "for documents whose issuer is not a known department.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="直接发布，不经审签（仅用于迁移已公开的存量文件，须管理员 --user）。Publish "
            "directly without sign-off (for migrating already-public archives; needs an "
            "administrator as --user).",
        )
        parser.add_argument("--user", metavar="USERNAME", help="导入人 The importing user.")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="提取文本的进程数 Extraction processes (default: %(default)s; 1: none).",
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--quiet",
            action="store_true",
            help="不显示进度条（不在终端时本就不显示）。No progress bar (there is none when "
            "stderr is not a terminal).",
        )

    def handle(self, *args, **options):
        department = self._department(options["department"])
        user = self._user(options["user"])
        if options["publish"]:
            try:
                Importer(department=department, user=user, publish=True)
            except PermissionDenied as error:
                raise CommandError(str(error))
        bar = progress_bar(
            total=count_sources(options["paths"]),
            unit="file",
            out=self.stderr,
            quiet=options["quiet"],
        )
        with bar:
            summary = documents_import(
                paths=options["paths"],
                department=department,
                user=user,
                publish=options["publish"],
                workers=options["workers"],
                batch_size=options["batch_size"],
                progress=lambda _outcome: bar.update(1),
            )
        self.stdout.write(format_summary(summary))

    def _department(self, code):
        if not code:
            return None
        try:
            return Department.objects.get(code=code)
        except Department.DoesNotExist:
            raise CommandError(f"没有代码为 {code} 的部门。No department has the code {code}.")

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"没有用户 {username}。No user named {username}.")


def format_summary(summary: ImportSummary) -> str:
    """The summary printed after an import: counts, then duplicates, failures and unknown
    issuers one a line."""
    lines = [
        f"导入 Imported: {summary.counts[IMPORTED]}"
        f"   重复 Duplicates: {summary.counts[DUPLICATE]}   失败 Failed: {summary.counts[FAILED]}"
    ]
    if summary.duplicates:
        lines.append("重复（已跳过）Duplicates (skipped):")
        for outcome in summary.duplicates:
            existing = f" → #{outcome.duplicate_of}" if outcome.duplicate_of else ""
            lines.append(f"  {outcome.name}{existing}: {outcome.reason}")
    if summary.failed:
        lines.append("失败 Failed:")
        lines += [f"  {outcome.name}: {outcome.reason}" for outcome in summary.failed]
    if summary.attached:
        lines.append("作为所列附件导入 Imported as listed attachments:")
        lines += [f"  {o.name} → #{o.document_id} {o.title}" for o in summary.attached]
    missing = [outcome for outcome in summary.imported if outcome.missing_attachments]
    if missing:
        lines.append(
            "附件未随文件导入（请在后台“附件”中上传）"
            "Attachments not included in the import (upload them in the back office):"
        )
        lines += [
            f"  #{o.document_id} {o.name}: {'；'.join(o.missing_attachments)}" for o in missing
        ]
    unknown = summary.unknown_issuers()
    if unknown:
        lines.append(
            "未匹配部门的发文机关（可在部门管理中添加为别名或新部门）"
            "Issuers matching no department (add them as aliases or departments):"
        )
        lines += [f"  {name} ×{count}" for name, count in unknown.most_common()]
    warned = [outcome for outcome in summary.imported if outcome.warnings]
    if warned:
        lines.append("提示 Notes:")
        lines += [f"  {o.name}: {' '.join(o.warnings)}" for o in warned]
    return "\n".join(lines)
