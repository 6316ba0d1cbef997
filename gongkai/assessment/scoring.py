"""The assessment's arithmetic (考核指标计分) without the database.

Each indicator is scored per department and period from plain rows the selectors gather:

- a **deadline** row is one obligation (a request to answer, a decision to publish, an
  interpretation to publish with its document, an adoption report to publish) with the day it
  fell due and the day it was done. It counts in the period its due day falls in, once it can
  be judged: done, or due before the day of the computation. Late by the working days from the
  due day to the day it was done (or to the computation day when still undone), counted on the
  calendar passed in (``gongkai.core.workdays``), so a holiday never counts against anyone.
  With ``timely=False`` (adoption reports, which have no statutory deadline) an item is met
  when done at all.
  A department's score is the share of its items met, 0–100; no item, no score (the indicator
  does not apply to it and leaves its weight out of the total).
- a **finding** row is one problem of the site's health check (a dead link, a stale column, a
  page with personal data). A department's score is 100 less ``deduction`` points a finding,
  never below 0; a department without findings scores 100.
- a **spot-check finding** row is one problem a reviewer found on an item a spot check (抽查)
  drew, with its rectification deadline (整改期限) and the day it was rectified. Departments
  with items drawn in the period score 100 less ``deduction`` points a finding, and as many
  again for each rectification not done by its deadline (still open after it, or done after
  it), never below 0.

The weighted total is the mean of the scores a department has, by the indicators' weights; an
assessor's adjustments are added to an indicator's score and the result kept within 0–100.
A result keeps the weight it was computed with once its period is closed (no longer refreshed
by the daily job): changing an indicator's weight changes the totals of the periods still
moving, never those already settled (``applied_weight``). Likewise an indicator taken out of use
(停用) leaves the periods still moving at once and stays in the settled periods it was scored in
(``counted``).

An indicator may have a pass mark (达标分): a department whose final score on it is under the
mark has not passed it (未达标, ``failed_indicators``), and is listed for 通报 whatever its total,
like a department whose total is under the notice's threshold (``to_notify``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.core.workdays import WorkCalendar

HIGHER = "higher"  # a share of items met: the higher the better
LOWER = "lower"  # a count of problems found: the fewer the better

QUARTER = "quarter"
YEAR = "year"


@dataclass(frozen=True, order=True)
class Period:
    """考核周期: a year, or one of its quarters (``quarter`` 1–4; 0 for the whole year)."""

    year: int
    quarter: int = 0

    def __post_init__(self):
        if not 0 <= self.quarter <= 4 or not 2000 <= self.year <= 2100:
            raise ValueError(f"no such period: {self.year} Q{self.quarter}")

    @property
    def kind(self) -> str:
        return QUARTER if self.quarter else YEAR

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2 if self.quarter else 1, 1)

    @property
    def end(self) -> date:
        if self.quarter in (0, 4):
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def label_zh(self) -> str:
        return f"{self.year}年第{self.quarter}季度" if self.quarter else f"{self.year}年度"

    @property
    def label_en(self) -> str:
        return f"Q{self.quarter} {self.year}" if self.quarter else f"Year {self.year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def parse(cls, key: str) -> Period:
        """ "2026" or "2026Q4"; ValueError for anything else."""
        year, _, quarter = key.strip().upper().partition("Q")
        if not year.isdigit() or (quarter and not quarter.isdigit()) or len(year) != 4:
            raise ValueError(f"no such period: {key!r}")
        return cls(int(year), int(quarter) if quarter else 0)

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def previous(self) -> Period:
        if not self.quarter:
            return Period(self.year - 1)
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else Period(self.year - 1, 4)


def periods_to_compute(today: date) -> list[Period]:
    """What the daily job refreshes: this quarter and year, and the quarter (and year) just
    ended, which late answers and publications still change."""
    current = Period.quarter_of(today)
    periods = [current, Period(today.year), current.previous()]
    if current.quarter == 1:
        periods.append(Period(today.year - 1))
    return periods


def settled(period: Period, *, as_of: date) -> bool:
    """A period the daily job no longer refreshes on ``as_of`` (``periods_to_compute``)."""
    return period not in periods_to_compute(as_of)


def applied_weight(period: Period, *, as_of: date, stored: int | None, current: int) -> int:
    """The weight a result of ``period`` is computed with on ``as_of``: the indicator's current
    weight while the period is still refreshed (``periods_to_compute``) or when the result is
    new (``stored`` None); the weight it was computed with once the period is closed."""
    if stored is None or not settled(period, as_of=as_of):
        return current
    return stored


def counted(period: Period, *, as_of: date, active: bool, scored: bool) -> bool:
    """Whether an indicator is shown and counted in ``period``'s totals on ``as_of``: always while
    in use (在用); once taken out of use, only in the settled periods it was ``scored`` in (their
    totals do not change), never in the periods still moving (nor is it computed any more)."""
    return active or (scored and settled(period, as_of=as_of))


@dataclass(frozen=True)
class DeadlineRow:
    """An obligation of a department: due on ``due_on``, done on ``done_on`` (None: not yet)."""

    department_id: int
    model: str  # "app_label.model" of the object behind it, to link to it
    pk: int
    label: str
    due_on: date
    done_on: date | None = None


@dataclass(frozen=True)
class FindingRow:
    """A problem the site's health check found on ``found_on``."""

    department_id: int
    model: str
    pk: int | None
    label: str
    detail: str
    found_on: date


