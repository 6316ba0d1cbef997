"""Matching stored per policy, the signal for new matches, previews, imports and profiles."""

import datetime as dt
import io
from decimal import Decimal

import numpy as np
import pytest
from openpyxl import Workbook

from gongkai.enterprise import compile, imports, selectors, services
from gongkai.enterprise.models import Enterprise, ProgrammeState, Qualification, YearlyFigures
from gongkai.enterprise.rules import Outcome
from gongkai.enterprise.signals import policy_matched
from tests.enterprise.conftest import (
    LAST_YEAR,
    credit_code,
    make_enterprise,
    make_policy,
    make_programme,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def receiver(sender, enterprise, policy_ids, document_ids, **kwargs):
        calls.append((enterprise.pk, policy_ids))

    policy_matched.connect(receiver)
    yield calls
    policy_matched.disconnect(receiver)


def test_rematch_stores_outcomes_and_announces_new_matches_once(
    heard, django_capture_on_commit_callbacks
):
    rich = make_enterprise(revenue=2500)
    poor = make_enterprise(revenue=1800)
    silent = make_enterprise()
    make_enterprise(revenue=100, industry="I6510")  # misses both: not near
    policy = make_policy()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rematch() == {policy.pk: 1}
    match = policy.match
    assert match.ids("met").tolist() == [rich.pk]
    assert match.ids("near").tolist() == [poor.pk]
    assert match.ids("unknown").tolist() == [silent.pk]
    assert (match.met_count, match.near_count, match.unknown_count) == (1, 1, 1)
    assert heard == [(rich.pk, [policy.pk])]
    with django_capture_on_commit_callbacks(execute=True):
        services.rematch()
    assert heard == [(rich.pk, [policy.pk])]
    poor.figures.update(revenue=Decimal(2000))
    with django_capture_on_commit_callbacks(execute=True):
        services.rematch()
    assert heard[-1] == (poor.pk, [policy.pk])


def _columns(snap: compile.Snapshot) -> dict:
    codes = {
        f"{name}.{part}": array
        for name in ("industry", "region")
        for part, array in [
            ("precision", getattr(snap, name).precision),
            ("section", getattr(snap, name).section),
            *((f"level{n}", a) for n, a in getattr(snap, name).levels.items()),
        ]
    }
    return {
        "ids": snap.ids,
        **{f"number.{name}": array for name, array in snap.numbers.items()},
        **codes,
        **{
            f"{kind}.{n}": a
            for kind, pair in snap.qualifications.items()
            for n, a in enumerate(pair)
        },
        **{f"tag.{tag}": array for tag, array in snap.tags.items()},
    }


def test_the_snapshot_reads_from_the_database_what_facts_of_reads_of_each_enterprise():
    full = make_enterprise(
        revenue=2500, qualifications=["high_tech"], founded=dt.date(2019, 2, 28), employees=40,
        registered_capital=Decimal("500.5"), tags=["出口", "上市"], industry="C39",
    )  # fmt: skip
    YearlyFigures.objects.create(enterprise=full, year=LAST_YEAR - 1, revenue=Decimal(900),
                                 rd_spend=Decimal("12.25"))  # fmt: skip
    Qualification.objects.create(enterprise=full, kind="sme_tech", valid_from=dt.date(2023, 1, 1),
                                 valid_until=dt.date(2025, 12, 31))  # fmt: skip
    empty = make_enterprise(industry="", region="")
    saved = Enterprise.objects.filter(pk__in=[full.pk, empty.pk]).order_by("pk")
    expected = compile.build([e.pk for e in saved], [services.facts_of(e) for e in saved])
    found, wanted = _columns(services.snapshot()), _columns(expected)
    assert found.keys() == wanted.keys()
    for name, array in wanted.items():
        np.testing.assert_array_equal(found[name], array, err_msg=name)
        assert found[name].dtype == array.dtype, name


def test_saving_a_profile_rematches_on_the_worker(django_capture_on_commit_callbacks):
    policy = make_policy()
    enterprise = make_enterprise(revenue=2500, industry="C3811")
    user = make_user()
    enterprise.industry = "C3911"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_profile(enterprise=enterprise, user=user)
    policy.refresh_from_db()
    assert policy.match.ids("met").tolist() == [enterprise.pk]


def test_one_enterprise_sees_its_matches_explained_most_likely_first():
    enterprise = make_enterprise(revenue=1800)
    near = make_policy(title="差一项的政策")
    met = make_policy(title="符合的政策", rule={"field": "industry", "op": "under", "value": ["C"]})
    make_policy(title="不符合的政策", rule={"field": "industry", "op": "under", "value": ["A"]})
    make_programme(met, closes_in=3)
    verdicts = selectors.matches(enterprise)
    assert [(v.policy.pk, v.policy.title, v.outcome) for v in verdicts] == [
        (met.pk, met.title, Outcome.MET),
        (near.pk, near.title, Outcome.NEAR),
    ]
    assert verdicts[0].programme.state() == ProgrammeState.CLOSING
    assert verdicts[1].explanations[0].text.endswith("差 200万元")
    assert verdicts[1].explanations[0].condition.clause == "第五条（一）"


def test_preview_counts_without_saving():
    make_enterprise(revenue=2500)
    make_enterprise(revenue=100)
    found = services.preview({"field": "revenue", "op": ">=", "value": 2000})
    assert (found["total"], found["met"], found["near"], found["unknown"]) == (2, 1, 0, 0)
    assert found["sample"][0]["name"].startswith("测试企业")


def test_an_enterprise_editing_a_verified_value_makes_it_self_declared_again():
    enterprise = make_enterprise(employees=10)
    staff = make_user()
    services.verify(enterprise=enterprise, fields=["employees", "name"], user=staff)
    enterprise.employees = 12
    services.save_profile(enterprise=enterprise, user=staff)
    enterprise.refresh_from_db()
    assert enterprise.verified_fields == ["name"]


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_import_saves_good_rows_and_reports_bad_ones_by_row():
    make_enterprise(uscc=credit_code(900), name="旧名称")
    data = _xlsx([
        ["企业名称", "统一社会信用代码", "所属行业", "注册地", "成立日期", "从业人数", "年度",
         "营业收入（万元）"],
        ["甲公司", credit_code(900), "C3911", "350102", "2020-05-01", 30, LAST_YEAR, 2100],
        ["乙公司", "91350100MA00000019", "C3911", "350102", "", "", "", ""],
        ["丙公司", credit_code(901), "Z99", "3501", "不是日期", -1, "", ""],
        ["丁公司", credit_code(900), "C39", "350100", "", "", "", ""],
    ])  # fmt: skip
    saved, errors = services.import_enterprises(imports.read("list.xlsx", data), user=make_user())
    assert saved == 1
    assert [number for number, _ in errors] == [3, 4, 5]
    assert any("统一社会信用代码" in problem for problem in errors[0][1])
    assert len(errors[1][1]) == 4  # founding date, employees, industry, region
    assert "第 2 行" in errors[2][1][0]
    renamed = Enterprise.objects.get(uscc=credit_code(900))
    assert renamed.name == "甲公司" and renamed.employees == 30
    assert renamed.figures.get().revenue == Decimal(2100)


def test_import_reads_csv_with_english_headers():
    text = f"name,uscc,industry\n戊公司,{credit_code(902)},I6510\n"
    rows = imports.read("list.csv", text.encode())
    assert services.import_enterprises(rows, user=make_user()) == (1, [])
