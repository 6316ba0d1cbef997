"""Wagtail publishes and unpublishes through its own actions; these receivers hand over to our services."""

from django.dispatch import receiver
from wagtail.signals import published, unpublished

from gongkai.documents import services
from gongkai.documents.models import Document, Interpretation

# Wagtail does not say who published; the approver's sign-off is audited just before.
PUBLISHED_BY = "workflow"


@receiver(published, sender=Document)
def on_document_published(sender, instance, revision=None, **kwargs):
    # Scheduled publication sends this signal too, before the document is live.
    if instance.live:
        services.document_on_published(document=instance, user=PUBLISHED_BY)


@receiver(unpublished, sender=Document)
def on_document_unpublished(sender, instance, user=None, **kwargs):
    services.document_on_unpublished(document=instance, user=user)


@receiver(published, sender=Interpretation)
def on_interpretation_published(sender, instance, revision=None, **kwargs):
    if instance.live:
        services.interpretation_on_published(interpretation=instance, user=PUBLISHED_BY)
