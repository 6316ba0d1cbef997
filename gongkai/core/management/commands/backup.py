"""`gongkai backup`: the database, the uploaded files and the keys, in one owner-only folder
(see ``gongkai.core.backups`` for its contents)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.core.backups import write_backup


class Command(BaseCommand):
    help = (
        "备份数据库、上传文件和密钥到带时间戳的文件夹。"
        "Back up the database, the uploaded files and the keys to a timestamped folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dest",
            type=Path,
            help="Directory for the backup folders (default: <GONGKAI_DATA_DIR>/backups).",
        )
        parser.add_argument(
            "--keys-dest",
            type=Path,
            help=(
                "Write the keys to this directory instead of into the backup, to keep them "
                "apart from the data; `gongkai restore --keys FILE` then needs the file."
            ),
        )

    def handle(self, *args, dest, keys_dest, **options):
        written = write_backup(Path(dest or settings.DATA_DIR / "backups"), keys_dest=keys_dest)
        for path in written:
            self.stdout.write(f"{path}  ({path.stat().st_size:,} bytes)")
        self.stdout.write(self.style.SUCCESS("备份完成。Backup complete."))
        if keys_dest:
            self.stdout.write(
                self.style.WARNING(
                    f"密钥另存于 {written[-1]}：没有它无法恢复个人信息，请妥善保管。"
                    f"The keys are in {written[-1]}: without them the personal data cannot be "
                    "restored; keep the file safe."
                )
            )
