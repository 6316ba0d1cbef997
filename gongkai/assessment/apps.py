from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_SEE = ["assessment.view_healthcheck", "assessment.view_healthfinding"]
_RUN = [*_SEE, "assessment.add_healthcheck"]
# Everyone reads the scoreboard (a department its own items); assessors recompute it, adjust
# scores, edit the indicators' definitions and weights (no one adds or deletes one: each
# is a rule of indicator_rows) and set the 通报 line (考核设置).
_SCORES = ["assessment.view_indicatorresult"]
_ASSESS = [
    *_SCORES,
    "assessment.add_indicatorresult",
    "assessment.add_adjustment",
    "assessment.view_indicator",
    "assessment.change_indicator",
    "assessment.view_assessmentsettings",
    "assessment.change_assessmentsettings",
]
# 抽查: every department sees the spot checks and reports the rectification of its own
# findings; the office and assessors draw, record findings and close them.
_SPOT_SEE = [
    "assessment.view_spotcheck",
    "assessment.view_spotcheckfinding",
    "assessment.rectify_spotcheckfinding",
]
_SPOT_CHECK = [
    *_SPOT_SEE,
    "assessment.add_spotcheck",
    "assessment.add_spotcheckfinding",
    "assessment.close_spotcheckfinding",
]
# Departments see the findings they must fix; the openness office, assessors and
# administrators see every department's and run a check on demand; administrators set the
# update rule of each column.
ASSESSMENT_PERMISSIONS = {
    Role.EDITOR: [*_SEE, *_SCORES, *_SPOT_SEE],
    Role.HEAD: [*_SEE, *_SCORES, *_SPOT_SEE],
    Role.REVIEWER: [*_RUN, *_SCORES, *_SPOT_CHECK],
    Role.ASSESSOR: [*_RUN, *_ASSESS, *_SPOT_CHECK],
    Role.ADMIN: [
        *_RUN,
        *_ASSESS,
        *_SPOT_CHECK,
        "assessment.view_columnrule",
        "assessment.add_columnrule",
        "assessment.change_columnrule",
        "assessment.delete_columnrule",
    ],
}


class AssessmentConfig(AppConfig):
    name = "gongkai.assessment"
    label = "assessment"
    verbose_name = _("考核与自查")

    def ready(self):
        from gongkai.assessment.tasks import run_daily_health_check, run_daily_indicators
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily

        for role, names in ASSESSMENT_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        register_daily(run_daily_health_check, at="04:00")
        register_daily(run_daily_indicators, at="05:00")
