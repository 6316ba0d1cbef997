from gongkai.core.models.audit import (
    AuditCheckpoint,
    AuditEvent,
    AuditSeal,
    AuditVerification,
)
from gongkai.core.models.calendar import HolidayArrangement
from gongkai.core.models.departments import (
    Department,
    DepartmentGroup,
    DepartmentKind,
    StaffProfile,
)
from gongkai.core.models.workers import WorkerLease

__all__ = [
    "AuditCheckpoint",
    "AuditEvent",
    "AuditSeal",
    "AuditVerification",
    "Department",
    "DepartmentGroup",
    "DepartmentKind",
    "HolidayArrangement",
    "StaffProfile",
    "WorkerLease",
]
