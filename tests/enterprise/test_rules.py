"""Eligibility rules as data: parsing and three-valued evaluation of one enterprise."""

import datetime as dt

import pytest

from gongkai.enterprise import rules
from gongkai.enterprise.rules import Facts, Outcome

AS_OF = dt.date(2026, 6, 30)

RULE = {
    "all": [
        {"field": "revenue", "op": ">=", "value": 2000, "clause": "第五条（一）"},
        {"field": "founded", "op": "within_years", "value": 5, "clause": "第五条（二）"},
        {"field": "industry", "op": "under", "value": ["C39"], "clause": "第三条"},
    ]
}


def facts(**values):
    industry = values.pop("industry", "C3911")
    return Facts(values=values, industry=industry)


def test_met_not_met_and_unknown():
    node = rules.parse(RULE)
    good = facts(**{"revenue:2025": 2500, "founded": dt.date(2023, 1, 1)})
    assert rules.evaluate(node, good, AS_OF) is True
    poor = facts(**{"revenue:2025": 1800, "founded": dt.date(2023, 1, 1)})
    assert rules.evaluate(node, poor, AS_OF) is False
    assert rules.outcome(node, poor, AS_OF) is Outcome.NEAR
    silent = facts(**{"founded": dt.date(2023, 1, 1)})
    assert rules.evaluate(node, silent, AS_OF) is None
    assert rules.outcome(node, silent, AS_OF) is Outcome.UNKNOWN
    old_and_poor = facts(**{"revenue:2025": 1800, "founded": dt.date(2001, 1, 1)})
    assert rules.outcome(node, old_and_poor, AS_OF) is Outcome.NOT_MET


def test_yearly_figures_read_the_year_before_or_the_year_named():
    node = rules.parse({"field": "revenue", "op": ">=", "value": 100, "year": 2024})
    assert rules.evaluate(node, facts(**{"revenue:2024": 100}), AS_OF) is True
    assert rules.evaluate(node, facts(**{"revenue:2025": 100}), AS_OF) is None


def test_any_and_not_follow_three_valued_logic():
    unknown = {"field": "employees", "op": ">=", "value": 10}
    true = {"field": "industry", "op": "under", "value": ["C"]}
    false = {"field": "industry", "op": "under", "value": ["A"]}
    subject = facts()
    assert rules.evaluate(rules.parse({"any": [unknown, true]}), subject, AS_OF) is True
    assert rules.evaluate(rules.parse({"any": [unknown, false]}), subject, AS_OF) is None
    assert rules.evaluate(rules.parse({"all": [unknown, false]}), subject, AS_OF) is False
    assert rules.evaluate(rules.parse({"not": unknown}), subject, AS_OF) is None
    assert rules.evaluate(rules.parse({"not": false}), subject, AS_OF) is True


@pytest.mark.parametrize(
    ("mine", "rule", "verdict"),
    [
        ("C3911", "C39", True),
        ("C3911", "C", True),
        ("C3911", "C38", False),
        ("C39", "C3911", None),
        ("C38", "C3911", False),
        ("C", "C3911", None),
        ("I6510", "C", False),
    ],
)
def test_industry_is_hierarchical(mine, rule, verdict):
    node = rules.parse({"field": "industry", "op": "under", "value": [rule]})
    assert rules.evaluate(node, Facts(industry=mine), AS_OF) is verdict


@pytest.mark.parametrize(
    ("mine", "rule", "verdict"),
    [("350102", "350100", True), ("350102", "350000", True), ("350203", "350100", False),
     ("350100", "350102", None), ("350200", "350102", False)],
)  # fmt: skip
def test_region_is_hierarchical(mine, rule, verdict):
    node = rules.parse({"field": "region", "op": "in", "value": [rule]})
    assert rules.evaluate(node, Facts(region=mine), AS_OF) is verdict


def test_qualification_must_be_valid_at_the_date():
    node = rules.parse({"field": "qualification", "op": "held", "value": "high_tech"})
    held = Facts(qualifications={"high_tech": (dt.date(2024, 1, 1), dt.date(2026, 12, 31))})
    assert rules.evaluate(node, held, AS_OF) is True
    assert rules.evaluate(node, held, dt.date(2027, 1, 1)) is False
    assert rules.evaluate(node, Facts(), AS_OF) is False
    later = rules.parse({**{"field": "qualification", "op": "held", "value": "high_tech"},
                         "at": "2027-03-01"})  # fmt: skip
    assert rules.evaluate(later, held, AS_OF) is False


def test_founded_at_least_years_counts_from_the_date():
    node = rules.parse({"field": "founded", "op": "at_least_years", "value": 3})
    assert rules.evaluate(node, Facts({"founded": dt.date(2023, 6, 30)}), AS_OF) is True
    assert rules.evaluate(node, Facts({"founded": dt.date(2023, 7, 1)}), AS_OF) is False


@pytest.mark.parametrize(
    "bad",
    [
        {"all": []},
        {"field": "profit", "op": ">=", "value": 1},
        {"field": "revenue", "op": "under", "value": 1},
        {"field": "revenue", "op": ">=", "value": "many"},
        {"field": "industry", "op": "under", "value": ["Z99"]},
        {"field": "industry", "op": "under", "value": ["C99"]},
        {"field": "region", "op": "in", "value": ["3501"]},
        {"field": "qualification", "op": "held", "value": "famous"},
        {"field": "employees", "op": ">=", "value": 1, "year": 2024},
        {"field": "founded", "op": "within_years", "value": -1},
        [],
    ],
)
def test_malformed_rules_are_refused(bad):
    with pytest.raises(rules.RuleError):
        rules.parse(bad)
