"""The statutory clock of a disclosure request (答复期限), derived from its recorded events.

The due date is never entered by hand: it follows from the request's events (received,
correction, consultation, extension, fee, withdrawal, reply) by the working-day calendar of
``gongkai.core.workdays``, and every state carries its explanation, step by step, in Chinese and
English (MuckRock's FOI clock, ARCHITECTURE.md invariant 1). Rules (regulations.md §1.1, §9):

- reply within 20 working days of the receipt day (《条例》第三十三条第二款); the receipt day
  is day 0 and the 20th working day after it is the last day;
- one complete correction notice (补正, 一次性) within 7 working days of receipt (第三十条); the
  clock stops and restarts in full from the day the corrected request arrives; if the
  applicant's stated period passes without a correction, the request lapses as 逾期不补正;
- consultation of third parties or other agencies is not counted (第三十三条第三款): the clock
  pauses from the day the consultation starts (that day still counts) to the day it ends (the
  day it ends is day 0 of the rest); the other side has 15 working days to answer (第三十二条、
  第三十四条), after which the agency decides on its own — a flag asks staff to record the end;
- one extension of at most 20 working days (第三十三条第二款), decided before the due date;
- fee notice (国办函〔2020〕109号): see ``FEE_PERIOD_PAUSES_CLOCK``; unpaid within the payment
  window → lapses as 逾期未缴费.

Late acts are recorded as they happened and flagged, not refused: a register must show what was
done. A pause or extension that starts after the due date does not move it. What the clock
refuses (``ClockError``): events out of order or in the future, a second correction notice or
extension, an extension of more than 20 working days, and events that make no sense in the
request's state (a consultation ending that never started, anything after the reply).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from gongkai.core.workdays import (
    Explanation,
    WorkCalendar,
    add_working_days,
    default_calendar,
    explain_add_working_days,
    working_days_between,
)
from gongkai.disclosure.fees import payment_due_on
from gongkai.disclosure.outcomes import OUTCOMES
from gongkai.disclosure.receipt import CHINA_STANDARD_TIME

ANSWER_WORKING_DAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_WORKING_DAYS = 7  # 第三十条
CONSULTATION_REPLY_WORKING_DAYS = 15  # 第三十二条、第三十四条
MAX_EXTENSION_WORKING_DAYS = 20  # 第三十三条第二款
DUE_SOON_WARNINGS = ((2, "due_soon_2"), (5, "due_soon_5"))
ONE_DAY = timedelta(days=1)

# Whether the time from a fee notice (收费通知) to payment is left out of the 20 working days.
# No national text says so (regulations.md §8 item 2: UNCONFIRMED). We pause, because of how
# the rules fit together (§1.5, §9): the notice must be sent within the processing period and
# the applicant then has 20 working days to pay, on pain of the request being deemed abandoned.
# If the clock ran on, a notice sent on day 15 would put the agency in breach on day 20 while
# the applicant was still lawfully within the payment window, and the agency cannot process an
# unpaid request. Set to False if the official 办法 text (art. 6–9) turns out to say otherwise.
FEE_PERIOD_PAUSES_CLOCK = True

EVENT_KINDS: dict[str, tuple[str, str]] = {
    "received": ("收到申请", "request received"),
    "correction_requested": ("告知补正", "correction requested"),
    "correction_received": ("收到补正", "correction received"),
    "consultation_started": ("征求意见", "consultation started"),
    "consultation_ended": ("征求意见结束", "consultation ended"),
    "extended": ("延期答复", "reply deadline extended"),
    "fee_notice": ("发出收费通知", "fee notice sent"),
    "fee_paid": ("缴纳费用", "fee paid"),
    "withdrawn": ("申请人撤回", "withdrawn by the applicant"),
    "replied": ("作出答复", "replied"),
}

STATUSES = (
    "running",
    "awaiting_correction",
    "in_consultation",
    "awaiting_fee",
    "lapsed",
    "replied",
    "withdrawn",
)
CLOSED_STATUSES = ("lapsed", "replied", "withdrawn")

# A withdrawn request is reported as （六）其他处理 3.其他: the 2021 format has no 撤回 row.
WITHDRAWN_OUTCOME = "other.other"


class ClockError(ValueError):
    """An event stream the clock refuses; ``index`` is the offending event's position."""

    def __init__(self, code: str, zh: str, en: str, index: int | None = None):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en, self.index = code, zh, en, index


