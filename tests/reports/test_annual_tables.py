"""Annual report tables (政府信息公开工作年度报告) from plain records: layout, counting, checks."""

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.disclosure.outcomes import APPLICANT_TYPE_CODES, OUTCOME_CODES
from gongkai.reports.annual import (
    COLUMN_LABELS,
    COLUMNS,
    TABLE2_LAYOUT,
    CaseRecord,
    DocumentCounts,
    RecordError,
    RequestRecord,
    Table3,
    check_consistency,
    compute_annual_tables,
    compute_table2,
    compute_table3,
    compute_table4,
    format_for_year,
    report_due_on,
    requests_by_month,
    table2_cell_keys,
    table3_row_label,
    table3_rows,
    tables_from_dict,
)

D = date.fromisoformat
DOCS = {
    "regulations": DocumentCounts(issued=1, repealed=0, in_force=3),
    "normative_documents": DocumentCounts(issued=5, repealed=1, in_force=25),
}
ENTERED_2021 = {
    "permits.decisions": 120,
    "penalties.decisions": 8,
    "coercions.decisions": 0,
    "fees.amount": Decimal("12.5"),
}


def req(applicant, received, outcome=None, closed=None, carried_over=False):
    return RequestRecord(
        applicant, D(received), carried_over, outcome, D(closed) if closed else None
    )


# --- layout -------------------------------------------------------------------------------------


def test_columns_in_official_order():
    assert (*APPLICANT_TYPE_CODES, "total") == COLUMNS
    assert [COLUMN_LABELS[c] for c in COLUMNS] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]


def test_table3_rows_2021_and_2019():
    rows_2021 = table3_rows("2021")
    assert rows_2021 == ("new", "carried_over", *OUTCOME_CODES, "total", "carried_forward")
    assert len(table3_rows("2019")) == 2 + 19 + 2
    assert table3_row_label("new", "2021") == "一、本年新收政府信息公开申请数量"
    assert table3_row_label("carried_over", "2019") == "二、上年结转政府信息公开申请数量"
    assert table3_row_label("total", "2021") == "（七）总计"
    assert table3_row_label("carried_forward", "2021") == "四、结转下年度继续办理"
    assert table3_row_label("other", "2019") == "（六）其他处理"
    assert table3_row_label("other.other", "2021") == "3.其他"


def test_format_by_year():
    assert [format_for_year(y) for y in (2019, 2020, 2021, 2026)] == [
        "2019",
        "2019",
        "2021",
        "2021",
    ]
    with pytest.raises(ValueError):
        format_for_year(2018)


def test_report_due_dates():
    assert report_due_on(2026) == date(2027, 1, 31)
    assert report_due_on(2026, government=True) == date(2027, 3, 31)


# --- table 三: what counts where --------------------------------------------------------------


def row(table, key):
    return table.rows[key]


def test_new_carried_over_and_carried_forward():
    records = [
        req("natural_person", "2025-12-20"),  # open since last year, still open → over + forward
        req("natural_person", "2025-12-22", "granted", "2026-01-01"),  # closed on 1 Jan → over
        req("commercial", "2025-11-01", "granted", "2025-12-30"),  # closed last year → nothing
        req("commercial", "2026-03-01", "withheld.third_party", "2026-03-20"),
        req("research", "2026-12-31"),  # new and carried forward
        req("legal_services", "2026-12-01", "partial", "2027-01-05"),  # replied next year
        req("other_org", "2027-01-02"),  # next year → nothing
        req("nonprofit", "2026-02-01", "other.other", "2026-02-02", carried_over=True),
    ]
    table = compute_table3(records, 2026)
    assert table.format == "2021"
    assert row(table, "new") == (0, 1, 1, 0, 1, 0, 3)
    assert row(table, "carried_over") == (2, 0, 0, 1, 0, 0, 3)
    assert row(table, "granted") == (1, 0, 0, 0, 0, 0, 1)
    assert row(table, "withheld.third_party") == (0, 1, 0, 0, 0, 0, 1)
    assert row(table, "other.other") == (0, 0, 0, 1, 0, 0, 1)
    assert row(table, "partial") == (0,) * 7
    assert row(table, "total") == (1, 1, 0, 1, 0, 0, 3)
    assert row(table, "carried_forward") == (1, 0, 1, 0, 1, 0, 3)


