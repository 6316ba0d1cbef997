"""The demo's 行政执法公示 at the 市场监管局: its item list, decisions in every state (published
masked, withdrawn after a revocation, one left unpublished past its deadline) and a random
inspection drawn with its results, all through the enforcement services. Built only when the
department has none of them, so a second run adds nothing.

Decision dates are relative to today: the published ones are within their 7 working days, the
overdue one is a month old.
"""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.core.identity import resident_id_check_char, uscc_check_char
from gongkai.core.roles import Role

DEPARTMENT = "scjg"
BODY = "贵阳国家高新区市场监管局"
REMEDY = "自收到决定书之日起六十日内向贵阳国家高新区管委会申请行政复议，或六个月内向人民法院提起行政诉讼。"


def _uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def _resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


ITEMS = (
    ("330217001000", "食品经营许可", "licence", "《中华人民共和国食品安全法》第三十五条",
     "申请—受理—审查—决定", "20个工作日", False),
    ("330200601000", "对销售不符合食品安全标准食品的处罚", "penalty",
     "《中华人民共和国食品安全法》第一百二十四条", "立案—调查—告知—决定—送达", "90日", False),
    ("330300101000", "查封、扣押不符合法定要求的食品", "coercion",
     "《中华人民共和国食品安全法》第一百一十条", "审批—实施—制作现场笔录", "30日", False),
    ("330400201000", "食品经营者监督检查", "inspection",
     "《中华人民共和国食品安全法》第一百一十条；《市场监督管理行政处罚程序规定》",
     "抽取—检查—记录—公示", "按抽查计划", True),
)  # fmt: skip

ADULT_ID = _resident_id("52010219850312123")
COMPANY_CODE = _uscc("91520115MA6DA0011")  # 贵阳高新云上便利店有限公司
ENTITIES = tuple(
    f"贵阳高新{name}（{_uscc(code)}）"
    for name, code in (
        ("云上便利店有限公司", "91520115MA6DA0011"),
        ("和鑫餐饮管理有限公司", "91520115MA6DA0022"),
        ("黔味食品有限公司", "91520115MA6DA0033"),
        ("金阳超市有限公司", "91520115MA6DA0044"),
        ("沙文烘焙坊有限公司", "91520115MA6DA0055"),
        ("麦架生鲜配送有限公司", "91520115MA6DA0066"),
        ("数谷茶饮有限公司", "91520115MA6DA0077"),
        ("高新粮油贸易有限公司", "91520115MA6DA0088"),
    )
)
INSPECTORS = ("王伟（52001）", "李娜（52002）", "张敏（52003）", "刘洋（52004）")


def build_enforcement(departments, users, today: date) -> int:
    """The item list, decisions and inspection plan that are missing; how many were added."""
    department = departments[DEPARTMENT]
    office = users[Role.REVIEWER]
    return (
        _item_list(department, office)
        + _decisions(department, office, today)
        + _inspection(department, office, today)
    )


def _item_list(department, user) -> int:
    from gongkai.enforcement import services
    from gongkai.enforcement.models import ItemListVersion

    if ItemListVersion.objects.filter(department=department).exists():
        return 0
    rows = [
        {"code": code, "name": name, "kind": kind, "legal_basis": basis, "acting_body": BODY,
         "procedure": procedure, "time_limit": limit, "remedy": REMEDY, "random_inspection": rand}
        for code, name, kind, basis, procedure, limit, rand in ITEMS
    ]  # fmt: skip
    services.item_list_publish(department=department, rows=rows, note="首次公布", user=user)
    return 1


