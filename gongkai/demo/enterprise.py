"""The demo's 政策通: enterprise profiles (some values verified by staff), a support policy on
the library's R&D subsidy measures with its rule, a programme open now and one closing within 7
days, last year's funded projects, and the matches computed. Built only when the demo policy is
missing, so a second run adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from gongkai.core.roles import Role
from gongkai.enterprise.uscc import check_character

POLICY_TITLE = "贵阳国家高新区科技型企业研发投入后补助"
POLICY_DOCUMENT = "贵阳国家高新区科技型企业研发投入后补助办法"
DEPARTMENT = "kjcx"
CONDITIONS = (
    "第五条 申请后补助的企业应当同时具备下列条件：（一）在高新区注册的独立法人企业；"
    "（二）上一年度研发投入不低于200万元；（三）属于制造业或信息传输、软件和信息技术服务业；"
    "（四）具有有效的高新技术企业或科技型中小企业资格。"
)
RULE = {
    "all": [
        {"field": "region", "op": "in", "value": ["520115"], "clause": "第五条（一）"},
        {"field": "rd_spend", "op": ">=", "value": 200, "clause": "第五条（二）"},
        {"field": "industry", "op": "under", "value": ["C", "I65"], "clause": "第五条（三）"},
        {
            "any": [
                {"field": "qualification", "op": "held", "value": "high_tech",
                 "clause": "第五条（四）"},
                {"field": "qualification", "op": "held", "value": "sme_tech",
                 "clause": "第五条（四）"},
            ]
        },
    ]
}  # fmt: skip

# name, first 17 characters of the USCC, industry, region, founded, capital (万元), employees,
# last year's revenue and R&D spend (万元), qualification, verified by staff
ENTERPRISES = (
    ("贵州云数智能科技有限公司", "91520115MA6DB0101", "I6513", "520115", date(2016, 5, 12),
     Decimal("3000"), 180, Decimal("12500"), Decimal("960"), "high_tech", True),
    ("贵阳高新精密制造有限公司", "91520115MA6DB0202", "C3484", "520115", date(2012, 9, 3),
     Decimal("8000"), 320, Decimal("26800"), Decimal("410"), "high_tech", True),
    ("贵州黔芯微电子有限公司", "91520115MA6DB0303", "C3973", "520115", date(2021, 3, 18),
     Decimal("1200"), 45, Decimal("1800"), Decimal("150"), "sme_tech", False),
    ("贵阳数谷软件有限公司", "91520115MA6DB0404", "I6511", "520115", date(2019, 11, 1),
     Decimal("500"), 60, Decimal("2300"), None, "sme_tech", False),
    ("贵州绿源生态农业有限公司", "91520115MA6DB0505", "A0141", "520115", date(2015, 4, 20),
     Decimal("2000"), 90, Decimal("5200"), Decimal("80"), "", False),
)  # fmt: skip
WINDOW = "贵阳国家高新区政务服务中心二楼科技创新促进局窗口，或网上申报系统"


def build_enterprise(departments, users, today: date) -> int:
    """Profiles, the policy, two programmes and funded projects; how many parts were added."""
    from gongkai.enterprise import services
    from gongkai.enterprise.models import SupportPolicy

    if SupportPolicy.objects.filter(title=POLICY_TITLE).exists():
        return 0
    office = users[Role.REVIEWER]
    enterprises = [_enterprise(spec, office, today) for spec in ENTERPRISES]
    policy = _policy(departments[DEPARTMENT], office)
    _programmes(policy, departments[DEPARTMENT], enterprises, users, today)
    services.rematch()
    return 1


def _enterprise(spec, user, today: date):
    from gongkai.enterprise import services
    from gongkai.enterprise.models import Enterprise, Qualification, YearlyFigures

    (name, first17, industry, region, founded, capital, employees, revenue, rd_spend,
     qualification, verified) = spec  # fmt: skip
    enterprise = Enterprise.objects.filter(uscc=first17 + check_character(first17)).first()
    if enterprise:
        return enterprise
    enterprise = services.save_profile(
        enterprise=Enterprise(
            name=name, uscc=first17 + check_character(first17), industry=industry,
            region=region, founded=founded, registered_capital=capital, employees=employees,
        ),
        user=user,
        by_staff=True,
    )  # fmt: skip
    YearlyFigures.objects.create(
        enterprise=enterprise, year=today.year - 1, revenue=revenue, rd_spend=rd_spend,
        verified=verified,
    )  # fmt: skip
    if qualification:
        Qualification.objects.create(
            enterprise=enterprise, kind=qualification, valid_from=date(today.year - 2, 12, 1),
            valid_until=date(today.year + 1, 11, 30), verified=verified,
        )  # fmt: skip
    if verified:
        services.verify(enterprise=enterprise, fields=["industry", "region", "founded"], user=user)
    return enterprise


def _policy(department, user):
    from gongkai.documents.models import Document
    from gongkai.enterprise import services
    from gongkai.enterprise.models import SupportPolicy

    policy = SupportPolicy(
        title=POLICY_TITLE,
        document=Document.objects.filter(title=POLICY_DOCUMENT).first(),
        department=department,
        conditions_text=CONDITIONS,
        rule=RULE,
    )
    return services.save_policy(policy=policy, user=user)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _programmes(policy, department, enterprises, users, today: date) -> None:
    """Three programmes, signed off through the workflow as staff publish them."""
    from gongkai.demo.services import sign_off_as_staff
    from gongkai.enterprise import services
    from gongkai.enterprise.models import FundedProject

    common = {"policy": policy, "department": department, "where_to_apply": WINDOW,
              "contact": "0851-8461XXXX（科技创新促进局）",
              "materials": "申报书；上一年度研发费用专项审计报告；资质证书复印件。"}  # fmt: skip
    windows = (
        (f"{today.year - 1}年度研发投入后补助",
         _at(date(today.year - 1, 4, 1), 9), _at(date(today.year - 1, 5, 31), 17)),
        (f"{today.year}年度研发投入后补助（第一批）",
         _at(today - timedelta(days=20), 9), _at(today + timedelta(days=5), 17)),
        (f"{today.year}年度研发投入后补助（第二批）",
         _at(today - timedelta(days=2), 9), _at(today + timedelta(days=40), 17)),
    )  # fmt: skip
    programmes = []
    for title, opens_at, closes_at in windows:
        programme = services.programme_create(
            user=users[Role.REVIEWER], title=title, opens_at=opens_at, closes_at=closes_at,
            **common,
        )  # fmt: skip
        sign_off_as_staff(programme, users)
        programmes.append(programme)
    past = programmes[0]
    for enterprise, amount in zip(enterprises[:3], ("96.00", "41.00", "15.00"), strict=True):
        FundedProject.objects.create(
            programme=past, year=today.year - 1, enterprise=enterprise, amount=Decimal(amount),
            title=f"{enterprise.name}研发投入后补助",
        )  # fmt: skip