@dataclass(frozen=True)
class ClockEvent:
    """One recorded event. ``days``: the extension's working days, or the applicant's correction
    period in working days from ``on``; ``until``: the applicant's correction deadline as a date
    (instead of ``days``); ``outcome``: the outcome code of a reply."""

    kind: str
    on: date
    days: int | None = None
    until: date | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class ClockStep:
    """One sentence of the explanation, in both languages."""

    on: date | None
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ClockFlag:
    """Something staff should know: a late act, an overdue consultation."""

    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class ClockState:
    status: str  # one of STATUSES
    received_on: date  # the receipt day the clock runs from (reset by a correction)
    first_received_on: date
    due_on: date | None  # None while the clock is stopped, or when the request lapsed
    correction_due_on: date  # last day to send the one complete correction notice
    provisional: bool  # a date depends on a holiday notice not yet published
    paused: bool
    pause_kind: str | None  # "correction" | "consultation" | "fee"
    waiting_until: date | None  # applicant's correction / payment deadline, or the consultee's
    extension_used: bool
    extension_days: int
    working_days_used: int  # of the running budget, up to the last pause
    working_days_budget: int  # 20 plus the extension
    working_days_left: int | None  # from today to due_on; negative when overdue
    warning: str  # "ok" | "due_soon_5" | "due_soon_2" | "overdue"
    closed_as: str | None  # outcome code once closed or lapsed
    closed_on: date | None
    replied_late: bool
    explanation: tuple[ClockStep, ...]
    flags: tuple[ClockFlag, ...]
    calendar_explanation: Explanation | None  # day-by-day detail of the current due date

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    def lines(self, lang: str = "zh") -> list[str]:
        return [step.text(lang) for step in self.explanation]


def today_in_china() -> date:
    return datetime.now(CHINA_STANDARD_TIME).date()


def compute_clock(
    events: Sequence[ClockEvent],
    calendar: WorkCalendar | None = None,
    today: date | None = None,
) -> ClockState:
    """The clock after ``events`` (in recorded order), as seen on ``today`` (China time)."""
    tally = _Tally(calendar or default_calendar(), today or today_in_china())
    _check_stream(events, tally.today)
    for index, event in enumerate(events):
        try:
            _HANDLERS[event.kind](tally, event)
        except ClockError as error:
            raise ClockError(error.code, error.zh, error.en, index) from None
    return tally.state()


def _check_stream(events: Sequence[ClockEvent], today: date) -> None:
    if not events or events[0].kind != "received":
        raise ClockError(
            "first_not_received",
            "第一个事件必须是“收到申请”",
            "the first event must be the receipt of the request",
            0,
        )
    previous = events[0].on
    for index, event in enumerate(events):
        if event.kind not in EVENT_KINDS:
            raise ClockError(
                "unknown_event",
                f"未知的事件：{event.kind!r}",
                f"unknown event: {event.kind!r}",
                index,
            )
        if event.on > today:
            raise ClockError(
                "future_date",
                f"{_zh(event)}的日期 {event.on} 晚于今天（{today}），不能登记将来的日期",
                f"{_en(event)} on {event.on} is after today ({today}); future dates are refused",
                index,
            )
        if event.on < previous:
            raise ClockError(
                "out_of_order",
                f"{_zh(event)}（{event.on}）早于前一事件（{previous}），请按发生顺序登记",
                f"{_en(event)} ({event.on}) is before the previous event ({previous}); "
                "record events in the order they happened",
                index,
            )
        previous = event.on


