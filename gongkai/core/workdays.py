"""Working-day calendar (工作日计算): the arithmetic behind every statutory deadline.

Counting rule (计算规则)
    The start day (e.g. 收到申请之日) is day 0, whatever kind of day it is. A deadline of N
    working days is the N-th working day after it; N = 0 gives the start day itself; a negative N
    is refused. A working day is a Monday to Friday that is not a day off (放假) of the year's
    arrangement, or a Saturday or Sunday that the arrangement makes a working day (调休上班).
    Days off are rest days even on weekdays. A rule that counts the start day itself when it is
    a working day ("当日起算") is ``add_working_days(start - timedelta(days=1), n)``.

Data
    A year's arrangement is the State Council notice for it: 2019–2026 ship in
    ``holiday_data``; later years are entered in the back office and added with
    ``WorkCalendar.with_arrangement``. A notice can reach into the December before it (元旦
    2018-12-30..2019-01-01, 调休上班 2018-12-29), so a day is judged by the notice of its own
    year and of the next one.

Provisional dates (暂定)
    A year without a notice gets ``provisional_arrangement``: the statutory holidays of the 2024
    《全国年节及纪念日放假办法》 (国务院令第795号), with the 补假 of its art. 6 and no 调休.
    A day is provisional when its year has no notice, or when it lies in the last week of a
    December whose next year has none (that notice may still change it). Every result touching
    a provisional day says so and must be recomputed when the notice is entered.

Why hand-written: chinesecalendar holds data only to 2026 and refuses later years, and the
``holidays`` package guesses later years silently; neither marks provisional results or explains
a date. Both are used as cross-checks in the tests only.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.core import holiday_data

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5
# The earliest December day a notice has changed is 12-29 (2007, 2018); a week's margin.
_NEXT_NOTICE_REACH = (12, 25)
_WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class WorkdayError(ValueError):
    """Refused input; ``code`` for programs, ``message_zh``/``message_en`` for people."""

    def __init__(self, code: str, message_zh: str, message_en: str):
        super().__init__(f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class Holiday:
    """One named span of days off (放假), both ends included; it may cover weekend days."""

    name: str
    name_en: str
    first: date
    last: date

    def __post_init__(self):
        if self.last < self.first:
            raise WorkdayError(
                "holiday_reversed",
                f"{self.name}：结束日期 {self.last} 早于开始日期 {self.first}",
                f"{self.label_en}: last day {self.last} is before first day {self.first}",
            )

    @property
    def label_en(self) -> str:
        return self.name_en or self.name

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(_date_range(self.first, self.last))


@dataclass(frozen=True)
class YearArrangement:
    """放假安排 of one year: its days off and its make-up working days (调休上班)."""

    year: int
    holidays: tuple[Holiday, ...]
    makeup_workdays: frozenset[date]
    provisional: bool = False

    def __post_init__(self):
        object.__setattr__(self, "holidays", tuple(sorted(self.holidays, key=lambda h: h.first)))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        _check_arrangement(self)

    @functools.cached_property
    def _holiday_by_day(self) -> dict[date, Holiday]:
        return {day: holiday for holiday in self.holidays for day in holiday.dates}

    @functools.cached_property
    def days_off(self) -> frozenset[date]:
        return frozenset(self._holiday_by_day)

    def holiday_on(self, day: date) -> Holiday | None:
        return self._holiday_by_day.get(day)

    def holiday_name(self, day: date) -> str | None:
        holiday = self.holiday_on(day)
        return holiday.name if holiday else None


def notice_reach(year: int) -> tuple[date, date]:
    """The first and last day a notice for ``year`` may change: from 1 December of the year
    before (元旦 and its 调休 can start there) to 31 December. A deadline whose counted days
    miss this span keeps its date when the notice is entered."""
    return date(year - 1, 12, 1), date(year, 12, 31)


def _check_arrangement(arrangement: YearArrangement) -> None:
    year = arrangement.year
    earliest, latest = notice_reach(year)
    for holiday in arrangement.holidays:
        if holiday.first < earliest or holiday.last > latest:
            raise WorkdayError(
                "holiday_outside_year",
                f"{year}年放假安排：{holiday.name}（{holiday.first}至{holiday.last}）不在该年内",
                f"{year} arrangement: {holiday.label_en} ({holiday.first} to {holiday.last}) "
                "is outside that year",
            )
    for before, after in zip(arrangement.holidays, arrangement.holidays[1:], strict=False):
        if after.first <= before.last:
            raise WorkdayError(
                "holidays_overlap",
                f"{year}年放假安排：{before.name}与{after.name}的日期重叠",
                f"{year} arrangement: {before.label_en} and {after.label_en} overlap",
            )
    for day in sorted(arrangement.makeup_workdays):
        if not earliest <= day <= latest:
            raise WorkdayError(
                "makeup_outside_year",
                f"{year}年放假安排：调休上班日 {day} 不在该年内",
                f"{year} arrangement: make-up working day {day} is outside that year",
            )
        if day.weekday() < _SATURDAY:
            raise WorkdayError(
                "makeup_not_weekend",
                f"{year}年放假安排：调休上班日 {day} 是{_WEEKDAY_ZH[day.weekday()]}，应为周六或周日",
                f"{year} arrangement: make-up working day {day} is a {_WEEKDAY_EN[day.weekday()]}, "
                "not a Saturday or Sunday",
            )
        if arrangement.holiday_on(day):
            raise WorkdayError(
                "makeup_is_day_off",
                f"{year}年放假安排：{day} 既是放假日又是调休上班日",
                f"{year} arrangement: {day} is both a day off and a make-up working day",
            )


@dataclass
class _Span:
    """Days off being derived for a provisional year, under one or more holiday names."""

    names: list[str]
    names_en: list[str]
    days: set[date]


@functools.cache
def provisional_arrangement(year: int) -> YearArrangement:
    """The statutory holidays of a year without a notice (2024 放假办法 arts. 2 and 6).

    Art. 2: 元旦 1/1; 春节 除夕 and 正月初一–初三; 清明; 劳动节 5/1–5/2; 端午; 中秋; 国庆 10/1–10/3.
    Art. 6: a holiday falling on a Saturday or Sunday is made up (补假) on the next working days
    after it. Holidays that overlap or touch (中秋 near 国庆) become one span. No 调休.
    """
    festivals = holiday_data.FESTIVAL_DATES.get(year)
    if festivals is None:
        known = holiday_data.FESTIVAL_DATES
        raise WorkdayError(
            "no_calendar_data",
            f"{year}年没有放假安排，也无法推定（农历数据只覆盖{min(known)}–{max(known)}年）",
            f"No holiday arrangement for {year} and none can be derived "
            f"(lunar data covers {min(known)}–{max(known)} only)",
        )
    spring, qingming, dragon_boat, mid_autumn = (date(year, m, d) for m, d in festivals)
    statutory = [
        _Span(["元旦"], ["New Year's Day"], {date(year, 1, 1)}),
        _Span(
            ["春节"],
            ["Spring Festival"],
            set(_date_range(spring - _ONE_DAY, spring + 2 * _ONE_DAY)),
        ),
        _Span(["清明节"], ["Qingming Festival"], {qingming}),
        _Span(["劳动节"], ["Labour Day"], {date(year, 5, 1), date(year, 5, 2)}),
        _Span(["端午节"], ["Dragon Boat Festival"], {dragon_boat}),
        _Span(["中秋节"], ["Mid-Autumn Festival"], {mid_autumn}),
        _Span(["国庆节"], ["National Day"], set(_date_range(date(year, 10, 1), date(year, 10, 3)))),
    ]
    spans = _merge_touching(statutory)
    taken = set().union(*(span.days for span in spans))
    for span in spans:
        _add_compensation(span, taken)
    holidays = tuple(
        Holiday("、".join(span.names), " and ".join(span.names_en), min(span.days), max(span.days))
        for span in _merge_touching(spans)
    )
    return YearArrangement(year, holidays, frozenset(), provisional=True)


def _merge_touching(spans: list[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for span in sorted(spans, key=lambda s: min(s.days)):
        previous = merged[-1] if merged else None
        if previous and min(span.days) <= max(previous.days) + _ONE_DAY:
            previous.names += [n for n in span.names if n not in previous.names]
            previous.names_en += [n for n in span.names_en if n not in previous.names_en]
            previous.days |= set(_date_range(max(previous.days), max(span.days))) | span.days
        else:
            merged.append(_Span(list(span.names), list(span.names_en), set(span.days)))
    return merged


def _add_compensation(span: _Span, taken: set[date]) -> None:
    """补假: one weekday off after the span for each of its days on a weekend."""
    owed = sum(day.weekday() >= _SATURDAY for day in span.days)
    day = max(span.days)
    while owed:
        day += _ONE_DAY
        if day.weekday() < _SATURDAY and day not in taken:
            taken.add(day)
            owed -= 1
    span.days |= set(_date_range(min(span.days), day))


@dataclass(frozen=True)
class _YearIndex:
    working: tuple[int, ...]  # ordinals of the year's working days, ascending
    working_set: frozenset[int]
    holiday_by_day: Mapping[date, Holiday]


class WorkCalendar:
    """Working days over yearly arrangements. Immutable; results are cached per year."""

    def __init__(self, arrangements: Mapping[int, YearArrangement] | Iterable[YearArrangement]):
        pairs = (
            arrangements.items()
            if isinstance(arrangements, Mapping)
            else ((a.year, a) for a in arrangements)
        )
        self._arrangements: dict[int, YearArrangement] = {}
        for year, arrangement in pairs:
            if year != arrangement.year:
                raise WorkdayError(
                    "year_mismatch",
                    f"放假安排登记在{year}年下，内容却是{arrangement.year}年",
                    f"Arrangement for {arrangement.year} filed under {year}",
                )
            self._arrangements[year] = arrangement
        self._indexes: dict[int, _YearIndex] = {}
        self._explanations: dict[tuple[date, int], Explanation] = {}

    def arrangement(self, year: int) -> YearArrangement:
        """The notice entered for ``year``, else the provisional statutory one."""
        return self._arrangements.get(year) or provisional_arrangement(year)

    def with_arrangement(self, arrangement: YearArrangement) -> WorkCalendar:
        """A new calendar with ``arrangement`` added, or replacing that year's."""
        return WorkCalendar({**self._arrangements, arrangement.year: arrangement})

    @property
    def official_years(self) -> tuple[int, ...]:
        return tuple(sorted(y for y, a in self._arrangements.items() if not a.provisional))

    def is_working_day(self, day: date) -> bool:
        return day.toordinal() in self._index(day.year).working_set

    def add_working_days(self, start: date, days: int) -> date:
        _check_days(days)
        remaining, year = days, start.year
        while remaining:
            working = self._index(year).working
            position = bisect_right(working, start.toordinal())
            available = len(working) - position
            if remaining <= available:
                return date.fromordinal(working[position + remaining - 1])
            remaining -= available
            year += 1
        return start

    def working_days_between(self, start: date, end: date) -> int:
        if end <= start:
            return 0
        total = 0
        for year in range(start.year, end.year + 1):
            working = self._index(year).working
            total += bisect_right(working, end.toordinal()) - bisect_right(
                working, start.toordinal()
            )
        return total

    def unpublished_years(self, start: date, end: date) -> tuple[int, ...]:
        """Years whose missing notice makes some day of [start, end] provisional."""
        low, high = min(start, end), max(start, end)
        missing: set[int] = set()
        for year in range(low.year, high.year + 1):
            if not self._is_official(year):
                missing.add(year)
            elif not self._is_official(year + 1) and high >= date(year, *_NEXT_NOTICE_REACH):
                missing.add(year + 1)
        return tuple(sorted(missing))

    def is_provisional(self, start: date, end: date) -> bool:
        return bool(self.unpublished_years(start, end))

    def _is_official(self, year: int) -> bool:
        arrangement = self._arrangements.get(year)
        return arrangement is not None and not arrangement.provisional

    def holiday_on(self, day: date) -> Holiday | None:
        """The holiday span ``day`` belongs to, if it is a day off."""
        return self._index(day.year).holiday_by_day.get(day)

    def _index(self, year: int) -> _YearIndex:
        index = self._indexes.get(year)
        if index is None:
            index = self._indexes[year] = self._build_index(year)
        return index

    def _build_index(self, year: int) -> _YearIndex:
        notices = [self.arrangement(year)]
        if year + 1 in self._arrangements:
            notices.append(self._arrangements[year + 1])
        holiday_by_day = {
            day: holiday
            for notice in notices
            for holiday in notice.holidays
            for day in holiday.dates
            if day.year == year
        }
        makeup = {day for notice in notices for day in notice.makeup_workdays if day.year == year}
        working = tuple(
            day.toordinal()
            for day in _date_range(date(year, 1, 1), date(year, 12, 31))
            if day not in holiday_by_day and (day.weekday() < _SATURDAY or day in makeup)
        )
        return _YearIndex(working, frozenset(working), holiday_by_day)


