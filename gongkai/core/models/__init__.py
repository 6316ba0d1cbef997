from gongkai.core.models.audit import AuditEvent
from gongkai.core.models.calendar import HolidayArrangement
from gongkai.core.models.departments import (
    Department,
    DepartmentGroup,
    DepartmentKind,
    StaffProfile,
)
from gongkai.core.models.workers import WorkerLease

__all__ = [
    "AuditEvent",
    "Department",
    "DepartmentGroup",
    "DepartmentKind",
    "HolidayArrangement",
    "StaffProfile",
    "WorkerLease",
]
