from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.consultations.models import Clause, Consultation
from gongkai.core.roles import Role
from tests.accounts.conftest import make_account
from tests.factories import make_department, make_user, publish_object


def make_consultation(*, department=None, publish=True, days_open=30, opened_days_ago=1, **fields):
    """A consultation with two clauses, published through the sign-off workflow unless told."""
    today = timezone.localdate()
    starts_on = today - timedelta(days=opened_days_ago)
    fields.setdefault("title", "关于促进软件产业发展的若干措施（征求意见稿）")
    fields.setdefault("background", "为促进软件产业高质量发展，起草了本措施。")
    fields.setdefault("legal_basis", "《优化营商环境条例》")
    fields.setdefault("offline_channels", "信函：高新区管委会产业发展局（邮编 550000）")
    consultation = Consultation(
        department=department or make_department(),
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days_open - 1),
        **fields,
    )
    consultation.clauses = [
        Clause(heading="第一条", text="对新设立的软件企业给予房租补贴。"),
        Clause(heading="第二条", text="对研发投入给予奖励。"),
    ]
    consultation.save()
    return publish_object(consultation) if publish else consultation


def close(consultation):
    """Move the period into the past (it closed yesterday)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=yesterday - timedelta(days=29), ends_on=yesterday
    )
    consultation.refresh_from_db()
    return consultation


@pytest.fixture
def department(db):
    return make_department(name="产业发展局")


@pytest.fixture
def consultation(department):
    return make_consultation(department=department)


@pytest.fixture
def editor(department):
    return make_user(role=Role.EDITOR, department=department)


@pytest.fixture
def reviewer(db):
    return make_user(role=Role.REVIEWER, department=make_department(name="党政办公室"))


@pytest.fixture
def citizen(db):
    return make_account()


@pytest.fixture
def other_citizen(db):
    return make_account(email="other@example.com", name="李四")


def make_reported(*, department, title="关于促进软件产业发展的若干措施（已反馈）"):
    """A consultation closed without comments whose adoption report is signed off."""
    from gongkai.consultations import services

    consultation = close(make_consultation(department=department, title=title))
    editor = make_user(role=Role.EDITOR, department=department)
    publish_object(services.report_generate(consultation=consultation, user=editor))
    consultation.refresh_from_db()
    return consultation
