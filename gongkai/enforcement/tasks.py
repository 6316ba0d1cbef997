"""Background jobs of 行政执法公示 (django-tasks; run by ``gongkai worker``)."""

from django_tasks import task

from gongkai.enforcement import services


@task()
def take_down_expired_decisions() -> int:
    """Daily: the retention rule takes published decisions past their period off the platform."""
    return services.expired_take_down()


@task()
def remind_enforcement_deadlines() -> int:
    """Daily: e-mail each department what is due soon or late. Returns the e-mails sent."""
    return services.reminders_send()
