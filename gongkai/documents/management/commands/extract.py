"""`gongkai extract FILE --json`: what extraction finds in a file, without saving anything."""

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.documents.extraction import ExtractionError, extract_text, read_path, to_json_dict


class Command(BaseCommand):
    help = (
        "显示从文件中提取的元数据、引用和任务（不保存）。"
        "Show the metadata, citations and tasks extracted from a file (nothing is saved)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--json", action="store_true", help="输出 JSON Print the result as JSON."
        )
        parser.add_argument(
            "--detailed",
            action="store_true",
            help="加上单位角色、期限、规范化文号等 Add unit roles, deadlines, the normalised number.",
        )

    def handle(self, *args, **options):
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
