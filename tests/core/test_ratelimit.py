"""Fixed-window rate limits in the cache (gongkai.core.ratelimit)."""

from django.core.cache import cache

from gongkai.core.ratelimit import RateLimit

LIMIT = RateLimit("test_things", 2, 60)


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
