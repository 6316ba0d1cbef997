import pytest

from gongkai.subscriptions import services
from tests.accounts.conftest import make_account
from tests.factories import make_department, make_document


@pytest.fixture
def department(db):
    return make_department(name="科技创新局")


@pytest.fixture
def citizen(db):
    return make_account()


def publish_now(capture, **fields):
    """A document published through the sign-off workflow, its fan-out run (after commit)."""
    with capture(execute=True):
        return make_document(**fields)


def subscribe(account, **fields):
    return services.subscribe(user=account.user, **fields)
