"""Background jobs of 政策订阅 (django-tasks; run by ``gongkai worker``)."""

from django_tasks import task

from gongkai.subscriptions import services


@task()
def fan_out_document(document_id: int) -> int:
    """A document was published: deliveries made, the immediate ones sent."""
    return services.fan_out(document_id)


@task()
def deliver_matched(user_id: int, document_ids: list[int]) -> int:
    return services.documents_matched(user_id=user_id, document_ids=document_ids)


@task()
def retry_deliveries(user_id: int, channel: str) -> int:
    return services.retry(user_id=user_id, channel=channel).messages


@task()
def send_digests() -> int:
    """Each morning (07:30): the daily digests, and the weekly ones on Mondays."""
    return services.send_digests().messages
