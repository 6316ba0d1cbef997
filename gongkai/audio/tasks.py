"""Background jobs of 每日一听 (django-tasks; run by ``gongkai worker``)."""

from django.utils import timezone
from django_tasks import task

from gongkai.audio import services


@task()
def speak_interpretation(interpretation_id: int) -> bool:
    """An interpretation was published: read it aloud (again, if its text changed)."""
    spoken = services.speak_interpretation(interpretation_id)
    return bool(spoken and spoken.file)


@task()
def build_daily_digest() -> int:
    """Each morning (06:30): yesterday's new policies and interpretations, read aloud."""
    digest = services.build_digest(timezone.localdate())
    return len(digest.items) if digest else 0
