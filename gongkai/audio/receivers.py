"""An interpretation published (Wagtail's ``published`` signal, sent when its sign-off
finishes, also for each later approved edit) is read aloud again on the worker, after the
commit; the service skips the engine when the text is unchanged."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import published

from gongkai.audio.tasks import speak_interpretation
from gongkai.documents.models import Interpretation


@receiver(published, sender=Interpretation)
def interpretation_published(sender, instance, **kwargs):
    pk = instance.pk
    transaction.on_commit(lambda: speak_interpretation.enqueue(pk), robust=True)
