"""A consultation is taken off line by Wagtail's views: this receiver runs the service that
follows (audit, page cache). Publication goes through gongkai.documents.signed_off."""

from django.dispatch import receiver
from wagtail.signals import unpublished

from gongkai.consultations import services
from gongkai.consultations.models import Consultation
from gongkai.core import audit


@receiver(unpublished, sender=Consultation)
def consultation_unpublished(sender, instance, **kwargs):
    services.consultation_unpublished(consultation=instance, user=audit.unpublished_by(instance))
