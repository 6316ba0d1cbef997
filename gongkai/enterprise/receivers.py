"""A library document goes live (Wagtail's ``published`` signal, sent when the sign-off
workflow publishes it): the enterprises meeting the support policies resting on it are told,
on the worker once the transaction commits."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import published

from gongkai.documents.models import Document
from gongkai.enterprise.tasks import announce_document


@receiver(published, sender=Document)
def document_published(sender, instance, **kwargs):
    document_id = instance.pk
    transaction.on_commit(lambda: announce_document.enqueue(document_id), robust=True)