@functools.cache
def default_calendar() -> WorkCalendar:
    """The shipped official arrangements (2019–2026)."""
    return WorkCalendar(
        _arrangement_from_rows(year, rows)
        for year, rows in holiday_data.OFFICIAL_ARRANGEMENTS.items()
    )


def _arrangement_from_rows(year: int, rows: Iterable[holiday_data.HolidayRow]) -> YearArrangement:
    holidays = []
    makeup = set()
    for name, name_en, first, last, makeup_days in rows:
        holidays.append(Holiday(name, name_en, date.fromisoformat(first), date.fromisoformat(last)))
        makeup.update(date.fromisoformat(day) for day in makeup_days)
    return YearArrangement(year, tuple(holidays), frozenset(makeup))


def is_working_day(day: date, calendar: WorkCalendar | None = None) -> bool:
    return _calendar(calendar).is_working_day(day)


def add_working_days(start: date, days: int, calendar: WorkCalendar | None = None) -> date:
    """The ``days``-th working day after ``start`` (day 0); ``start`` itself for 0."""
    return _calendar(calendar).add_working_days(start, days)


def working_days_between(start: date, end: date, calendar: WorkCalendar | None = None) -> int:
    """Number of working days d with start < d <= end (0 if end <= start)."""
    return _calendar(calendar).working_days_between(start, end)


