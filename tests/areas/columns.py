"""Builders of the 就业 and 放管服 tests: records created as staff do (a draft, its first
revision), signed off through the workflow unless told."""

import datetime as dt
from decimal import Decimal

from gongkai.areas import services
from gongkai.areas.models import EmploymentRecord, ReformMeasure
from tests.factories import make_department, publish_object


def make_employment(*, department=None, publish=True, **fields) -> EmploymentRecord:
    """A 就业补贴 of 2026 unless told; a 招聘会 gets a date and place."""
    fields.setdefault("title", "高校毕业生一次性求职创业补贴")
    fields.setdefault("year", 2026)
    fields.setdefault("kind", "subsidy")
    fields.setdefault("summary", "对在毕业学年有求职创业行为的困难毕业生给予一次性补贴。")
    fields.setdefault("target_groups", "低保家庭、脱贫家庭、残疾等困难高校毕业生")
    if fields["kind"] == "subsidy":
        fields.setdefault("standard", "每人一次性发放")
        fields.setdefault("amount", Decimal("1500"))
    if fields["kind"] == "job_fair":
        fields.setdefault("held_on", dt.date(2026, 3, 14))
        fields.setdefault("place", "区人力资源市场一楼大厅")
    record = services.record_create(
        EmploymentRecord,
        user=None,
        department=department or make_department(name="人力资源和社会保障局"),
        **fields,
    )
    return publish_object(record) if publish else record


def make_reform(*, department=None, publish=True, **fields) -> ReformMeasure:
    """A 简政放权 measure of 2026 under way unless told."""
    fields.setdefault("title", "企业开办全程网办，一个工作日办结")
    fields.setdefault("year", 2026)
    fields.setdefault("category", "streamline")
    fields.setdefault(
        "content", "企业设立登记、公章刻制、申领发票和社保登记一网通办，全程不超过一个工作日。"
    )
    fields.setdefault("basis", "《优化营商环境条例》第十九条")
    fields.setdefault("implemented_on", dt.date(2026, 3, 1))
    fields.setdefault("status", "under_way")
    record = services.record_create(
        ReformMeasure,
        user=None,
        department=department or make_department(name="行政审批局"),
        **fields,
    )
    return publish_object(record) if publish else record