def _zh(event: ClockEvent) -> str:
    return EVENT_KINDS[event.kind][0]


def _en(event: ClockEvent) -> str:
    return EVENT_KINDS[event.kind][1]


@dataclass
class _Tally:
    """The clock's running state while the events are folded in."""

    cal: WorkCalendar
    today: date
    first_received: date | None = None
    received: date | None = None
    budget: int = ANSWER_WORKING_DAYS
    used: int = 0
    run_start: date | None = None  # None while stopped
    pause: str | None = None
    correction_until: date | None = None  # the applicant's correction deadline
    consultation_until: date | None = None  # the consulted party's answer deadline
    fee_due: date | None = None  # the applicant's payment deadline
    locked_due: date | None = None  # a due date that passed before a pause or late extension
    correction_requested: bool = False
    fee_pending: bool = False
    fee_noticed: bool = False
    extension_days: int = 0
    extension_used: bool = False
    status: str = "running"
    closed_as: str | None = None
    closed_on: date | None = None
    replied_late: bool = False
    due_at_close: date | None = None
    steps: list[ClockStep] = field(default_factory=list)
    flags: list[ClockFlag] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)  # every date computed, for "provisional"

    # -- arithmetic ---------------------------------------------------------------------------

    def add(self, start: date, days: int) -> date:
        result = add_working_days(start, days, self.cal)
        self.dates.append(result)
        return result

    def between(self, start: date, end: date) -> int:
        return working_days_between(start, end, self.cal)

    @property
    def correction_due(self) -> date:
        assert self.first_received is not None
        return add_working_days(self.first_received, CORRECTION_NOTICE_WORKING_DAYS, self.cal)

    def current_due(self) -> date | None:
        if self.locked_due is not None:
            return self.locked_due
        if self.run_start is None:
            return None
        if self.remaining == 0:
            # Stopped on the due day itself: due on resuming, or the next working day.
            return self.add(self.run_start - ONE_DAY, 1)
        return self.add(self.run_start, self.remaining)

    @property
    def remaining(self) -> int:
        return self.budget - self.used

    # -- transitions --------------------------------------------------------------------------

    def step(self, on: date | None, zh: str, en: str) -> None:
        self.steps.append(ClockStep(on, zh, en))

    def flag(self, code: str, zh: str, en: str) -> None:
        self.flags.append(ClockFlag(code, zh, en))

    def stop(self, kind: str, on: date) -> None:
        """Stop the clock on ``on`` (that day counts); a stop after the due date moves nothing."""
        due = self.current_due()
        if self.locked_due is None and due is not None and on > due:
            self.locked_due = due
            self.flag(
                "paused_after_due",
                f"{on} 中止计时晚于答复期限 {due}：期限已届满，不因此顺延",
                f"The clock was stopped on {on}, after the due date {due}: it stays overdue",
            )
        elif self.run_start is not None:
            self.used += self.between(self.run_start, on)
        self.run_start = None
        self.pause = kind

    def resume(self, on: date) -> None:
        self.pause = None
        self.run_start = on

    def require_open(self, event: ClockEvent) -> None:
        if self.status != "running":
            raise ClockError(
                "already_closed",
                f"申请已办结（{self.closed_on}），不能再登记{_zh(event)}",
                f"the request was closed on {self.closed_on}; cannot record: {_en(event)}",
            )

    def require_pause(self, event: ClockEvent, allowed: tuple[str | None, ...]) -> None:
        self.require_open(event)
        if self.pause not in allowed:
            zh, en = _PAUSE_NAMES[self.pause]
            raise ClockError(
                "wrong_state",
                f"当前状态（{zh}）下不能登记{_zh(event)}",
                f"cannot record {_en(event)} while {en}",
            )

    def close(self, status: str, on: date, outcome: str) -> None:
        self.due_at_close = self.current_due()
        self.status, self.closed_on, self.closed_as = status, on, outcome
        self.run_start, self.pause, self.fee_pending = None, None, False

    # -- the resulting state ------------------------------------------------------------------

    def state(self) -> ClockState:
        self._lapse_if_due()
        self._flag_consultation_overdue()
        due = self.current_due() if self.status not in CLOSED_STATUSES else self.due_at_close
        detail = self._final_step(due)
        left, warning = self._warning(due)
        provisional = self._provisional()
        assert self.first_received is not None and self.received is not None
        return ClockState(
            status=self._display_status(),
            received_on=self.received,
            first_received_on=self.first_received,
            due_on=due,
            correction_due_on=self.correction_due,
            provisional=provisional,
            paused=self.pause is not None,
            pause_kind=self.pause,
            waiting_until=self._waiting_until(),
            extension_used=self.extension_used,
            extension_days=self.extension_days,
            working_days_used=self.used,
            working_days_budget=self.budget,
            working_days_left=left,
            warning=warning,
            closed_as=self.closed_as,
            closed_on=self.closed_on,
            replied_late=self.replied_late,
            explanation=tuple(self.steps),
            flags=tuple(self.flags),
            calendar_explanation=detail,
        )

    def _waiting_until(self) -> date | None:
        if self.status in CLOSED_STATUSES:
            return None
        if self.pause == "correction":
            return self.correction_until
        if self.pause == "consultation":
            return self.consultation_until
        return self.fee_due if self.fee_pending else None

    def _display_status(self) -> str:
        if self.status in CLOSED_STATUSES:
            return self.status
        if self.pause == "correction":
            return "awaiting_correction"
        if self.pause == "consultation":
            return "in_consultation"
        return "awaiting_fee" if self.fee_pending else "running"

    def _lapse_if_due(self) -> None:
        if self.status != "running":
            return
        if self.pause == "correction" and self._passed(self.correction_until):
            until = self.correction_until
            self.step(
                until,
                f"{until} 补正期限届满，申请人未补正：视为放弃申请，按“逾期不补正”办结（第三十条）",
                f"{until}: the correction period ended without a correction: the request is "
                "deemed abandoned and closed as not corrected in time (art. 30)",
            )
            self._lapse(until, "other.no_correction")
        elif self.fee_pending and self._passed(self.fee_due):
            until = self.fee_due
            self.step(
                until,
                f"{until} 缴费期限届满，申请人未缴费：视为放弃申请，按“逾期未缴费”办结",
                f"{until}: the payment period ended without payment: the request is deemed "
                "abandoned and closed as fee unpaid",
            )
            self._lapse(until, "other.fee_unpaid")

    def _passed(self, day: date | None) -> bool:
        return day is not None and self.today > day

    def _lapse(self, until: date | None, outcome: str) -> None:
        self.close("lapsed", until, outcome)
        self.due_at_close = None

    def _flag_consultation_overdue(self) -> None:
        reply_due = self.consultation_until
        if self.pause == "consultation" and self._passed(reply_due):
            self.flag(
                "consultation_reply_overdue",
                f"被征求意见方应于 {reply_due} 前答复，已逾期：请登记征求意见结束，"
                "由本机关依法决定（第三十二条、第三十四条）",
                f"The consulted party's answer was due by {reply_due}: record the end of the "
                "consultation and decide (Regulations art. 32, 34)",
            )

    def _final_step(self, due: date | None) -> Explanation | None:
        if self.status in CLOSED_STATUSES:
            return None
        if self.locked_due is not None:
            self.step(None, f"答复期限 {due}（已届满）", f"Reply due {due} (passed)")
            return None
        if self.run_start is None:
            self.step(
                None,
                f"计时中止：已用{self.used}个工作日，剩余{self.remaining}个工作日，恢复后继续计算",
                f"Clock stopped: {self.used} working days used, {self.remaining} left "
                "when it resumes",
            )
            return None
        if self.remaining == 0:
            self.step(
                due,
                f"答复期限 {due}：中止前已用完{self.budget}个工作日，恢复计算后应即答复",
                f"Reply due {due}: all {self.budget} working days were used before the clock "
                "stopped, so the reply is due on resuming",
            )
            return None
        detail = explain_add_working_days(self.run_start, self.remaining, self.cal)
        fresh = self.used == 0 and self.run_start == self.received
        label_zh, label_en = ("收到申请", "received") if fresh else ("恢复计算", "resumed")
        self.step(
            due,
            f"答复期限 {due}：{detail.summary('zh', start_label=label_zh)}",
            f"Reply due {due}: {detail.summary('en', start_label=label_en)}",
        )
        return detail

    def _warning(self, due: date | None) -> tuple[int | None, str]:
        stopped = self.pause is not None and self.locked_due is None
        if due is None or self.status != "running" or stopped:
            return None, "ok"
        if self.today > due:
            return -self.between(due, self.today), "overdue"
        left = self.between(self.today, due)
        for limit, level in DUE_SOON_WARNINGS:
            if left <= limit:
                return left, level
        return left, "ok"

    def _provisional(self) -> bool:
        assert self.first_received is not None
        latest = max([self.first_received, self.correction_due, *self.dates])
        years = self.cal.unpublished_years(self.first_received, latest)
        if years:
            self.step(
                None,
                f"注：{'、'.join(map(str, years))}年放假安排尚未公布，相关日期按法定节假日推定，"
                "为暂定日期，公布后重新计算",
                f"Note: the holiday arrangement for {', '.join(map(str, years))} is not yet "
                "published; the dates assume the statutory holidays and are provisional",
            )
        return bool(years)