def is_provisional(start: date, end: date, calendar: WorkCalendar | None = None) -> bool:
    """Whether any day in [start, end] depends on a notice not yet entered."""
    return _calendar(calendar).is_provisional(start, end)


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return default_calendar() if calendar is None else calendar


def _check_days(days: int) -> None:
    if not isinstance(days, int) or isinstance(days, bool):
        raise WorkdayError(
            "days_not_integer",
            f"工作日数必须是整数，收到 {days!r}",
            f"The number of working days must be an integer, got {days!r}",
        )
    if days < 0:
        raise WorkdayError(
            "days_negative",
            f"工作日数不能为负数，收到 {days}",
            f"The number of working days must not be negative, got {days}",
        )


def _date_range(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += _ONE_DAY


# --- Explanation -------------------------------------------------------------------------------

STEP_KINDS = (
    "start",  # the start day, day 0
    "counted",  # a run of ordinary working days, numbered
    "makeup_workday",  # weekend days worked by 调休上班, numbered
    "skipped_weekend",  # a run of Saturday/Sunday rest days
    "skipped_holiday",  # the days of one holiday span (clipped to the counted period)
    "due",  # the N-th working day
)


def _lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise WorkdayError(
            "unknown_language", f"不支持的语言：{lang!r}", f"Unknown language: {lang!r}"
        )
    return lang


@dataclass(frozen=True)
class ExplanationStep:
    kind: str  # one of STEP_KINDS
    first: date
    last: date
    text_zh: str
    text_en: str
    holiday: str | None = None  # the holiday's names, for skipped_holiday
    holiday_en: str | None = None
    provisional: bool = False  # the days depend on a notice not yet entered

    def text(self, lang: str = "zh") -> str:
        return self.text_zh if _lang(lang) == "zh" else self.text_en


@dataclass(frozen=True)
class Explanation:
    """How ``date`` was computed from ``start`` and ``days``, step by step."""

    start: date
    days: int
    date: date
    provisional: bool
    steps: tuple[ExplanationStep, ...]
    unpublished_years: tuple[int, ...] = field(default=())

    def lines(self, lang: str = "zh") -> list[str]:
        lines = [step.text(lang) for step in self.steps]
        if self.provisional:
            lines.append(self._provisional_note(lang))
        return lines

    def summary(self, lang: str = "zh", *, start_label: str | None = None) -> str:
        """One sentence, e.g. "2026-09-28 收到，7个工作日，10-01至10-07放假（国庆节），
        10-10调休上班：2026-10-13到期". ``start_label`` names the start event (收到, received);
        by default 起算 / from."""
        zh = _lang(lang) == "zh"
        parts = [
            f"{self.start} {start_label or '起算'}，{self.days}个工作日"
            if zh
            else f"{start_label or 'from'} {self.start}, {self.days} working days"
        ]
        for step in self.steps:
            span = self._short_span(step, zh)
            if step.kind == "skipped_holiday":
                parts.append(
                    f"{span}放假（{step.holiday}）" if zh else f"{span} off ({step.holiday_en})"
                )
            elif step.kind == "makeup_workday":
                parts.append(f"{span}调休上班" if zh else f"{span} worked (make-up day)")
        if zh:
            text = "，".join(parts) + f"：{self.date}到期"
            return text + ("（暂定）" if self.provisional else "")
        text = ", ".join(parts) + f": due {self.date}"
        return text + (" (provisional)" if self.provisional else "")

    def _short_span(self, step: ExplanationStep, zh: bool) -> str:
        first, last = (
            f"{d:%m-%d}" if d.year == self.start.year else d.isoformat()
            for d in (step.first, step.last)
        )
        if first == last:
            return first
        return f"{first}至{last}" if zh else f"{first} to {last}"

    def _provisional_note(self, lang: str) -> str:
        years = "、".join(str(y) for y in self.unpublished_years)
        if _lang(lang) == "zh":
            return (
                f"注：{years}年的放假安排尚未公布，按《全国年节及纪念日放假办法》的法定节假日推定"
                "（不含调休），结果为暂定，公布后重新计算。"
            )
        years_en = ", ".join(str(y) for y in self.unpublished_years)
        return (
            f"Note: the holiday arrangement for {years_en} is not yet published; the statutory "
            "holidays are assumed (no swaps), so the result is provisional and will be "
            "recomputed when it is published."
        )


def explain_add_working_days(
    start: date, days: int, calendar: WorkCalendar | None = None
) -> Explanation:
    """``add_working_days`` with its reasons: skipped weekends and holidays, 调休 days worked.

    Kept per calendar (immutable): every request received on a day has the same deadline and
    explanation, and each submission and page of one would otherwise walk the days again."""
    cal = _calendar(calendar)
    explanation = cal._explanations.get((start, days))
    if explanation is None:
        if len(cal._explanations) >= _EXPLANATIONS_KEPT:
            cal._explanations.clear()
        explanation = cal._explanations[start, days] = _explain(cal, start, days)
    return explanation


_EXPLANATIONS_KEPT = 4096  # (start, days) pairs per calendar; a deadline run over years stays small


def _explain(cal: WorkCalendar, start: date, days: int) -> Explanation:
    due = cal.add_working_days(start, days)
    unpublished = cal.unpublished_years(start, due)
    steps = [_start_step(start, days)]
    steps += [run.describe() for run in _runs(cal, start, due)]
    steps.append(_due_step(due, days, start, bool(unpublished)))
    return Explanation(start, days, due, bool(unpublished), tuple(steps), unpublished)


@dataclass
class _Run:
    """Consecutive days after the start that share a kind (and holiday)."""

    kind: str
    holiday: Holiday | None
    provisional: bool
    first: date
    last: date
    first_number: int  # working-day numbers covered, for counted kinds
    last_number: int

    def describe(self) -> ExplanationStep:
        zh, en = _RUN_TEXT[self.kind](self)
        if self.provisional and self.kind == "skipped_holiday":
            zh, en = zh + "（按法定节假日推定，暂定）", en + " (statutory holiday, provisional)"
        return ExplanationStep(
            self.kind,
            self.first,
            self.last,
            zh,
            en,
            holiday=self.holiday.name if self.holiday else None,
            holiday_en=self.holiday.label_en if self.holiday else None,
            provisional=self.provisional,
        )


def _runs(calendar: WorkCalendar, start: date, due: date) -> list[_Run]:
    runs: list[_Run] = []
    number = 0
    for day in _date_range(start + _ONE_DAY, due):
        kind, holiday = _day_kind(calendar, day)
        if kind in ("counted", "makeup_workday"):
            number += 1
        provisional = calendar.is_provisional(day, day)
        last = runs[-1] if runs else None
        if last and (last.kind, last.holiday) == (kind, holiday):
            last.last, last.last_number = day, number
            last.provisional = last.provisional or provisional
        else:
            runs.append(_Run(kind, holiday, provisional, day, day, number, number))
    return runs


def _day_kind(calendar: WorkCalendar, day: date) -> tuple[str, Holiday | None]:
    if calendar.is_working_day(day):
        return ("makeup_workday" if day.weekday() >= _SATURDAY else "counted"), None
    holiday = calendar.holiday_on(day)
    return ("skipped_holiday", holiday) if holiday else ("skipped_weekend", None)


def _span_zh(first: date, last: date) -> str:
    return str(first) if first == last else f"{first}至{last}"


def _span_en(first: date, last: date) -> str:
    return str(first) if first == last else f"{first} to {last}"


def _numbers_zh(run: _Run) -> str:
    if run.first_number == run.last_number:
        return f"第{run.first_number}个工作日"
    return f"第{run.first_number}至{run.last_number}个工作日"


def _numbers_en(run: _Run) -> str:
    if run.first_number == run.last_number:
        return f"working day {run.first_number}"
    return f"working days {run.first_number}–{run.last_number}"


def _weekdays_zh(run: _Run) -> str:
    return "、".join(_WEEKDAY_ZH[d.weekday()] for d in _date_range(run.first, run.last))


def _weekdays_en(run: _Run) -> str:
    return ", ".join(_WEEKDAY_EN[d.weekday()] for d in _date_range(run.first, run.last))


_RUN_TEXT = {
    "counted": lambda r: (
        f"{_span_zh(r.first, r.last)}：工作日，计为{_numbers_zh(r)}",
        f"{_span_en(r.first, r.last)}: {_numbers_en(r)}",
    ),
    "makeup_workday": lambda r: (
        f"{_span_zh(r.first, r.last)}（{_weekdays_zh(r)}）：调休上班，计为{_numbers_zh(r)}",
        f"{_span_en(r.first, r.last)} ({_weekdays_en(r)}): make-up working day (调休上班), "
        f"{_numbers_en(r)}",
    ),
    "skipped_weekend": lambda r: (
        f"{_span_zh(r.first, r.last)}：周末休息，不计",
        f"{_span_en(r.first, r.last)}: weekend, not counted",
    ),
    "skipped_holiday": lambda r: (
        f"{_span_zh(r.first, r.last)}：{r.holiday.name}放假，不计",
        f"{_span_en(r.first, r.last)}: {r.holiday.label_en} holiday, not counted",
    ),
}


def _start_step(start: date, days: int) -> ExplanationStep:
    weekday_zh, weekday_en = _WEEKDAY_ZH[start.weekday()], _WEEKDAY_EN[start.weekday()]
    return ExplanationStep(
        "start",
        start,
        start,
        f"{start}（{weekday_zh}）为起算日（第0日），自次日起计{days}个工作日",
        f"{start} ({weekday_en}) is day 0; {days} working days are counted from the next day",
    )


def _due_step(due: date, days: int, start: date, provisional: bool) -> ExplanationStep:
    weekday_zh, weekday_en = _WEEKDAY_ZH[due.weekday()], _WEEKDAY_EN[due.weekday()]
    if days == 0:
        zh, en = f"0个工作日：起算日 {start} 当日到期", f"0 working days: due on {start} itself"
    else:
        zh = f"第{days}个工作日为{due}（{weekday_zh}），即到期日"
        en = f"Working day {days} is {due} ({weekday_en}): the due date"
    if provisional:
        zh, en = zh + "（暂定）", en + " (provisional)"
    return ExplanationStep("due", due, due, zh, en, provisional=provisional)
