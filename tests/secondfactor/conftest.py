import pytest

from gongkai.core.models import Department
from gongkai.core.roles import Role
from tests import factories


@pytest.fixture
def office(db) -> Department:
    return factories.make_department(name="党政办公室", code="dzb", is_openness_office=True)


@pytest.fixture
def reviewer(office):
    return factories.make_user(role=Role.REVIEWER, department=office, username="shenqian")


@pytest.fixture
def editor(office):
    return factories.make_user(role=Role.EDITOR, department=office, username="xinxiyuan")
