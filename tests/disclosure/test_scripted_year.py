"""A scripted year: 66 requests through the public form, the back office and the staff API,
then the annual report's table 三 (and 四, and the fees of section 六) checked cell by cell
against figures counted independently here from the script itself."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client

from gongkai.disclosure import tasks
from gongkai.disclosure.fees import payment_due_on
from gongkai.disclosure.models import DisclosureRequest, ReconsiderationOrLawsuit
from gongkai.disclosure.outcomes import APPLICANT_TYPE_CODES, APPLICANT_TYPES, OUTCOME_CODES
from gongkai.disclosure.selectors import case_records, fees_collected, request_records
from gongkai.reports.annual import (
    COLUMNS,
    check_consistency,
    compute_annual_tables,
    table3_rows,
)
from tests import factories
from tests.disclosure.conftest import VALID_USCC, application

pytestmark = pytest.mark.django_db

YEAR = 2025
WITHHELD = [code for code in OUTCOME_CODES if code.startswith("withheld.")]
UNAVAILABLE = [code for code in OUTCOME_CODES if code.startswith("unavailable.")]
NOT_PROCESSED = [code for code in OUTCOME_CODES if code.startswith("not_processed.")]
FEE_PAGES = 35  # 5 pages over the free 30, at 10 元 each
FEE_AMOUNT = Decimal(50)


@dataclass
class Scripted:
    path: str  # "form" | "office" | "api"
    applicant_type: str
    received_on: date
    plan: int
    pk: int | None = None

    def day(self, offset: int) -> date:
        return self.received_on + timedelta(days=offset)


def plan_steps(item: Scripted, index: int) -> list[tuple]:
    """(date, action, args) of the request's plan, and what closes it: see closing()."""
    r = item.day
    plans = {
        0: [(r(10), "reply", OUTCOME_CODES[index % len(OUTCOME_CODES)])],
        1: [(r(12), "reply", "partial")],
        2: [(r(15), "reply", WITHHELD[index % len(WITHHELD)])],
        3: [(r(9), "reply", UNAVAILABLE[index % len(UNAVAILABLE)])],
        4: [(r(5), "reply", NOT_PROCESSED[index % len(NOT_PROCESSED)])],
        5: [(r(3), "event", ("withdrawn", {}))],
        6: [
            (
                r(2),
                "event",
                ("correction_requested", {"until": r(9), "note": "请补正所需信息的名称"}),
            )
        ],
        7: [
            (r(2), "event", ("correction_requested", {"days": 10, "note": "请补正文号"})),
            (r(6), "event", ("correction_received", {})),
            (r(20), "reply", "granted"),
        ],
        8: [],
        9: [(r(3), "fee", {"pages": 40})],
        10: [(r(7), "reply", "other.other")],
        11: [
            (r(3), "event", ("consultation_started", {"note": "征求第三方意见"})),
            (r(10), "event", ("consultation_ended", {})),
            (r(18), "reply", "withheld.third_party"),
        ],
        12: [
            (r(3), "fee", {"pages": FEE_PAGES}),
            (r(5), "event", ("fee_paid", {})),
            (r(15), "reply", "granted"),
        ],
    }
    return plans[item.plan]


def closing(item: Scripted, index: int) -> tuple[str | None, date | None]:
    """The outcome and closing day the script leads to, worked out from the rules directly."""
    steps = plan_steps(item, index)
    if item.plan == 6:
        return "other.no_correction", item.day(9)  # the applicant's period ended
    if item.plan == 9:
        return "other.fee_unpaid", payment_due_on(item.day(3))  # 20 working days to pay
    if item.plan == 5:
        return "other.other", item.day(3)  # withdrawn
    replies = [(on, outcome) for on, action, outcome in steps if action == "reply"]
    if replies:
        on, outcome = replies[-1]
        return outcome, on
    return None, None


