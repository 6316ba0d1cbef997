"""The demo's year of work beyond the library: disclosure requests received, handled and
answered through the disclosure services; the seed plan broken into tasks and published; and
last year's annual report computed from those requests and published. Each part is built only
when it is missing, so a second run adds nothing.

Dates are relative to the year the demo is built in: last year is complete (its report can be
published), this year has requests up to today.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

from gongkai.core.calendar import current_calendar
from gongkai.core.roles import Role
from gongkai.demo.enforcement import build_enforcement
from gongkai.demo.enterprise import build_enterprise
from gongkai.demo.finance import build_finance
from gongkai.demo.key_areas import build_key_areas
from gongkai.demo.participation import build_participation
from gongkai.demo.services import build_services

# What happens to a request after it is received (working days counted from the receipt day).
REPLY = "reply"
CORRECTION = "correction"  # correction asked for, made, then replied
LAPSE = "lapse"  # correction asked for and never made: the request lapses
EXTENSION = "extension"  # extended by the office, then replied
WITHDRAWAL = "withdrawal"


@dataclass(frozen=True)
class DemoRequest:
    month: int
    day: int
    applicant_type: str
    name: str
    description: str
    department: str
    handling: str = REPLY
    outcome: str = "granted"
    reasons: str = ""
    days_to_reply: int = 12
    channel: str = "in_person"


LAST_YEAR = (
    DemoRequest(1, 8, "natural_person", "王建华", "高新区2024年度区级部门预算公开表", "czj"),
    DemoRequest(
        1,
        20,
        "commercial",
        "贵州云数科技有限公司",
        "2024年度科技型企业研发投入后补助资金拨付名单",
        "kjcx",
        days_to_reply=9,
        channel="email",
    ),
    DemoRequest(
        2,
        24,
        "natural_person",
        "刘芳",
        "沙文园区某地块的征收补偿方案及批复文件",
        "ghjs",
        handling=CORRECTION,
        days_to_reply=18,
        channel="post_signed",
    ),
    DemoRequest(
        3,
        11,
        "natural_person",
        "赵磊",
        "某企业环评报告中涉及的企业生产工艺参数",
        "sthj",
        outcome="withheld.third_party",
        reasons="所申请信息涉及第三方商业秘密，经征求第三方意见，第三方不同意公开",
        days_to_reply=15,
    ),
    DemoRequest(
        4,
        7,
        "research",
        "贵州某大学公共管理学院",
        "2020年至2024年高新区政府信息公开申请办理情况统计",
        "dzb",
        outcome="unavailable.needs_creation",
        reasons="本机关未制作相关统计，历年情况可查阅已公开的年度报告",
        channel="email",
    ),
    DemoRequest(
        4,
        21,
        "natural_person",
        "孙伟",
        "金阳园区老旧小区改造项目的招标文件",
        "jyyq",
        handling=EXTENSION,
        days_to_reply=30,
    ),
    DemoRequest(
        5,
        13,
        "commercial",
        "贵阳高新某医药有限公司",
        "2025年度高新技术企业认定奖励政策的申报条件",
        "cyfz",
        days_to_reply=6,
    ),
    DemoRequest(
        6,
        3,
        "natural_person",
        "周敏",
        "要求处理本人对小区物业的投诉",
        "xzsp",
        outcome="not_processed.petition",
        reasons="您的诉求属于投诉事项，请通过12345热线反映",
        days_to_reply=5,
    ),
    DemoRequest(
        6,
        23,
        "natural_person",
        "吴强",
        "某道路改造工程的竣工验收资料",
        "ghjs",
        handling=LAPSE,
        channel="post_signed",
    ),
    DemoRequest(
        7,
        15,
        "legal_services",
        "贵州某律师事务所",
        "2025年上半年高新区行政处罚决定书目录",
        "scjg",
        outcome="partial",
        reasons="目录中涉及自然人姓名和身份证件号码的部分已作遮盖处理",
        days_to_reply=16,
        channel="email",
    ),
    DemoRequest(
        8,
        19,
        "natural_person",
        "郑丽",
        "高新区义务教育阶段学校划片方案",
        "dzb",
        handling=WITHDRAWAL,
    ),
    DemoRequest(
        9,
        9,
        "natural_person",
        "冯涛",
        "2025年区级民生实事项目完成情况",
        "dzb",
        outcome="unavailable.not_held",
        reasons="相关信息由市级部门制作和保存，建议向市发展和改革委员会咨询",
    ),
    DemoRequest(
        10,
        21,
        "commercial",
        "贵州某建设工程有限公司",
        "高新区2025年政府投资项目计划",
        "czj",
        days_to_reply=10,
    ),
    DemoRequest(
        11,
        12,
        "nonprofit",
        "贵阳某环保公益服务中心",
        "2025年高新区重点排污单位名录",
        "sthj",
        days_to_reply=8,
        channel="email",
    ),
    DemoRequest(
        12,
        18,
        "natural_person",
        "陈静",
        "2026年度高新区企业培训补贴的申领办法",
        "cyfz",
        days_to_reply=14,
    ),
)

THIS_YEAR = (
    DemoRequest(1, 13, "natural_person", "林峰", "高新区2025年度区级部门决算公开表", "czj"),
    DemoRequest(
        3,
        10,
        "commercial",
        "贵阳某数据服务有限公司",
        "2026年数字经济产业扶持资金申报指南",
        "dsj",
        days_to_reply=7,
        channel="email",
    ),
    DemoRequest(
        5,
        18,
        "natural_person",
        "何洁",
        "麦架园区某厂房项目的规划许可证",
        "ghjs",
        outcome="partial",
        reasons="许可证附图中涉及个人信息的部分已作遮盖处理",
        days_to_reply=15,
    ),
    DemoRequest(
        9,
        7,
        "natural_person",
        "宋明",
        "2026年高新区公办幼儿园招生计划",
        "dzb",
        days_to_reply=9,
    ),
    DemoRequest(11, 23, "natural_person", "高远", "2026年高新区老旧小区改造计划", "ghjs"),
)

REPORT_SECTIONS = {
    "overview": (
        "<p>{year}年，高新区深入贯彻《中华人民共和国政府信息公开条例》，以政策文件集中统一公开、"
        "政策解读和依申请公开规范办理为重点推进政务公开工作。依申请公开全部在法定期限内答复，"
        "答复告知书载明救济途径。</p>"
    ),
    "problems": (
        "<p>政策解读形式有待丰富，部分部门依申请公开答复说理不够充分。下一年度将加大图解、"
        "音视频解读比重，并组织依申请公开答复规范培训。</p>"
    ),
    "other_matters": "<p>本年度未收取信息处理费。</p>",
}
# Table 二 figures the office enters by hand (the 2021 format's keys).
REPORT_FIGURES = {
    "permits.decisions": 1268,
    "penalties.decisions": 57,
    "coercions.decisions": 3,
    "fees.amount": 0,
}


def build_activity(*, departments, users, seed_document, today: date) -> dict[str, int]:
    """The requests, the plan, the report, the enforcement publicity, 政策通, 办事服务, 财政信息,
    the 就业 and 放管服 columns and public participation that are missing; counts of what was
    added."""
    return {
        "requests": build_requests(departments, users, today),
        "plans": build_seed_plan(seed_document, users),
        "reports": build_annual_report(users, today),
        "enforcement": build_enforcement(departments, users, today),
        "enterprise": build_enterprise(departments, users, today),
        "services": build_services(departments, users),
        "finance": build_finance(departments, users),
        "key_areas": build_key_areas(departments, users),
        "participation": build_participation(departments, users, today),
    }


# --- disclosure requests --------------------------------------------------------------------


def build_requests(departments, users, today: date) -> int:
    """Last year's and this year's requests, unless requests of those years exist."""
    from gongkai.disclosure.models import DisclosureRequest

    added = 0
    for year, specs in ((today.year - 1, LAST_YEAR), (today.year, THIS_YEAR)):
        if DisclosureRequest.objects.filter(received_on__year=year).exists():
            continue
        for spec in specs:
            received_on = date(year, spec.month, spec.day)
            if received_on < today:
                _handle(_register(spec, received_on, departments, users), spec, users, today)
                added += 1
    return added


def _register(spec: DemoRequest, received_on: date, departments, users):
    from gongkai.disclosure import services

    application = {
        "applicant_type": spec.applicant_type,
        "applicant_name": spec.name,
        "phone": f"0851-8{zlib.crc32(spec.name.encode()) % 10_000_000:07d}",
        "description": spec.description,
        "provision_form": "electronic",
        "delivery": "online",
    }
    return services.request_register(
        actor=users[Role.REVIEWER],
        application=application,
        channel=spec.channel,
        received_on=received_on,
        department=departments[spec.department],
    ).request


def _handle(request, spec: DemoRequest, users, today: date) -> None:
    """Take the request through its handling, stopping at today (a later step waits)."""
    from gongkai.disclosure import services

    reviewer = users[Role.REVIEWER]
    calendar = current_calendar()

    def day(working_days: int) -> date:
        return calendar.add_working_days(request.received_on, working_days)

    steps = []
    if spec.handling in (CORRECTION, LAPSE):
        steps.append(
            (
                day(3),
                lambda on: services.request_add_event(
                    request=request,
                    actor=reviewer,
                    kind="correction_requested",
                    on=on,
                    days=15,
                    note="请写明所需信息对应的项目名称或地块编号。",
                ),
            )
        )
    if spec.handling == CORRECTION:
        steps.append(
            (
                day(6),
                lambda on: services.request_add_event(
                    request=request,
                    actor=reviewer,
                    kind="correction_received",
                    on=on,
                    note="申请人补充了地块编号。",
                ),
            )
        )
    if spec.handling == EXTENSION:
        steps.append(
            (
                day(18),
                lambda on: services.request_extend(
                    request=request,
                    actor=reviewer,
                    on=on,
                    days=20,
                    reason="所需信息分散在多个项目档案中，需调取核对。",
                ),
            )
        )
    if spec.handling == WITHDRAWAL:
        steps.append(
            (
                day(2),
                lambda on: services.request_add_event(
                    request=request, actor=reviewer, kind="withdrawn", on=on, note="申请人来电撤回"
                ),
            )
        )
    if spec.handling in (REPLY, CORRECTION, EXTENSION):
        steps.append((day(spec.days_to_reply), lambda on: _reply(request, spec, reviewer, on)))
    for on, step in steps:
        if on > today:
            return
        step(on)


def _reply(request, spec: DemoRequest, reviewer, on: date) -> None:
    from gongkai.disclosure import services

    services.request_reply(
        request=request, actor=reviewer, outcome=spec.outcome, on=on, reasons=spec.reasons
    )
    services.request_record_delivery(request=request, actor=reviewer, via="online", on=on)


# --- the seed plan ----------------------------------------------------------------------------


def build_seed_plan(seed_document, users) -> int:
    """执行公开 of the seed: its tasks as a published plan, unless the seed has a plan."""
    from gongkai.execution import selectors, services
    from gongkai.execution.models import Plan

    if seed_document is None or Plan.objects.filter(document=seed_document).exists():
        return 0
    tasks, text = selectors.proposed_tasks(seed_document)
    if not tasks:
        return 0
    plan = services.plan_create_from_document(
        document=seed_document, tasks=tasks, user=users[Role.REVIEWER], text=text
    )
    services.plan_publish(plan=plan, user=users[Role.REVIEWER])
    return 1


# --- the annual report ------------------------------------------------------------------------


def build_annual_report(users, today: date) -> int:
    """Last year's report of the government, computed and published, unless it exists."""
    from gongkai.reports import services
    from gongkai.reports.models import AnnualReport

    year = today.year - 1
    if AnnualReport.objects.filter(year=year, department__isnull=True).exists():
        return 0
    reviewer = users[Role.REVIEWER]
    report = services.annual_report_create_draft(
        year=year, department=None, user=reviewer, today=today
    )
    report = services.annual_report_update(
        report=report,
        user=reviewer,
        overview=REPORT_SECTIONS["overview"].format(year=year),
        problems=REPORT_SECTIONS["problems"],
        other_matters=REPORT_SECTIONS["other_matters"],
        entered=REPORT_FIGURES,
    )
    services.annual_report_publish(report=report, user=reviewer)
    return 1
