"""`gongkai audit verify|seal|checkpoint`: check, seal and checkpoint the audit log."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import audit


class Command(BaseCommand):
    help = (
        "审计日志：校验整条哈希链（有问题时退出码非零）、封存新记录、写入检查点。"
        "Audit log: verify the whole hash chain (non-zero exit on a problem), seal new events, "
        "write a checkpoint."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        actions.add_parser(
            "verify",
            help="校验整个日志与检查点，指出首个异常记录。Check the whole log and its checkpoints; "
            "name the first bad row.",
        )
        seal = actions.add_parser(
            "seal", help="把未封存的记录链入哈希链。Link the unsealed events into the chain."
        )
        seal.add_argument(
            "--margin",
            type=float,
            default=None,
            help="Seconds an event after a gap in the ids must have waited "
            "(default: settings.AUDIT_SEAL_MARGIN).",
        )
        checkpoint = actions.add_parser(
            "checkpoint",
            help="封存后把链头写入检查点表与检查点文件。Seal, then write the chain's head to the "
            "checkpoint table and file.",
        )
        checkpoint.add_argument(
            "--force", action="store_true", help="Write one even if the head has not moved."
        )

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _verify(self, **options):
        result = audit.verify_and_store()
        if not result.ok:
            raise CommandError(
                f"审计日志校验失败，首个异常记录：{_row(result.first_bad_event_id)}。"
                f"{result.problem}\nThe audit log failed verification; first bad row: "
                f"{_row(result.first_bad_event_id, 'en')}. {result.problem_en}",
                returncode=1,
            )
        self.stdout.write(
            f"审计日志完整：已封存 {result.sealed} 条，未封存 {result.unsealed} 条。\n"
            f"The audit log is intact: {result.sealed} events sealed, "
            f"{result.unsealed} not sealed yet."
        )

    def _seal(self, *, margin, **options):
        count = audit.seal(margin=margin)
        self.stdout.write(f"已封存 {count} 条。Sealed {count} events.")

    def _checkpoint(self, *, force, **options):
        audit.seal()
        point = audit.checkpoint(force=force)
        if point is None:
            self.stdout.write("链头未变，未写入检查点。The head has not moved: no checkpoint.")
            return
        self.stdout.write(
            f"检查点：{point.count} 条，链头 {point.head_hash}（{audit.checkpoint_file()}）。\n"
            f"Checkpoint: {point.count} events, head {point.head_hash} "
            f"({audit.checkpoint_file()})."
        )


def _row(event_id, language="zh") -> str:
    if event_id is None:
        return "检查点文件" if language == "zh" else "the checkpoint file"
    return f"审计日志 {event_id}" if language == "zh" else f"event {event_id}"
