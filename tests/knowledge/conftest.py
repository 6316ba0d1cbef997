import pytest

from gongkai.core.roles import Role
from gongkai.knowledge.models import PolicyAnswer
from tests.factories import make_department, make_document, make_topic, make_user, publish_object
from tests.interaction.conftest import answered_message


def make_answer(*, department, documents=(), topics=(), publish=True, **fields):
    """An entry as staff write it in the back office; signed off and live unless told."""
    fields.setdefault("question", "小微企业申请房租补贴需要哪些材料？")
    fields.setdefault(
        "answer", "申请房租补贴需提交营业执照、租赁合同和缴费凭证，向产业发展局申报。"
    )
    answer = PolicyAnswer(department=department, live=False, **fields)
    answer.documents.set(list(documents))
    answer.topics.set(list(topics))
    answer.save()
    return publish_object(answer) if publish else answer


@pytest.fixture
def department(db):
    return make_department(name="产业发展局")


@pytest.fixture
def other_department(db):
    return make_department(name="交通运输局")


@pytest.fixture
def office(db):
    return make_department(name="党政办公室", is_openness_office=True)


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
def topic(db):
    return make_topic(name="企业扶持", slug="enterprise-support")


@pytest.fixture
def basis(department):
    return make_document(department=department, title="关于支持小微企业发展的若干措施")


@pytest.fixture
def message(department, reviewer):
    """An answered message of the department, published by the office."""
    return answered_message(department, reviewer)
