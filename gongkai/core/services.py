"""State changes owned by core."""

from django.db import transaction

from gongkai.core import audit, calendar
from gongkai.core.models import HolidayArrangement
from gongkai.core.signals import holiday_arrangement_changed


@transaction.atomic
def holiday_arrangement_saved(*, arrangement: HolidayArrangement, user) -> None:
    """After an arrangement is entered: new calendar everywhere, provisional dates recomputed."""
    audit.record(
        actor=user,
        action="calendar.arrangement",
        obj=arrangement,
        after={"holidays": arrangement.holidays, "makeup_workdays": arrangement.makeup_workdays},
    )
    transaction.on_commit(calendar.invalidate)
    transaction.on_commit(
        lambda: holiday_arrangement_changed.send(sender=HolidayArrangement, year=arrangement.year)
    )
