"""The compiled (NumPy) matching agrees with the row-by-row evaluation, whatever the rule."""

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.enterprise import compile, rules
from gongkai.enterprise.rules import Facts, Outcome

AS_OF = dt.date(2026, 6, 30)
INDUSTRIES = ["C", "C39", "C391", "C3911", "C3912", "C38", "I", "I65", "I6510", "A0111"]
REGIONS = ["350000", "350100", "350102", "350103", "350200", "350203", "110000", "110101"]
TAGS = ["出口", "上市", "外资"]
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
amounts = st.one_of(st.none(), st.sampled_from([0, 50, 99.5, 100, 1800, 2000, 2000.01, 50000]))

facts = st.builds(
    Facts,
    values=st.fixed_dictionaries(
        {},
        optional={
            "revenue:2025": amounts.filter(lambda v: v is not None),
            "revenue:2024": amounts.filter(lambda v: v is not None),
            "rd_spend:2025": amounts.filter(lambda v: v is not None),
            "employees": st.integers(0, 500),
            "founded": dates,
        },
    ),
    industry=st.one_of(st.none(), st.sampled_from(INDUSTRIES)),
    region=st.one_of(st.none(), st.sampled_from(REGIONS)),
    qualifications=st.dictionaries(
        st.sampled_from(list(rules.QUALIFICATIONS)),
        st.tuples(dates, st.one_of(st.none(), dates)),
        max_size=3,
    ),
    tags=st.frozensets(st.sampled_from(TAGS)),
)

numbers = st.sampled_from([0, 100, 2000, 1800.5])
leaves = st.one_of(
    st.builds(lambda f, op, v: {"field": f, "op": op, "value": v},
              st.sampled_from(["revenue", "rd_spend", "employees", "registered_capital"]),
              st.sampled_from([">=", ">", "<=", "<"]), numbers),
    st.builds(lambda v, y: {"field": "revenue", "op": "between", "value": sorted(v), "year": y},
              st.lists(numbers, min_size=2, max_size=2), st.sampled_from([2024, 2025])),
    st.builds(lambda op, v: {"field": "founded", "op": op, "value": v},
              st.sampled_from(["within_years", "at_least_years"]), st.integers(0, 30)),
    st.builds(lambda op, d: {"field": "founded", "op": op, "value": d.isoformat()},
              st.sampled_from(["on_or_after", "on_or_before"]), dates),
    st.builds(lambda v: {"field": "industry", "op": "under", "value": v},
              st.lists(st.sampled_from(INDUSTRIES), min_size=1, max_size=3)),
    st.builds(lambda v: {"field": "region", "op": "in", "value": v},
              st.lists(st.sampled_from(REGIONS), min_size=1, max_size=2)),
    st.builds(lambda q, at: {"field": "qualification", "op": "held", "value": q,
                             **({"at": at.isoformat()} if at else {})},
              st.sampled_from(list(rules.QUALIFICATIONS)), st.one_of(st.none(), dates)),
    st.builds(lambda t: {"field": "tags", "op": "has", "value": t}, st.sampled_from(TAGS)),
)  # fmt: skip
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.builds(lambda c: {"all": c}, st.lists(children, min_size=1, max_size=4)),
        st.builds(lambda c: {"any": c}, st.lists(children, min_size=1, max_size=4)),
        st.builds(lambda c: {"not": c}, children),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(trees, min_size=1, max_size=3), st.lists(facts, min_size=1, max_size=40),
       dates, st.sampled_from([1, 3, 64]))  # fmt: skip
def test_compiled_matching_equals_row_by_row(tree_data, rows, as_of, chunk):
    nodes = [rules.parse(data) for data in tree_data]
    snapshot = compile.build(range(len(rows)), rows)
    for node, found in zip(nodes, compile.match_many(nodes, snapshot, as_of, chunk), strict=True):
        expected = [rules.outcome(node, row, as_of) for row in rows]
        for outcome, positions in [(Outcome.MET, found.met), (Outcome.NEAR, found.near),
                                   (Outcome.UNKNOWN, found.unknown)]:  # fmt: skip
            want = [i for i, got in enumerate(expected) if got is outcome]
            assert positions.tolist() == want, (outcome, node)


@settings(max_examples=300, deadline=None)
@given(st.lists(trees, min_size=1, max_size=6), facts, dates)
def test_a_plan_judges_one_enterprise_as_row_by_row(tree_data, row, as_of):
    """Rules sharing requirements and parts (a tree repeated, or inside another) share slots."""
    nodes = [rules.parse(data) for data in tree_data + [{"all": tree_data}, tree_data[0]]]
    expected = [rules.outcome(node, row, as_of) for node in nodes]
    assert rules.Plan(nodes).outcomes(row, as_of) == expected


def test_near_means_one_requirement_missed():
    rule = rules.parse({"all": [{"field": "employees", "op": ">=", "value": 10},
                                {"field": "tags", "op": "has", "value": "出口"}]})  # fmt: skip
    rows = [Facts({"employees": 20}, tags=frozenset({"出口"})), Facts({"employees": 5},
            tags=frozenset({"出口"})), Facts({"employees": 5}), Facts(tags=frozenset({"出口"}))]  # fmt: skip
    [found] = compile.match_many([rule], compile.build([7, 8, 9, 10], rows), AS_OF)
    assert found.met.tolist() == [0]
    assert found.near.tolist() == [1]
    assert found.unknown.tolist() == [3]
    assert np.asarray([7, 8, 9, 10])[found.near].tolist() == [8]


def test_an_all_of_more_requirements_than_a_byte_of_costs_counts():
    """Beyond MAX_COUNTED requirements an ``all`` is classified from the verdicts' sum: n - 2
    is near with one not met, unknown with two unknown."""
    steps = [{"field": "employees", "op": ">=", "value": n} for n in range(compile.MAX_COUNTED)]
    node = rules.parse({"all": [*steps, {"field": "revenue", "op": ">=", "value": 0},
                                {"field": "rd_spend", "op": ">=", "value": 0}]})  # fmt: skip
    figures = {"revenue:2025": 5, "rd_spend:2025": 5}
    rows = [Facts({"employees": 20, **figures}), Facts({"employees": 13, **figures}),
            Facts({"employees": 12, **figures}), Facts({"employees": 20}), Facts()]  # fmt: skip
    [found] = compile.match_many([node], compile.build(range(len(rows)), rows), AS_OF)
    assert (found.met.tolist(), found.near.tolist(), found.unknown.tolist()) == ([0], [1], [3, 4])
    expected = [rules.outcome(node, row, AS_OF) for row in rows]
    assert expected == [Outcome.MET, Outcome.NEAR, Outcome.NOT_MET, Outcome.UNKNOWN,
                        Outcome.UNKNOWN]  # fmt: skip
