"""State changes owned by core."""

from django.db import transaction

from gongkai.core import audit, calendar, pagecache
from gongkai.core.models import Department, HolidayArrangement
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


@transaction.atomic
def department_saved(*, department: Department, user) -> None:
    """After a department is created or edited (renamed) in the back office: the public pages
    that show its name are dropped from the page cache."""
    audit.record(
        actor=user,
        action="department.save",
        obj=department,
        after={"name": department.name, "short_name": department.short_name},
    )
    pagecache.invalidate(pagecache.obj_tag(department), pagecache.list_tag(Department))
