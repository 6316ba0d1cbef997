"""Background jobs of the disclosure app (django-tasks; run by ``gongkai worker``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from gongkai.disclosure import crypto


def _absolute(request, path: str) -> str:
    return (request.site_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def _load(request_id: int):
    from gongkai.disclosure.models import DisclosureRequest

    return DisclosureRequest.objects.select_related("department").filter(pk=request_id).first()


@task()
def send_acknowledgement(request_id: int, sealed_token: str) -> bool:
    """回执: the tracking number and the private link, to the applicant's e-mail."""
    from gongkai.disclosure.notices import acknowledgement
    from gongkai.disclosure.selectors import answering_body

    request = _load(request_id)
    if request is None or not request.email:
        return False
    link = _absolute(request, reverse("disclosure:track", args=[crypto.decrypt(sealed_token)]))
    subject, body = acknowledgement(request, link, answering_body(request))
    send_mail(subject, body, None, [request.email])
    return True


@task()
def notify_applicant(request_id: int, kind: str) -> bool:
    """Tell the applicant of a correction request, extension, fee notice or reply."""
    from gongkai.disclosure.notices import applicant_notice
    from gongkai.disclosure.selectors import answering_body

    request = _load(request_id)
    if request is None or not request.email:
        return False
    lookup = _absolute(request, reverse("disclosure:lookup"))
    subject, body = applicant_notice(request, kind, lookup, answering_body(request))
    send_mail(subject, body, None, [request.email])
    return True


@task()
def send_deadline_reminders() -> int:
    """Daily: bring every open request's clock up to date (lapses), then e-mail each department
    and the openness office the requests due within 5 or 2 working days or overdue. Returns
    the number of e-mails sent."""
    from gongkai.disclosure.notices import reminder_mails
    from gongkai.disclosure.selectors import requests_needing_reminder
    from gongkai.disclosure.services import requests_refresh

    requests_refresh()
    sent = 0
    for recipients, subject, body in reminder_mails(requests_needing_reminder()):
        sent += send_mail(subject, body, None, recipients)
    return sent
