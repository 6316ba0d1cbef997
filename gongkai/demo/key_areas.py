"""The demo's 就业 and 放管服 columns: the 组织与人力资源部's programmes, subsidies and job fairs,
the 行政审批局's and 市场监管局's reform measures, each signed off through the workflow. Each column
is built only when it has no record yet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gongkai.core.roles import Role

EMPLOYMENT = (
    {
        "kind": "subsidy",
        "title": "高校毕业生一次性求职创业补贴",
        "summary": "对在毕业学年有求职创业行为的困难高校毕业生给予一次性补贴。",
        "target_groups": "低保家庭、脱贫家庭、残疾及获得国家助学贷款的高校毕业生",
        "standard": "每人一次性发放，由毕业生所在高校统一申报。",
        "amount": Decimal("1500"),
        "how_to_apply": "毕业学年10月底前向所在高校提出申请，经公示后发放至本人银行账户。",
    },
    {
        "kind": "subsidy",
        "title": "企业吸纳就业困难人员社会保险补贴",
        "summary": "企业招用就业困难人员并缴纳社会保险的，按实际缴费给予补贴。",
        "target_groups": "招用就业困难人员的企业",
        "standard": "按企业为就业困难人员实际缴纳的基本养老、基本医疗和失业保险费给予补贴，"
        "最长不超过3年。",
        "how_to_apply": "每季度首月通过高新区政务服务网提交申请。",
    },
    {
        "kind": "programme",
        "title": "2026年青年就业见习计划",
        "summary": "征集见习单位和岗位，组织16至24岁失业青年和离校未就业高校毕业生参加3至12个月的"
        "就业见习，见习期间给予见习补贴。",
        "body": "见习单位按当地最低工资标准的80%发放基本生活补助，并为见习人员办理人身意外伤害保险。\n"
        "见习期满留用率达到50%以上的单位，见习补贴标准提高至最低工资标准。",
        "target_groups": "16至24岁失业青年、离校2年内未就业高校毕业生",
        "how_to_apply": "到高新区人力资源市场或通过“贵州就业帮”报名。",
    },
    {
        "kind": "job_fair",
        "title": "2026年“春风行动”高新区专场招聘会",
        "summary": "园区120家企业现场招聘，提供岗位2600余个，涵盖大数据、智能制造、现代服务业。",
        "target_groups": "各类求职人员",
        "held_on": dt.date(2026, 2, 26),
        "place": "高新区人力资源市场一楼招聘大厅",
        "how_to_apply": "求职者携带身份证和简历免费入场；企业提前5个工作日报名参会。",
    },
    {
        "kind": "job_fair",
        "title": "2025年高校毕业生秋季双选会",
        "summary": "面向2026届高校毕业生，80家企业提供岗位1200余个。",
        "target_groups": "2026届高校毕业生",
        "held_on": dt.date(2025, 10, 18),
        "place": "贵州大学体育馆",
        "how_to_apply": "凭学生证入场。",
    },
)


# department code, fields
REFORMS = (
    ("xzsp", {
        "category": "streamline", "title": "企业开办全程网办，一个工作日办结",
        "content": "企业设立登记、公章刻制、申领发票和社保登记一网通办，全程不超过一个工作日，"
                   "免费刻制首套公章。",
        "basis": "《优化营商环境条例》第十九条", "implemented_on": dt.date(2026, 3, 1),
        "status": "under_way",
    }),
    ("xzsp", {
        "category": "streamline", "title": "工程建设项目审批告知承诺制",
        "content": "社会投资低风险项目实行告知承诺，审批时限压减至15个工作日以内。",
        "basis": "《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》",
        "implemented_on": dt.date(2025, 7, 1), "status": "done",
    }),
    ("scjg", {
        "category": "regulate", "title": "“双随机、一公开”跨部门联合抽查",
        "content": "市场监管领域部门联合抽查全覆盖，抽查事项清单动态调整，抽查结果统一公示。",
        "basis": "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》",
        "implemented_on": dt.date(2025, 4, 1), "status": "done",
    }),
    ("xzsp", {
        "category": "serve", "title": "高频事项“跨省通办”",
        "content": "社保卡申领、就业登记等高频事项在政务服务中心“跨省通办”窗口异地受理。",
        "basis": "《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》",
        "status": "planned",
    }),
)  # fmt: skip


def build_key_areas(departments, users) -> int:
    """The 就业 records and 放管服 measures, each column unless it has some; how many were
    added."""
    from gongkai.areas import services
    from gongkai.areas.models import EmploymentRecord, ReformMeasure
    from gongkai.demo.services import sign_off_as_staff

    admin = users[Role.ADMIN]

    def publish(model, department, **fields):
        record = services.record_create(model, user=admin, department=department, **fields)
        sign_off_as_staff(record, users)

    added = 0
    if not EmploymentRecord.objects.exists():
        for fields in EMPLOYMENT:
            year = fields["held_on"].year if "held_on" in fields else 2026
            publish(EmploymentRecord, departments["zzrl"], year=year, contact="0851-84110000",
                    **fields)  # fmt: skip
        added += len(EMPLOYMENT)
    if not ReformMeasure.objects.exists():
        for code, fields in REFORMS:
            when = fields.get("implemented_on")
            publish(ReformMeasure, departments[code], year=when.year if when else 2026, **fields)
        added += len(REFORMS)
    return added
