"""An interpretation published (Wagtail's ``published`` signal, sent when its sign-off
finishes, also for each later approved edit) is queued to be read aloud again on the worker,
after the commit; the service skips the engine when the text is unchanged."""

from django.dispatch import receiver
from wagtail.signals import published

from gongkai.audio.services import queue_reading
from gongkai.documents.models import Interpretation


@receiver(published, sender=Interpretation)
def interpretation_published(sender, instance, **kwargs):
    queue_reading(instance.pk)
