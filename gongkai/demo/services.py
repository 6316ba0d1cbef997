"""The demo's 办事服务: a few service guides of the 高新区's departments, one resting on a
document the library has repealed (so it shows 待修订), and a 证明事项清单 with certificates
kept and cancelled, all through the areas services. Built only when there is no guide yet."""

from __future__ import annotations

from gongkai.core.roles import Role

CENTRE = "贵阳国家高新区政务服务中心（贵阳市观山湖区长岭北路），工作日 9:00-12:00、13:00-17:00"
ONLINE = "https://zwfw.guizhou.gov.cn/"

GUIDES = (
    {
        "department": "xzsp",
        "basis_titles": ("贵阳国家高新区企业开办“一件事”集成服务实施方案",),
        "name": "企业开办“一件事”（设立登记、公章刻制、发票申领、社保登记）",
        "code": "520115-XZSP-001",
        "basis": "《中华人民共和国市场主体登记管理条例》第十五条、第十九条",
        "conditions": "申请人为拟设立企业的投资人或其委托的代理人；企业名称已自主申报；住所真实有效。",
        "statutory_days": 3,
        "promised_days": 1,
        "flow": "网上或窗口提交申请\n审批局一窗受理、并联审核\n当场发放营业执照和印章\n发票和社保登记同步办结",
        "where_to_apply": CENTRE + "，一楼“企业开办专区”",
        "contact": "0851-84112345",
        "online_url": ONLINE,
        "materials": (
            {"name": "公司登记（备案）申请书", "form": "original"},
            {"name": "公司章程", "form": "original"},
            {"name": "股东主体资格证明或自然人身份证件", "form": "copy"},
            {
                "name": "住所使用证明",
                "form": "copy",
                "need": "deferrable",
                "note": "可容缺受理，5个工作日内补交",
            },
        ),
    },
    {
        "department": "scjg",
        "basis_titles": (),
        "name": "食品经营许可（新办）",
        "code": "520115-SCJG-017",
        "basis": "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》第十三条",
        "conditions": "具有与经营的食品品种、数量相适应的经营场所和设施设备，有专职或兼职的食品安全管理人员和保证食品安全的规章制度。",
        "statutory_days": 10,
        "promised_days": 5,
        "flow": "申请\n受理\n材料审查（必要时现场核查）\n决定\n颁发许可证",
        "where_to_apply": CENTRE + "，二楼市场监管窗口",
        "contact": "0851-84112366",
        "online_url": ONLINE,
        "materials": (
            {"name": "食品经营许可申请书", "form": "original"},
            {"name": "营业执照", "form": "copy", "note": "已通过部门共享获取的免于提交"},
            {"name": "与食品经营相适应的主要设备设施布局、操作流程等文件", "form": "original"},
            {"name": "食品安全自查、从业人员健康管理等制度", "form": "original"},
        ),
    },
    {
        "department": "kjcx",
        "basis_titles": ("贵阳国家高新区科技型企业研发投入后补助办法",),
        "name": "科技型企业研发投入后补助申报",
        "code": "520115-KJCX-004",
        "basis": "《贵阳国家高新区科技型企业研发投入后补助办法》第五条至第九条",
        "conditions": "在高新区注册并纳税的科技型企业，上年度研发投入不低于100万元，已在税务部门办理研发费用加计扣除。",
        "statutory_days": None,
        "promised_days": 20,
        "flow": "企业网上申报\n科创局形式审查\n委托第三方专项审计\n公示7日\n拨付资金",
        "where_to_apply": "科技创新促进局（高新区管委会大楼5楼）",
        "contact": "0851-84113021",
        "online_url": "",
        "materials": (
            {"name": "研发投入后补助申请表", "form": "original"},
            {"name": "上年度研发费用加计扣除优惠明细表", "form": "copy"},
            {
                "name": "研发项目立项文件",
                "form": "copy",
                "need": "conditional",
                "note": "有研发项目的提交",
            },
        ),
    },
    {
        "department": "zzrl",
        "basis_titles": ("贵阳国家高新区高层次人才引进实施办法",),
        "name": "高层次人才认定",
        "code": "520115-ZZRL-002",
        "basis": "《贵阳国家高新区高层次人才引进实施办法》第八条",
        "conditions": "在高新区企事业单位全职工作，符合实施办法规定的A、B、C类人才标准之一。",
        "statutory_days": None,
        "promised_days": 15,
        "flow": "用人单位推荐\n组织人力部审核\n评审认定\n公示5个工作日\n发放认定证书",
        "where_to_apply": CENTRE + "，三楼人才服务窗口",
        "contact": "0851-84110088",
        "online_url": ONLINE,
        "materials": (
            {"name": "高层次人才认定申请表", "form": "original"},
            {"name": "居民身份证", "form": "both"},
            {"name": "学历学位证书、职称证书", "form": "copy"},
            {"name": "劳动合同", "form": "copy"},
        ),
    },
)