_PAUSE_NAMES = {
    None: ("正在计时", "the clock is running"),
    "correction": ("等待补正", "awaiting the correction"),
    "consultation": ("征求意见中", "in consultation"),
    "fee": ("等待缴费", "awaiting the fee"),
}


# -- event handlers ---------------------------------------------------------------------------


def _on_received(tally: _Tally, event: ClockEvent) -> None:
    if tally.first_received is not None:
        raise ClockError(
            "second_receipt",
            "“收到申请”只能登记一次；补正后的申请请登记“收到补正”",
            "the receipt can be recorded once; record a corrected request as correction_received",
        )
    tally.first_received = tally.received = tally.run_start = event.on
    tally.step(
        event.on,
        f"{event.on} 收到申请（第0日）：应在{ANSWER_WORKING_DAYS}个工作日内答复（第三十三条第二款）；"
        f"需要补正的，应在 {tally.correction_due} 前一次性告知（第三十条）",
        f"{event.on} request received (day 0): reply within {ANSWER_WORKING_DAYS} working days "
        f"(art. 33(2)); any correction must be requested, all at once, by {tally.correction_due} "
        "(art. 30)",
    )


def _on_correction_requested(tally: _Tally, event: ClockEvent) -> None:
    tally.require_pause(event, (None,))
    if tally.correction_requested:
        raise ClockError(
            "second_correction",
            "补正只能一次性告知，已告知过补正",
            "a correction may be requested only once, all at once; it already was",
        )
    until = _correction_until(tally, event)
    if event.on > tally.correction_due:
        tally.flag(
            "correction_late",
            f"补正通知于 {event.on} 发出，晚于收到申请后7个工作日（{tally.correction_due}）",
            f"The correction was requested on {event.on}, after the 7-working-day limit "
            f"({tally.correction_due})",
        )
    tally.correction_requested = True
    tally.stop("correction", event.on)
    tally.correction_until = until
    tally.step(
        event.on,
        f"{event.on} 一次性告知补正，补正期限至 {until}：答复期限中止，自收到补正申请之日起重新计算"
        "（第三十条）",
        f"{event.on} correction requested, to be made by {until}: the clock stops and restarts "
        "from the day the corrected request arrives (art. 30)",
    )


