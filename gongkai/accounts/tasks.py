"""Background jobs of accounts (django-tasks; run by ``gongkai worker``)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_account_mail(user_id: int, template: str, context: dict, unverified: bool = False) -> bool:
    """Render ``template`` in the account's language and send it to the account's address."""
    from gongkai.accounts.models import PublicAccount

    account = PublicAccount.objects.filter(user_id=user_id).first()
    if account is None or account.is_deleted or not account.email:
        return False
    if account.email_verified_at is None and not unverified:
        return False
    with translation.override(account.language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [account.email])
    return True
