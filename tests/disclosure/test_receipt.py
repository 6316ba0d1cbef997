"""Receipt day per channel (《条例》第三十一条)."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from gongkai.disclosure.receipt import ReceiptError, receipt_for, received_on_for

MONDAY = date(2026, 10, 12)
SATURDAY = date(2026, 10, 17)
MAKEUP_SATURDAY = date(2026, 10, 10)  # 调休上班


def test_in_person_is_the_day_handed_in():
    assert received_on_for("in_person", handed_in_on=MONDAY) == MONDAY


def test_signed_post_is_the_signing_day():
    receipt = receipt_for("post_signed", signed_on=MONDAY)
    assert receipt.received_on == MONDAY
    assert "签收之日" in receipt.rule
    assert receipt.basis == "《条例》第三十一条第（二）项"


def test_ordinary_letter_is_the_confirmation_day():
    assert received_on_for("post_ordinary", confirmed_on=MONDAY, arrived_on=MONDAY) == MONDAY


def test_ordinary_letter_confirmed_later_is_noted():
    later = MONDAY + timedelta(days=2)
    receipt = receipt_for("post_ordinary", confirmed_on=later, arrived_on=MONDAY)
    assert receipt.received_on == later
    assert any("无法联系" in zh for zh, _ in receipt.notes)


def test_confirmation_before_arrival_is_refused():
    with pytest.raises(ReceiptError) as error:
        receipt_for("post_ordinary", confirmed_on=MONDAY, arrived_on=MONDAY + timedelta(days=1))
    assert error.value.code == "confirmed_before_arrival"


@pytest.mark.parametrize("channel", ["fax", "email"])
def test_fax_and_email_need_both_sides_confirmation(channel):
    sent = datetime(2026, 10, 12, 23, 0, tzinfo=timezone(timedelta(hours=8)))
    assert received_on_for(channel, confirmed_on=MONDAY + timedelta(days=1), submitted_at=sent) == (
        MONDAY + timedelta(days=1)
    )
    with pytest.raises(ReceiptError) as error:
        received_on_for(channel, submitted_at=sent)
    assert error.value.code == "missing_confirmed_on"


def test_online_form_is_confirmed_on_submission_in_china_time():
    # 16:30 UTC on Monday is 00:30 Tuesday in Beijing.
    submitted = datetime(2026, 10, 12, 16, 30, tzinfo=UTC)
    receipt = receipt_for("online", submitted_at=submitted)
    assert receipt.received_on == date(2026, 10, 13)
    assert "北京时间" in receipt.lines("zh")[1]


def test_online_with_a_staff_confirmation_day():
    submitted = datetime(2026, 10, 12, 9, tzinfo=UTC)
    assert received_on_for("online", submitted_at=submitted, confirmed_on=MONDAY) == MONDAY


def test_naive_datetime_is_refused():
    with pytest.raises(ReceiptError) as error:
        received_on_for("online", submitted_at=datetime(2026, 10, 12, 9))
    assert error.value.code == "naive_datetime"


def test_rest_day_receipt_is_not_moved_but_noted():
    receipt = receipt_for("in_person", handed_in_on=SATURDAY)
    assert receipt.received_on == SATURDAY
    assert "不顺延" in receipt.lines("zh")[-1]
    assert "not moved" in receipt.lines("en")[-1]


def test_makeup_working_saturday_is_a_working_day():
    assert receipt_for("in_person", handed_in_on=MAKEUP_SATURDAY).notes == ()


@pytest.mark.parametrize(
    ("channel", "kwargs", "code"),
    [
        ("in_person", {}, "missing_handed_in_on"),
        ("post_signed", {}, "missing_signed_on"),
        ("post_ordinary", {"arrived_on": MONDAY}, "missing_confirmed_on"),
        ("in_person", {"handed_in_on": MONDAY, "signed_on": MONDAY}, "field_not_used"),
        ("pigeon", {"handed_in_on": MONDAY}, "unknown_channel"),
    ],
)
def test_bad_input(channel, kwargs, code):
    with pytest.raises(ReceiptError) as error:
        receipt_for(channel, **kwargs)
    assert error.value.code == code
    assert error.value.zh and error.value.en
