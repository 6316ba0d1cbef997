"""Backups that restore: the database, the uploaded files and the keys, in one folder.

A backup is a folder ``gongkai-YYYYmmdd-HHMMSS/`` (owner-only, 0700) holding

- ``database.sqlite3`` (SQLite's online backup API: consistent while the site runs) or
  ``database.pgdump`` (``pg_dump --format=custom``),
- ``media.tar.gz``, the uploaded files (absent when there are none),
- ``keys.json``, the secret key and the field-encryption keys: without them the applicants'
  encrypted data cannot be read. ``gongkai backup --keys-dest DIR`` writes this file elsewhere
  instead (e.g. to another medium), and ``gongkai restore --keys FILE`` takes it from there,
- ``manifest.json``: format, database vendor, time, and the SHA-256 of each file, checked before
  a restore touches anything.

Every file is owner-only (0600): a backup holds personal data. The search index is not backed
up: it is rebuilt from the database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from gongkai.core.secrets import (
    FIELD_KEY_FILE,
    OWNER_ONLY_DIR,
    OWNER_ONLY_FILE,
    SECRET_KEY_FILE,
    field_keys,
    private_dir,
    split_keys,
    write_private_file,
)

FORMAT = 1
MANIFEST = "manifest.json"
KEYS = "keys.json"
MEDIA = "media.tar.gz"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(CommandError):
    """A backup cannot be written or restored; the message says why, in Chinese and English."""


@dataclass(frozen=True)
class Keys:
    secret_key: str
    field_keys: tuple[str, ...]

    @classmethod
    def in_use(cls) -> Keys:
        return cls(secret_key=settings.SECRET_KEY, field_keys=field_keys())

    @classmethod
    def read(cls, path: Path) -> Keys:
        try:
            data = json.loads(path.read_text())
            return cls(secret_key=data["secret_key"], field_keys=tuple(data["field_keys"]))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise BackupError(f"无法读取密钥文件。Cannot read the keys file {path}: {error}")

    def write(self, path: Path) -> Path:
        text = json.dumps({"secret_key": self.secret_key, "field_keys": list(self.field_keys)})
        return write_private_file(path, text + "\n")


# -- backing up ---------------------------------------------------------------------------------


def write_backup(dest: Path, *, keys_dest: Path | None = None) -> list[Path]:
    """Write a backup folder under ``dest``; returns the files written (the keys file last)."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    folder = private_dir(dest) / f"gongkai-{stamp}"
    try:
        folder.mkdir(mode=OWNER_ONLY_DIR)
    except FileExistsError:
        raise BackupError(f"备份已存在。Backup exists: {folder}")
    folder.chmod(OWNER_ONLY_DIR)
    written = [backup_database(folder / DATABASE_FILES.get(connection.vendor, "database"))]
    media = archive_media(Path(settings.MEDIA_ROOT), folder / MEDIA)
    if media:
        written.append(media)
    keys_file = (private_dir(keys_dest) / f"gongkai-{stamp}-keys.json") if keys_dest else None
    keys = Keys.in_use().write(keys_file or folder / KEYS)
    for path in written:
        path.chmod(OWNER_ONLY_FILE)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "keys": "separate" if keys_file else "included",
        "files": {path.name: sha256_of(path) for path in [*written, keys] if path.parent == folder},
    }
    written.append(write_private_file(folder / MANIFEST, json.dumps(manifest, indent=2) + "\n"))
    return [*written, keys]


def backup_database(target: Path) -> Path:
    if connection.vendor == "sqlite":
        return sqlite_backup(target)
    if connection.vendor == "postgresql":
        return pg_dump(target)
    raise BackupError(f"不支持备份该数据库。Cannot back up a {connection.vendor} database.")


