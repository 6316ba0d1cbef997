"""iCalendar (RFC 5545) feeds of programme windows: per programme, department or enterprise."""

from django.core import signing
from icalendar import Calendar, Event

FEED_SALT = "gongkai.enterprise.feed"


def feed_token(enterprise) -> str:
    """The private address part of an enterprise's feed (signed, not guessable)."""
    return signing.dumps(enterprise.pk, salt=FEED_SALT, compress=True)


def enterprise_of_token(token: str):
    try:
        return signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None


def calendar(programmes, *, name: str, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Gongkai//政策通//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for programme in programmes:
        event = Event()
        event.add("uid", f"programme-{programme.pk}@gongkai")
        event.add("summary", programme.title)
        event.add("dtstart", programme.opens_at)
        event.add("dtend", programme.closes_at)
        event.add("url", base_url + programme.get_absolute_url())
        event.add("location", programme.where_to_apply)
        event.add("description", "\n".join(filter(None, [programme.how_to_apply,
                                                         programme.contact])))  # fmt: skip
        cal.add_component(event)
    return cal.to_ical()
