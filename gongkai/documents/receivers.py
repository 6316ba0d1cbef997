"""Wagtail unpublishes through its own actions; this receiver hands over to our services.

Publishing is handed over by the publish action itself (gongkai.documents.publication), which
knows the reviewer who signed off; Wagtail's ``published`` signal does not say who published.
"""

from django.dispatch import receiver
from wagtail.signals import unpublished

from gongkai.documents import services
from gongkai.documents.models import Document, Interpretation


@receiver(unpublished, sender=Document)
def on_document_unpublished(sender, instance, user=None, **kwargs):
    services.document_on_unpublished(document=instance, user=user)


@receiver(unpublished, sender=Interpretation)
def on_interpretation_unpublished(sender, instance, user=None, **kwargs):
    services.interpretation_on_unpublished(interpretation=instance, user=user)
