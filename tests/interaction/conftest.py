import pytest

from gongkai.core.roles import Role
from gongkai.interaction import services
from gongkai.interaction.models import MessageCategory
from tests.accounts.conftest import make_account
from tests.factories import make_department, make_user

NONCE = "m" * 24


def write(account, category, *, nonce=NONCE, addressee=None, **fields):
    fields.setdefault("title", "小区门口路灯不亮")
    fields.setdefault("body", "观山湖区某小区门口的路灯已经坏了一个月，晚上出行不便。")
    return services.message_submit(
        user=account.user,
        category_id=category.pk,
        addressee_id=addressee.pk if addressee else None,
        nonce=nonce,
        **fields,
    )


@pytest.fixture
def office(db):
    return make_department(name="党政办公室", is_openness_office=True, email="office@example.com")


@pytest.fixture
def department(db):
    return make_department(name="住房和城乡建设局", email="zjj@example.com")


@pytest.fixture
def other_department(db):
    return make_department(name="交通运输局")


@pytest.fixture
def category(db):
    return MessageCategory.objects.create(name="城市管理")


@pytest.fixture
def citizen(db):
    return make_account()


@pytest.fixture
def editor(department):
    return make_user(role=Role.EDITOR, department=department)


@pytest.fixture
def head(department):
    return make_user(role=Role.HEAD, department=department)


@pytest.fixture
def reviewer(office):
    return make_user(role=Role.REVIEWER, department=office)


def answered_message(department, user, account=None):
    """A message to ``department`` answered and published by ``user`` (of the office)."""
    category = MessageCategory.objects.get_or_create(name="城市管理")[0]
    account = account or make_account(email="writer@example.com")
    message = write(account, category, addressee=department, nonce="a" * 24).message
    services.reply_save(message=message, user=user, text="已安排维修。", submit=True)
    return services.reply_publish(message=message, user=user)
