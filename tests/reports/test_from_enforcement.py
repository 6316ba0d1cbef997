"""Table 二's 行政许可、行政处罚、行政强制 rows counted from the decisions of 行政执法公示."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from gongkai.core.roles import Role
from gongkai.enforcement.models import Kind
from gongkai.reports import selectors
from gongkai.reports.annual import DECISION_ROWS, TABLE2_LAYOUT
from tests import factories
from tests.enforcement.conftest import make_decision, uscc
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return factories.make_department(name="市场监督管理局", code="scj")


@pytest.fixture
def market_decisions(market):
    head = factories.make_user(role=Role.HEAD, department=market)
    company = {"target_kind": "legal", "target_name": "贵阳某某食品有限公司"}
    for n, decided_on in enumerate([date(2025, 3, 2), date(2025, 11, 20), date(2026, 1, 6)]):
        make_decision(department=market, user=head, number=f"罚{n}", decided_on=decided_on)
    make_decision(
        department=market, user=head, number="许1", kind="licence", target_code=uscc(),
        decided_on=date(2025, 4, 1), penalty_amount=None, **company,
    )  # fmt: skip
    make_decision(
        department=market, user=head, number="检1", kind="inspection", decided_on=date(2025, 5, 1)
    )
    return head


def test_rows_have_the_official_names_of_the_enforcement_kinds():
    labels = {row: label for block in TABLE2_LAYOUT["2021"] for row, label in block.rows}
    with translation.override("zh-hans"):
        assert {row: str(Kind(kind).label) for row, kind in selectors.DECISION_KINDS.items()} == {
            row: labels[row] for row in DECISION_ROWS
        }
        assert [labels[row] for row in DECISION_ROWS] == ["行政许可", "行政处罚", "行政强制"]


def test_decisions_of_the_year_by_body(market, market_decisions, disclosure):
    other = factories.make_department(name="交通运输局", code="jtj")
    expected = {"permits": 1, "penalties": 2, "coercions": 0}
    assert selectors.decision_counts(year=2025, department_id=market.pk) == expected
    assert selectors.decision_counts(year=2025) == expected
    assert selectors.decision_counts(year=2025, department_id=other.pk) == {}
    live = selectors.live_report(year=2025, department=market).report
    assert live.tables["table2"]["permits"] == {"decisions": 1}
    assert live.tables["table2"]["coercions"] == {"decisions": 0}
    # A body recording none of these decisions enters its figures: a blank is still flagged.
    other_live = selectors.live_report(year=2025, department=other).report
    assert other_live.tables["table2"]["penalties"] == {"decisions": None}


def test_a_figure_staff_entered_wins_and_the_form_says_what_blank_gives(
    client, market, market_decisions, disclosure
):
    report = make_report(department=market, figures={"penalties.decisions": 9})
    assert report.tables["table2"]["penalties"] == {"decisions": 9}
    assert report.tables["table2"]["permits"] == {"decisions": 1}
    client.force_login(market_decisions)
    edit = reverse("wagtailsnippets_reports_annualreport:edit", args=[report.pk])
    page = BeautifulSoup(client.get(edit).content.decode(), "html.parser")
    permits = page.find(id="id_table2__permits__decisions")
    help_text = page.find(id=permits["aria-describedby"]).get_text()
    assert help_text == "留空则取行政执法公示中记录的本年度决定数：1。"
    assert "行政执法公示" not in page.find(id="id_table2__fees__amount").parent.get_text()
