"""What each member of staff sees of the health check: the office everything, a department
its own findings."""

from django.db.models import QuerySet

from gongkai.assessment.models import HealthCheck, HealthFinding
from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments


def latest_check() -> HealthCheck | None:
    return HealthCheck.objects.filter(finished_at__isnull=False).first()


def findings_for_user(user, check: HealthCheck) -> QuerySet[HealthFinding]:
    findings = check.findings.select_related("department", "object_type")
    if user.is_superuser or sees_all_departments(user):
        return findings
    department_id = user_department_id(user)
    if department_id is None:
        return findings.none()
    return findings.filter(department_id=department_id)


def grouped_by_department(findings) -> list[tuple[object, list[HealthFinding]]]:
    """Findings under their department, the office's (no department) first."""
    groups: dict[object, list[HealthFinding]] = {}
    for finding in findings:
        groups.setdefault(finding.department, []).append(finding)
    return sorted(groups.items(), key=lambda item: (item[0] is not None, str(item[0] or "")))
