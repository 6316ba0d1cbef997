"""Issue 3 §4 on the seed: a plan created from the seed document's text has 13 tasks under
four headings, each with its units matched to departments or department groups."""

from datetime import date

from gongkai.core.models import AuditEvent, Department
from gongkai.execution import selectors
from gongkai.execution.models import TaskUnit, UnitProposal, UnitRole

from .conftest import task_of

HEADINGS = [
    "(一)1", "(一)2", "(一)3", "(一)4", "(二)1", "(二)2", "(二)3",
    "(三)1", "(三)2", "(三)3", "(四)1", "(四)2", "(四)3",
]  # fmt: skip
SECTIONS = [
    "(一)聚焦中心工作,加大政策解读和回应关切力度",
    "(二)以公开促规范,深入推进决策和执行公开",
    "(三)以公开优服务,深化重点领域信息公开",
    "(四)加强平台建设,进一步健全公开体系",
]


def test_thirteen_tasks_under_four_headings(seed_plan):
    tasks = list(seed_plan.tasks.order_by("sort_order"))
    assert [task.heading for task in tasks] == HEADINGS
    assert list(dict.fromkeys(task.section for task in tasks)) == SECTIONS
    assert tasks[9].heading_text == "细化财政信息公开"


def test_plan_takes_its_title_period_and_lead_from_the_document(seed_plan, org):
    assert seed_plan.title == "贵阳国家高新区2019年政务公开工作实施方案"
    assert (seed_plan.period_start, seed_plan.period_end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert seed_plan.lead_department == org.office
    # The seed states no deadlines: every task is due at the end of the plan's year.
    assert set(seed_plan.tasks.values_list("due_on", flat=True)) == {date(2019, 12, 31)}


def test_three_one_has_seven_departments_starting_with_organisation(seed_plan):
    units = list(task_of(seed_plan, "(三)1").units.select_related("department"))
    assert [unit.name for unit in units] == [
        "组织与人力资源部", "财政局", "规划建设局", "产业发展局", "投资促进局",
        "科技创新促进局", "大数据发展办公室",
    ]  # fmt: skip
    assert [unit.department.name for unit in units] == [unit.name for unit in units]
    assert {unit.role for unit in units} == {UnitRole.RESPONSIBLE}


def test_three_three_is_the_finance_bureau(seed_plan, org):
    units = list(task_of(seed_plan, "(三)3").units.all())
    assert [(unit.name, unit.department) for unit in units] == [("财政局", org.finance)]


def test_two_three_is_the_enforcement_group_and_all_its_members(seed_plan, org):
    task = task_of(seed_plan, "(二)3")
    (unit,) = task.units.all()
    assert (unit.name, unit.group, unit.department) == (
        "各行政执法部门",
        org.groups["各行政执法部门"],
        None,
    )
    row = selectors.task_rows(seed_plan.tasks.filter(pk=task.pk), today=date(2019, 8, 1))[0]
    assert {entry.department.code for entry in row.departments} == {"ghjs", "gsj", "sw"}


def test_groups_by_kind_make_every_department_of_the_kind_responsible(seed_plan):
    task = task_of(seed_plan, "(一)1")
    assert [unit.group.name for unit in task.units.all()] == [
        "区属各部门", "垂直管理部门", "园区办", "直属企事业单位",
    ]  # fmt: skip
    row = selectors.task_rows(seed_plan.tasks.filter(pk=task.pk), today=date(2019, 8, 1))[0]
    assert len(row.departments) == Department.objects.count()


def test_nothing_from_the_safeguards_section(seed_plan):
    texts = " ".join(seed_plan.tasks.values_list("text", flat=True))
    for safeguard in ("加强组织领导", "贯彻落实好新修订的政府信息公开条例", "强化考核督导"):
        assert safeguard not in texts
    assert not seed_plan.tasks.filter(units__isnull=True).exists()
    assert not any(
        "保障" in section for section in seed_plan.tasks.values_list("section", flat=True)
    )


def test_every_unit_is_known_so_nothing_is_proposed(seed_plan):
    assert not TaskUnit.objects.filter(department=None, group=None).exists()
    assert not UnitProposal.objects.exists()


def test_creation_is_audited(seed_plan, org):
    event = AuditEvent.objects.get(action="execution.plan_create")
    assert event.actor == org.admin
    assert event.after["tasks"] == 13


def test_a_new_plan_is_not_started_and_not_overdue(seed_plan):
    rows = selectors.plan_rows(seed_plan, today=date(2019, 6, 1))
    assert {row.state.status for row in rows} == {"not_started"}
    assert not any(row.state.overdue for row in rows)
