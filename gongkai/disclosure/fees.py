"""信息处理费: the information processing fee of 国办函〔2020〕109号 (regulations.md §1.5).

Art. 42 of the 条例 makes disclosure free; a fee may be charged only to applicants whose
requests clearly exceed a reasonable quantity or frequency. 109号:

- art. 3: charged 按件 (per request) **or** 按量 (per page) — the agency picks one per request,
  never both; both are 超额累进 (each band's rate applies only to the part inside the band);
- art. 4 按件: counted per applicant over one natural month (自然月), cumulative; 1–10 free,
  11–30 100 元/件, then "以10件为一档，每增加一档，收费标准提高100元/件" (31–40 200, 41–50 300 …);
  a multi-item request may be split into the smallest reasonable units (一事一申请), so one
  request can count as several 件;
- art. 5 按量 (paper copies, e-mail, copies of electronic data), per request: ≤30 pages free,
  31–100 10 元/页, 101–200 20 元/页, 201+ 40 元/页. How electronic data converts into pages
  is UNCONFIRMED, so the caller supplies the page count.

Payment: the applicant pays within 20 working days from the day after receiving the 收费通知,
else the request is deemed abandoned (其他处理.逾期未缴费). Only a provincial restatement of this
was found (四川, SECONDARY), hence the named constant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.core.workdays import WorkCalendar, add_working_days

PER_REQUEST = "per_request"  # 按件计收
PER_VOLUME = "per_volume"  # 按量计收
METHODS = {PER_REQUEST: "按件计收", PER_VOLUME: "按量计收"}

# SECONDARY (四川省财政厅 2021-01-18 restating 109号): working days to pay after the notice.
FEE_PAYMENT_WINDOW_WORKING_DAYS = 20

FREE_REQUESTS_PER_MONTH = 10
_PER_REQUEST_BASE_LAST = 30  # last 件 charged at the base rate
_PER_REQUEST_BASE_RATE = 100
_PER_REQUEST_STEP = 10  # 件 per band above 30
_PER_REQUEST_RAISE = 100  # 元/件 added per band

# (first page, last page or None, 元/页)
PER_VOLUME_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)


class FeeError(ValueError):
    """Invalid fee input; carries zh and en text."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en = code, zh, en


