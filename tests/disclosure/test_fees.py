"""信息处理费 per 国办函〔2020〕109号."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.disclosure.fees import (
    FEE_PAYMENT_WINDOW_WORKING_DAYS,
    PER_REQUEST,
    PER_VOLUME,
    FeeError,
    compute_fee,
    natural_month,
    payment_due_on,
    per_request_rate,
)


@pytest.mark.parametrize(
    ("position", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_per_request_rate_bands(position, rate):
    assert per_request_rate(position) == rate


def test_first_ten_requests_in_a_month_are_free():
    quote = compute_fee(method=PER_REQUEST, requests_this_month=10)
    assert quote.amount == 0
    assert not quote.chargeable


def test_a_split_request_straddling_bands():
    # Positions 28..33 of the month: three at 100, three at 200.
    quote = compute_fee(method=PER_REQUEST, requests_this_month=33, items=6)
    assert [(line.first, line.last, line.rate) for line in quote.lines] == [
        (28, 30, 100),
        (31, 33, 200),
    ]
    assert quote.amount == 900
    assert quote.breakdown("zh")[-1] == "合计（按件计收）：900元"
    assert quote.breakdown("en")[0] == "requests 28–30: 3 × 100 yuan = 300 yuan"


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_volume_progressive(pages, amount):
    assert compute_fee(method=PER_VOLUME, pages=pages).amount == amount


def test_per_volume_ignores_the_monthly_count():
    assert compute_fee(method=PER_VOLUME, pages=31, requests_this_month=50).amount == 10


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"method": PER_REQUEST}, "missing_month_count"),
        ({"method": PER_REQUEST, "requests_this_month": 2, "items": 3}, "bad_month_count"),
        ({"method": PER_REQUEST, "requests_this_month": 2, "items": 0}, "bad_month_count"),
        ({"method": PER_REQUEST, "requests_this_month": 12, "pages": 40}, "both_methods"),
        ({"method": PER_VOLUME}, "bad_pages"),
        ({"method": PER_VOLUME, "pages": 0}, "bad_pages"),
        ({"method": "per_minute", "requests_this_month": 1}, "unknown_method"),
    ],
)
def test_bad_input(kwargs, code):
    with pytest.raises(FeeError) as error:
        compute_fee(**kwargs)
    assert error.value.code == code


@given(st.integers(1, 400), st.integers(1, 30))
def test_per_request_equals_the_sum_of_unit_rates(position, items):
    position = max(position, items)
    quote = compute_fee(method=PER_REQUEST, requests_this_month=position, items=items)
    expected = sum(per_request_rate(p) for p in range(position - items + 1, position + 1))
    assert quote.amount == expected
    assert sum(line.units for line in quote.lines) == items


@given(st.integers(1, 2000))
def test_per_volume_lines_cover_every_page_once(pages):
    quote = compute_fee(method=PER_VOLUME, pages=pages)
    assert quote.lines[0].first == 1
    assert quote.lines[-1].last == pages
    assert all(a.last + 1 == b.first for a, b in zip(quote.lines, quote.lines[1:], strict=False))


def test_payment_window_is_20_working_days_after_the_notice():
    assert FEE_PAYMENT_WINDOW_WORKING_DAYS == 20
    # Notice on Fri 2026-09-25 (中秋, a day off): 09-28..30 are 1-3, 10-01..07 off, 10-08/09
    # are 4-5, Sat 10-10 (调休上班) 6, then 10-12..16, 10-19..23, 10-26..29 make 7-20.
    assert payment_due_on(date(2026, 9, 25)) == date(2026, 10, 29)


@pytest.mark.parametrize(
    ("day", "bounds"),
    [
        (date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2028, 2, 29), (date(2028, 2, 1), date(2028, 2, 29))),
        (date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_natural_month(day, bounds):
    assert natural_month(day) == bounds
