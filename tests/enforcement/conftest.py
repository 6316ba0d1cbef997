from datetime import date

import pytest

from gongkai.core.identity import resident_id_check_char, uscc_check_char
from gongkai.core.roles import Role
from gongkai.enforcement import services
from gongkai.enforcement.models import Decision, InspectionPlan
from tests.factories import make_department, make_user


def uscc(first17: str = "91520100MA6DABCD1") -> str:
    return first17 + uscc_check_char(first17)


def resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


ADULT_ID = resident_id("52010219850312123")
MINOR_ID = resident_id("52010320100704234")


def make_decision(*, department, user, publish=False, **fields) -> Decision:
    fields.setdefault("kind", "penalty")
    fields.setdefault("number", f"筑市监罚〔2026〕{Decision.objects.count() + 1}号")
    fields.setdefault("target_kind", "natural")
    fields.setdefault("target_name", "王秀英")
    fields.setdefault("target_code", ADULT_ID)
    fields.setdefault(
        "facts",
        f"当事人王秀英（身份证号码{ADULT_ID}，联系电话13985012345）在其经营的便利店销售过期食品。",
    )
    fields.setdefault("legal_basis", "《中华人民共和国食品安全法》第一百二十四条")
    fields.setdefault("conclusion", "没收违法所得，罚款5000元。")
    fields.setdefault("penalty_amount", 5000)
    fields.setdefault("decided_on", date(2026, 9, 29))
    decision = services.decision_save(Decision(department=department, **fields), user=user)
    if publish:
        services.decision_publish(decision, user=user)
    return decision


@pytest.fixture
def department(db):
    return make_department(name="市场监督管理局", name_en="Market Regulation Bureau")


@pytest.fixture
def other_department(db):
    return make_department(name="交通运输局")


@pytest.fixture
def editor(department):
    return make_user(role=Role.EDITOR, department=department)


@pytest.fixture
def head(department):
    return make_user(role=Role.HEAD, department=department)


@pytest.fixture
def other_head(other_department):
    return make_user(role=Role.HEAD, department=other_department)


@pytest.fixture
def decision(department, head):
    return make_decision(department=department, user=head)


@pytest.fixture
def plan(department, head):
    plan = InspectionPlan(
        department=department,
        title="2026年食品经营者双随机抽查",
        entities=[f"贵阳市某某食品有限公司{i}" for i in range(30)],
        inspectors=["王伟(52001)", "李娜(52002)", "张敏(52003)", "刘洋(52004)"],
        exclusions=[["王伟(52001)", "贵阳市某某食品有限公司3"]],
        entity_count=5,
        inspectors_per_entity=2,
    )
    return services.plan_save(plan, user=head)
