"""Shared set-up of the 执行公开 tests: the seed's departments and department groups, staff,
the seed plan document, and a small plan written for the tests."""

from __future__ import annotations

import html
from pathlib import Path
from types import SimpleNamespace

import pytest

from gongkai.core.models import DepartmentGroup, DepartmentKind
from gongkai.core.roles import Role
from gongkai.documents.extraction import extract_metadata
from gongkai.execution import selectors, services
from tests import factories

# tests/execution/<this file>: parents[2] is the repository; shared/ lies beside it.
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
SEED_TITLE = "贵阳国家高新区党政办公室印发贵阳国家高新区2019年政务公开工作实施方案的通知"

# code, name, kind: every unit the seed plan names, except the groups.
SEED_DEPARTMENTS = (
    ("dzb", "党政办公室", DepartmentKind.DISTRICT),
    ("zzrl", "组织与人力资源部", DepartmentKind.DISTRICT),
    ("czj", "财政局", DepartmentKind.DISTRICT),
    ("ghjs", "规划建设局", DepartmentKind.DISTRICT),
    ("cyfz", "产业发展局", DepartmentKind.DISTRICT),
    ("tzcj", "投资促进局", DepartmentKind.DISTRICT),
    ("kjcx", "科技创新促进局", DepartmentKind.DISTRICT),
    ("dsj", "大数据发展办公室", DepartmentKind.DISTRICT),
    ("xzsp", "行政审批局", DepartmentKind.DISTRICT),
    ("zwfw", "政务服务中心", DepartmentKind.DISTRICT),
    ("gsj", "工商局", DepartmentKind.DISTRICT),
    ("sw", "税务局", DepartmentKind.VERTICAL),
    ("jyyq", "金阳园区办", DepartmentKind.PARK_OFFICE),
    ("gxkg", "高新控股集团", DepartmentKind.AFFILIATED),
)


def make_group(name: str, *, kinds=(), members=(), aliases=()) -> DepartmentGroup:
    group = DepartmentGroup.objects.create(name=name, kinds=list(kinds), aliases=list(aliases))
    group.departments.set(members)
    return group


def make_seed_groups(departments: dict) -> dict[str, DepartmentGroup]:
    """The groups the seed names: four by kind, and 各行政执法部门 by membership."""
    return {
        "区属各部门": make_group("区属各部门", kinds=[DepartmentKind.DISTRICT]),
        "垂直管理部门": make_group("垂直管理部门", kinds=[DepartmentKind.VERTICAL]),
        "园区办": make_group("园区办", kinds=[DepartmentKind.PARK_OFFICE]),
        "直属企事业单位": make_group("直属企事业单位", kinds=[DepartmentKind.AFFILIATED]),
        "各行政执法部门": make_group(
            "各行政执法部门", members=[departments["ghjs"], departments["gsj"], departments["sw"]]
        ),
    }


def seed_body() -> str:
    """The seed's document text as an import stores it: one paragraph a line."""
    text = extract_metadata(SEED.read_text(encoding="utf-8")).body
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def plan_body(*lines: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


@pytest.fixture
def org(db):
    departments = {
        code: factories.department(name, code=code, kind=kind, email=f"{code}@example.org")
        for code, name, kind in SEED_DEPARTMENTS
    }
    office = departments["dzb"]
    return SimpleNamespace(
        departments=departments,
        groups=make_seed_groups(departments),
        office=office,
        finance=departments["czj"],
        admin=factories.staff_user(Role.ADMIN, office, email="admin@example.org"),
        reviewer=factories.staff_user(Role.REVIEWER, office),
        assessor=factories.staff_user(Role.ASSESSOR, office),
        finance_editor=factories.staff_user(Role.EDITOR, departments["czj"]),
        finance_head=factories.staff_user(Role.HEAD, departments["czj"]),
        planning_editor=factories.staff_user(Role.EDITOR, departments["ghjs"]),
        tax_editor=factories.staff_user(Role.EDITOR, departments["sw"]),
        approval_editor=factories.staff_user(Role.EDITOR, departments["xzsp"]),
    )


@pytest.fixture
def seed_document(org):
    return factories.make_document(
        department=org.office,
        title=SEED_TITLE,
        doc_number="筑高新办函〔2019〕23号",
        body=seed_body(),
        publish=False,
    )


def create_plan(document, user, **kwargs):
    tasks, text = selectors.proposed_tasks(document)
    return services.plan_create_from_document(
        document=document, tasks=tasks, user=user, text=text, **kwargs
    )


PARTNER_PLAN = (
    "一、工作任务",
    "(一)优化营商环境",
    "1.推进证照分离改革。（牵头单位：行政审批局；配合单位：财政局、规划建设局；完成时限：2019年6月底前）",
    "2.公开财政预算。（责任单位：财政局）",
    "3.公开执法信息。（责任单位：各行政执法部门）",
    "二、保障措施",
    "(一)加强领导。",
)


@pytest.fixture
def partner_document(org):
    """A published plan with a lead unit and partners, a single unit, and a group."""
    return factories.make_document(
        department=org.office,
        title="关于印发2019年营商环境工作方案的通知",
        body=plan_body(*PARTNER_PLAN),
    )


@pytest.fixture
def partner_plan(org, partner_document):
    """(一)1 led by 行政审批局 with 财政局 and 规划建设局, due 2019-06-30; (一)2 财政局;
    (一)3 各行政执法部门 (规划建设局, 工商局, 税务局); the last two due 2019-12-31."""
    return create_plan(partner_document, org.admin)


@pytest.fixture
def seed_plan(org, seed_document):
    return create_plan(seed_document, org.admin)


def task_of(plan, heading: str):
    return plan.tasks.get(heading=heading)


def assert_refused(response) -> None:
    """Wagtail's "no access": PermissionDenied in an admin view redirects to the admin home."""
    assert response.status_code == 302 and response["Location"] == "/admin/"
