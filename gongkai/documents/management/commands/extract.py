"""`gongkai extract FILE --json`: what extraction finds in a file, without saving anything."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.documents.extraction import ExtractionError, extract_text, read_path, to_json_dict
from gongkai.documents.import_review import REVIEWED_FIELDS
from gongkai.documents.selectors import import_review_stats


class Command(BaseCommand):
    help = (
        "显示从文件中提取的元数据、引用和任务（不保存）。"
        "Show the metadata, citations and tasks extracted from a file (nothing is saved)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", nargs="?")
        parser.add_argument(
            "--stats",
            action="store_true",
            help=_("报告提取在表单导入中的准确率（按字段，依编辑的更正计）"),
        )
        parser.add_argument(
            "--json", action="store_true", help="输出 JSON Print the result as JSON."
        )
        parser.add_argument(
            "--detailed",
            action="store_true",
            help="加上单位角色、期限、规范化文号等 Add unit roles, deadlines, the normalised number.",
        )

    def handle(self, *args, **options):
        if options["stats"]:
            self.stdout.write(_stats_table(import_review_stats()))
            return
        if not options["file"]:
            raise CommandError(_("请指定文件，或使用 --stats。"))
        try:
            result = extract_text(read_path(options["file"]))
        except ExtractionError as error:
            raise CommandError(f"{error.message_zh} / {error.message_en}")
        except OSError as error:
            raise CommandError(f"无法读取文件 Cannot read the file: {error}")
        data = to_json_dict(result, detailed=options["detailed"])
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_readable(data))


def _readable(data: dict) -> str:
    lines = []
    for key, value in data.items():
        if key == "cited":
            lines.append(f"{key}:")
            lines += [f"  {item['doc_number']} {item['title'] or ''}".rstrip() for item in value]
        elif key == "tasks":
            lines.append(f"{key}: {len(value)}")
            lines += [f"  {task['heading']} {'、'.join(task['units'])}" for task in value]
        elif isinstance(value, list):
            lines.append(f"{key}: {'、'.join(map(str, value))}")
        else:
            lines.append(f"{key}: {'' if value is None else value}")
    return "\n".join(lines)


def _stats_table(stats: dict) -> str:
    """Per field: imports reviewed, right as extracted, accuracy; and the same for the
    values extraction was sure of and those it flagged."""
    if not stats:
        return _("尚无经表单核对的导入记录。")
    lines = [f"{'field':<14}{'right':>7}{'total':>7}{'accuracy':>10}{'sure':>12}{'flagged':>12}"]
    for name in REVIEWED_FIELDS:
        levels = stats.get(name, {})
        total = sum(level["total"] for level in levels.values())
        if not total:
            continue
        corrected = sum(level["corrected"] for level in levels.values())
        right = total - corrected
        sure = levels.get("sure", {"total": 0, "corrected": 0})
        flagged_total = total - sure["total"]
        flagged_right = flagged_total - (corrected - sure["corrected"])
        lines.append(
            f"{name:<14}{right:>7}{total:>7}{right / total:>10.1%}"
            f"{_share(sure['total'] - sure['corrected'], sure['total']):>12}"
            f"{_share(flagged_right, flagged_total):>12}"
        )
    return "\n".join(lines)


def _share(right: int, total: int) -> str:
    return f"{right}/{total}" if total else "—"
