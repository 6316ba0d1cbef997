"""The demo's organisation: the departments of a 高新区, their groups, document kinds, topics
and one staff member per role (the reviewer and the administrator with their second factor set
up, its secret and backup codes printed, so a newcomer signs in without enrolling a phone first)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken

from gongkai.core.models import Department, DepartmentGroup, DepartmentKind, StaffProfile
from gongkai.core.roles import ROLE_GROUP_NAMES, Role
from gongkai.documents.models import DocumentKind, Topic
from gongkai.secondfactor import rules as second_factor_rules
from gongkai.secondfactor import selectors as second_factor
from gongkai.secondfactor import services as second_factor_services

ZONE = "贵阳国家高新区"
DEMO_PASSWORD = "gongkai-demo"  # noqa: S105 - printed for the demo; never used outside it

# code, name, short name, English name, kind, parent code
DEPARTMENTS = (
    ("dzb", "党政办公室", "党政办", "Party and Government Office", DepartmentKind.DISTRICT, None),
    ("zzrl", "组织与人力资源部", "组织人力部", "Organisation and Human Resources Department",
     DepartmentKind.DISTRICT, None),
    ("czj", "财政局", "财政局", "Finance Bureau", DepartmentKind.DISTRICT, None),
    ("ghjs", "规划建设局", "规建局", "Planning and Construction Bureau", DepartmentKind.DISTRICT, None),
    ("cyfz", "产业发展局", "产发局", "Industrial Development Bureau", DepartmentKind.DISTRICT, None),
    ("tzcj", "投资促进局", "投促局", "Investment Promotion Bureau", DepartmentKind.DISTRICT, None),
    ("kjcx", "科技创新促进局", "科创局", "Science and Technology Innovation Bureau",
     DepartmentKind.DISTRICT, None),
    ("dsj", "大数据发展办公室", "大数据办", "Big Data Development Office", DepartmentKind.DISTRICT, None),
    ("xzsp", "行政审批局", "审批局", "Administrative Approval Bureau", DepartmentKind.DISTRICT, None),
    ("zwfw", "政务服务中心", "政务服务中心", "Government Services Centre", DepartmentKind.DISTRICT, "xzsp"),
    ("scjg", "市场监管局", "市场监管局", "Market Regulation Bureau", DepartmentKind.DISTRICT, None),
    ("sthj", "生态环境局", "生态环境局", "Ecology and Environment Bureau", DepartmentKind.DISTRICT, None),
    ("sw", "税务局", "税务局", "Tax Bureau (State Taxation Administration)", DepartmentKind.VERTICAL, None),
    ("jyyq", "金阳园区办", "金阳园区", "Jinyang Park Office", DepartmentKind.PARK_OFFICE, None),
    ("swyq", "沙文园区办", "沙文园区", "Shawen Park Office", DepartmentKind.PARK_OFFICE, None),
    ("mjyq", "麦架园区办", "麦架园区", "Maijia Park Office", DepartmentKind.PARK_OFFICE, None),
    ("gxkg", "高新控股集团", "高新控股", "Hi-tech Holding Group", DepartmentKind.AFFILIATED, None),
)  # fmt: skip
EXTRA_ALIASES = {
    "sw": ["国家税务总局贵阳国家高新技术产业开发区税务局", "高新区税务局"],
    "gxkg": ["贵阳高新控股投资有限公司"],
}

# name, kinds that belong as a whole, member codes
DEPARTMENT_GROUPS = (
    ("区属各部门", [DepartmentKind.DISTRICT], []),
    ("垂直管理部门", [DepartmentKind.VERTICAL], []),
    ("园区办", [DepartmentKind.PARK_OFFICE], []),
    ("直属企事业单位", [DepartmentKind.AFFILIATED], []),
    ("各行政执法部门", [], ["scjg", "sthj", "ghjs", "sw"]),
)

# name, English name, needs interpretation
DOCUMENT_KINDS = (
    ("通知", "Notice", True),
    ("意见", "Opinions", True),
    ("方案", "Plan", True),
    ("办法", "Measures", True),
    ("规定", "Provisions", True),
    ("决定", "Decision", True),
    ("报告", "Report", True),
    ("函", "Letter", True),
    ("公告", "Announcement", True),
    ("批复", "Reply", True),
    ("通告", "Public notice", True),
    ("领导工作分工", "Division of leadership duties", False),
    ("责任分解", "Breakdown of responsibilities", False),
    ("表彰决定", "Commendation decision", False),
)

# slug, name, English name, parent slug
TOPICS = (
    ("openness", "政务公开", "Government openness", None),
    ("disclosure", "政府信息公开", "Disclosure of information", "openness"),
    ("interpretation", "政策解读", "Policy interpretation", "openness"),
    ("economy", "经济发展", "Economic development", None),
    ("industry", "产业发展", "Industry", "economy"),
    ("investment", "招商引资", "Investment promotion", "economy"),
    ("innovation", "科技创新", "Science and innovation", "economy"),
    ("digital", "数字经济", "Digital economy", "economy"),
    ("business", "营商环境", "Business environment", None),
    ("services", "政务服务", "Government services", "business"),
    ("market", "市场监管", "Market regulation", "business"),
    ("tax", "税收服务", "Tax services", "business"),
    ("construction", "城乡建设", "Urban and rural development", None),
    ("planning", "规划管理", "Planning", "construction"),
    ("finance", "财政资金", "Public finance", None),
    ("budget", "预算决算", "Budgets and accounts", "finance"),
    ("funds", "专项资金", "Special funds", "finance"),
    ("environment", "生态环境", "Ecology and environment", None),
    ("pollution", "污染防治", "Pollution control", "environment"),
    ("talent", "人才与就业", "Talent and employment", None),
    ("recruitment", "人才引进", "Talent recruitment", "talent"),
    ("organisation", "机构职能", "Organisation and duties", None),
    ("enforcement", "行政执法", "Administrative enforcement", "organisation"),
)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    role_label: str
    username: str
    password: str
    # The second factor of reviewers and administrators: the authenticator's secret (base32, in
    # groups of four) and the backup codes not used yet; empty for other roles.
    totp_secret: str = ""
    backup_codes: tuple[str, ...] = ()


# The 政务公开办's contact details, which the generated 政府信息公开指南 lists (条例 art. 12).
OPENNESS_OFFICE_CONTACT = {
    "address": f"{ZONE}长岭南路 1 号管委会大楼 3 楼",
    "address_en": "3rd floor, Administrative Committee Building, 1 Changling South Road",
    "office_hours": "工作日 9:00—12:00，13:30—17:30（法定节假日除外）",
    "office_hours_en": "Working days 9:00–12:00 and 13:30–17:30 (public holidays excepted)",
    "phone": "0851-84110001",
    "fax": "0851-84110002",
    "email": "gongkai@example.gov.cn",
}


# username, role, department code, family name, given name
STAFF = (
    ("editor", Role.EDITOR, "cyfz", "王", "晓明"),
    ("head", Role.HEAD, "cyfz", "李", "建国"),
    ("reviewer", Role.REVIEWER, "dzb", "张", "丽"),
    ("assessor", Role.ASSESSOR, "dzb", "陈", "涛"),
    ("admin", Role.ADMIN, "dzb", "系统", "管理员"),
)


def build_departments() -> dict[str, Department]:
    departments = {}
    for order, (code, name, short, name_en, kind, parent) in enumerate(DEPARTMENTS):
        departments[code], _ = Department.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "name_en": name_en,
                "kind": kind,
                "parent": departments.get(parent),
                "aliases": [f"{ZONE}{name}", *EXTRA_ALIASES.get(code, [])],
                "is_openness_office": code == "dzb",
                "sort_order": order * 10,
                **(OPENNESS_OFFICE_CONTACT if code == "dzb" else {}),
            },
        )
    for name, kinds, members in DEPARTMENT_GROUPS:
        group, _ = DepartmentGroup.objects.update_or_create(name=name, defaults={"kinds": kinds})
        group.departments.set([departments[code] for code in members])
    return departments


def build_kinds() -> dict[str, DocumentKind]:
    kinds = {}
    for order, (name, name_en, needs) in enumerate(DOCUMENT_KINDS):
        kinds[name], _ = DocumentKind.objects.update_or_create(
            name=name,
            defaults={"name_en": name_en, "needs_interpretation": needs, "sort_order": order * 10},
        )
    return kinds


def build_topics() -> dict[str, Topic]:
    topics = {}
    for order, (slug, name, name_en, parent) in enumerate(TOPICS):
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "parent": topics.get(parent),
                "sort_order": order * 10,
            },
        )
    return topics


def build_staff(departments: dict[str, Department]) -> tuple[dict[str, object], list[DemoLogin]]:
    """One user per role, with the well-known demo password (reset on every run, so the
    printed logins always work)."""
    user_model = get_user_model()
    users, logins = {}, []
    for username, role, department, family_name, given_name in STAFF:
        is_admin = role == Role.ADMIN
        user, _ = user_model.objects.update_or_create(
            username=username,
            defaults={
                "last_name": family_name,
                "first_name": given_name,
                "is_staff": is_admin,
                "is_superuser": is_admin,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])[0])
        StaffProfile.objects.update_or_create(
            user=user, defaults={"department": departments[department], "role": role}
        )
        users[role] = user
        label = f"{Role(role).label} ({departments[department].name})"
        logins.append(DemoLogin(role, label, username, DEMO_PASSWORD))
    return users, logins


def with_second_factors(users: dict[str, object], logins: list[DemoLogin]) -> list[DemoLogin]:
    """Enrol the demo users whose role requires a second factor (once: a later run keeps the
    authenticator a newcomer may have added to their phone) and add its secret and the backup
    codes left to their printed login."""
    completed = []
    for login in logins:
        user = users[login.role]
        if second_factor_rules.must_enrol({login.role}, enforced=second_factor.enforced()):
            secret, codes = _second_factor(user)
            login = replace(login, totp_secret=secret, backup_codes=codes)
        completed.append(login)
    return completed


def _second_factor(user) -> tuple[str, tuple[str, ...]]:
    device = second_factor.authenticator(user)
    if device is None:
        device = second_factor_services.enrolment_device(user)
        # Confirmed the way a person does it: with the code their app would show now.
        code = f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"
        second_factor_services.confirm_enrolment(user=user, device=device, code=code)
    secret = base64.b32encode(device.bin_key).decode("ascii")
    codes = StaticToken.objects.filter(device__user=user, device__confirmed=True)
    return second_factor_rules.grouped(secret), tuple(
        codes.order_by("id").values_list("token", flat=True)
    )
