"""Background jobs of 决策预公开 (django-tasks; run by ``gongkai worker``)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from gongkai.consultations.models import Consultation
from gongkai.core import pagecache
from gongkai.core.pagecache import list_tag, obj_tag


@task()
def refresh_consultation_pages() -> int:
    """Daily after midnight: a consultation opens or closes by the date alone, and the list of
    those waiting for a report shows days waited, so their stored pages are dropped. Returns
    the consultations whose phase changed today."""
    today = timezone.localdate()
    changed = list(
        Consultation.objects.filter(live=True)
        .filter(starts_on=today)
        .union(Consultation.objects.filter(live=True, ends_on=today - timedelta(days=1)))
    )
    pagecache.invalidate(list_tag(Consultation), *(obj_tag(c) for c in changed))
    return len(changed)
