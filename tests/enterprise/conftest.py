import datetime as dt
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from gongkai.core.roles import Role
from gongkai.enterprise import services, uscc
from gongkai.enterprise.models import (
    Enterprise,
    FundedProject,
    Programme,
    Qualification,
    SupportPolicy,
    YearlyFigures,
)
from tests.factories import make_department, make_user, publish_object

_numbers = count(1)
LAST_YEAR = timezone.localdate().year - 1
RULE = {
    "all": [
        {"field": "revenue", "op": ">=", "value": 2000, "clause": "第五条（一）"},
        {"field": "industry", "op": "under", "value": ["C39"], "clause": "第三条"},
    ]
}


def credit_code(number: int) -> str:
    body = f"91350100MA{number:07d}"
    return body + uscc.check_character(body)


def make_enterprise(*, revenue=None, qualifications=(), **fields) -> Enterprise:
    number = next(_numbers)
    fields.setdefault("name", f"测试企业{number}有限公司")
    fields.setdefault("uscc", credit_code(number))
    fields.setdefault("industry", "C3911")
    fields.setdefault("region", "350102")
    enterprise = Enterprise.objects.create(**fields)
    if revenue is not None:
        YearlyFigures.objects.create(
            enterprise=enterprise, year=LAST_YEAR, revenue=Decimal(revenue)
        )
    for kind in qualifications:
        Qualification.objects.create(enterprise=enterprise, kind=kind,
                                     valid_from=dt.date(2020, 1, 1))  # fmt: skip
    return enterprise


def make_policy(*, rule=None, department=None, **fields) -> SupportPolicy:
    fields.setdefault("title", "软件和信息技术服务业扶持政策")
    return SupportPolicy.objects.create(
        rule=RULE if rule is None else rule, department=department or make_department(), **fields
    )


def make_programme(policy, *, opens_in=-3, closes_in=20, publish=True, **fields) -> Programme:
    """A programme of the policy's department, its window in days from now; signed off and
    live unless told."""
    now = timezone.now()
    fields.setdefault("title", "2026年度软件企业研发补助申报")
    fields.setdefault("where_to_apply", "https://zwfw.example.gov.cn/")
    programme = services.programme_create(
        user=None,
        policy=policy,
        department=policy.department,
        opens_at=now + dt.timedelta(days=opens_in),
        closes_at=now + dt.timedelta(days=closes_in),
        **fields,
    )
    return publish_object(programme) if publish else programme


def make_funded(programme, enterprise, **fields) -> FundedProject:
    fields.setdefault("title", "工业软件研发项目")
    fields.setdefault("amount", Decimal("50"))
    fields.setdefault("year", LAST_YEAR + 1)
    return FundedProject.objects.create(programme=programme, enterprise=enterprise, **fields)


@pytest.fixture
def admin_user(db):
    return make_user(role=Role.ADMIN, is_staff=True)


@pytest.fixture
def editor(db):
    return make_user(role=Role.EDITOR, department=make_department(), is_staff=True)


@pytest.fixture(autouse=True)
def _chinese_unless_told():
    """A request in English leaves English active in the thread: each test starts in Chinese
    and leaves no language behind for the tests after it."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()
