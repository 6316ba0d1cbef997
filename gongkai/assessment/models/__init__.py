from gongkai.assessment.models.indicators import (
    Adjustment,
    AssessmentSettings,
    Direction,
    Indicator,
    IndicatorCode,
    IndicatorResult,
)
from gongkai.assessment.models.selfcheck import (
    ColumnRule,
    FindingKind,
    HealthCheck,
    HealthFinding,
    VetoItem,
)
from gongkai.assessment.models.spotchecks import (
    FindingStatus,
    Scope,
    Severity,
    SpotCheck,
    SpotCheckFinding,
    SpotCheckItem,
    SpotCheckStatus,
)

__all__ = [
    "Adjustment",
    "AssessmentSettings",
    "ColumnRule",
    "Direction",
    "FindingKind",
    "FindingStatus",
    "HealthCheck",
    "HealthFinding",
    "Indicator",
    "IndicatorCode",
    "IndicatorResult",
    "Scope",
    "Severity",
    "SpotCheck",
    "SpotCheckFinding",
    "SpotCheckItem",
    "SpotCheckStatus",
    "VetoItem",
]
