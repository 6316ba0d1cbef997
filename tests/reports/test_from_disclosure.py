"""A report computed from requests, cases and fees stored by the disclosure app (no stand-ins)."""

import itertools
from datetime import date
from decimal import Decimal

import pytest

from gongkai.disclosure.models import DisclosureRequest, FeeNotice, ReconsiderationOrLawsuit
from gongkai.reports import services
from tests import factories

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def stored_request(department, applicant_type, received_on, outcome="", closed_on=None):
    number = next(_numbers)
    return DisclosureRequest.objects.create(
        tracking_number=f"T{number:06d}",
        access_token_hash=f"{number:064d}",
        applicant_type=applicant_type,
        applicant_name="张三",
        description="某文件",
        provision_form="electronic",
        delivery="email",
        channel="online",
        received_on=received_on,
        department=department,
        status="replied" if outcome else "running",
        outcome=outcome,
        closed_on=closed_on,
    )


def test_report_tables_from_the_disclosure_app():
    finance = factories.make_department(name="财政局", code="czj")
    health = factories.make_department(name="卫生健康局", code="wjj")
    stored_request(finance, "natural_person", date(2024, 12, 28))  # carried over, still open
    paid = stored_request(finance, "commercial", date(2025, 2, 3), "granted", date(2025, 2, 20))
    stored_request(
        finance, "natural_person", date(2025, 5, 6), "unavailable.not_held", date(2025, 5, 9)
    )
    stored_request(health, "research", date(2025, 6, 1), "partial", date(2025, 6, 9))
    FeeNotice.objects.create(
        request=paid,
        method="per_request",
        amount=Decimal("100.00"),
        notified_on=date(2025, 2, 10),
        paid_on=date(2025, 2, 12),
    )
    ReconsiderationOrLawsuit.objects.create(
        kind="reconsideration",
        department=finance,
        filed_on=date(2025, 7, 1),
        result="corrected",
        decided_on=date(2025, 9, 1),
    )

    report = services.annual_report_create_draft(
        year=2025, department=finance, user=None, today=date(2026, 1, 2)
    )
    table3 = report.tables["table3"]
    assert table3["new"] == [1, 1, 0, 0, 0, 0, 2]
    assert table3["carried_over"] == [1, 0, 0, 0, 0, 0, 1]
    assert table3["granted"] == [0, 1, 0, 0, 0, 0, 1]
    assert table3["unavailable.not_held"] == [1, 0, 0, 0, 0, 0, 1]
    assert table3["partial"] == [0] * 7  # another department's request
    assert table3["carried_forward"] == [1, 0, 0, 0, 0, 0, 1]
    assert report.tables["table4"]["reconsideration"] == [0, 1, 0, 0, 1]
    assert report.fees_collected == Decimal("100.00")
    assert report.requests_by_month[1] == 1 and report.requests_by_month[4] == 1

    government = services.annual_report_create_draft(
        year=2025, department=None, user=None, today=date(2026, 1, 2)
    )
    assert government.tables["table3"]["new"][-1] == 3
    assert government.tables["table3"]["partial"] == [0, 0, 1, 0, 0, 0, 1]