def script() -> list[Scripted]:
    items = []
    types = APPLICANT_TYPE_CODES
    for i in range(22):  # the public form, through 2025
        items.append(
            Scripted("form", types[i % 6], date(YEAR, 1, 6) + timedelta(days=16 * i), i % 13)
        )
    for i in range(22):  # registered in the back office; the first four back-filled from 2024
        received = (
            date(2024, 12, 2) + timedelta(days=6 * i)
            if i < 4
            else date(YEAR, 1, 13) + timedelta(days=16 * i)
        )
        items.append(Scripted("office", types[(i + 2) % 6], received, (i + 5) % 13))
    for i in range(22):  # the staff API; four back-filled from 2024, one received in 2026
        if i < 4:
            received = date(2024, 12, 9) + timedelta(days=5 * i)
        elif i == 21:
            received = date(YEAR + 1, 1, 5)
        else:
            received = date(YEAR, 2, 3) + timedelta(days=16 * i)
        items.append(Scripted("api", types[(i + 4) % 6], received, (i + 9) % 13))
    return items


def expected_table3(items: list[Scripted]) -> dict[str, list[int]]:
    counts: dict[str, Counter] = {}
    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    for index, item in enumerate(items):
        outcome, closed_on = closing(item, index)
        if item.received_on > last or (closed_on is not None and closed_on < first):
            continue
        arrival = "new" if item.received_on >= first else "carried_over"
        result = outcome if closed_on is not None and closed_on <= last else "carried_forward"
        for row in (arrival, result):
            counts.setdefault(row, Counter())[item.applicant_type] += 1
    table = {}
    for row in table3_rows("2021"):
        values = [counts.get(row, Counter())[code] for code in APPLICANT_TYPE_CODES]
        table[row] = [*values, sum(values)]
    results = [row for row in table3_rows("2021") if row in OUTCOME_CODES]
    table["total"] = [sum(table[row][i] for row in results) for i in range(len(COLUMNS))]
    return table


