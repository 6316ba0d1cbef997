"""Background jobs of the site's health check (django-tasks; run by ``gongkai worker``)."""

from django.contrib.auth import get_user_model
from django_tasks import task

from gongkai.assessment import services


@task()
def run_daily_health_check() -> int:
    """Each night: crawl the public site and check the library. Returns the findings."""
    return services.run_health_check().findings.count()


@task()
def run_health_check_now(user_id: int | None = None) -> int:
    """A check asked for in the back office."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return services.run_health_check(user=user).findings.count()
