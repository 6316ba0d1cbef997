"""When a disclosure request counts as received (收到申请之日), per channel.

《政府信息公开条例》第三十一条 (regulations.md §1.2, CONFIRMED):

- 当面提交 — the day it is handed in (提交之日);
- 邮寄 — the day the agency signs for it (签收之日); an ordinary letter that needs no signature
  (平常信函等无需签收) — the day the 信息公开工作机构 confirms it with the applicant, which it
  must do on the day the letter arrives (国办公开办函〔2015〕207号 adds: if the applicant cannot be
  reached that day, the day contact is made);
- 互联网渠道 or the office's 传真 — the day both sides confirm (双方确认之日). E-mail is an
  Internet channel, so art. 31 replaces 207号's older "the day the mail system receives it".
  A request made through this platform's own form is confirmed by the platform itself the
  moment it is committed and acknowledged with a tracking number, so its receipt day is the
  submission day in China Standard Time unless staff record a confirmation day.

Weekends and holidays: art. 31 fixes the receipt day as the day of the event and has no rule
that moves it to the next working day, so a request received on a rest day keeps that day. The
clock counts the receipt day as day 0, so the first counted day is the next working day anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from gongkai.core.workdays import WorkCalendar, is_working_day
from gongkai.disclosure.outcomes import CHANNELS

# China has kept UTC+8 without daylight saving since 1991; a fixed offset needs no tz database.
CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


class ReceiptError(ValueError):
    """A receipt date cannot be determined from what was given; carries zh and en text."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en = code, zh, en


@dataclass(frozen=True)
class Receipt:
    """The receipt day of a request and the rule that fixed it, for the request's explanation."""

    channel: str
    received_on: date
    rule: str
    rule_en: str
    basis: str
    notes: tuple[tuple[str, str], ...] = ()  # (zh, en) pairs

    def lines(self, lang: str = "zh") -> list[str]:
        rule = self.rule if lang == "zh" else self.rule_en
        notes = [zh if lang == "zh" else en for zh, en in self.notes]
        return [rule, *notes]


@dataclass(frozen=True)
class _Given:
    handed_in_on: date | None
    signed_on: date | None
    confirmed_on: date | None
    submitted_on: date | None  # submitted_at in China Standard Time
    arrived_on: date | None

    def present(self) -> set[str]:
        return {name for name, value in vars(self).items() if value is not None}


# channel -> (fields that may be given, rule zh, rule en, basis)
_RULES: dict[str, tuple[frozenset[str], str, str, str]] = {
    "in_person": (
        frozenset({"handed_in_on"}),
        "当面提交，以提交之日为收到申请之日",
        "Handed in person: received on the day it was handed in",
        "《条例》第三十一条第（一）项",
    ),
    "post_signed": (
        frozenset({"signed_on"}),
        "以邮政方式提交，以行政机关签收之日为收到申请之日",
        "By post: received on the day the agency signed for it",
        "《条例》第三十一条第（二）项",
    ),
    "post_ordinary": (
        frozenset({"confirmed_on", "arrived_on"}),
        "平常信函等无需签收的邮件，以与申请人确认之日为收到申请之日",
        "Ordinary letter without signature: received on the day it was confirmed with the applicant",
        "《条例》第三十一条第（二）项；国办公开办函〔2015〕207号",
    ),
    "online": (
        frozenset({"confirmed_on", "submitted_on"}),
        "通过互联网渠道提交，以双方确认之日为收到申请之日",
        "Online: received on the day both sides confirmed it",
        "《条例》第三十一条第（三）项",
    ),
    "fax": (
        frozenset({"confirmed_on", "submitted_on"}),
        "通过传真提交，以双方确认之日为收到申请之日",
        "By fax: received on the day both sides confirmed it",
        "《条例》第三十一条第（三）项",
    ),
    "email": (
        frozenset({"confirmed_on", "submitted_on"}),
        "通过电子邮件（互联网渠道）提交，以双方确认之日为收到申请之日",
        "By e-mail (an Internet channel): received on the day both sides confirmed it",
        "《条例》第三十一条第（三）项",
    ),
}

_FIELD_NAMES = {
    "handed_in_on": ("提交日期", "hand-in date"),
    "signed_on": ("签收日期", "signing date"),
    "confirmed_on": ("确认日期", "confirmation date"),
    "submitted_on": ("提交时间", "submission time"),
    "arrived_on": ("到达日期", "arrival date"),
}


def received_on_for(
    channel: str,
    *,
    handed_in_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    submitted_at: datetime | None = None,
    arrived_on: date | None = None,
    calendar: WorkCalendar | None = None,
) -> date:
    """The receipt day (收到申请之日) of a request made through ``channel``; see ``receipt_for``."""
    return receipt_for(
        channel,
        handed_in_on=handed_in_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        submitted_at=submitted_at,
        arrived_on=arrived_on,
        calendar=calendar,
    ).received_on


