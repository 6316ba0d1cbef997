"""The data folder, the SQLite database (and its -wal and -shm files) and the keys are created
readable by their owner only."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from gongkai.core import secrets

GONGKAI = Path(sys.executable).with_name("gongkai")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_fresh_site_creates_its_data_folder_database_and_key_owner_only(tmp_path):
    data_dir = tmp_path / "new" / "data"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    old_umask = os.umask(0o022)  # the usual umask: files 0644, folders 0755 unless told
    try:
        result = subprocess.run(
            [str(GONGKAI), "migrate", "--noinput"],
            env={**env, "GONGKAI_DATA_DIR": str(data_dir)},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "gongkai.sqlite3") == 0o600
    assert mode(data_dir / "secret_key") == 0o600


def test_sqlite_gives_its_wal_and_shm_files_the_databases_owner_only_mode(tmp_path):
    database = secrets.create_private_file(tmp_path / "data" / "gongkai.sqlite3")
    old_umask = os.umask(0o022)
    try:
        with closing(sqlite3.connect(database)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE t (x)")
            db.execute("INSERT INTO t VALUES (1)")
            db.commit()
            companions = [database.with_name(database.name + s) for s in ("-wal", "-shm")]
            assert {mode(path) for path in [database, *companions]} == {0o600}
    finally:
        os.umask(old_umask)
    assert mode(database.parent) == 0o700


def test_the_field_key_is_generated_once_owner_only(tmp_path):
    first = secrets.local_field_keys(tmp_path)
    assert secrets.local_field_keys(tmp_path) == first and len(first) == 1
    assert mode(tmp_path / "field_encryption_key") == 0o600


def test_a_key_another_process_wrote_first_wins(tmp_path):
    """Two processes starting on a fresh folder: the one that links its key second reads the
    first one's key instead of replacing it."""
    path = tmp_path / "secret_key"

    def generate_while_another_process_writes():
        path.write_text("the-other-process-key\n")
        return "my-key"

    assert secrets.read_or_create_key(path, generate_while_another_process_writes) == (
        "the-other-process-key"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary left behind


def test_a_key_file_may_hold_several_keys_for_rotation(tmp_path):
    (tmp_path / "field_encryption_key").write_text("new-key, old-key\n")
    assert secrets.local_field_keys(tmp_path) == ("new-key", "old-key")


def test_a_replaced_key_file_is_read_again(tmp_path):
    """The keys are kept in memory per version of the file: a restore replacing it is seen."""
    (tmp_path / "field_encryption_key").write_text("first-key\n")
    assert secrets.local_field_keys(tmp_path) == ("first-key",)
    (tmp_path / "field_encryption_key").write_text("second-key, first-key\n")
    assert secrets.local_field_keys(tmp_path) == ("second-key", "first-key")
