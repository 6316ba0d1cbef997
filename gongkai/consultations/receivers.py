"""A consultation or an adoption report is taken off line by Wagtail's views: these receivers
run the service that follows (audit, page cache). Publication goes through
gongkai.documents.signed_off."""

from django.dispatch import receiver
from wagtail.signals import unpublished

from gongkai.consultations import services
from gongkai.consultations.models import AdoptionReport, Consultation
from gongkai.core import audit


@receiver(unpublished, sender=Consultation)
def consultation_unpublished(sender, instance, **kwargs):
    services.consultation_unpublished(consultation=instance, user=audit.unpublished_by(instance))


@receiver(unpublished, sender=AdoptionReport)
def report_unpublished(sender, instance, **kwargs):
    services.report_unpublished(report=instance, user=audit.unpublished_by(instance))