@dataclass(frozen=True)
class Item:
    """One item behind a score, as the drill-down shows it."""

    model: str
    pk: int | None
    label: str
    met: bool
    due_on: date | None = None
    done_on: date | None = None
    late_days: int = 0
    detail: str = ""

    def as_json(self) -> dict:
        return {
            "model": self.model,
            "pk": self.pk,
            "label": self.label,
            "met": self.met,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "late_days": self.late_days,
            "detail": self.detail,
        }


@dataclass
class Score:
    """An indicator's score for one department and period, and the items behind it."""

    department_id: int
    score: float | None
    total: int = 0
    failing: int = 0
    items: list[Item] = field(default_factory=list)


def score_deadlines(
    rows: Iterable[DeadlineRow],
    period: Period,
    *,
    as_of: date,
    calendar: WorkCalendar,
    timely: bool = True,
) -> dict[int, Score]:
    """The share of each department's items met (see the module's docstring); departments
    without an item in the period are absent."""
    scores: dict[int, Score] = {}
    for row in rows:
        if not period.contains(row.due_on) or not _judged(row, as_of):
            continue
        item = _deadline_item(row, as_of=as_of, calendar=calendar, timely=timely)
        score = scores.setdefault(row.department_id, Score(row.department_id, None))
        score.items.append(item)
    for score in scores.values():
        score.total = len(score.items)
        score.failing = sum(not item.met for item in score.items)
        score.score = round(100 * (score.total - score.failing) / score.total, 1)
        score.items.sort(key=lambda item: (item.met, -item.late_days, item.due_on, item.label))
    return scores


def _judged(row: DeadlineRow, as_of: date) -> bool:
    return (row.done_on is not None and row.done_on <= as_of) or row.due_on < as_of


def _deadline_item(row: DeadlineRow, *, as_of: date, calendar: WorkCalendar, timely: bool) -> Item:
    done_on = row.done_on if row.done_on is not None and row.done_on <= as_of else None
    met = done_on is not None and (not timely or done_on <= row.due_on)
    late_days = 0 if met else calendar.working_days_between(row.due_on, done_on or as_of)
    return Item(
        model=row.model,
        pk=row.pk,
        label=row.label,
        met=met,
        due_on=row.due_on,
        done_on=done_on,
        late_days=late_days,
    )