CERTIFICATES = (
    ("scjg", "健康证明", "食品经营许可等从业人员健康管理", "医疗卫生机构",
     "《中华人民共和国食品安全法》第四十五条", "retained", ""),
    ("zzrl", "无犯罪记录证明", "高层次人才认定（涉及教育岗位的）", "公安机关",
     "《中华人民共和国教师法》第十四条", "retained", ""),
    ("xzsp", "住所使用证明（房屋产权证明）", "企业开办", "不动产登记机构",
     "《中华人民共和国市场主体登记管理条例》第十六条", "cancelled",
     "改为申请人告知承诺，登记机关通过不动产登记信息共享核查"),
    ("zzrl", "亲属关系证明", "人才公寓配租", "户籍所在地派出所或社区",
     "无法律、法规依据", "cancelled", "改为申请人告知承诺"),
    ("kjcx", "纳税证明", "科技型企业研发投入后补助申报", "税务部门",
     "《贵阳国家高新区科技型企业研发投入后补助办法》第七条", "cancelled",
     "改为部门间数据共享核查"),
)  # fmt: skip


def _head_of(department, users):
    """The department's head where the demo has one, otherwise the administrator."""
    head = users[Role.HEAD]
    return head if head.staff_profile.department_id == department.pk else users[Role.ADMIN]


def sign_off_as_staff(obj, users):
    """Publish ``obj`` as staff do: its department's head submits and approves, the office
    signs it off."""
    from gongkai.documents.publication import sign_off_through

    head = _head_of(obj.department, users)
    sign_off_through(
        obj,
        submitter=head,
        head=head,
        reviewer=users[Role.REVIEWER],
        override_reason="演示数据，已核实。",
    )


def build_services(departments, users) -> int:
    """The guides and the certificate list (signed off through the workflow, as staff publish
    them), unless a guide exists; how many records were added."""
    from gongkai.areas import services
    from gongkai.areas.models import ServiceGuide
    from gongkai.documents.models import Document

    if ServiceGuide.objects.exists():
        return 0
    office = users[Role.REVIEWER]
    for spec in GUIDES:
        fields = dict(spec)
        titles = fields.pop("basis_titles")
        bases = [Document.objects.filter(title=title).earliest("pk") for title in titles]
        guide = services.guide_create(
            user=office,
            department=departments[fields.pop("department")],
            bases=bases,
            materials=[dict(material) for material in fields.pop("materials")],
            **fields,
        )
        sign_off_as_staff(guide, users)
    for code, name, used_for, issuer, basis, status, note in CERTIFICATES:
        item = services.certificate_create(
            user=office,
            department=departments[code],
            name=name,
            used_for=used_for,
            issuing_body=issuer,
            basis=basis,
            status=status,
            note=note,
        )
        sign_off_as_staff(item, users)
    return len(GUIDES) + len(CERTIFICATES)
