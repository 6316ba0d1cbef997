"""Background jobs of 政策通 (django-tasks; run by ``gongkai worker``)."""

from django_tasks import task

from gongkai.enterprise import services


@task()
def rematch_all() -> int:
    """Every active policy against every enterprise: after a rule or a profile changed, and
    each night (dates move: founded within 5 years, certificates expire, windows close).
    Returns the number of policies matched."""
    return len(services.rematch())