def test_2019_format_folds_other_handling():
    records = [
        req("natural_person", "2020-03-01", "other.no_correction", "2020-04-01"),
        req("natural_person", "2020-03-02", "other.fee_unpaid", "2020-04-01"),
        req("commercial", "2020-03-03", "other.other", "2020-04-01"),
        req("commercial", "2020-03-04", "not_processed.repeat", "2020-04-01"),
    ]
    table = compute_table3(records, 2020)
    assert table.format == "2019"
    assert row(table, "other") == (2, 1, 0, 0, 0, 0, 3)
    assert row(table, "not_processed.repeat") == (0, 1, 0, 0, 0, 0, 1)
    assert "other.other" not in table.rows
    assert row(table, "total") == (2, 2, 0, 0, 0, 0, 4)


@pytest.mark.parametrize(
    "record",
    [
        RequestRecord("citizen", D("2026-01-05")),
        RequestRecord("natural_person", D("2026-01-05"), outcome_code="granted"),
        RequestRecord("natural_person", D("2026-01-05"), replied_on=D("2026-01-09")),
        RequestRecord("natural_person", D("2026-01-05"), False, "granted.maybe", D("2026-01-09")),
        RequestRecord("natural_person", D("2026-01-05"), False, "granted", D("2026-01-04")),
    ],
)
def test_bad_request_records_are_refused(record):
    with pytest.raises(RecordError):
        compute_table3([record], 2026)


def test_requests_by_month():
    records = [
        req("natural_person", "2026-01-05"),
        req("natural_person", "2026-01-30"),
        req("commercial", "2026-12-31"),
        req("commercial", "2025-12-31"),
        req("commercial", "2026-05-01", carried_over=True),
    ]
    assert requests_by_month(records, 2026) == (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)


# --- table 四 -------------------------------------------------------------------------------


def test_table4_counts_cases_open_during_the_year():
    cases = [
        CaseRecord("reconsideration", D("2026-02-01"), "upheld", D("2026-04-01")),
        CaseRecord("reconsideration", D("2026-05-01"), "corrected", D("2026-07-01")),
        CaseRecord("reconsideration", D("2026-11-01")),  # pending
        CaseRecord("reconsideration", D("2025-10-01"), "other", D("2026-01-10")),  # from last year
        CaseRecord("reconsideration", D("2025-03-01"), "upheld", D("2025-06-01")),  # last year only
        CaseRecord(
            "lawsuit_direct", D("2026-03-01"), "upheld", D("2027-02-01")
        ),  # pending at 12-31
        CaseRecord("lawsuit_after_reconsideration", D("2026-08-01"), "corrected", D("2026-12-31")),
        CaseRecord("lawsuit_after_reconsideration", D("2027-01-02")),  # next year
    ]
    table = compute_table4(cases, 2026)
    assert table.rows["reconsideration"] == (1, 1, 1, 1, 4)
    assert table.rows["lawsuit_direct"] == (0, 0, 0, 1, 1)
    assert table.rows["lawsuit_after_reconsideration"] == (0, 1, 0, 0, 1)
    assert table.values() == (1, 1, 1, 1, 4, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1)


@pytest.mark.parametrize(
    "case",
    [
        CaseRecord("appeal", D("2026-01-01")),
        CaseRecord("reconsideration", D("2026-01-01"), "upheld"),
        CaseRecord("reconsideration", D("2026-01-01"), "won", D("2026-02-01")),
        CaseRecord("reconsideration", D("2026-03-01"), "upheld", D("2026-02-01")),
    ],
)
def test_bad_cases_are_refused(case):
    with pytest.raises(RecordError):
        compute_table4([case], 2026)


# --- table 二 -------------------------------------------------------------------------------


def test_table2_2021_from_library_and_entered_figures():
    table = compute_table2("2021", documents=DOCS, entered=ENTERED_2021)
    assert table.cells["normative_documents"] == {"issued": 5, "repealed": 1, "in_force": 25}
    assert table.cells["fees"] == {"amount": Decimal("12.5")}
    assert table.as_dict()["fees"] == {"amount": 12.5}
    labels = [(b.label, [c for _, c in b.columns]) for b in TABLE2_LAYOUT["2021"]]
    assert labels[0] == ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"])
    assert labels[3] == ("第二十条第（八）项", ["本年收费金额（单位：万元）"])