def sqlite_backup(target: Path) -> Path:
    """Online backup through the open connection (consistent while others write), then check
    the copy."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise BackupError(f"备份校验失败。The copy failed its check: {verdict}")
    return target


def pg_dump(target: Path) -> Path:
    options, dbname, env = _pg_connection()
    _run_pg("pg_dump", ["--format=custom", "--no-owner", f"--file={target}", *options, dbname], env)
    return target


def archive_media(media_root: Path, target: Path) -> Path | None:
    """A gzipped tarball of the uploaded files, or None when there are none."""
    if not media_root.is_dir() or not any(media_root.iterdir()):
        return None
    with tarfile.open(target, "w:gz") as archive:
        archive.add(media_root, arcname="media")
    return target


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- restoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backup:
    folder: Path
    manifest: dict

    @classmethod
    def open(cls, folder: Path) -> Backup:
        """Read and check a backup folder: its manifest, and every file against its hash."""
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
        except (OSError, ValueError) as error:
            raise BackupError(f"不是有效的备份文件夹。Not a backup folder: {folder} ({error})")
        if manifest.get("format") != FORMAT:
            raise BackupError(
                f"不支持的备份格式。Unsupported backup format: {manifest.get('format')}"
            )
        for name, expected in manifest["files"].items():
            path = folder / name
            if not path.is_file() or sha256_of(path) != expected:
                raise BackupError(f"备份文件缺失或已损坏。Missing or damaged backup file: {path}")
        return cls(folder=folder, manifest=manifest)

    @property
    def vendor(self) -> str:
        return self.manifest["database"]

    @property
    def database_file(self) -> Path:
        return self.folder / DATABASE_FILES[self.vendor]

    @property
    def media_archive(self) -> Path | None:
        return self.folder / MEDIA if MEDIA in self.manifest["files"] else None

    def keys(self, keys_file: Path | None) -> Keys:
        if keys_file is None and self.manifest["keys"] == "separate":
            raise BackupError(
                "该备份的密钥另行保存，请用 --keys 指定密钥文件。"
                "This backup's keys were kept apart: give the keys file with --keys."
            )
        return Keys.read(keys_file or self.folder / KEYS)


def restore(backup: Backup, *, keys_file: Path | None, force: bool, say: Callable) -> None:
    """Restore ``backup`` into the configured database, MEDIA_ROOT and data folder.

    Everything is checked before anything is written: the backup's files, the database vendor,
    that the target is empty (unless ``force``), and that no key set in the environment would
    hide the restored keys."""
    keys = backup.keys(keys_file)
    _check_vendor(backup)
    _check_environment_keys(keys)
    if not force:
        _check_target_is_empty()
    restore_database(backup)
    say(f"数据库已恢复。Database restored from {backup.database_file.name}.")
    if backup.media_archive:
        restore_media(backup.media_archive, Path(settings.MEDIA_ROOT))
        say(f"上传文件已恢复。Uploaded files restored into {settings.MEDIA_ROOT}.")
    restore_keys(keys, Path(settings.DATA_DIR))
    say(f"密钥已恢复。Keys restored into {settings.DATA_DIR}.")


def _check_vendor(backup: Backup) -> None:
    if backup.vendor != connection.vendor:
        raise BackupError(
            f"备份来自 {backup.vendor} 数据库，不能恢复到 {connection.vendor} 数据库。"
            f"The backup is of a {backup.vendor} database; this site uses {connection.vendor}."
        )


def _check_environment_keys(keys: Keys) -> None:
    configured = split_keys(getattr(settings, "FIELD_ENCRYPTION_KEY", "") or "")
    if configured and not set(keys.field_keys) <= set(configured):
        raise BackupError(
            "环境变量 FIELD_ENCRYPTION_KEY 中的密钥与备份不符，恢复后将无法解密个人信息："
            "请删除该变量或设为备份中的密钥。"
            "FIELD_ENCRYPTION_KEY in the environment does not hold the backup's keys, so the "
            "restored personal data could not be decrypted: unset it or set it to the backup's."
        )


def _check_target_is_empty() -> None:
    problems = []
    if database_has_tables():
        problems.append(f"数据库 database {_database_label()}")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        problems.append(f"上传文件 uploads {media_root}")
    if problems:
        raise BackupError(
            "目标不为空，未做任何更改；确认覆盖请加 --force。"
            "The target is not empty and nothing was changed; add --force to overwrite: "
            + "; ".join(problems)
        )


def _database_label() -> str:
    return str(connection.settings_dict["NAME"])


def database_has_tables() -> bool:
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        if not path.is_file() or path.stat().st_size == 0:
            return False
    return bool(connection.introspection.table_names())


def restore_database(backup: Backup) -> None:
    if connection.vendor == "sqlite":
        restore_sqlite(backup.database_file, Path(connection.settings_dict["NAME"]))
    else:
        pg_restore(backup.database_file)


def restore_sqlite(source: Path, target: Path) -> None:
    """Put a copy of ``source`` in place of ``target`` in one rename, dropping the old
    database's -wal and -shm files (they belong to the replaced database)."""
    connection.close()
    private_dir(target.parent)
    staging = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(source, staging)
    staging.chmod(OWNER_ONLY_FILE)
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(staging, target)


def pg_restore(dump: Path) -> None:
    """Restore into the configured database, replacing what the dump holds, in one transaction."""
    options, dbname, env = _pg_connection()
    connection.close()
    _run_pg(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *options,
            f"--dbname={dbname}",
            str(dump),
        ],
        env,
    )


def restore_media(archive: Path, media_root: Path) -> None:
    """Replace the contents of ``media_root`` with the archive's. It is unpacked first inside
    ``media_root`` (same file system, and a damaged archive fails before anything is removed);
    the ``data`` filter refuses absolute paths, links out of the folder and device files."""
    media_root.mkdir(parents=True, exist_ok=True)
    staging = media_root / ".restoring"
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(staging, filter="data")
    for child in media_root.iterdir():
        if child == staging:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in (staging / "media").iterdir():
        os.replace(child, media_root / child.name)
    shutil.rmtree(staging)


def restore_keys(keys: Keys, data_dir: Path) -> None:
    write_private_file(data_dir / SECRET_KEY_FILE, keys.secret_key + "\n")
    write_private_file(data_dir / FIELD_KEY_FILE, ",".join(keys.field_keys) + "\n")


# -- PostgreSQL client tools --------------------------------------------------------------------


def _pg_connection() -> tuple[list[str], str, dict]:
    """Connection options, database name and environment for the PostgreSQL client tools, taken
    from the same settings as Django's ``dbshell``."""
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    return args[1:-1], args[-1], {**os.environ, **(env or {})}


def _run_pg(tool: str, args: list[str], env: dict) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"未找到 {tool}，请安装 PostgreSQL 客户端。{tool} not found: install the PostgreSQL client."
        )
    result = subprocess.run([executable, *args], env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{tool} 失败。{tool} failed: {result.stderr.strip()}")
