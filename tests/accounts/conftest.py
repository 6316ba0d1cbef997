import pytest

from gongkai.accounts import services
from gongkai.accounts.models import PublicAccount

PASSWORD = "Gongkai-test-2026"


def make_account(*, email="citizen@example.com", name="张三丰", verified=True, **fields):
    """A public account (verified unless told otherwise) and its user."""
    registration = services.account_register(
        email=email,
        password=PASSWORD,
        name=name,
        kind=fields.pop("kind", "citizen"),
        nonce=f"nonce-{email}-0123456789"[:64].replace("@", "-").replace(".", "-"),
        mobile=fields.pop("mobile", ""),
    )
    account = registration.account
    if verified:
        from django.utils import timezone

        PublicAccount.objects.filter(pk=account.pk).update(email_verified_at=timezone.now())
        account.refresh_from_db()
    return account


@pytest.fixture
def citizen(db):
    return make_account()
