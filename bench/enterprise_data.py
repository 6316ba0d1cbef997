"""Generated 政策通 data for the benchmarks: enterprises with their yearly figures and
qualifications, and support policies whose rules are drawn from the conditions the issue names
(revenue and R&D thresholds, founded within or at least N years, industry under GB/T 4754
codes, region, qualifications held, tags, all / any / not). Deterministic for a given seed;
written with bulk_create into whatever database Django is set up on.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from gongkai.enterprise import rules
from gongkai.enterprise.uscc import check_character

BATCH = 5000
PROVINCES = ("35", "52", "44", "11")
TAGS = ("出口", "上市", "外资", "孵化", "军民融合")
QUALIFICATIONS = tuple(rules.QUALIFICATIONS)


def industry_code(rng: random.Random) -> str:
    """A GB/T 4754 code: mostly four digits, some coarser, some missing."""
    letter = rng.choice("CCCCIIIMFGA")  # manufacturing and software most often
    low, high = rules.SECTIONS[letter]
    digits = f"{rng.randint(low, high):02d}{rng.randint(1, 9)}{rng.randint(1, 9)}"
    roll = rng.random()
    if roll < 0.05:
        return ""
    if roll < 0.10:
        return letter + digits[:2]
    if roll < 0.20:
        return letter + digits[:3]
    return letter + digits


def region_code(rng: random.Random) -> str:
    if rng.random() < 0.03:
        return ""
    return f"{rng.choice(PROVINCES)}{rng.randint(1, 5):02d}{rng.randint(1, 12):02d}"


def make_enterprises(count: int, *, today: dt.date, seed: int = 0, progress=None) -> None:
    """``count`` enterprises; last year's figures for nine in ten (R&D for two in three of
    those), the year before for a third, a qualification for one in four."""
    from gongkai.enterprise.models import Enterprise, Qualification, YearlyFigures

    rng = random.Random(seed)
    last_year = today.year - 1
    first_id = (Enterprise.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for start in range(0, count, BATCH):
        enterprises, figures, qualifications = [], [], []
        for number in range(start, min(count, start + BATCH)):
            pk = first_id + number
            first17 = f"91{rng.choice(PROVINCES)}0100MA{number:07d}"
            enterprises.append(
                Enterprise(
                    pk=pk,
                    name=f"基准企业{number}有限公司",
                    uscc=first17 + check_character(first17),
                    industry=industry_code(rng),
                    region=region_code(rng),
                    founded=None
                    if rng.random() < 0.05
                    else today - dt.timedelta(days=rng.randint(100, 30 * 365)),
                    registered_capital=Decimal(rng.randint(10, 50_000)),
                    employees=None if rng.random() < 0.1 else rng.randint(1, 2000),
                    tags=[tag for tag in TAGS if rng.random() < 0.1],
                )
            )
            if rng.random() < 0.9:
                revenue = Decimal(round(rng.lognormvariate(7, 1.5), 2))
                rd_spend = (
                    Decimal(round(float(revenue) * rng.uniform(0, 0.15), 2))
                    if rng.random() < 0.67
                    else None
                )
                figures.append(
                    YearlyFigures(
                        enterprise_id=pk, year=last_year, revenue=revenue, rd_spend=rd_spend
                    )  # fmt: skip
                )
            if rng.random() < 0.33:
                revenue = Decimal(round(rng.lognormvariate(7, 1.5), 2))
                figures.append(YearlyFigures(enterprise_id=pk, year=last_year - 1, revenue=revenue))
            if rng.random() < 0.25:
                for kind in rng.sample(QUALIFICATIONS, rng.choice((1, 1, 1, 2))):
                    valid_from = today - dt.timedelta(days=rng.randint(0, 6 * 365))
                    valid_until = (
                        None if rng.random() < 0.2 else valid_from + dt.timedelta(days=3 * 365)
                    )
                    qualifications.append(
                        Qualification(
                            enterprise_id=pk,
                            kind=kind,
                            valid_from=valid_from,
                            valid_until=valid_until,
                        )  # fmt: skip
                    )
        Enterprise.objects.bulk_create(enterprises)
        YearlyFigures.objects.bulk_create(figures)
        Qualification.objects.bulk_create(qualifications)
        if progress:
            progress(min(count, start + BATCH))


def _leaf(rng: random.Random, clause: str) -> dict:
    kind = rng.choices(
        ("revenue", "rd_spend", "employees", "founded", "industry", "region",
         "qualification", "tags"),
        weights=(4, 3, 2, 2, 3, 3, 3, 1),
    )[0]  # fmt: skip
    condition = {"field": kind, "clause": clause}
    if kind in ("revenue", "rd_spend"):
        condition.update(op=rng.choice((">=", ">=", ">")), value=rng.choice((100, 200, 500, 2000)))
    elif kind == "employees":
        low = rng.choice((10, 20, 50))
        if rng.random() < 0.5:
            condition.update(op="between", value=[low, low * 20])
        else:
            condition.update(op="<=", value=low * 20)
    elif kind == "founded":
        condition.update(op=rng.choice(("within_years", "at_least_years")),
                         value=rng.choice((1, 2, 3, 5, 10)))  # fmt: skip
    elif kind == "industry":
        codes = []
        for _ in range(rng.randint(1, 3)):
            code = industry_code(rng) or "C"
            codes.append(code[: rng.choice((1, 3, 3, 4))])
        condition.update(op="under", value=codes)
    elif kind == "region":
        province = rng.choice(PROVINCES)
        city = f"{province}{rng.randint(1, 5):02d}"
        choices = (f"{province}0000", f"{city}00", f"{city}{rng.randint(1, 12):02d}")
        condition.update(op="in", value=rng.sample(choices, rng.randint(1, 2)))
    elif kind == "qualification":
        condition.update(op="held", value=rng.choice(QUALIFICATIONS))
    else:
        condition.update(op="has", value=rng.choice(TAGS))
    return condition


def policy_rule(rng: random.Random) -> dict:
    """``all`` of two to five conditions; one in four with an ``any`` of two inside, one in
    ten with a ``not``."""
    article = f"第{'一二三四五六七八九十'[rng.randrange(10)]}条"
    clause = iter(f"{article}（{'一二三四五六七八'[n]}）" for n in range(8))
    children = [_leaf(rng, next(clause)) for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.25:
        children.append({"any": [_leaf(rng, next(clause)), _leaf(rng, next(clause))]})
    if rng.random() < 0.1:
        children.append({"not": _leaf(rng, next(clause))})
    rule = {"all": children}
    rules.parse(rule)  # a generated rule is a valid rule
    return rule


def make_policies(count: int, *, seed: int = 0) -> list[int]:
    """``count`` active support policies under one department; their ids."""
    from gongkai.core.models import Department
    from gongkai.enterprise.models import SupportPolicy

    rng = random.Random(seed)
    department, _created = Department.objects.get_or_create(
        code="bench-kj", defaults={"name": "基准科技创新局"}
    )
    SupportPolicy.objects.bulk_create(
        [
            SupportPolicy(
                title=f"基准扶持政策{number}", department=department, rule=policy_rule(rng)
            )  # fmt: skip
            for number in range(count)
        ],
        batch_size=500,
    )
    return list(SupportPolicy.objects.order_by("pk").values_list("pk", flat=True))
