"""A programme's state changes by the clock alone (opens, enters its last week, closes): the
public pages showing it are rendered again at the first request after that moment, with no
worker and no invalidation (issue 7: they were stale until the nightly job)."""

import datetime as dt
import time

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from gongkai.enterprise.models import CLOSING_SOON, Programme, ProgrammeState
from tests.enterprise.conftest import make_policy, make_programme

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
moments = st.integers(min_value=0, max_value=400 * 24 * 3600).map(
    lambda seconds: START + dt.timedelta(seconds=seconds)
)


@given(opens=moments, length=st.integers(1, 90 * 24 * 3600), now=moments)
def test_the_state_holds_until_the_next_change_and_changes_there(opens, length, now):
    programme = Programme(opens_at=opens, closes_at=opens + dt.timedelta(seconds=length))
    change = programme.next_change(now)
    if change is None:
        assert programme.state(now) == ProgrammeState.CLOSED
        return
    assert change > now
    before = change - dt.timedelta(microseconds=1)
    assert programme.state(max(now, before)) == programme.state(now)
    assert programme.state(change) != programme.state(now)


def test_the_last_change_is_just_after_the_closing_instant():
    programme = Programme(opens_at=START, closes_at=START + 2 * CLOSING_SOON)
    closes = programme.closes_at
    assert programme.state(closes) == ProgrammeState.CLOSING
    assert programme.next_change(closes) == closes + dt.timedelta(microseconds=1)
    assert programme.next_change(closes + dt.timedelta(microseconds=1)) is None


class Clock:
    """Moves ``timezone.now`` and ``time.time`` (the page cache's clock) together."""

    def __init__(self, monkeypatch):
        self.offset = dt.timedelta(0)
        real_now, real_time = timezone.now, time.time
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self.offset)
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset.total_seconds())

    def advance(self, **delta):
        self.offset += dt.timedelta(**delta)


@pytest.mark.django_db
def test_the_calendar_and_programme_page_change_when_the_window_closes(client, monkeypatch):
    clock = Clock(monkeypatch)
    programme = make_programme(make_policy(), opens_in=-3, closes_in=1 / 24)  # closes in 1 hour
    urls = ["/enterprise/calendar/?state=closing", programme.get_absolute_url()]
    for url in urls:
        first = client.get(url)
        assert client.get(url)["ETag"] == first["ETag"], "stored"
        assert "即将截止" in first.content.decode()
    clock.advance(minutes=59)
    assert programme.title in client.get(urls[0]).content.decode()
    assert "即将截止" in client.get(urls[1]).content.decode()
    clock.advance(minutes=2)
    assert programme.title not in client.get(urls[0]).content.decode()
    assert "已截止" in client.get(urls[1]).content.decode()


@pytest.mark.django_db
def test_an_upcoming_programme_joins_the_open_list_when_it_opens(client, monkeypatch):
    clock = Clock(monkeypatch)
    programme = make_programme(make_policy(), opens_in=1, closes_in=30)
    url = "/enterprise/calendar/?state=open"
    assert programme.title not in client.get(url).content.decode()
    assert client.get(url).status_code == 200
    clock.advance(days=1, minutes=1)
    assert programme.title in client.get(url).content.decode()


@pytest.mark.django_db
def test_an_expiring_page_is_not_kept_by_browsers_past_its_expiry(client, settings):
    settings.PAGE_CACHE_MAX_AGE = 3600
    programme = make_programme(make_policy(), opens_in=-3, closes_in=10 / (24 * 60))  # 10 min
    for _ in range(2):  # rendered, then served from the cache
        response = client.get(programme.get_absolute_url())
        max_age = int(response["Cache-Control"].split("max-age=")[1])
        assert 0 < max_age <= 600


@pytest.mark.django_db
def test_a_page_that_expires_gets_no_file_for_the_front_server(client, settings, tmp_path):
    """nginx would send the file past its expiry: the programme page stays with Gongkai, a page
    without expiry (the project library) is written as usual."""
    settings.PAGE_CACHE_FILES_DIR = tmp_path
    programme = make_programme(make_policy())
    client.get(programme.get_absolute_url())
    client.get("/enterprise/projects/")
    files = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.html"))
    assert files == ["-/-/enterprise/projects/index.html"]
