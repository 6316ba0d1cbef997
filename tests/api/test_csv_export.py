"""CSV cells (pure: no database)."""

from datetime import UTC, date, datetime

import pytest

from gongkai.api.csv_export import cell_text, formula_safe


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("筑高新办函〔2019〕23号", "筑高新办函〔2019〕23号"),
        (date(2026, 1, 31), "2026-01-31"),
        (["党政办公室", "财政局"], "党政办公室；财政局"),
        (True, "是"),
        (7, "7"),
    ],
)
def test_cells(value, text):
    assert cell_text(value) == text


def test_datetimes_are_local_iso(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    assert cell_text(datetime(2026, 1, 31, 0, 30, tzinfo=UTC)) == "2026-01-31T08:30:00+08:00"


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_made_inert(formula):
    assert cell_text(formula) == "'" + formula


@pytest.mark.parametrize("value", [3, 2.5, None, date(2026, 1, 1), "-"[:0], "预算"])
def test_values_that_run_nothing_stay_as_they_are(value):
    assert formula_safe(value) == value and type(formula_safe(value)) is type(value)


@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_text_that_would_run_is_quoted_for_workbooks_too(formula):
    assert formula_safe(formula) == "'" + formula
