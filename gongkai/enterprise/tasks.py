"""Background jobs of 政策通 (django-tasks; run by ``gongkai worker``)."""

from django_tasks import task

from gongkai.enterprise import services


@task()
def rematch_all() -> int:
    """Every active policy against every enterprise: after a rule or a profile changed, and
    each night (dates move: founded within 5 years, certificates expire, windows close).
    The calendar's pages need nothing from it: each expires when a window it shows opens or
    closes (Programme.next_change). Returns the number of policies matched."""
    return len(services.rematch())


@task()
def announce_document(document_id: int) -> int:
    """A document was published: the enterprises meeting its support policies are told."""
    return services.announce_document(document_id)