def _correction_until(tally: _Tally, event: ClockEvent) -> date:
    if (event.days is None) == (event.until is None):
        raise ClockError(
            "correction_period",
            "告知补正须写明一个补正期限：工作日数或截止日期（二选一）",
            "a correction request needs the applicant's period: working days or a date, not both",
        )
    if event.until is not None:
        if event.until <= event.on:
            raise ClockError(
                "correction_period",
                f"补正期限 {event.until} 须晚于告知日 {event.on}",
                f"the correction deadline {event.until} must be after the request {event.on}",
            )
        return event.until
    if event.days is None or event.days < 1:
        raise ClockError(
            "correction_period",
            "补正期限至少为1个工作日",
            "the correction period must be at least 1 working day",
        )
    return tally.add(event.on, event.days)


def _on_correction_received(tally: _Tally, event: ClockEvent) -> None:
    tally.require_pause(event, ("correction",))
    if event.on > tally.correction_until:
        tally.flag(
            "correction_after_period",
            f"补正于 {event.on} 收到，晚于补正期限 {tally.correction_until}（视为有正当理由而受理）",
            f"The correction arrived on {event.on}, after the period ending "
            f"{tally.correction_until} (accepted as having good reason)",
        )
    tally.received = event.on
    tally.used, tally.locked_due = 0, None
    tally.resume(event.on)
    tally.step(
        event.on,
        f"{event.on} 收到补正后的申请：以此日为收到申请之日（第0日），重新计算{tally.budget}个工作日",
        f"{event.on} corrected request received: this is the new receipt day (day 0); "
        f"{tally.budget} working days run again",
    )