class Driver:
    """Performs the script through the three entry points, moving "today" as it goes."""

    def __init__(self, org, today, settings):
        self.org, self.today = org, today
        settings.DISCLOSURE_SUBMIT_LIMIT = 0
        self.public = Client()
        self.office = Client()
        self.office.force_login(org.reviewer)
        token = factories.api_token(org.reviewer)
        self.api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def create(self, item: Scripted, index: int) -> None:
        self.today.set(max(item.received_on, date(2024, 12, 1)))
        getattr(self, f"_create_{item.path}")(item, index)

    def _identity(self, item):
        if APPLICANT_TYPES[item.applicant_type].is_organisation:
            return {"org_code": VALID_USCC, "id_type": "", "id_number": ""}
        return {}

    def _create_form(self, item, index):
        data = application(
            applicant_type=item.applicant_type,
            applicant_name=f"申请人{index}",
            **self._identity(item),
        )
        response = self.public.post("/requests/apply/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        item.pk = DisclosureRequest.objects.latest("id").pk

    def _create_office(self, item, index):
        channel = ("in_person", "post_signed", "fax")[index % 3]
        date_field = {
            "in_person": "handed_in_on",
            "post_signed": "signed_on",
            "fax": "confirmed_on",
        }[channel]
        data = {
            **application(
                applicant_type=item.applicant_type,
                applicant_name=f"申请人{index}",
                **self._identity(item),
            ),
            "channel": channel,
            date_field: item.received_on.isoformat(),
            "department": self.org.finance.pk,
        }
        response = self.office.post("/admin/disclosure/register/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        item.pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])

    def _create_api(self, item, index):
        body = {
            "received_on": item.received_on.isoformat(),
            "channel": ("email", "post_ordinary", "in_person")[index % 3],
            "applicant_type": item.applicant_type,
            "applicant_name": f"申请人{index}",
            "description": "请公开相关政府信息。",
            "department_id": self.org.health.pk,
        }
        response = self.api.post("/api/staff/requests", body, content_type="application/json")
        assert response.status_code == 201, response.content
        item.pk = response.json()["id"]

    def act(self, item: Scripted, on: date, action: str, args) -> None:
        self.today.set(on)
        if item.path == "api":
            self._act_api(item, on, action, args)
        else:
            self._act_office(item, on, action, args)

    def _act_api(self, item, on, action, args):
        base = f"/api/staff/requests/{item.pk}"
        if action == "reply":
            response = self.api.post(
                f"{base}/reply",
                {"outcome": args, "date": on.isoformat(), "text": "答复。"},
                content_type="application/json",
            )
        elif action == "fee":
            body = {
                "kind": "fee_notice",
                "date": on.isoformat(),
                "fee_method": "per_volume",
                "pages": args["pages"],
            }
            response = self.api.post(f"{base}/events", body, content_type="application/json")
        else:
            kind, extra = args
            extra = {k: v.isoformat() if isinstance(v, date) else v for k, v in extra.items()}
            response = self.api.post(
                f"{base}/events",
                {"kind": kind, "date": on.isoformat(), **extra},
                content_type="application/json",
            )
        assert response.status_code == 200, response.content

    def _act_office(self, item, on, action, args):
        base = f"/admin/disclosure/requests/{item.pk}"
        if action == "reply":
            data = {"reply-outcome": args, "reply-on": on.isoformat(), "reply-reasons": "答复。"}
            response = self.office.post(f"{base}/reply/", data)
        elif action == "fee":
            data = {
                "fee-on": on.isoformat(),
                "fee-method": "per_volume",
                "fee-items": 1,
                "fee-pages": args["pages"],
            }
            response = self.office.post(f"{base}/fee/", data)
        else:
            kind, extra = args
            data = {f"{kind}-kind": kind, f"{kind}-on": on.isoformat()}
            data.update(
                {
                    f"{kind}-{k}": v.isoformat() if isinstance(v, date) else v
                    for k, v in extra.items()
                }
            )
            response = self.office.post(f"{base}/event/{kind}/", data)
        assert response.status_code == 302
        errors = [str(m) for m in response.wsgi_request._messages if m.level_tag == "error"]
        assert not errors, (item, action, errors)


def test_scripted_year_table_three_cell_by_cell(org, today, settings):
    items = script()
    assert len(items) >= 60
    driver = Driver(org, today, settings)
    for index, item in enumerate(items):
        driver.create(item, index)
    steps = sorted(
        (
            (on, index, action, args)
            for index, item in enumerate(items)
            for on, action, args in plan_steps(item, index)
        ),
        key=lambda step: (step[0], step[1]),
    )
    for on, index, action, args in steps:
        driver.act(items[index], on, action, args)
    cases = [
        ReconsiderationOrLawsuit(
            kind="reconsideration",
            filed_on=date(YEAR, 3, 1),
            result="upheld",
            decided_on=date(YEAR, 5, 1),
        ),
        ReconsiderationOrLawsuit(kind="reconsideration", filed_on=date(YEAR, 11, 1)),
        ReconsiderationOrLawsuit(
            kind="lawsuit_direct",
            filed_on=date(2024, 6, 1),
            result="corrected",
            decided_on=date(YEAR, 2, 1),
        ),
        ReconsiderationOrLawsuit(
            kind="lawsuit_after_reconsideration",
            filed_on=date(2024, 6, 1),
            result="other",
            decided_on=date(2024, 9, 1),
        ),
    ]
    ReconsiderationOrLawsuit.objects.bulk_create(cases)

    today.set(date(YEAR + 1, 1, 20))
    tasks.send_deadline_reminders.enqueue()  # the daily job stores the lapses
    tables = compute_annual_tables(
        YEAR, requests=request_records(year=YEAR), cases=case_records(year=YEAR)
    )

    expected = expected_table3(items)
    for row in table3_rows("2021"):
        for column, got, want in zip(COLUMNS, tables.table3.rows[row], expected[row], strict=True):
            assert got == want, f"table 三 row {row}, column {column}: {got} != {want}"
    assert sum(expected["new"]) > 40 and sum(expected["carried_over"]) > 0
    assert sum(expected["carried_forward"]) > 0
    assert sum(1 for row in expected if row in OUTCOME_CODES and expected[row][-1]) >= 15
    assert [p for p in check_consistency(tables) if p.table != "二"] == []
    assert tables.table4.values() == (1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0)

    paid = sum(
        1 for index, item in enumerate(items) if item.plan == 12 and item.day(5).year == YEAR
    )
    assert fees_collected(year=YEAR) == FEE_AMOUNT * paid
    by_health = request_records(year=YEAR, department_id=org.health.pk)
    assert len(by_health) == sum(
        1
        for index, item in enumerate(items)
        if item.path == "api"
        and item.received_on.year <= YEAR
        and (closing(item, index)[1] or date.max) >= date(YEAR, 1, 1)
    )