@dataclass(frozen=True)
class FeeLine:
    """The part of a request that falls into one band: units first..last at ``rate`` 元 each."""

    first: int
    last: int
    rate: int

    @property
    def units(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.units * self.rate


@dataclass(frozen=True)
class FeeQuote:
    """A fee in whole 元 with its breakdown by band."""

    method: str
    unit: str  # "件" or "页"
    lines: tuple[FeeLine, ...]

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def chargeable(self) -> bool:
        return self.amount > 0

    def breakdown(self, lang: str = "zh") -> list[str]:
        """One sentence per band, then the total."""
        unit_en = {"件": "request", "页": "page"}[self.unit]
        out = []
        for line in self.lines:
            if lang == "zh":
                out.append(
                    f"第{line.first}–{line.last}{self.unit}：{line.units}{self.unit} × "
                    f"{line.rate}元 = {line.amount}元"
                )
            else:
                out.append(
                    f"{unit_en}s {line.first}–{line.last}: {line.units} × "
                    f"{line.rate} yuan = {line.amount} yuan"
                )
        out.append(
            f"合计（{METHODS[self.method]}）：{self.amount}元"
            if lang == "zh"
            else f"Total ({self.method.replace('_', ' ')}): {self.amount} yuan"
        )
        return out


def compute_fee(
    *,
    method: str,
    pages: int | None = None,
    requests_this_month: int | None = None,
    items: int = 1,
) -> FeeQuote:
    """The fee for one request.

    ``method=PER_REQUEST``: ``requests_this_month`` is the applicant's cumulative count of 件 in
    the natural month **including** this request, which counts as ``items`` 件 (after an
    一事一申请 split); this request occupies positions ``requests_this_month - items + 1`` to
    ``requests_this_month``. ``method=PER_VOLUME``: ``pages`` of this request; the monthly
    count plays no part. Giving ``pages`` with ``PER_REQUEST`` is refused (art. 3: never both).
    """
    if method == PER_REQUEST:
        if pages is not None:
            raise FeeError(
                "both_methods",
                "按件计收时不得再按页数计费",
                "a per-request fee cannot also be charged by pages",
            )
        return _per_request(requests_this_month, items)
    if method == PER_VOLUME:
        return _per_volume(pages)
    raise FeeError("unknown_method", f"未知的计费方式：{method!r}", f"unknown method: {method!r}")


def per_request_rate(position: int) -> int:
    """元 for the ``position``-th 件 of an applicant in a natural month (1-based)."""
    if position <= FREE_REQUESTS_PER_MONTH:
        return 0
    if position <= _PER_REQUEST_BASE_LAST:
        return _PER_REQUEST_BASE_RATE
    bands_above = -(-(position - _PER_REQUEST_BASE_LAST) // _PER_REQUEST_STEP)  # ceil
    return _PER_REQUEST_BASE_RATE + bands_above * _PER_REQUEST_RAISE


def _per_request(requests_this_month: int | None, items: int) -> FeeQuote:
    if requests_this_month is None:
        raise FeeError(
            "missing_month_count",
            "按件计收需要申请人本自然月累计申请件数",
            "a per-request fee needs the applicant's count of requests this natural month",
        )
    if items < 1 or requests_this_month < items:
        raise FeeError(
            "bad_month_count",
            f"本月累计件数（{requests_this_month}）须不少于本申请件数（{items}），且件数至少为1",
            f"the month's count ({requests_this_month}) must be at least this request's "
            f"items ({items}), and items at least 1",
        )
    first = requests_this_month - items + 1
    return FeeQuote(PER_REQUEST, "件", _group_by_rate(first, requests_this_month, per_request_rate))


def _page_rate(page: int) -> int:
    return next(rate for first, _last, rate in reversed(PER_VOLUME_BANDS) if page >= first)


def _per_volume(pages: int | None) -> FeeQuote:
    if pages is None or pages < 1:
        raise FeeError(
            "bad_pages",
            "按量计收需要页数（至少1页）",
            "a per-volume fee needs a page count of at least 1",
        )
    return FeeQuote(PER_VOLUME, "页", _group_by_rate(1, pages, _page_rate))


def _group_by_rate(first: int, last: int, rate_of) -> tuple[FeeLine, ...]:
    """Split first..last into runs of equal rate (the bands), without walking every unit."""
    lines: list[FeeLine] = []
    start = first
    while start <= last:
        rate = rate_of(start)
        end = _band_end(start, last, rate, rate_of)
        lines.append(FeeLine(start, end, rate))
        start = end + 1
    return tuple(lines)


def _band_end(start: int, last: int, rate: int, rate_of) -> int:
    # Rates never fall as positions grow, so binary search finds the band's last position.
    low, high = start, last
    while low < high:
        mid = (low + high + 1) // 2
        if rate_of(mid) == rate:
            low = mid
        else:
            high = mid - 1
    return low


def payment_due_on(notice_received_on: date, calendar: WorkCalendar | None = None) -> date:
    """Last day to pay: ``FEE_PAYMENT_WINDOW_WORKING_DAYS`` working days after the notice
    reached the applicant (that day is day 0, counting "from the day after")."""
    return add_working_days(notice_received_on, FEE_PAYMENT_WINDOW_WORKING_DAYS, calendar)


def natural_month(day: date) -> tuple[date, date]:
    """First and last day of the natural month (自然月) containing ``day``."""
    first = day.replace(day=1)
    next_first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, date.fromordinal(next_first.toordinal() - 1)
