from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.concerns import services
from gongkai.concerns.services import ConcernFields
from gongkai.core.roles import Role
from tests.factories import make_department, make_user


def concern_fields(department, owner, **overrides) -> ConcernFields:
    values = {
        "title": "学校周边道路施工影响学生上下学",
        "description": "多名家长在网上反映，某小学门前道路施工，接送时段拥堵且存在安全隐患。",
        "channel": "online",
        "raised_on": timezone.localdate() - timedelta(days=3),
        "lead_department": department,
        "owner": owner,
        "source_url": "https://example.com/post/1",
        **overrides,
    }
    return ConcernFields(**values)


def record(department, user, **overrides):
    return services.concern_record(user=user, fields=concern_fields(department, user, **overrides))


@pytest.fixture
def office(db):
    return make_department(name="党政办公室", is_openness_office=True)


@pytest.fixture
def department(db):
    return make_department(name="住房和城乡建设局")


@pytest.fixture
def other_department(db):
    return make_department(name="交通运输局")


@pytest.fixture
def editor(department):
    return make_user(role=Role.EDITOR, department=department)


@pytest.fixture
def head(department):
    return make_user(role=Role.HEAD, department=department)


@pytest.fixture
def reviewer(office):
    return make_user(role=Role.REVIEWER, department=office)


@pytest.fixture
def assessor(db):
    return make_user(role=Role.ASSESSOR)


@pytest.fixture
def concern(department, editor):
    return record(department, editor)


def answered_concern(department, user, *, documents=(), **overrides):
    """A concern of ``department`` with one response published by ``user`` (head or office)."""
    concern = record(department, user, **overrides)
    response = services.response_save(
        concern=concern,
        user=user,
        text="经核实，施工将于本月底完成，期间增派交通协管员疏导。",
        responded_on=timezone.localdate(),
        documents=documents,
    )
    services.response_publish(response=response, user=user)
    return concern
