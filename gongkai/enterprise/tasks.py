"""Background jobs of 政策通 (django-tasks; run by ``gongkai worker``)."""

from django_tasks import task

from gongkai.core import pagecache
from gongkai.core.pagecache import list_tag
from gongkai.enterprise import services
from gongkai.enterprise.models import Programme


@task()
def rematch_all() -> int:
    """Every active policy against every enterprise: after a rule or a profile changed, and
    each night (dates move: founded within 5 years, certificates expire, windows close).
    The calendar's states move with the date too: its pages are dropped. Returns the number
    of policies matched."""
    pagecache.invalidate(list_tag(Programme))
    return len(services.rematch())


@task()
def announce_document(document_id: int) -> int:
    """A document was published: the enterprises meeting its support policies are told."""
    return services.announce_document(document_id)