def test_table2_2019_layout():
    keys = table2_cell_keys("2019")
    assert "other_services.items_change" in keys
    assert "procurement.procurement_amount" in keys
    assert "fees.decisions" not in keys
    table = compute_table2("2019", documents=DOCS, entered={"permits.items_change": -3})
    assert table.cells["regulations"] == {"made": 1, "published": None, "public_total": None}
    assert table.cells["permits"]["items_change"] == -3


@pytest.mark.parametrize(
    "entered",
    [{"permits.amount": 1}, {"regulations.issued": 2}, {"bridges.decisions": 1}],
)
def test_table2_refuses_cells_it_does_not_take(entered):
    with pytest.raises(RecordError):
        compute_table2("2021", documents=DOCS, entered=entered)


def test_decisions_counted_fill_the_blank_decision_cells_only():
    decisions = {"permits": 4, "penalties": 2, "coercions": 0}
    table = compute_table2(
        "2021", documents=DOCS, entered={"penalties.decisions": 7}, decisions=decisions
    )
    assert table.cells["permits"] == {"decisions": 4}
    assert table.cells["penalties"] == {"decisions": 7}
    assert table.cells["coercions"] == {"decisions": 0}
    assert table.cells["fees"] == {"amount": None}
    old = compute_table2("2019", documents=DOCS, entered={}, decisions=decisions)
    assert old.cells["permits"] == {"items_last_year": None, "items_change": None, "decisions": 4}
    with pytest.raises(RecordError):
        compute_table2("2021", documents=DOCS, entered={}, decisions={"fees": 1})


# --- the whole report and its checks ------------------------------------------------------------


def full_tables(year=2026):
    records = [
        req("natural_person", "2026-01-05", "granted", "2026-01-20"),
        req("commercial", "2025-12-29", "unavailable.not_held", "2026-01-15"),
        req("natural_person", "2026-12-30"),
    ]
    cases = [CaseRecord("reconsideration", D("2026-03-01"), "upheld", D("2026-05-01"))]
    return compute_annual_tables(
        year, requests=records, cases=cases, documents=DOCS, entered=ENTERED_2021
    )


def test_complete_tables_pass_every_check():
    tables = full_tables()
    assert check_consistency(tables) == []
    data = tables.as_dict()
    assert data["columns"] == list(COLUMNS)
    assert data["table3"]["new"] == [2, 0, 0, 0, 0, 0, 2]
    assert data["table3"]["carried_forward"] == [1, 0, 0, 0, 0, 0, 1]
    assert list(data["table3"])[:3] == ["new", "carried_over", "granted"]
    assert data["table4"]["reconsideration"] == [1, 0, 0, 0, 1]
    assert tables_from_dict(json.loads(json.dumps(data))).as_dict() == data


def test_missing_table2_figures_are_reported():
    tables = compute_annual_tables(2026, requests=[], documents=DOCS)
    problems = check_consistency(tables)
    assert {(p.code, p.row, p.column) for p in problems} == {
        ("missing", "permits", "decisions"),
        ("missing", "penalties", "decisions"),
        ("missing", "coercions", "decisions"),
        ("missing", "fees", "amount"),
    }
    assert problems[0].zh.startswith("表二“")


def tampered(tables, key, values):
    rows = dict(tables.table3.rows)
    rows[key] = values
    return replace(tables, table3=Table3(tables.table3.format, rows))


def test_check_finds_a_wrong_row_total():
    tables = tampered(full_tables(), "granted", (1, 0, 0, 0, 0, 0, 2))
    codes = {(p.code, p.row, p.column) for p in check_consistency(tables)}
    assert ("sum", "granted", "total") in codes
    assert ("sum", "total", "total") in codes  # （七）总计 no longer equals its parts


def test_check_finds_a_broken_balance():
    tables = tampered(full_tables(), "carried_forward", (2, 0, 0, 0, 0, 0, 2))
    problems = [p for p in check_consistency(tables) if p.code == "balance"]
    assert [(p.column) for p in problems] == ["natural_person", "total"]
    assert "本年新收＋上年结转" in problems[0].zh