def _on_consultation_started(tally: _Tally, event: ClockEvent) -> None:
    tally.require_pause(event, (None,))
    tally.stop("consultation", event.on)
    tally.consultation_until = reply_due = tally.add(event.on, CONSULTATION_REPLY_WORKING_DAYS)
    tally.step(
        event.on,
        f"{event.on} 征求第三方或其他机关意见：已用{tally.used}个工作日，征求意见期间不计入答复期限"
        f"（第三十三条第三款）；对方应在 {reply_due} 前答复（15个工作日）",
        f"{event.on} consultation of a third party or another agency: {tally.used} working days "
        f"used; the consultation is not counted (art. 33(3)); the answer is due by {reply_due} "
        "(15 working days)",
    )


def _on_consultation_ended(tally: _Tally, event: ClockEvent) -> None:
    tally.require_pause(event, ("consultation",))
    tally.resume(event.on)
    tally.step(
        event.on,
        f"{event.on} 征求意见结束：继续计时，剩余{tally.remaining}个工作日",
        f"{event.on} consultation ended: the clock runs again, {tally.remaining} working days left",
    )


def _on_extended(tally: _Tally, event: ClockEvent) -> None:
    tally.require_pause(event, (None, "consultation", "fee"))
    _check_extension(tally, event)
    tally.extension_used = True
    due = tally.current_due()
    if tally.locked_due is not None or (due is not None and event.on > due):
        tally.flag(
            "extension_late",
            f"{event.on} 延期决定晚于答复期限 {due}：期限已届满，延期不改变到期日",
            f"The extension of {event.on} came after the due date {due}: it changes nothing",
        )
        return
    assert event.days is not None
    tally.extension_days = event.days
    tally.budget += event.days
    tally.step(
        event.on,
        f"{event.on} 延期答复{event.days}个工作日（经政府信息公开工作机构负责人同意并告知申请人，"
        "第三十三条第二款）",
        f"{event.on} reply deadline extended by {event.days} working days (approved by the head "
        "of the openness office, applicant told; art. 33(2))",
    )


def _check_extension(tally: _Tally, event: ClockEvent) -> None:
    if tally.extension_used:
        raise ClockError(
            "second_extension",
            "答复期限只能延长一次，已延长过",
            "the reply deadline can be extended only once; it already was",
        )
    days = event.days
    if (
        not isinstance(days, int)
        or isinstance(days, bool)
        or not 1 <= days <= MAX_EXTENSION_WORKING_DAYS
    ):
        raise ClockError(
            "extension_days",
            f"延长的期限须为1至{MAX_EXTENSION_WORKING_DAYS}个工作日，收到 {event.days!r}",
            f"an extension must be 1 to {MAX_EXTENSION_WORKING_DAYS} working days, "
            f"got {event.days!r}",
        )


