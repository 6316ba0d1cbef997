"""E-mail to the owner of a public account, in the language the account chose.

Other apps call ``mail_account`` (usually from their services, after commit) with a template
pair ``<name>_subject.txt`` / ``<name>.txt`` and a JSON-serialisable context; the job renders
and sends it on the worker (Django's e-mail backend). Deleted accounts and unverified addresses
get nothing, except the verification mail itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def mail_account(user_id: int, template: str, context: dict, *, unverified: bool = False) -> None:
    """Send ``template`` to the account's address once the current transaction commits."""
    from gongkai.accounts.tasks import send_account_mail

    transaction.on_commit(
        lambda: send_account_mail.enqueue(user_id, template, context, unverified), robust=True
    )
