"""Verdicts explained in words, in both languages."""

import datetime as dt

import pytest
from django.utils import translation

from gongkai.enterprise import explain, rules
from gongkai.enterprise.rules import Facts

AS_OF = dt.date(2026, 6, 30)
RULE = rules.parse({"all": [
    {"field": "revenue", "op": ">=", "value": 2000, "clause": "第五条（一）"},
    {"field": "employees", "op": "<=", "value": 300},
    {"field": "founded", "op": "within_years", "value": 5},
    {"field": "industry", "op": "under", "value": ["C3911"]},
    {"field": "qualification", "op": "held", "value": "high_tech"},
    {"field": "tags", "op": "has", "value": "出口"},
]})  # fmt: skip
FACTS = Facts({"revenue:2025": 1800, "employees": 320}, industry="C39",
              qualifications={"high_tech": (dt.date(2024, 1, 1), dt.date(2026, 12, 31))})  # fmt: skip


def test_each_condition_gives_value_threshold_and_gap_in_chinese():
    with translation.override("zh-hans"):
        lines = explain.explain(RULE, FACTS, AS_OF)
    assert [line.state for line in lines] == ["not_met", "not_met", "unknown", "unknown", "met",
                                              "not_met"]  # fmt: skip
    texts = [line.text for line in lines]
    assert texts[0] == "2025年营业收入 1,800万元，要求不低于 2,000万元，差 200万元"
    assert texts[1] == "从业人数 320人，要求不高于 300人，超出 20人"
    assert texts[2] == "成立日期未填报，要求成立不超过 5 年（2021-06-30 及以后）"
    assert texts[3] == "所属行业 C39，不够细，无法判断是否属于 C3911"
    assert texts[4] == "高新技术企业：有效期 2024-01-01 至 2026-12-31，2026-06-30 有效"
    assert texts[5] == "标签“出口”：无"
    assert lines[0].as_dict()["clause"] == "第五条（一）"


def test_explanations_read_in_english():
    with translation.override("en"):
        lines = explain.explain(RULE, FACTS, AS_OF)
    assert lines[0].text == (
        "Revenue 2025 ¥18,000,000, required at least ¥20,000,000, short by ¥2,000,000"
    )
    assert lines[1].text == "Employees 320, required at most 300, over by 20"
    for line in lines:
        assert not any("\u4e00" <= char <= "\u9fff" for char in line.text.replace("出口", ""))


