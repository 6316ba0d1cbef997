"""The `gongkai` command: parsing, passthrough to management commands, serve, backup."""

import sqlite3
import tarfile
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai import cli
from gongkai.core.management.commands.backup import pg_dump
from gongkai.core.management.commands.serve import build_server, server_urls
from tests import factories


def run(argv, capsys) -> tuple[int, str]:
    """Run `gongkai ARGV`; returns the exit status and what it printed."""
    try:
        status = cli.main(argv)
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out + err


def test_help_lists_every_command(capsys):
    status, out = run(["--help"], capsys)
    assert status == 0
    for command in [*cli.COMMANDS, "demo", "manage"]:
        assert command in out


@pytest.mark.parametrize("argv", [[], ["nonsense"], ["demo", "--no-such-option"]])
def test_a_missing_or_unknown_command_is_a_usage_error(argv, capsys):
    status, out = run(argv, capsys)
    assert status == 2
    assert "usage: gongkai" in out


def test_check_runs_djangos_system_checks(capsys):
    status, out = run(["check"], capsys)
    assert status == 0
    assert "System check identified no issues" in out


def test_options_after_a_command_belong_to_the_management_command(capsys):
    status, out = run(["serve", "--help"], capsys)
    assert status == 0
    assert "--listen" in out and "--trusted-proxy" in out


@pytest.mark.parametrize(
    ("command", "management_command"), [("import", "import_documents"), ("reindex", "reindex")]
)
def test_a_command_runs_the_management_command_it_names(command, management_command, capsys):
    status, out = run([command, "--help"], capsys)
    assert status == 0
    assert f"usage: gongkai {management_command}" in out


def test_manage_reaches_any_management_command(capsys):
    status, out = run(["manage", "help", "publish_scheduled"], capsys)
    assert status == 0
    assert "--dryrun" in out


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"gongkai"]


def test_serve_answers_on_ipv4_and_ipv6_at_once():
    server = build_server(hello, listen="127.0.0.1:0 [::1]:0", threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        urls = server_urls(server)
        assert [urlsplit(url).hostname for url in urls] == ["127.0.0.1", "::1"]
        for url in urls:
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.read() == b"gongkai"
    finally:
        server.task_dispatcher.shutdown()
        for channel in list(server.map.values()):
            channel.close()
        thread.join(timeout=5)


@pytest.mark.django_db(transaction=True)
def test_backup_writes_a_readable_database_copy_and_the_uploads(tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite copy; PostgreSQL is dumped with pg_dump (tested below)")
    factories.department("财政局", code="czj")
    upload = Path(settings.MEDIA_ROOT) / "attachments" / "1" / "附件.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4\n%%EOF\n")

    call_command("backup", dest=tmp_path / "backups")

    [copy] = (tmp_path / "backups").glob("gongkai-*.sqlite3")
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT name FROM core_department").fetchall() == [("财政局",)]
    [media] = (tmp_path / "backups").glob("media-*.tar.gz")
    with tarfile.open(media) as archive:
        assert "media/attachments/1/附件.pdf" in archive.getnames()
    assert {path.stat().st_mode & 0o777 for path in (copy, media)} == {0o600}


@pytest.mark.django_db
def test_backup_dumps_postgresql_with_pg_dump(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    target = pg_dump(tmp_path / "gongkai.pgdump")
    assert target.read_bytes()[:5] == b"PGDMP"
