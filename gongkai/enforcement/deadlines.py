"""The clocks of enforcement publicity (行政执法公示), on the foundation's working-day calendar.

Rules (regulations.md §3):

- a decision is published within 7 working days (行政许可、行政处罚) or 20 working days (every
  other kind) of the decision date (国办发〔2018〕118号, as reported);
- a published decision that is revoked, annulled or must be remade (变更、撤销、确认违法或者确认
  无效) leaves the public platform within 3 working days of that event (行政处罚法 art. 48; art. 85
  makes 三日 working days);
- the decision date, and the withdrawal event's date, are day 0, as for every deadline counted by
  ``gongkai.core.workdays``;
- a published decision is taken down after a retention period (local practice, not national:
  2 years for penalties on natural persons, 5 years otherwise); the periods are settings.

No Django here: the kind and target codes are the values of the model's choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from gongkai.core.workdays import Explanation, WorkCalendar, explain_add_working_days

LICENCE, PENALTY = "licence", "penalty"
SHORT_PERIOD_KINDS = frozenset({LICENCE, PENALTY})
SHORT_PERIOD_DAYS = 7
GENERAL_PERIOD_DAYS = 20
WITHDRAWAL_DAYS = 3
NATURAL_PERSON = "natural"

# (kind, target kind) -> years; "*" matches any. The first matching key wins, most specific first.
DEFAULT_RETENTION_YEARS: Mapping[tuple[str, str], int] = {
    (PENALTY, NATURAL_PERSON): 2,
    ("*", "*"): 5,
}


def publication_days(kind: str) -> int:
    """Working days allowed from the decision to its publication, by the decision's kind."""
    return SHORT_PERIOD_DAYS if kind in SHORT_PERIOD_KINDS else GENERAL_PERIOD_DAYS


def publication_deadline(kind: str, decided_on: date, calendar: WorkCalendar) -> Explanation:
    """The last day to publish a decision of ``kind`` made on ``decided_on``, with its reasons
    (``.date`` is the day, ``.lines()``/``.summary()`` the explanation)."""
    return explain_add_working_days(decided_on, publication_days(kind), calendar)


def withdrawal_deadline(event_on: date, calendar: WorkCalendar) -> Explanation:
    """The last day a revoked decision may still be public: 3 working days after the event."""
    return explain_add_working_days(event_on, WITHDRAWAL_DAYS, calendar)


def retention_years(
    kind: str, target_kind: str, rules: Mapping[tuple[str, str], int] | None = None
) -> int:
    """Years a published decision stays public, by kind and target kind."""
    rules = DEFAULT_RETENTION_YEARS if rules is None else rules
    for key in ((kind, target_kind), (kind, "*"), ("*", target_kind), ("*", "*")):
        if key in rules:
            return int(rules[key])
    raise ValueError(f"no retention rule for ({kind!r}, {target_kind!r}) and no ('*', '*') rule")


def takedown_on(
    kind: str,
    target_kind: str,
    decided_on: date,
    rules: Mapping[tuple[str, str], int] | None = None,
) -> date:
    """The day a published decision leaves the platform: the decision date plus the retention
    period (29 February falls back to 28 February)."""
    years = retention_years(kind, target_kind, rules)
    try:
        return decided_on.replace(year=decided_on.year + years)
    except ValueError:
        return decided_on.replace(year=decided_on.year + years, day=28)


def is_late(due: date, done_on: date | None, today: date) -> bool:
    """Whether a clock is overdue: done after its due day, or not done and the due day passed."""
    return done_on > due if done_on is not None else today > due
