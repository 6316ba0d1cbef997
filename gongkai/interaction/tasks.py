"""Background jobs of 政民互动 (django-tasks; run by ``gongkai worker``)."""

from django_tasks import task

from gongkai.interaction import services


@task()
def remind_message_deadlines() -> int:
    """Daily: e-mail each department its messages due soon or late. Returns the e-mails sent."""
    return services.reminders_send()