def score_findings(
    rows: Iterable[FindingRow], department_ids: Iterable[int], *, deduction: int
) -> dict[int, Score]:
    """Every department checked scores 100 less ``deduction`` a finding, at least 0."""
    scores = {pk: Score(pk, None) for pk in department_ids}
    for row in rows:
        if row.department_id not in scores:
            continue
        scores[row.department_id].items.append(
            Item(
                model=row.model,
                pk=row.pk,
                label=row.label,
                met=False,
                due_on=row.found_on,
                detail=row.detail,
            )
        )
    for score in scores.values():
        score.total = score.failing = len(score.items)
        score.score = float(max(0, 100 - deduction * score.failing))
    return scores


@dataclass(frozen=True)
class SpotFindingRow:
    """A problem found by a spot check drawn in the period."""

    department_id: int
    pk: int
    label: str
    deadline: date
    rectified_on: date | None = None


def is_overdue(deadline: date, rectified_on: date | None, as_of: date) -> bool:
    """整改逾期: not rectified by the deadline (rectified after it, or still not on ``as_of``)."""
    return (rectified_on if rectified_on is not None else as_of) > deadline


def score_spot_findings(
    rows: Iterable[SpotFindingRow],
    department_ids: Iterable[int],
    *,
    deduction: int,
    as_of: date,
    calendar: WorkCalendar,
) -> dict[int, Score]:
    """Every department drawn from scores 100 less ``deduction`` a finding and as much again
    an overdue rectification (late by working days), at least 0."""
    scores = {pk: Score(pk, None) for pk in department_ids}
    overdue: dict[int, int] = dict.fromkeys(scores, 0)
    for row in rows:
        if row.department_id not in scores:
            continue
        done_on = row.rectified_on if row.rectified_on and row.rectified_on <= as_of else None
        late = is_overdue(row.deadline, done_on, as_of)
        overdue[row.department_id] += late
        scores[row.department_id].items.append(
            Item(
                model="assessment.spotcheckfinding",
                pk=row.pk,
                label=row.label,
                met=False,
                due_on=row.deadline,
                done_on=done_on,
                late_days=calendar.working_days_between(row.deadline, done_on or as_of)
                if late
                else 0,
            )
        )
    for pk, score in scores.items():
        score.total = score.failing = len(score.items)
        score.score = float(max(0, 100 - deduction * (score.failing + overdue[pk])))
        score.items.sort(key=lambda item: (-item.late_days, item.due_on, item.pk))
    return scores


def adjusted(score: float | None, adjustment: float) -> float | None:
    """A score with an assessor's adjustments (points, + or −), kept within 0–100."""
    if score is None:
        return None
    return round(min(100.0, max(0.0, score + adjustment)), 1)


def weighted_total(scores: Mapping[str, float | None], weights: Mapping[str, int]) -> float | None:
    """The mean of the scores a department has, by weight (indicators without a score, or
    without weight, leave theirs out); None when none applies."""
    pairs = [(score, weights.get(code, 0)) for code, score in scores.items() if score is not None]
    total_weight = sum(weight for _, weight in pairs)
    if not total_weight:
        return None
    return round(sum(score * weight for score, weight in pairs) / total_weight, 1)


def below_pass_mark(score: float | None, pass_mark: int | None) -> bool:
    """未达标: a score under the indicator's pass mark; without a score or a mark, never."""
    return score is not None and pass_mark is not None and score < pass_mark


def failed_indicators(
    scores: Mapping[str, float | None],
    weights: Mapping[str, int],
    pass_marks: Mapping[str, int | None],
) -> list[str]:
    """The indicators a department has not passed: its (final) score under the pass mark, on an
    indicator that counts in its total (one without weight fails no one)."""
    return sorted(
        code
        for code, score in scores.items()
        if weights.get(code, 0) and below_pass_mark(score, pass_marks.get(code))
    )


def to_notify(
    totals: Mapping[int, float | None],
    failed: Mapping[int, Collection[str]],
    threshold: float,
) -> list[tuple[int, float]]:
    """Departments listed for 通报, lowest total first: those whose total is under
    ``threshold``, and those that have ``failed`` an indicator (``failed_indicators``)."""
    low = [
        (pk, total)
        for pk, total in totals.items()
        if total is not None and (total < threshold or failed.get(pk))
    ]
    return sorted(low, key=lambda pair: (pair[1], pair[0]))
