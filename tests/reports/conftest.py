"""Shared set-up of the reports tests: the disclosure figures a report is computed from, set
per test (the disclosure app's selectors are replaced at the reports app's seam)."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.reports import selectors, services
from gongkai.reports.annual import CaseRecord, RequestRecord


class FakeDisclosure:
    """Requests, cases and fees per department id (None: the whole government)."""

    def __init__(self):
        self.requests: dict[int | None, list[RequestRecord]] = {}
        self.cases: dict[int | None, list[CaseRecord]] = {}
        self.fees: dict[int | None, Decimal] = {}
        self.calls: list[tuple[int, int | None]] = []

    def figures(self, *, year, department_id):
        self.calls.append((year, department_id))
        return selectors.DisclosureFigures(
            requests=list(self.requests.get(department_id, [])),
            cases=list(self.cases.get(department_id, [])),
            fees_collected=self.fees.get(department_id, Decimal("0")),
        )


@pytest.fixture
def disclosure(monkeypatch):
    fake = FakeDisclosure()
    monkeypatch.setattr(selectors, "disclosure_figures", fake.figures)
    return fake


FIGURES_2021 = {
    "permits.decisions": 120,
    "penalties.decisions": 8,
    "coercions.decisions": 0,
    "fees.amount": Decimal("12.5"),
}


def make_report(*, year=2025, department=None, user=None, figures=None, publish=False):
    """A draft with sections 一、五、六 and table 二 figures; published if asked."""
    report = services.annual_report_create_draft(
        year=year, department=department, user=user, today=date(year + 1, 1, 5)
    )
    report = services.annual_report_update(
        report=report,
        user=user,
        overview="<p>本年度扎实推进政务公开工作。</p>",
        problems="<p>主动公开的及时性有待提高。</p>",
        other_matters="<p>无其他需要报告的事项。</p>",
        entered=FIGURES_2021 if figures is None else figures,
    )
    if publish:
        report = services.annual_report_publish(report=report, user=user)
    return report