# Every wording, in both languages, as it read before the templates were looked up once per
# language (issue 11: the matches API's cost): a change of wording must change this table.
SUBJECTS = {
    "full": Facts(
        {"revenue:2025": 1800.0, "revenue:2024": 2600.25, "rd_spend:2025": 210.0,
         "registered_capital": 500.0, "employees": 320.0, "founded": dt.date(2019, 3, 1)},
        industry="C3911", region="350102", tags=frozenset({"出口"}),
        qualifications={"high_tech": (dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
                        "little_giant": (dt.date(2022, 1, 1), None)},
    ),
    "other": Facts(
        {"revenue:2025": 2500.0, "revenue:2024": 10.0, "rd_spend:2025": 100.0,
         "registered_capital": 1500.0, "employees": 10.0, "founded": dt.date(2024, 3, 1)},
        industry="C39", region="440305",
        qualifications={"high_tech": (dt.date(2020, 1, 1), dt.date(2023, 12, 31))},
    ),
    "empty": Facts(),
}  # fmt: skip
WORDING = [
    ({'field': 'revenue', 'op': '>=', 'value': 2000}, {
        'full': ('not_met', '2025年营业收入 1,800万元，要求不低于 2,000万元，差 200万元',
                 'Revenue 2025 ¥18,000,000, required at least ¥20,000,000, short by ¥2,000,000'),
        'other': ('met', '2025年营业收入 2,500万元，要求不低于 2,000万元',
                 'Revenue 2025 ¥25,000,000, required at least ¥20,000,000'),
        'empty': ('unknown', '2025年营业收入未填报，要求不低于 2,000万元',
                 'Revenue 2025 not given, required at least ¥20,000,000'),
    }),
    ({'field': 'revenue', 'op': '>', 'value': 2000, 'year': 2024}, {
        'full': ('met', '2024年营业收入 2,600.25万元，要求高于 2,000万元',
                 'Revenue 2024 ¥26,002,500, required above ¥20,000,000'),
        'other': ('not_met', '2024年营业收入 10万元，要求高于 2,000万元，差 1,990万元',
                 'Revenue 2024 ¥100,000, required above ¥20,000,000, short by ¥19,900,000'),
        'empty': ('unknown', '2024年营业收入未填报，要求高于 2,000万元',
                 'Revenue 2024 not given, required above ¥20,000,000'),
    }),
    ({'field': 'rd_spend', 'op': '<=', 'value': 150.5}, {
        'full': ('not_met', '2025年研发投入 210万元，要求不高于 150.5万元，超出 59.5万元',
                 'R&D spend 2025 ¥2,100,000, required at most ¥1,505,000, over by ¥595,000'),
        'other': ('met', '2025年研发投入 100万元，要求不高于 150.5万元',
                 'R&D spend 2025 ¥1,000,000, required at most ¥1,505,000'),
        'empty': ('unknown', '2025年研发投入未填报，要求不高于 150.5万元',
                 'R&D spend 2025 not given, required at most ¥1,505,000'),
    }),
    ({'field': 'registered_capital', 'op': '<', 'value': 1000}, {
        'full': ('met', '注册资本 500万元，要求低于 1,000万元',
                 'Registered capital ¥5,000,000, required below ¥10,000,000'),
        'other': ('not_met', '注册资本 1,500万元，要求低于 1,000万元，超出 500万元',
                 'Registered capital ¥15,000,000, required below ¥10,000,000, over by ¥5,000,000'),
        'empty': ('unknown', '注册资本未填报，要求低于 1,000万元',
                 'Registered capital not given, required below ¥10,000,000'),
    }),
    ({'field': 'employees', 'op': 'between', 'value': [20, 400]}, {
        'full': ('met', '从业人数 320人，要求在 20人 至 400人 之间',
                 'Employees 320, required between 20 and 400'),
        'other': ('not_met', '从业人数 10人，要求在 20人 至 400人 之间',
                 'Employees 10, required between 20 and 400'),
        'empty': ('unknown', '从业人数未填报，要求在 20人 至 400人 之间',
                 'Employees not given, required between 20 and 400'),
    }),
    ({'field': 'employees', 'op': '>=', 'value': 50}, {
        'full': ('met', '从业人数 320人，要求不低于 50人',
                 'Employees 320, required at least 50'),
        'other': ('not_met', '从业人数 10人，要求不低于 50人，差 40人',
                 'Employees 10, required at least 50, short by 40'),
        'empty': ('unknown', '从业人数未填报，要求不低于 50人',
                 'Employees not given, required at least 50'),
    }),
    ({'field': 'founded', 'op': 'within_years', 'value': 5}, {
        'full': ('not_met', '成立日期 2019-03-01，要求成立不超过 5 年（2021-06-30 及以后）',
                 'Founding date 2019-03-01, required founded at most 5 years ago (on or after 2021-06-30)'),
        'other': ('met', '成立日期 2024-03-01，要求成立不超过 5 年（2021-06-30 及以后）',
                 'Founding date 2024-03-01, required founded at most 5 years ago (on or after 2021-06-30)'),
        'empty': ('unknown', '成立日期未填报，要求成立不超过 5 年（2021-06-30 及以后）',
                 'Founding date not given, required founded at most 5 years ago (on or after 2021-06-30)'),
    }),
    ({'field': 'founded', 'op': 'at_least_years', 'value': 3}, {
        'full': ('met', '成立日期 2019-03-01，要求成立满 3 年（2023-06-30 及以前）',
                 'Founding date 2019-03-01, required founded at least 3 years ago (on or before 2023-06-30)'),
        'other': ('not_met', '成立日期 2024-03-01，要求成立满 3 年（2023-06-30 及以前）',
                 'Founding date 2024-03-01, required founded at least 3 years ago (on or before 2023-06-30)'),
        'empty': ('unknown', '成立日期未填报，要求成立满 3 年（2023-06-30 及以前）',
                 'Founding date not given, required founded at least 3 years ago (on or before 2023-06-30)'),
    }),
    ({'field': 'founded', 'op': 'on_or_after', 'value': '2020-01-01'}, {
        'full': ('not_met', '成立日期 2019-03-01，要求不早于 2020-01-01',
                 'Founding date 2019-03-01, required on or after 2020-01-01'),
        'other': ('met', '成立日期 2024-03-01，要求不早于 2020-01-01',
                 'Founding date 2024-03-01, required on or after 2020-01-01'),
        'empty': ('unknown', '成立日期未填报，要求不早于 2020-01-01',
                 'Founding date not given, required on or after 2020-01-01'),
    }),
    ({'field': 'founded', 'op': 'on_or_before', 'value': '2020-01-01'}, {
        'full': ('met', '成立日期 2019-03-01，要求不晚于 2020-01-01',
                 'Founding date 2019-03-01, required on or before 2020-01-01'),
        'other': ('not_met', '成立日期 2024-03-01，要求不晚于 2020-01-01',
                 'Founding date 2024-03-01, required on or before 2020-01-01'),
        'empty': ('unknown', '成立日期未填报，要求不晚于 2020-01-01',
                 'Founding date not given, required on or before 2020-01-01'),
    }),
    ({'field': 'industry', 'op': 'under', 'value': ['C39', 'I65']}, {
        'full': ('met', '所属行业 C3911，属于 C39、I65',
                 'Industry C3911, under C39、I65'),
        'other': ('met', '所属行业 C39，属于 C39、I65',
                 'Industry C39, under C39、I65'),
        'empty': ('unknown', '所属行业未填报，要求属于 C39、I65',
                 'Industry not given, required under C39、I65'),
    }),
    ({'field': 'industry', 'op': 'under', 'value': ['C3911']}, {
        'full': ('met', '所属行业 C3911，属于 C3911',
                 'Industry C3911, under C3911'),
        'other': ('unknown', '所属行业 C39，不够细，无法判断是否属于 C3911',
                 'Industry C39 is too coarse to tell whether it is under C3911'),
        'empty': ('unknown', '所属行业未填报，要求属于 C3911',
                 'Industry not given, required under C3911'),
    }),
    ({'field': 'region', 'op': 'in', 'value': ['350100']}, {
        'full': ('met', '注册地 350102，属于 350100',
                 'Region 350102, under 350100'),
        'other': ('not_met', '注册地 440305，不属于要求的 350100',
                 'Region 440305, not under the required 350100'),
        'empty': ('unknown', '注册地未填报，要求属于 350100',
                 'Region not given, required under 350100'),
    }),
    ({'field': 'qualification', 'op': 'held', 'value': 'high_tech'}, {
        'full': ('met', '高新技术企业：有效期 2024-01-01 至 2026-12-31，2026-06-30 有效',
                 'High-tech enterprise: valid 2024-01-01 to 2026-12-31, valid on 2026-06-30'),
        'other': ('not_met', '高新技术企业：有效期 2020-01-01 至 2023-12-31，要求在 2026-06-30 有效',
                 'High-tech enterprise: valid 2020-01-01 to 2023-12-31, required valid on 2026-06-30'),
        'empty': ('not_met', '高新技术企业：未持有，要求在 2026-06-30 持有',
                 'High-tech enterprise: not held, required on 2026-06-30'),
    }),
    ({'field': 'qualification', 'op': 'held', 'value': 'little_giant', 'at': '2026-12-31'}, {
        'full': ('met', '专精特新“小巨人”企业：有效期 2022-01-01 至 长期，2026-12-31 有效',
                 'Specialised “little giant”: valid 2022-01-01 to no expiry, valid on 2026-12-31'),
        'other': ('not_met', '专精特新“小巨人”企业：未持有，要求在 2026-12-31 持有',
                 'Specialised “little giant”: not held, required on 2026-12-31'),
        'empty': ('not_met', '专精特新“小巨人”企业：未持有，要求在 2026-12-31 持有',
                 'Specialised “little giant”: not held, required on 2026-12-31'),
    }),
    ({'field': 'tags', 'op': 'has', 'value': '出口'}, {
        'full': ('met', '标签“出口”：有',
                 'Tag “出口”: present'),
        'other': ('not_met', '标签“出口”：无',
                 'Tag “出口”: absent'),
        'empty': ('not_met', '标签“出口”：无',
                 'Tag “出口”: absent'),
    }),
]  # fmt: skip


@pytest.mark.parametrize(("condition", "expected"), WORDING)
def test_every_wording_is_unchanged_in_both_languages(condition, expected):
    node = rules.parse(condition)
    for subject, (state, chinese, english) in expected.items():
        for language, text in (("zh-hans", chinese), ("en", english)):
            with translation.override(language):
                (line,) = explain.explain(node, SUBJECTS[subject], AS_OF)
                assert (line.state, line.text) == (state, text), (subject, language)
                assert line.state_label == str(explain.STATE_LABELS[state])


def test_alike_conditions_of_several_rules_keep_their_own_clauses():
    """One explainer words a requirement once; each line still cites its own clause."""
    first = rules.parse({"field": "revenue", "op": ">=", "value": 2000, "clause": "第一条"})
    second = rules.parse({"field": "revenue", "op": ">=", "value": 2000, "clause": "第二条"})
    explainer = explain.Explainer(FACTS, AS_OF)
    lines = explainer.explain(first) + explainer.explain(second)
    assert [line.condition.clause for line in lines] == ["第一条", "第二条"]
    assert lines[0].text == lines[1].text == explain.explain(second, FACTS, AS_OF)[0].text
