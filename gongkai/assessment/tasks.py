"""Background jobs of the site's health check and the indicators (django-tasks; run by ``gongkai worker``)."""

from django.contrib.auth import get_user_model
from django_tasks import task

from gongkai.assessment import services
from gongkai.assessment.scoring import Period


@task()
def run_daily_health_check() -> int:
    """Each night: crawl the public site and check the library. Returns the findings."""
    return services.run_health_check().findings.count()


@task()
def run_health_check_now(user_id: int | None = None) -> int:
    """A check asked for in the back office."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return services.run_health_check(user=user).findings.count()


@task()
def run_daily_indicators() -> int:
    """Each morning, after the health check: score the periods still moving."""
    return services.compute_recent_indicators()


@task()
def run_indicators_now(period: str) -> int:
    """Indicators recomputed for one period, asked for in the back office."""
    return services.compute_indicators(Period.parse(period))
