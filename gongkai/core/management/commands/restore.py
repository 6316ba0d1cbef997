"""`gongkai restore BACKUP`: the database, uploaded files and keys of a `gongkai backup` folder,
into the configured database and data folder (see ``gongkai.core.backups``)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.core.backups import Backup, restore


class Command(BaseCommand):
    help = (
        "从备份文件夹恢复数据库、上传文件和密钥（请先停止网站和后台任务）。"
        "Restore the database, uploads and keys from a backup folder (stop the site and worker "
        "first)."
    )
    # The database may be empty or about to be replaced: nothing to check in it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="A folder written by `gongkai backup`.")
        parser.add_argument(
            "--keys",
            type=Path,
            help="The keys file, when `gongkai backup --keys-dest` kept it apart.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database and uploads folder that are not empty.",
        )

    def handle(self, *args, backup, keys, force, **options):
        restore(Backup.open(backup), keys_file=keys, force=force, say=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("恢复完成。Restore complete."))
        self.stdout.write(
            "下一步：gongkai migrate（升级到当前版本），gongkai reindex（重建检索索引），"
            "然后启动网站和后台任务。"
            "Next: gongkai migrate (upgrade to this version), gongkai reindex (rebuild the search "
            "index), then start the site and the worker."
        )
