"""The working-day calendar (工作日计算) every statutory deadline uses."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema

from gongkai.api.schemas import InvalidInput, IsoDate, Refusal
from gongkai.core.calendar import current_calendar
from gongkai.core.workdays import explain_add_working_days

router = Router(tags=["workdays 工作日"])

# Ten years: longer than any statutory period, and short enough to stay cheap.
MAX_DAYS = 3650
Lang = Literal["zh", "en"]
# A day in a year without a holiday arrangement (published or derived) is refused with
# code no_calendar_data, besides invalid input.
OUT_OF_CALENDAR = {422: Refusal | InvalidInput}


class AddParams(Schema):
    start: IsoDate = Field(description="起算日（第0日）start day (day 0), YYYY-MM-DD")
    days: int = Field(ge=0, le=MAX_DAYS, description="工作日数 working days")
    lang: Lang | None = Field(None, description="说明的语言；默认按 Accept-Language")


class AddOut(Schema):
    start: dt.date
    days: int
    date: dt.date = Field(description="第 N 个工作日 the N-th working day after start (day 0)")
    provisional: bool = Field(
        description="涉及尚未公布放假安排的年份，结果为暂定 depends on an unpublished year"
    )
    explanation: list[str] = Field(description="逐段说明 step by step")
    summary: str


class BetweenParams(Schema):
    start: IsoDate = Field(description="YYYY-MM-DD")
    end: IsoDate = Field(description="YYYY-MM-DD")


class BetweenOut(Schema):
    start: dt.date
    end: dt.date
    working_days: int = Field(
        description="start 之后至 end（含）的工作日数 working days d with start < d <= end"
    )
    provisional: bool


class DayParams(Schema):
    date: IsoDate = Field(description="YYYY-MM-DD")


class DayOut(Schema):
    date: dt.date
    working_day: bool
    makeup_workday: bool = Field(description="调休上班的周末 a weekend day worked (调休)")
    holiday: str | None = Field(description="所在假期 the holiday, on a day off")
    holiday_en: str | None
    provisional: bool


def _lang(request: HttpRequest, lang: Lang | None) -> Lang:
    """The explanation's language: ``lang`` if given, else the request's Accept-Language."""
    if lang:
        return lang
    preferred = translation.get_language_from_request(request)
    return "en" if preferred.startswith("en") else "zh"


@router.get("/workdays/add", response={200: AddOut, **OUT_OF_CALENDAR})
def add(request: HttpRequest, params: Query[AddParams]):
    """到期日: the ``days``-th working day after ``start``, with the reasons."""
    explanation = explain_add_working_days(params.start, params.days, current_calendar())
    language = _lang(request, params.lang)
    return {
        "start": params.start,
        "days": params.days,
        "date": explanation.date,
        "provisional": explanation.provisional,
        "explanation": explanation.lines(language),
        "summary": explanation.summary(language),
    }


@router.get("/workdays/between", response={200: BetweenOut, **OUT_OF_CALENDAR})
def between(request: HttpRequest, params: Query[BetweenParams]):
    """两日之间的工作日数 (0 when end is not after start)."""
    calendar = current_calendar()
    return {
        "start": params.start,
        "end": params.end,
        "working_days": calendar.working_days_between(params.start, params.end),
        "provisional": calendar.is_provisional(params.start, params.end),
    }


@router.get("/workdays/is-working-day", response={200: DayOut, **OUT_OF_CALENDAR})
def is_working_day(request: HttpRequest, params: Query[DayParams]):
    """是否工作日, and the holiday or 调休 that makes it so."""
    calendar, day = current_calendar(), params.date
    working = calendar.is_working_day(day)
    holiday = None if working else calendar.holiday_on(day)
    return {
        "date": day,
        "working_day": working,
        "makeup_workday": working and day.weekday() >= 5,
        "holiday": holiday.name if holiday else None,
        "holiday_en": holiday.label_en if holiday else None,
        "provisional": calendar.is_provisional(day, day),
    }
