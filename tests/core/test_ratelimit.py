"""Fixed-window rate limits in the cache (gongkai.core.ratelimit)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from gongkai.core.ratelimit import RateLimit

LIMIT = RateLimit("test_things", 2, 60)
GONGKAI = Path(sys.executable).with_name("gongkai")


def test_hit_counts_until_the_limit_then_refuses():
    assert [LIMIT.hit("10.0.0.1") for _ in range(3)] == [True, True, False]
    assert LIMIT.hit("10.0.0.2")


def test_each_subject_is_counted_and_any_over_the_limit_refuses():
    LIMIT.count("10.0.0.1", "account:7")
    LIMIT.count("account:7")
    assert not LIMIT.allowed("10.0.0.3", "account:7")
    assert LIMIT.allowed("10.0.0.1")


def test_limits_come_from_settings_and_zero_lifts_them(settings):
    settings.TEST_THINGS_LIMIT = 0
    assert all(LIMIT.hit("10.0.0.1") for _ in range(5))
    settings.TEST_THINGS_LIMIT, settings.TEST_THINGS_WINDOW = 1, 150
    assert LIMIT.window_minutes == 3


def test_the_address_is_not_kept_in_clear():
    LIMIT.count("203.0.113.5")
    assert "203.0.113.5" not in LIMIT._key("203.0.113.5")
    assert cache.get(LIMIT._key("203.0.113.5")) == 1


def in_another_process(code: str) -> None:
    """Run ``code`` in a new ``gongkai`` process of this host (same data folder and settings),
    as a second server worker or the background worker would."""
    env = {**os.environ, "GONGKAI_DATA_DIR": str(settings.DATA_DIR)}
    result = subprocess.run(
        [str(GONGKAI), "manage", "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_a_count_made_by_another_process_of_the_host_holds_here():
    """`gongkai serve` runs one process per core beside `gongkai worker`: without Redis a limit
    counted in process memory would be a limit per process."""
    assert LIMIT.allowed("198.51.100.7")
    in_another_process(
        "from gongkai.core.ratelimit import RateLimit; "
        "RateLimit('test_things', 2, 60).count('198.51.100.7', '198.51.100.7')"
    )
    assert not LIMIT.allowed("198.51.100.7")
