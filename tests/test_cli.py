"""The `gongkai` command: parsing, passthrough to management commands, serve (backup and
restore: tests/core/test_backup.py)."""

import threading
import urllib.request
from urllib.parse import urlsplit

import pytest

from gongkai import cli
from gongkai.core.management.commands.serve import build_server, server_urls


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
