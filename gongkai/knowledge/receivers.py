"""Hand-overs from other apps' events to this app's services: Wagtail takes an entry off line
(its unpublish view), a document's validity changes (gongkai.documents.signals)."""

from django.dispatch import receiver
from wagtail.signals import unpublished

from gongkai.core import audit
from gongkai.documents.signals import validity_changed
from gongkai.knowledge import services
from gongkai.knowledge.models import PolicyAnswer


@receiver(unpublished, sender=PolicyAnswer)
def answer_unpublished(sender, instance, **kwargs):
    services.answer_unpublished(answer=instance, user=audit.unpublished_by(instance))


@receiver(validity_changed)
def document_validity_changed(sender, document, before, user=None, **kwargs):
    services.answers_flag_for_document(document=document, before=before, user=user)