def _on_fee_notice(tally: _Tally, event: ClockEvent) -> None:
    tally.require_pause(event, (None,))
    if tally.fee_noticed:
        raise ClockError("second_fee_notice", "已发出过收费通知", "a fee notice was already sent")
    due = tally.current_due()
    if due is not None and event.on > due:
        tally.flag(
            "fee_notice_late",
            f"收费通知于 {event.on} 发出，晚于答复期限 {due}（应在办理期限内发出）",
            f"The fee notice of {event.on} came after the due date {due} "
            "(it must be sent within the processing period)",
        )
    tally.fee_noticed = tally.fee_pending = True
    pay_by = payment_due_on(event.on, tally.cal)
    tally.dates.append(pay_by)
    if FEE_PERIOD_PAUSES_CLOCK:
        tally.stop("fee", event.on)
        effect_zh, effect_en = "缴费期间不计入答复期限", "the payment period is not counted"
    else:
        effect_zh, effect_en = "答复期限照常计算", "the clock keeps running"
    tally.fee_due = pay_by
    tally.step(
        event.on,
        f"{event.on} 发出收费通知：申请人应在 {pay_by} 前缴费（国办函〔2020〕109号），{effect_zh}",
        f"{event.on} fee notice sent: the applicant must pay by {pay_by}; {effect_en}",
    )


def _on_fee_paid(tally: _Tally, event: ClockEvent) -> None:
    tally.require_open(event)
    if not tally.fee_pending:
        raise ClockError("no_fee_notice", "没有待缴的收费通知", "no fee notice is awaiting payment")
    tally.fee_pending = False
    if tally.pause == "fee":
        tally.resume(event.on)
    tally.step(
        event.on,
        f"{event.on} 申请人缴纳费用：继续办理，剩余{tally.remaining}个工作日",
        f"{event.on} fee paid: processing continues, {tally.remaining} working days left",
    )


def _on_withdrawn(tally: _Tally, event: ClockEvent) -> None:
    tally.require_open(event)
    tally.close("withdrawn", event.on, WITHDRAWN_OUTCOME)
    tally.step(
        event.on,
        f"{event.on} 申请人撤回申请，办结（年报计入“其他处理—其他”）",
        f"{event.on} withdrawn by the applicant; closed (reported as other handling: other)",
    )


def _on_replied(tally: _Tally, event: ClockEvent) -> None:
    tally.require_open(event)
    if event.outcome not in OUTCOMES:
        raise ClockError(
            "unknown_outcome",
            f"答复须注明处理结果代码，收到 {event.outcome!r}",
            f"a reply needs an outcome code, got {event.outcome!r}",
        )
    due = tally.current_due()  # None while stopped, unless it had already passed
    tally.replied_late = due is not None and event.on > due
    tally.close("replied", event.on, event.outcome)
    outcome = OUTCOMES[event.outcome]
    late_zh, late_en = ("（逾期答复）", " (late)") if tally.replied_late else ("", "")
    tally.step(
        event.on,
        f"{event.on} 作出答复：{outcome.group.name}—{outcome.name}，办结{late_zh}",
        f"{event.on} replied: {outcome.label_en}; closed{late_en}",
    )
    if tally.replied_late:
        tally.flag(
            "replied_late",
            f"答复日 {event.on} 晚于答复期限 {due}",
            f"The reply of {event.on} came after the due date {due}",
        )


_HANDLERS = {
    "received": _on_received,
    "correction_requested": _on_correction_requested,
    "correction_received": _on_correction_received,
    "consultation_started": _on_consultation_started,
    "consultation_ended": _on_consultation_ended,
    "extended": _on_extended,
    "fee_notice": _on_fee_notice,
    "fee_paid": _on_fee_paid,
    "withdrawn": _on_withdrawn,
    "replied": _on_replied,
}