def test_check_finds_negative_and_misshapen_rows():
    tables = tampered(full_tables(), "partial", (-1, 1, 0, 0, 0, 0, 0))
    assert ("negative", "partial", "natural_person") in {
        (p.code, p.row, p.column) for p in check_consistency(tables)
    }
    short = tampered(full_tables(), "partial", (0, 0))
    assert [p.code for p in check_consistency(short)] == ["row_width"]
    rows = dict(full_tables().table3.rows)
    del rows["partial"]
    missing = replace(full_tables(), table3=Table3("2021", rows))
    assert [(p.code, p.row) for p in check_consistency(missing)] == [("missing_row", "partial")]


def test_check_messages_name_cells_by_their_official_labels_not_keys():
    negative = tampered(full_tables(), "partial", (-1, 1, 0, 0, 0, 0, 0))
    data = full_tables().as_dict()
    data["table4"]["lawsuit_direct"] = [1, 0, 0, 0, 0]
    rows = dict(full_tables().table3.rows)
    del rows["granted"]
    missing = replace(full_tables(), table3=Table3("2021", rows))
    problems = [
        *check_consistency(negative),
        *check_consistency(tables_from_dict(data)),
        *check_consistency(missing),
    ]
    texts = " ".join(f"{p.zh} {p.en}" for p in problems)
    assert "“（二）部分公开" in texts and "“自然人”为负数" in texts
    assert "“未经复议直接起诉”“总计”" in texts
    assert "缺少行：“（一）予以公开”" in texts
    for key in ("partial", "natural_person", "lawsuit_direct", "granted", "total"):
        assert key not in " ".join(p.zh for p in problems)


def test_check_finds_a_wrong_table4_total():
    data = full_tables().as_dict()
    data["table4"]["lawsuit_direct"] = [1, 0, 0, 0, 0]
    problems = check_consistency(tables_from_dict(data))
    assert [(p.code, p.table, p.row) for p in problems] == [("sum", "四", "lawsuit_direct")]


# --- by construction, for any records -----------------------------------------------------------

days = st.dates(date(2024, 6, 1), date(2027, 6, 30))


@st.composite
def request_records(draw):
    received = draw(days)
    applicant = draw(st.sampled_from(APPLICANT_TYPE_CODES))
    if draw(st.booleans()):
        return RequestRecord(applicant, received, draw(st.booleans()))
    closed = received + timedelta(days=draw(st.integers(0, 400)))
    return RequestRecord(
        applicant, received, draw(st.booleans()), draw(st.sampled_from(OUTCOME_CODES)), closed
    )


@st.composite
def case_records(draw):
    filed = draw(days)
    kind = draw(
        st.sampled_from(["reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration"])
    )
    if draw(st.booleans()):
        return CaseRecord(kind, filed)
    decided = filed + timedelta(days=draw(st.integers(0, 400)))
    return CaseRecord(kind, filed, draw(st.sampled_from(["upheld", "corrected", "other"])), decided)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(request_records(), max_size=60),
    st.lists(case_records(), max_size=20),
    st.integers(2019, 2027),
)
def test_tables_are_consistent_by_construction(requests, cases, year):
    entered = dict.fromkeys(
        (k for k in table2_cell_keys(format_for_year(year)) if k.split(".")[0] not in DOCS), 0
    )
    documents = {k: replace(v, published=0, public_total=0) for k, v in DOCS.items()}
    tables = compute_annual_tables(
        year, requests=requests, cases=cases, documents=documents, entered=entered
    )
    assert check_consistency(tables) == []
    # Independent count: requests alive in the year = new + carried over.
    first, last = date(year, 1, 1), date(year, 12, 31)
    alive = [
        r
        for r in requests
        if r.received_on <= last and (r.replied_on is None or r.replied_on >= first)
    ]
    table3 = tables.table3.rows
    assert table3["new"][-1] + table3["carried_over"][-1] == len(alive)
    closed = sum(1 for r in alive if r.replied_on is not None and r.replied_on <= last)
    assert table3["total"][-1] == closed