def _decision_specs(today: date) -> list[dict]:
    recent = today - timedelta(days=2)
    return [
        {"kind": "penalty", "number": "筑高新市监罚〔{y}〕12号", "target_kind": "natural",
         "target_name": "王秀英", "target_code": ADULT_ID,
         "facts": f"当事人王秀英（身份证号码{ADULT_ID}，联系电话13985012345，住贵阳市观山湖区"
                  "长岭北路88号3栋2单元501室）在其经营的便利店销售超过保质期的食品。",
         "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款",
         "conclusion": "没收超过保质期的食品，罚款5000元。", "penalty_amount": 5000,
         "decided_on": recent, "publish": True},
        {"kind": "licence", "number": "JY25201150012{y}", "target_kind": "legal",
         "target_name": "贵阳高新云上便利店有限公司", "target_code": COMPANY_CODE,
         "facts": "申请人提交的食品经营许可申请材料齐全，经营场所现场核查符合要求。",
         "legal_basis": "《中华人民共和国食品安全法》第三十五条",
         "conclusion": "准予食品经营许可，有效期五年。",
         "decided_on": recent, "publish": True},
        {"kind": "coercion", "number": "筑高新市监强〔{y}〕3号", "target_kind": "legal",
         "target_name": "贵阳高新黔味食品有限公司", "target_code": _uscc("91520115MA6DA0033"),
         "facts": "现场检查发现当事人仓库存放标签不符合规定的预包装食品120箱。",
         "legal_basis": "《中华人民共和国食品安全法》第一百一十条第（四）项",
         "conclusion": "查封涉案预包装食品120箱，期限30日。",
         "decided_on": recent, "publish": True},
        {"kind": "penalty", "number": "筑高新市监罚〔{y}〕9号", "target_kind": "legal",
         "target_name": "贵阳高新和鑫餐饮管理有限公司", "target_code": _uscc("91520115MA6DA0022"),
         "facts": "当事人未按规定公示食品经营许可证。",
         "legal_basis": "《中华人民共和国食品安全法》第一百二十六条",
         "conclusion": "警告，罚款2000元。", "penalty_amount": 2000,
         "decided_on": today - timedelta(days=5), "publish": True, "revoke": True},
        {"kind": "penalty", "number": "筑高新市监罚〔{y}〕7号", "target_kind": "natural",
         "target_name": "李强", "target_code": "",
         "facts": "当事人李强无证从事食品摊贩经营。",
         "legal_basis": "《贵州省食品安全条例》第七十二条",
         "conclusion": "责令改正，罚款500元。", "penalty_amount": 500,
         "decided_on": today - timedelta(days=30), "publish": False},
    ]  # fmt: skip


def _decisions(department, user, today: date) -> int:
    from gongkai.enforcement import services
    from gongkai.enforcement.models import Decision

    if Decision.objects.filter(department=department).exists():
        return 0
    items = {item.kind: item for item in department.enforcement_lists.get().items.all()}
    for spec in _decision_specs(today):
        spec = dict(spec, number=spec["number"].format(y=today.year))
        publish, revoke = spec.pop("publish"), spec.pop("revoke", False)
        decision = Decision(department=department, item=items.get(spec["kind"]), **spec)
        decision = services.decision_save(decision, user=user)
        if publish:
            services.decision_publish(decision, user=user)
        if revoke:
            services.decision_revoke(
                decision, user=user, reason="revoked", event_on=today,
                note="经行政复议，原处罚决定被撤销。",
            )  # fmt: skip
    return 1


def _inspection(department, user, today: date) -> int:
    from gongkai.enforcement import services
    from gongkai.enforcement.models import InspectionPlan, Outcome

    title = f"{today.year}年食品经营者“双随机、一公开”抽查"
    if InspectionPlan.objects.filter(department=department, title=title).exists():
        return 0
    item = department.enforcement_lists.get().items.filter(random_inspection=True).first()
    plan = InspectionPlan(
        department=department,
        title=title,
        item=item,
        entities=list(ENTITIES),
        inspectors=list(INSPECTORS),
        exclusions=[[INSPECTORS[0], ENTITIES[2]]],
        entity_count=3,
        inspectors_per_entity=2,
    )
    plan = services.plan_save(plan, user=user)
    plan = services.plan_commit(plan, user=user)
    plan = services.plan_draw(plan, user=user)
    outcomes = [
        (Outcome.NO_PROBLEM, ""),
        (Outcome.PROBLEM, "发现部分食品未按规定标注生产日期，已责令限期整改。"),
    ]
    for row, (outcome, follow_up) in zip(plan.result, outcomes, strict=False):
        services.result_record(
            plan, user=user, entity=row["entity"], outcome=outcome, follow_up=follow_up,
            inspected_on=today,
        )  # fmt: skip
    return 1