def receipt_for(
    channel: str,
    *,
    handed_in_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    submitted_at: datetime | None = None,
    arrived_on: date | None = None,
    calendar: WorkCalendar | None = None,
) -> Receipt:
    """The receipt day with its rule and notes. ``submitted_at`` must be timezone-aware.

    Raises ``ReceiptError`` for an unknown channel, a missing date the channel's rule needs, a
    date the channel does not use, or a confirmation before the request arrived.
    """
    if channel not in _RULES:
        raise ReceiptError(
            "unknown_channel",
            f"未知的申请渠道：{channel!r}",
            f"unknown channel: {channel!r}",
        )
    given = _Given(handed_in_on, signed_on, confirmed_on, _china_date(submitted_at), arrived_on)
    allowed, rule, rule_en, basis = _RULES[channel]
    _reject_unused(channel, given, allowed)
    received_on, notes = _RESOLVERS[channel](given)
    notes += _rest_day_note(received_on, calendar)
    return Receipt(channel, received_on, rule, rule_en, basis, tuple(notes))


def _china_date(moment: datetime | None) -> date | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ReceiptError(
            "naive_datetime",
            "提交时间必须带时区",
            "the submission time must carry a time zone",
        )
    return moment.astimezone(CHINA_STANDARD_TIME).date()


def _reject_unused(channel: str, given: _Given, allowed: frozenset[str]) -> None:
    unused = sorted(given.present() - allowed)
    if unused:
        zh = "、".join(_FIELD_NAMES[name][0] for name in unused)
        en = ", ".join(_FIELD_NAMES[name][1] for name in unused)
        label = CHANNELS[channel]
        raise ReceiptError(
            "field_not_used",
            f"{label.label}渠道不使用：{zh}",
            f"not used for channel {label.label_en}: {en}",
        )


def _require(value: date | None, field: str) -> date:
    if value is None:
        zh, en = _FIELD_NAMES[field]
        raise ReceiptError(f"missing_{field}", f"缺少{zh}", f"missing {en}")
    return value


def _handed_in(given: _Given) -> tuple[date, list]:
    return _require(given.handed_in_on, "handed_in_on"), []


def _signed(given: _Given) -> tuple[date, list]:
    return _require(given.signed_on, "signed_on"), []


def _confirmed_after(given: _Given, earlier: date | None, earlier_field: str) -> date:
    confirmed = _require(given.confirmed_on, "confirmed_on")
    if earlier is not None and confirmed < earlier:
        zh, en = _FIELD_NAMES[earlier_field]
        raise ReceiptError(
            "confirmed_before_arrival",
            f"确认日期 {confirmed} 早于{zh} {earlier}",
            f"confirmation date {confirmed} is before the {en} {earlier}",
        )
    return confirmed


def _ordinary_letter(given: _Given) -> tuple[date, list]:
    confirmed = _confirmed_after(given, given.arrived_on, "arrived_on")
    notes = []
    if given.arrived_on is not None and confirmed > given.arrived_on:
        notes.append(
            (
                f"信函 {given.arrived_on} 到达，{confirmed} 才与申请人确认："
                "仅在到达当日无法联系申请人时允许（国办公开办函〔2015〕207号）",
                f"The letter arrived {given.arrived_on} but was confirmed {confirmed}: "
                "allowed only if the applicant could not be reached on the day it arrived",
            )
        )
    return confirmed, notes


def _both_confirm(given: _Given) -> tuple[date, list]:
    return _confirmed_after(given, given.submitted_on, "submitted_on"), []


def _online(given: _Given) -> tuple[date, list]:
    if given.confirmed_on is None and given.submitted_on is not None:
        note = (
            "本平台提交即确认并发出回执，以提交日（北京时间）为收到申请之日",
            "This platform confirms and acknowledges on submission: received on the "
            "submission day (China Standard Time)",
        )
        return given.submitted_on, [note]
    return _both_confirm(given)


_RESOLVERS = {
    "in_person": _handed_in,
    "post_signed": _signed,
    "post_ordinary": _ordinary_letter,
    "online": _online,
    "fax": _both_confirm,
    "email": _both_confirm,
}


def _rest_day_note(received_on: date, calendar: WorkCalendar | None) -> list[tuple[str, str]]:
    if is_working_day(received_on, calendar):
        return []
    return [
        (
            f"{received_on} 为休息日：收到申请之日不顺延，期限自其后第一个工作日起算",
            f"{received_on} is a rest day: the receipt day is not moved; "
            "counting starts with the next working day",
        )
    ]
