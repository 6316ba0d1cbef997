"""The `gongkai` command: parsing, passthrough to management commands, serve (backup and
restore: tests/core/test_backup.py)."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from gongkai import cli


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


def start_serve(tmp_path, *args) -> tuple[subprocess.Popen, list[str]]:
    """`gongkai serve ARGS` in a scratch data folder; returns the process and its URLs."""
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), "LOG_LEVEL": "ERROR"}
    command = [sys.executable, "-m", "gongkai.cli", "serve", "--no-collectstatic", *args]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    urls = []
    for line in server.stdout:
        if line.startswith("Serving on "):
            urls.append(line.split()[-1])
        if "Ctrl-C" in line:
            return server, urls
    raise AssertionError(f"gongkai serve exited with {server.wait()}")


def fetch(url: str, *, attempts: int = 100) -> bytes:
    """The body at ``url``, waiting for the workers to come up."""
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


def test_serve_answers_on_ipv4_and_ipv6_and_restarts_and_stops_on_signals(tmp_path):
    server, urls = start_serve(
        tmp_path, "--listen", "127.0.0.1:0", "--listen", "[::1]:0", "--workers", "1"
    )
    try:
        assert [urlsplit(url).hostname for url in urls] == ["127.0.0.1", "::1"]
        for url in urls:
            assert b".site-header" in fetch(url + "static/portal/site.css")
        server.send_signal(signal.SIGHUP)  # graceful restart of the workers
        time.sleep(1)
        assert server.poll() is None
        assert b".site-header" in fetch(urls[0] + "static/portal/site.css")
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_serve_says_clearly_when_it_cannot_listen(tmp_path, capsys):
    status, out = run(["serve", "--no-collectstatic", "--listen", "127.0.0.1:http"], capsys)
    assert status == 1 and "Cannot listen on 127.0.0.1:http" in out
