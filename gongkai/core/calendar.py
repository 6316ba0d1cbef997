"""The working-day calendar in force: the shipped official data plus years entered in the back office."""

from datetime import date

from django.core.cache import cache

from gongkai.core.workdays import (
    Holiday,
    WorkCalendar,
    YearArrangement,
    default_calendar,
)

_VERSION_KEY = "gongkai:calendar-version"
_built: dict[int, WorkCalendar] = {}


def current_calendar() -> WorkCalendar:
    """The calendar every deadline uses; rebuilt in each process after an arrangement changes."""
    version = cache.get_or_set(_VERSION_KEY, 1, timeout=None)
    if version not in _built:
        _built.clear()
        _built[version] = _build()
    return _built[version]


def invalidate() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, timeout=None)


def _build() -> WorkCalendar:
    from gongkai.core.models import HolidayArrangement

    calendar = default_calendar()
    for row in HolidayArrangement.objects.all():
        calendar = calendar.with_arrangement(arrangement_from_row(row))
    return calendar


def arrangement_from_row(row) -> YearArrangement:
    holidays = tuple(
        Holiday(
            name=item["name"],
            name_en=item.get("name_en", ""),
            first=date.fromisoformat(item["first"]),
            last=date.fromisoformat(item["last"]),
        )
        for item in row.holidays
    )
    makeup = frozenset(date.fromisoformat(day) for day in row.makeup_workdays)
    return YearArrangement(year=row.year, holidays=holidays, makeup_workdays=makeup)
