from gongkai.core.models.audit import AuditEvent
from gongkai.core.models.calendar import HolidayArrangement
from gongkai.core.models.departments import (
    Department,
    DepartmentGroup,
    DepartmentKind,
    StaffProfile,
)

__all__ = [
    "AuditEvent",
    "Department",
    "DepartmentGroup",
    "DepartmentKind",
    "HolidayArrangement",
    "StaffProfile",
]
