"""An administrator enters a year's arrangement; provisional deadlines change and lose their mark."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.calendar import current_calendar
from gongkai.core.models import HolidayArrangement
from gongkai.core.roles import Role
from gongkai.core.signals import holiday_arrangement_changed
from gongkai.core.workdays import explain_add_working_days
from tests import factories
from tests.core.test_ratelimit import in_another_process

pytestmark = pytest.mark.django_db
ADD_URL = reverse("wagtailsnippets_core_holidayarrangement:add")


@pytest.fixture
def admin_client(client):
    user = factories.staff_user(Role.ADMIN, factories.department())
    client.force_login(user)
    return client


def test_entering_2027_replaces_the_provisional_year(
    admin_client, django_capture_on_commit_callbacks
):
    before = explain_add_working_days(date(2027, 9, 28), 5, current_calendar())
    assert before.provisional and before.date == date(2027, 10, 8)
    years = []
    holiday_arrangement_changed.connect(lambda sender, year, **kw: years.append(year), weak=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD_URL,
            {
                "year": "2027",
                "notice": "国办发明电〔2026〕7号",
                "holidays_text": "国庆节 2027-10-01 至 2027-10-07\n元旦 2027-01-01 至 2027-01-01",
                "makeup_text": "2027-09-26, 2027-10-09",
            },
        )
    assert response.status_code == 302
    row = HolidayArrangement.objects.get(year=2027)
    assert row.makeup_workdays == ["2027-09-26", "2027-10-09"]
    after = explain_add_working_days(date(2027, 9, 28), 5, current_calendar())
    assert not after.provisional
    assert after.date == date(2027, 10, 11), "10-01..07 off, Sat 10-09 worked, Sun 10-10 not"
    assert years == [2027]


@pytest.mark.parametrize(
    ("holidays", "makeup", "message"),
    [
        ("国庆节 2027/10/01 至 2027/10/07", "", "格式有误"),
        ("国庆节 2027-10-07 至 2027-10-01", "", "放假安排格式有误"),
        ("国庆节 2027-10-01 至 2027-10-07", "2027-10-04", "放假安排格式有误"),
        ("国庆节 2028-10-01 至 2028-10-07", "", "2027"),
    ],
)
def test_bad_arrangements_are_refused(admin_client, holidays, makeup, message):
    response = admin_client.post(
        ADD_URL, {"year": "2027", "holidays_text": holidays, "makeup_text": makeup}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HolidayArrangement.objects.exists()


def test_an_arrangement_saved_by_another_process_reaches_this_ones_deadlines():
    """The back office runs in one server process, deadlines in every other and in the worker:
    each must use a new arrangement at once, without a restart."""
    assert explain_add_working_days(date(2027, 9, 28), 5, current_calendar()).provisional
    # As the other process's transaction left it: the row is there, this process not told.
    HolidayArrangement.objects.bulk_create(
        [
            HolidayArrangement(
                year=2027,
                notice="国办发明电〔2026〕7号",
                holidays=[{"name": "国庆节", "first": "2027-10-01", "last": "2027-10-07"}],
                makeup_workdays=["2027-09-26", "2027-10-09"],
            )
        ]
    )

    in_another_process("from gongkai.core import calendar; calendar.invalidate()")

    after = explain_add_working_days(date(2027, 9, 28), 5, current_calendar())
    assert not after.provisional
    assert after.date == date(2027, 10, 11)
