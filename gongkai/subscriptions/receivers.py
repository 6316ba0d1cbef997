"""A document goes live through the sign-off workflow (Wagtail's ``published`` signal, sent by
the publish action the workflow's finish runs), and the enterprise matching reports matches
(``signals.documents_matched``, or the enterprise app's ``policy_matched``): both hand over to the worker once the transaction commits."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import published

from gongkai.accounts.models import PublicAccount
from gongkai.documents.models import Document
from gongkai.enterprise.signals import policy_matched
from gongkai.subscriptions.signals import documents_matched
from gongkai.subscriptions.tasks import deliver_matched, fan_out_document


@receiver(published, sender=Document)
def document_published(sender, instance, **kwargs):
    document_id = instance.pk
    transaction.on_commit(lambda: fan_out_document.enqueue(document_id), robust=True)


@receiver(documents_matched)
def enterprise_matched(sender, user, document_ids, **kwargs):
    user_id, ids = user.pk, [int(pk) for pk in document_ids]
    transaction.on_commit(lambda: deliver_matched.enqueue(user_id, ids), robust=True)


@receiver(policy_matched)
def enterprise_policy_matched(sender, enterprise, document_ids, **kwargs):
    """The enterprise app's own signal: an enterprise newly meets policies; its account's
    "new policies I match" subscriptions get their documents. Most enterprises of a nightly
    re-match have no account (imported by staff) or policies without a document: no query."""
    if enterprise.account_id is None or not document_ids:
        return
    user_id = (
        PublicAccount.objects.filter(pk=enterprise.account_id)
        .values_list("user_id", flat=True)
        .first()
    )
    if user_id is None:
        return
    ids = [int(pk) for pk in document_ids]
    transaction.on_commit(lambda: deliver_matched.enqueue(user_id, ids), robust=True)
