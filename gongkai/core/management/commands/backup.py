"""`gongkai backup`: a consistent copy of the database and an archive of the uploaded files.

SQLite is copied with SQLite's online backup API while the site keeps running; PostgreSQL is
dumped with pg_dump (custom format, for pg_restore). The search index is not backed up: it is
rebuilt from the database (`gongkai reindex`).
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "备份数据库与上传文件到带时间戳的文件。"
        "Back up the database and the uploaded files to timestamped files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dest",
            type=Path,
            help="Directory for the backup files (default: <GONGKAI_DATA_DIR>/backups).",
        )

    def handle(self, *args, dest, **options):
        dest = Path(dest or settings.DATA_DIR / "backups")
        dest.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        written = [backup_database(dest / f"gongkai-{stamp}")]
        media = archive_media(Path(settings.MEDIA_ROOT), dest / f"media-{stamp}.tar.gz")
        if media:
            written.append(media)
        for path in written:
            path.chmod(0o600)  # backups hold personal data
            self.stdout.write(f"{path}  ({path.stat().st_size:,} bytes)")
        self.stdout.write(self.style.SUCCESS("备份完成。Backup complete."))


def backup_database(stem: Path) -> Path:
    """Copy the default database to ``stem`` plus the vendor's suffix; returns the file."""
    if connection.vendor == "sqlite":
        return sqlite_backup(stem.with_suffix(".sqlite3"))
    if connection.vendor == "postgresql":
        return pg_dump(stem.with_suffix(".pgdump"))
    raise CommandError(f"不支持备份该数据库。Cannot back up a {connection.vendor} database.")


def sqlite_backup(target: Path) -> Path:
    """Online backup through the open connection (consistent while others write), then check
    the copy."""
    if target.exists():
        raise CommandError(f"备份文件已存在。Backup file exists: {target}")
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise CommandError(f"备份校验失败。The copy failed its check: {verdict}")
    return target


def pg_dump(target: Path) -> Path:
    """Dump with pg_dump, connecting with the same settings as Django's ``dbshell``."""
    executable = shutil.which("pg_dump")
    if executable is None:
        raise CommandError(
            "未找到 pg_dump，请安装 PostgreSQL 客户端。pg_dump not found: install the PostgreSQL client."
        )
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    command = [executable, "--format=custom", "--no-owner", f"--file={target}", *args[1:]]
    result = subprocess.run(
        command, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    if result.returncode:
        raise CommandError(f"pg_dump 失败。pg_dump failed: {result.stderr.strip()}")
    return target


def archive_media(media_root: Path, target: Path) -> Path | None:
    """A gzipped tarball of the uploaded files, or None when there are none."""
    if not media_root.is_dir() or not any(media_root.iterdir()):
        return None
    with tarfile.open(target, "w:gz") as archive:
        archive.add(media_root, arcname="media")
    return target
