"""The moment and the day (China time) every service uses; one place for tests to move."""

from datetime import date, datetime

from django.utils import timezone

from gongkai.disclosure.clock import today_in_china


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return today_in_china()
