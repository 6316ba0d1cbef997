"""`gongkai backup` and `gongkai restore`: a backup restores into a fresh data folder, keys and
all, and the applicants' encrypted data reads back there."""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from gongkai.core.backups import Backup, BackupError, Keys
from gongkai.disclosure import services
from tests import factories
from tests.disclosure.conftest import application

GONGKAI = Path(sys.executable).with_name("gongkai")
# What is printed from the restored site: the request's decrypted personal data.
READ_REQUEST = (
    "from gongkai.disclosure.models import DisclosureRequest as R; r = R.objects.get(); "
    "print('|'.join([r.applicant_name, r.id_number, r.phone, r.email, r.postal_address]))"
)


@pytest.fixture
def site(settings, tmp_path):
    """The site under test keeps its own data folder, so its keys are generated for the test."""
    settings.DATA_DIR = tmp_path / "site"
    settings.FIELD_ENCRYPTION_KEY = ""
    settings.SECRET_KEY = "the-site-secret-key-" + "x" * 40
    return settings


def a_request_with_personal_data():
    submission = services.request_submit(
        application=application(), nonce="nonce-backup-restore-0001"
    )
    upload = Path(django_settings.MEDIA_ROOT) / "disclosure" / "2026" / "申请附件.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return submission.request


def gongkai(*argv: str, data_dir: Path, database_url: str = "") -> subprocess.CompletedProcess:
    """Run the `gongkai` command as an operator would, on another data folder."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "MEDIA_ROOT"}
    }
    env["GONGKAI_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [str(GONGKAI), *argv], env=env, capture_output=True, text=True, timeout=300
    )


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def the_backup(dest: Path) -> Path:
    [folder] = dest.glob("gongkai-*")
    return folder


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_database_uploads_and_keys_owner_only(site, tmp_path):
    a_request_with_personal_data()

    call_command("backup", dest=tmp_path / "backups")

    folder = the_backup(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"] == connection.vendor and manifest["keys"] == "included"
    assert set(manifest["files"]) == {
        "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump",
        "media.tar.gz",
        "keys.json",
    }
    with tarfile.open(folder / "media.tar.gz") as archive:
        assert "media/disclosure/2026/申请附件.pdf" in archive.getnames()
    keys = Keys.read(folder / "keys.json")
    assert keys.secret_key == site.SECRET_KEY
    assert keys.field_keys == ((site.DATA_DIR / "field_encryption_key").read_text().strip(),)
    assert mode(tmp_path / "backups") == 0o700 and mode(folder) == 0o700
    assert {mode(path) for path in folder.iterdir()} == {0o600}
    if connection.vendor == "sqlite":
        with sqlite3.connect(folder / "database.sqlite3") as db:
            [(stored_phone,)] = db.execute("SELECT phone FROM disclosure_disclosurerequest")
        assert stored_phone.startswith("gAAAA")  # the copy keeps the data encrypted


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_data_folder_reads_the_encrypted_fields(site, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite; PostgreSQL is restored with pg_restore (tested below)")
    a_request_with_personal_data()
    call_command("backup", dest=tmp_path / "backups")
    fresh = tmp_path / "fresh"

    restored = gongkai("restore", str(the_backup(tmp_path / "backups")), data_dir=fresh)

    assert restored.returncode == 0, restored.stderr
    assert "恢复完成。Restore complete." in restored.stdout
    read = gongkai("manage", "shell", "--no-imports", "-c", READ_REQUEST, data_dir=fresh)
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == "|".join(
        application()[name]
        for name in ("applicant_name", "id_number", "phone", "email", "postal_address")
    )
    assert (
        (fresh / "media" / "disclosure" / "2026" / "申请附件.pdf").read_bytes().startswith(b"%PDF")
    )
    assert (fresh / "secret_key").read_text().strip() == site.SECRET_KEY
    for name in ("gongkai.sqlite3", "secret_key", "field_encryption_key"):
        assert mode(fresh / name) == 0o600, name


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_site_that_is_not_empty_unless_forced(site, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite data folders")
    a_request_with_personal_data()
    call_command("backup", dest=tmp_path / "backups")
    backup = str(the_backup(tmp_path / "backups"))
    other = tmp_path / "other"
    assert gongkai("migrate", "--noinput", data_dir=other).returncode == 0
    key_before = (other / "secret_key").read_text()

    refused = gongkai("restore", backup, data_dir=other)

    assert refused.returncode != 0
    assert "目标不为空" in refused.stderr and "--force" in refused.stderr
    assert (other / "secret_key").read_text() == key_before
    assert not (other / "field_encryption_key").exists()
    forced = gongkai("restore", backup, "--force", data_dir=other)
    assert forced.returncode == 0, forced.stderr
    assert (
        "张三"
        in gongkai("manage", "shell", "--no-imports", "-c", READ_REQUEST, data_dir=other).stdout
    )


@pytest.mark.django_db(transaction=True)
def test_keys_kept_apart_are_needed_to_restore(site, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite data folders")
    a_request_with_personal_data()
    call_command("backup", dest=tmp_path / "backups", keys_dest=tmp_path / "vault")
    folder = the_backup(tmp_path / "backups")
    assert not (folder / "keys.json").exists()
    [keys] = (tmp_path / "vault").glob("gongkai-*-keys.json")
    assert mode(keys) == 0o600

    without = gongkai("restore", str(folder), data_dir=tmp_path / "a")
    assert without.returncode != 0 and "--keys" in without.stderr

    with_keys = gongkai("restore", str(folder), "--keys", str(keys), data_dir=tmp_path / "b")
    assert with_keys.returncode == 0, with_keys.stderr
    assert (
        "张三"
        in gongkai(
            "manage", "shell", "--no-imports", "-c", READ_REQUEST, data_dir=tmp_path / "b"
        ).stdout
    )


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_written(site, tmp_path):
    factories.department("财政局", code="czj")
    call_command("backup", dest=tmp_path / "backups")
    folder = the_backup(tmp_path / "backups")
    database = next(folder.glob("database.*"))
    database.write_bytes(database.read_bytes()[:-10])
    with pytest.raises(BackupError, match="damaged"):
        Backup.open(folder)


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_postgresql_restore_into_another_database_and_data_folder(site, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    a_request_with_personal_data()
    call_command("backup", dest=tmp_path / "backups")
    folder = the_backup(tmp_path / "backups")
    assert (folder / "database.pgdump").read_bytes()[:5] == b"PGDMP"
    url, drop = fresh_postgres_database(f"{connection.settings_dict['NAME']}_restored")
    try:
        restored = gongkai("restore", str(folder), data_dir=tmp_path / "fresh", database_url=url)
        assert restored.returncode == 0, restored.stderr
        read = gongkai(
            "manage",
            "shell",
            "--no-imports",
            "-c",
            READ_REQUEST,
            data_dir=tmp_path / "fresh",
            database_url=url,
        )
        assert read.returncode == 0, read.stderr
        assert read.stdout.strip().startswith(f"张三|{application()['id_number']}|13812345678|")
        again = gongkai("restore", str(folder), data_dir=tmp_path / "fresh", database_url=url)
        assert again.returncode != 0 and "目标不为空" in again.stderr
    finally:
        drop()


def fresh_postgres_database(name: str):
    """Create an empty database beside the test database; returns its URL and a drop function."""
    params = connection.settings_dict
    admin = {
        "host": params["HOST"],
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }

    def drop():
        with psycopg.connect(**admin) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with psycopg.connect(**admin) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    url = f"postgres://{params['USER']}{password}@{params['HOST']}:{admin['port']}/{name}"
    return url, drop
